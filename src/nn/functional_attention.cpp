// nn::functional::multi_head_attention_forward, step for step as PyTorch 1.13's
// torch.nn.functional.multi_head_attention_forward, so that eager results and traced graphs
// match (sizes read from tensors stay symbolic; math.sqrt(E) and num_heads are constants).
#include <cmath>
#include <limits>
#include <sstream>

#include "nn/functional_util.h"
#include "wick/core/warning.h"
#include "wick/nn/functional/activation.h"
#include "wick/nn/functional/attention.h"
#include "wick/nn/functional/linear.h"
#include "wick/nn/functional/normalization.h"
#include "wick/ops/functions.h"

namespace wick::nn::functional {

namespace {

using Options = MultiheadAttentionForwardOptions;
constexpr double kNegInf = -std::numeric_limits<double>::infinity();

std::string torchSize(IntArrayRef s) { return "torch.Size(" + impl::sizesText(s) + ")"; }
std::string pyTuple(std::initializer_list<int64_t> v) {
  std::string s = "(";
  size_t i = 0;
  for (int64_t e : v) s += (i++ ? ", " : "") + std::to_string(e);
  return s + ")";
}

// embed_dim // num_heads. A traced size is divided as a tensor with rounding_mode="trunc",
// which is what PyTorch records for it (embed_dim.div(num_heads, rounding_mode='trunc')).
SymInt headDim(const SymInt& embed_dim, int64_t num_heads) {
  int64_t value = embed_dim.value() / num_heads;
  if (!embed_dim.isTraced()) return value;
  Tensor t = Tensor(embed_dim.traced()).div(wrappedScalarTensor(Scalar(num_heads)), "trunc");
  return SymInt(value, t.implPtr(), embed_dim.where());
}

// (L, N, E) and (S, N, E) inputs (or unbatched (L, E)); returns whether they are batched.
bool checkShapes(const Tensor& q, const Tensor& k, const Tensor& v, const Options& o) {
  const auto& kpm = o.key_padding_mask();
  const auto& mask = o.attn_mask();
  if (q.dim() == 3) {
    WICK_CHECK(k.dim() == 3 && v.dim() == 3,
               "For batched (3-D) `query`, expected `key` and `value` to be 3-D but found ",
               k.dim(), "-D and ", v.dim(), "-D tensors respectively");
    WICK_CHECK(!kpm || kpm->dim() == 2,
               "For batched (3-D) `query`, expected `key_padding_mask` "
               "to be `None` or 2-D but found ",
               kpm ? kpm->dim() : 0, "-D tensor instead");
    WICK_CHECK(!mask || mask->dim() == 2 || mask->dim() == 3,
               "For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but "
               "found ",
               mask ? mask->dim() : 0, "-D tensor instead");
    return true;
  }
  WICK_CHECK(q.dim() == 2, "query should be unbatched 2D or batched 3D tensor but received ",
             q.dim(), "-D query tensor");
  WICK_CHECK(k.dim() == 2 && v.dim() == 2,
             "For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found ",
             k.dim(), "-D and ", v.dim(), "-D tensors respectively");
  WICK_CHECK(!kpm || kpm->dim() == 1,
             "For unbatched (2-D) `query`, expected `key_padding_mask` "
             "to be `None` or 1-D but found ",
             kpm ? kpm->dim() : 0, "-D tensor instead");
  if (mask) {
    WICK_CHECK(mask->dim() == 2 || mask->dim() == 3,
               "For unbatched (2-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but "
               "found ",
               mask->dim(), "-D tensor instead");
    if (mask->dim() == 3) {
      std::vector<int64_t> want{o.num_heads(), q.sizes().raw()[0], k.sizes().raw()[0]};
      WICK_CHECK(mask->sizes() == IntArrayRef(want), "Expected `attn_mask` shape to be ",
                 pyTuple({want[0], want[1], want[2]}), " but got ", torchSize(mask->sizes()));
    }
  }
  return false;
}

struct Projected {
  Tensor q, k, v;
};

// PyTorch's _in_projection_packed: one linear + chunk for self-attention, q and kv
// projections for encoder-decoder attention, three linears otherwise.
Projected projectPacked(const Tensor& q, const Tensor& k, const Tensor& v, const Tensor& w,
                        const std::optional<Tensor>& b) {
  if (k.is_same(v)) {
    if (q.is_same(k)) {
      std::vector<Tensor> c = nn::functional::linear(q, w, b).chunk(3, -1);
      return {c[0], c[1], c[2]};
    }
    SymInt e = q.size(-1);
    std::vector<Tensor> ws = ops::split_with_sizes(w, {e, e * 2}, 0);
    std::optional<Tensor> b_q, b_kv;
    if (b) {
      std::vector<Tensor> bs = ops::split_with_sizes(*b, {e, e * 2}, 0);
      b_q = bs[0];
      b_kv = bs[1];
    }
    // q's projection first, as PyTorch records it.
    Tensor q_proj = nn::functional::linear(q, ws[0], b_q);
    std::vector<Tensor> kv = nn::functional::linear(k, ws[1], b_kv).chunk(2, -1);
    return {q_proj, kv[0], kv[1]};
  }
  std::vector<Tensor> ws = w.chunk(3, 0);
  std::optional<Tensor> bq, bk, bv;
  if (b) {
    std::vector<Tensor> bs = b->chunk(3, 0);
    bq = bs[0];
    bk = bs[1];
    bv = bs[2];
  }
  return {nn::functional::linear(q, ws[0], bq), nn::functional::linear(k, ws[1], bk),
          nn::functional::linear(v, ws[2], bv)};
}

// PyTorch's _in_projection: separate q/k/v weights (kdim/vdim differ from embed_dim).
Projected projectSeparate(const Tensor& q, const Tensor& k, const Tensor& v, const Options& o) {
  WICK_CHECK(o.q_proj_weight(), "use_separate_proj_weight is True but q_proj_weight is None");
  WICK_CHECK(o.k_proj_weight(), "use_separate_proj_weight is True but k_proj_weight is None");
  WICK_CHECK(o.v_proj_weight(), "use_separate_proj_weight is True but v_proj_weight is None");
  std::optional<Tensor> bq, bk, bv;
  if (auto b = impl::optionalTensor(o.in_proj_bias())) {
    std::vector<Tensor> bs = b->chunk(3, 0);
    bq = bs[0];
    bk = bs[1];
    bv = bs[2];
  }
  return {nn::functional::linear(q, *o.q_proj_weight(), bq),
          nn::functional::linear(k, *o.k_proj_weight(), bk),
          nn::functional::linear(v, *o.v_proj_weight(), bv)};
}

// Checks the mask's dtype and shape and makes it 3-d ((1 or N*H), L, S).
Tensor prepareAttnMask(Tensor mask, int64_t tgt_len, int64_t src_len, int64_t bsz_heads) {
  if (mask.dtype() == kByte) {
    warn(Warning::Kind::User,
         "Byte tensor for attn_mask in nn.MultiheadAttention is deprecated. "
         "Use bool tensor instead.");
    mask = mask.to(kBool);
  } else {
    WICK_CHECK(mask.is_floating_point() || mask.dtype() == kBool,
               "Only float, byte, and bool types are supported for attn_mask, not torch.",
               mask.dtype());
  }
  if (mask.dim() == 2) {
    WICK_CHECK(mask.sizes() == IntArrayRef({tgt_len, src_len}), "The shape of the 2D attn_mask is ",
               torchSize(mask.sizes()), ", but should be ", pyTuple({tgt_len, src_len}), ".");
    return mask.unsqueeze(0);
  }
  WICK_CHECK(mask.dim() == 3, "attn_mask's dimension ", mask.dim(), " is not supported");
  WICK_CHECK(mask.sizes() == IntArrayRef({bsz_heads, tgt_len, src_len}),
             "The shape of the 3D attn_mask is ", torchSize(mask.sizes()), ", but should be ",
             pyTuple({bsz_heads, tgt_len, src_len}), ".");
  return mask;
}

// Appends one column to a mask (F.pad(mask, (0, 1))).
std::optional<Tensor> padMask(const std::optional<Tensor>& m) {
  if (!m) return m;
  return nn::functional::pad(*m, {0, 1});
}

struct State {
  Tensor q, k, v;
  std::optional<Tensor> attn_mask, key_padding_mask;
  SymInt tgt_len, bsz, embed_dim, head_dim;
  int64_t num_heads = 1;
};

// Splits q, k and v into heads: (L, N, E) -> (N * H, L, E / H), plus static_k / static_v.
void splitHeads(State& s, const Options& o) {
  Tensor q = s.q.contiguous();
  s.q = q.view({s.tgt_len, s.bsz * s.num_heads, s.head_dim}).transpose(0, 1);
  if (auto sk = impl::optionalTensor(o.static_k())) {
    int64_t want = s.bsz.value() * s.num_heads;
    WICK_CHECK(sk->sizes().raw()[0] == want, "expecting static_k.size(0) of ", want, ", but got ",
               sk->sizes().raw()[0]);
    WICK_CHECK(sk->sizes().raw()[2] == s.head_dim.value(), "expecting static_k.size(2) of ",
               s.head_dim.value(), ", but got ", sk->sizes().raw()[2]);
    s.k = *sk;
  } else {
    Tensor k = s.k.contiguous();
    s.k = k.view({k.size(0), s.bsz * s.num_heads, s.head_dim}).transpose(0, 1);
  }
  if (auto sv = impl::optionalTensor(o.static_v())) {
    int64_t want = s.bsz.value() * s.num_heads;
    WICK_CHECK(sv->sizes().raw()[0] == want, "expecting static_v.size(0) of ", want, ", but got ",
               sv->sizes().raw()[0]);
    WICK_CHECK(sv->sizes().raw()[2] == s.head_dim.value(), "expecting static_v.size(2) of ",
               s.head_dim.value(), ", but got ", sv->sizes().raw()[2]);
    s.v = *sv;
  } else {
    Tensor v = s.v.contiguous();
    s.v = v.view({v.size(0), s.bsz * s.num_heads, s.head_dim}).transpose(0, 1);
  }
}

// Appends learned bias_k / bias_v along the source sequence (before the head split).
void addBiasKV(State& s, const Options& o) {
  auto bk = impl::optionalTensor(o.bias_k());
  auto bv = impl::optionalTensor(o.bias_v());
  WICK_CHECK(static_cast<bool>(bk) == static_cast<bool>(bv),
             "multi_head_attention_forward: bias_k and bias_v must both be given or both be None");
  if (!bk) return;
  WICK_CHECK(!impl::optionalTensor(o.static_k()), "bias cannot be added to static key.");
  WICK_CHECK(!impl::optionalTensor(o.static_v()), "bias cannot be added to static value.");
  s.k = ops::cat(std::vector<Tensor>{s.k, bk->repeat({1, s.bsz, 1})}, 0);
  s.v = ops::cat(std::vector<Tensor>{s.v, bv->repeat({1, s.bsz, 1})}, 0);
  s.attn_mask = padMask(s.attn_mask);
  s.key_padding_mask = padMask(s.key_padding_mask);
}

// Appends a zero key and value for every batch and head (add_zero_attn).
void addZeroAttn(State& s) {
  SymInt bh = s.bsz * s.num_heads;
  Tensor zk = ops::zeros({bh, 1, s.head_dim}, s.k.dtype(), std::nullopt, kCPU, false);
  s.k = ops::cat(std::vector<Tensor>{s.k, zk}, 1);
  Tensor zv = ops::zeros({bh, 1, s.head_dim}, s.v.dtype(), std::nullopt, kCPU, false);
  s.v = ops::cat(std::vector<Tensor>{s.v, zv}, 1);
  s.attn_mask = padMask(s.attn_mask);
  s.key_padding_mask = padMask(s.key_padding_mask);
}

// Folds the key padding mask into the attention mask and turns a bool mask into 0 / -inf.
void mergeMasks(State& s) {
  SymInt src_len = s.k.size(1);
  if (s.key_padding_mask) {
    Tensor kpm = *s.key_padding_mask;
    WICK_CHECK(kpm.sizes() == IntArrayRef({s.bsz.value(), src_len.value()}),
               "expecting key_padding_mask shape of ", pyTuple({s.bsz.value(), src_len.value()}),
               ", but got ", torchSize(kpm.sizes()));
    kpm = kpm.view({s.bsz, 1, 1, src_len})
              .expand({-1, s.num_heads, -1, -1})
              .reshape({s.bsz * s.num_heads, 1, src_len});
    if (!s.attn_mask) {
      s.attn_mask = kpm;
    } else if (s.attn_mask->dtype() == kBool) {
      s.attn_mask = s.attn_mask->logical_or(kpm);
    } else {
      s.attn_mask = s.attn_mask->masked_fill(kpm, kNegInf);
    }
  }
  if (s.attn_mask && s.attn_mask->dtype() == kBool) {
    Tensor m = ops::zeros_like(*s.attn_mask, s.q.dtype(), std::nullopt, std::nullopt, std::nullopt,
                               std::nullopt);
    m.masked_fill_(*s.attn_mask, kNegInf);
    s.attn_mask = m;
  }
}

// Scaled dot products, softmax, dropout, weighted values and the out-projection.
std::tuple<Tensor, std::optional<Tensor>> attend(State& s, const Options& o, bool is_batched) {
  double dropout_p = o.training() ? o.dropout_p() : 0.0;
  int64_t e = s.q.sizes().raw()[2];
  Tensor q_scaled = s.q.div(Scalar(std::sqrt(static_cast<double>(e))));
  Tensor kt = s.k.transpose(-2, -1);
  Tensor weights =
      s.attn_mask ? ops::baddbmm(*s.attn_mask, q_scaled, kt, 1, 1) : ops::bmm(q_scaled, kt);
  weights = nn::functional::softmax(weights, -1);
  if (dropout_p > 0.0) weights = nn::functional::dropout(weights, dropout_p);
  Tensor out = ops::bmm(weights, s.v);
  out = out.transpose(0, 1).contiguous().view({s.tgt_len * s.bsz, s.embed_dim});
  out = nn::functional::linear(out, o.out_proj_weight(), o.out_proj_bias());
  out = out.view({s.tgt_len, s.bsz, out.size(1)});
  if (!o.need_weights()) {
    if (!is_batched) out = out.squeeze(1);
    return {out, std::nullopt};
  }
  SymInt src_len = s.k.size(1);
  weights = weights.view({s.bsz, s.num_heads, s.tgt_len, src_len});
  if (o.average_attn_weights()) {
    weights = ops::sum_dim_IntList(weights, IntArrayRef({1}), false, std::nullopt)
                  .div(Scalar(s.num_heads));
  }
  if (!is_batched) {
    out = out.squeeze(1);
    weights = weights.squeeze(0);
  }
  return {out, weights};
}

}  // namespace

std::tuple<Tensor, std::optional<Tensor>> multi_head_attention_forward(const Tensor& query,
                                                                       const Tensor& key,
                                                                       const Tensor& value,
                                                                       const Options& o) {
  bool is_batched = checkShapes(query, key, value, o);
  State s;
  s.num_heads = o.num_heads();
  s.key_padding_mask = impl::optionalTensor(o.key_padding_mask());
  Tensor q = query, k = key, v = value;
  if (!is_batched) {
    // Separate unsqueezes, as PyTorch: the projection then takes the three-linear path.
    q = query.unsqueeze(1);
    k = key.unsqueeze(1);
    v = value.unsqueeze(1);
    if (s.key_padding_mask) s.key_padding_mask = s.key_padding_mask->unsqueeze(0);
  }
  s.tgt_len = q.size(0);
  s.bsz = q.size(1);
  s.embed_dim = q.size(2);
  int64_t src_len = k.sizes().raw()[0];
  if (s.key_padding_mask) {
    DType kd = s.key_padding_mask->dtype();
    WICK_CHECK(kd == kBool || isFloatingType(kd),
               "only bool and floating types of key_padding_mask are supported");
  }
  WICK_CHECK(s.embed_dim.value() == o.embed_dim_to_check(), "was expecting embedding dimension of ",
             o.embed_dim_to_check(), ", but got ", s.embed_dim.value());
  s.head_dim = headDim(s.embed_dim, s.num_heads);
  WICK_CHECK(s.head_dim.value() * s.num_heads == s.embed_dim.value(), "embed_dim ",
             s.embed_dim.value(), " not divisible by num_heads ", s.num_heads);
  if (o.use_separate_proj_weight()) {
    IntArrayRef ks = k.sizes(), vs = v.sizes();
    WICK_CHECK(ks.slice(0, 2) == vs.slice(0, 2), "key's sequence and batch dims ",
               torchSize(ks.slice(0, 2)), " do not match value's ", torchSize(vs.slice(0, 2)));
  } else {
    WICK_CHECK(k.sizes() == v.sizes(), "key shape ", torchSize(k.sizes()),
               " does not match value shape ", torchSize(v.sizes()));
  }
  Projected p;
  if (o.use_separate_proj_weight()) {
    p = projectSeparate(q, k, v, o);
  } else {
    WICK_CHECK(impl::optionalTensor(o.in_proj_weight()),
               "use_separate_proj_weight is False but in_proj_weight is None");
    p = projectPacked(q, k, v, *o.in_proj_weight(), impl::optionalTensor(o.in_proj_bias()));
  }
  s.q = p.q, s.k = p.k, s.v = p.v;
  if (auto m = impl::optionalTensor(o.attn_mask())) {
    s.attn_mask = prepareAttnMask(*m, s.tgt_len.value(), src_len, s.bsz.value() * s.num_heads);
  }
  addBiasKV(s, o);
  splitHeads(s, o);
  if (o.add_zero_attn()) addZeroAttn(s);
  mergeMasks(s);
  return attend(s, o, is_batched);
}

}  // namespace wick::nn::functional
