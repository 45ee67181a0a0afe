// The fused eval-mode attention paths nn.MultiheadAttention and nn.TransformerEncoderLayer
// take in PyTorch 1.13: _native_multi_head_attention and _transformer_encoder_layer_fwd.
// Mask semantics are 1.13's CPU ones: mask_type 1 is a [B, L] key-padding mask, 2 a mask of
// the full [B, heads, L, L] score shape; True (or non-zero) masks a position; a row with
// every key masked comes out NaN.
#include <cmath>
#include <limits>
#include <vector>

#include "core/bool_bytes.h"
#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/dnnl/gemm.h"
#include "ops/kernels/linalg_util.h"
#include "ops/parallel.h"
#include "wick/core/warning.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace {

using dense::shapeOf;
using dense::sizeAt;

struct Mha {
  int64_t b, t, d, heads, dh;
};

void checkMha(const Tensor& query, const Tensor& key, const Tensor& value, int64_t embed_dim,
              int64_t num_head, const Tensor& qkv_weight, const Tensor& qkv_bias,
              std::string_view op) {
  WICK_CHECK(query.dim() == 3, op, ": expected 3-D `query`, got ", query.dim(), "-D tensor");
  WICK_CHECK(sizeAt(query, 2) == embed_dim, op, ": passed-in embed_dim ", embed_dim,
             " didn't match last dim of query ", sizeAt(query, 2));
  WICK_CHECK(key.dim() == 3, op, ": expected 3-D `key`, got ", key.dim(), "-D tensor");
  WICK_CHECK(value.dim() == 3, op, ": expected 3-D `value`, got ", value.dim(), "-D tensor");
  WICK_CHECK(shapeOf(query) == shapeOf(key) && shapeOf(key) == shapeOf(value), op,
             ": expected `query`/`key`/`value` shapes to match");
  WICK_CHECK(qkv_weight.dim() == 2, op, ": expected 2-D `qkv_weight`, got ", qkv_weight.dim(),
             "-D tensor");
  WICK_CHECK(sizeAt(qkv_weight, 0) == 3 * embed_dim, op,
             ": expected `qkv_weight` first dim to be 3x embed_dim");
  WICK_CHECK(sizeAt(qkv_weight, 1) == embed_dim, op,
             ": expected `qkv_weight` second dim to be embed_Dim");
  WICK_CHECK(qkv_bias.dim() == 1, op, ": expected 1-D `qkv_bias`, got ", qkv_bias.dim(),
             "-D tensor");
  WICK_CHECK(sizeAt(qkv_bias, 0) == 3 * embed_dim, op,
             ": expected `qkv_bias` first dim and first dim of query to be equal");
  WICK_CHECK(num_head > 0 && embed_dim % num_head == 0, op,
             ": `embed_dim` must divide evenly by `num_heads`");
  WICK_CHECK(isFloatingType(query.dtype()), op, ": expected a floating point query, got ",
             query.dtype());
}

// [B*T, rows of W] = x [B*T, D] @ W[r0:r0+n]^T (+ bias[r0:r0+n]).
Tensor projectRows(const Tensor& x2d, const Tensor& w, int64_t r0, int64_t n,
                   const std::optional<Tensor>& bias) {
  Tensor ws = dense::narrowed(w, 0, r0, n);
  std::optional<Tensor> bs;
  if (bias) bs = dense::narrowed(*bias, 0, r0, n);
  if (bs) return kernels::addmm(*bs, x2d, dense::transposed(ws, 0, 1), 1, 1);
  return linalg::mmImpl(x2d, dense::transposed(ws, 0, 1), "aten::_native_multi_head_attention");
}

// The boolean mask as [B, heads, T, T] expanded, or nothing; checks its type and shape.
std::optional<Tensor> scoresMask(const std::optional<Tensor>& mask,
                                 std::optional<int64_t> mask_type, const Mha& m,
                                 std::string_view op) {
  if (!mask || !mask->defined()) return std::nullopt;
  WICK_CHECK(mask_type.has_value(), op, ": Mask Type should be defined");
  int64_t type = *mask_type;
  WICK_CHECK(type == 0 || type == 1 || type == 2, op,
             ": Mask Type should be 0 (src_mask) or 1 (src_key_padding_mask), or 2 (default_mask)");
  WICK_CHECK(type != 0, op, ": src_mask not currently supported on CPU");
  Tensor mb = *mask;
  if (mb.dtype() != kBool) {
    warn(Warning::Kind::User,
         "Converting mask without torch.bool dtype to bool; this will negatively affect "
         "performance. Prefer to use a boolean mask directly.");
    mb = dense::contiguousAs(mb, kBool);
  }
  DimVector full{m.b, m.heads, m.t, m.t};
  if (type == 1) {
    WICK_CHECK(mb.dim() == 2 && sizeAt(mb, 0) == m.b && sizeAt(mb, 1) == m.t, op,
               ": expected a key padding mask of shape [", m.b, ", ", m.t, "], got ", shapeOf(mb));
    return dense::expanded(dense::viewAs(dense::contiguous(mb), {m.b, 1, 1, m.t}), full);
  }
  WICK_CHECK(shapeOf(mb) == IntArrayRef(full), op, ": Mask shape should match input shape");
  return mb;
}

// Softmax over the last dim of `s` ([rows, L] contiguous, float/double) skipping masked
// entries; a fully masked row becomes NaN (0 / 0), as in PyTorch.
template <class C>
void maskedSoftmaxRows(C* s, int64_t rows, int64_t len, const Tensor* mask4) {
  parallelFor(
      0, rows, std::max<int64_t>(1, 8192 / std::max<int64_t>(len, 1)), [&](int64_t r0, int64_t r1) {
        std::vector<bool> masked(static_cast<size_t>(len), false);
        for (int64_t r = r0; r < r1; ++r) {
          C* row = s + r * len;
          if (mask4) {
            // Row r of the [B, H, T, T] scores is (b, h, i) with r = (b * H + h) * T + i.
            IntArrayRef ms = mask4->strides(), sz = shapeOf(*mask4);
            int64_t i = r % sz[2], bh = r / sz[2], h = bh % sz[1], b = bh / sz[1];
            const bool* mp =
                static_cast<const bool*>(mask4->data_ptr()) + b * ms[0] + h * ms[1] + i * ms[2];
            for (int64_t j = 0; j < len; ++j) masked[j] = loadBool(mp + j * ms[3]);
          }
          C mx = -std::numeric_limits<C>::infinity();
          for (int64_t j = 0; j < len; ++j)
            if (!masked[j]) mx = std::max(mx, row[j]);
          C sum = 0;
          for (int64_t j = 0; j < len; ++j) {
            row[j] = masked[j] ? C(0) : std::exp(row[j] - mx);
            sum += row[j];
          }
          for (int64_t j = 0; j < len; ++j) row[j] = masked[j] ? C(0) / sum : row[j] / sum;
        }
      });
}

struct Qkv {
  Tensor q, k, v;  // [B*T, D] each, possibly column slices of one [B*T, 3D] tensor
};

// The input projections (one GEMM for self-attention, as PyTorch's qkv_projection).
Qkv projectQkv(const Tensor& query, const Tensor& key, const Tensor& value, const Tensor& w,
               const Tensor& bias, const Mha& m, DType cd) {
  auto flat = [&](const Tensor& x) {
    return dense::reshape(dense::contiguousAs(x, cd), {m.b * m.t, m.d});
  };
  if (query.is_same(key) && key.is_same(value)) {
    Tensor qkv = projectRows(flat(query), w, 0, 3 * m.d, bias);
    return {dense::narrowed(qkv, 1, 0, m.d), dense::narrowed(qkv, 1, m.d, m.d),
            dense::narrowed(qkv, 1, 2 * m.d, m.d)};
  }
  return {projectRows(flat(query), w, 0, m.d, bias), projectRows(flat(key), w, m.d, m.d, bias),
          projectRows(flat(value), w, 2 * m.d, m.d, bias)};
}

// Per (batch, head): scores = softmax((q / sqrt(dh)) @ k^T) into `scores` [B, H, T, T], and
// ctx[:, head block] = scores @ v into `ctx` [B*T, D]. Heads are column blocks of q, k, v.
template <class C>
void attend(const Qkv& x, const Mha& m, const Tensor* mask4, const Tensor& scores,
            const Tensor& ctx) {
  DType cd = dtypeOf<C>;
  C inv = C(1) / std::sqrt(static_cast<C>(m.dh));
  int64_t ld_q = x.q.strides()[0], ld_k = x.k.strides()[0], ld_v = x.v.strides()[0];
  C* sp = static_cast<C*>(scores.data_ptr());
  parallelFor(0, m.b * m.heads, 1, [&](int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; ++p) {
      int64_t b = p / m.heads, h = p % m.heads;
      const C* qp = static_cast<const C*>(x.q.data_ptr()) + b * m.t * ld_q + h * m.dh;
      const C* kp = static_cast<const C*>(x.k.data_ptr()) + b * m.t * ld_k + h * m.dh;
      dense::gemm(cd, m.t, m.t, m.dh, inv, dense::MatRef{qp, ld_q, 1}, dense::MatRef{kp, 1, ld_k},
                  0, sp + p * m.t * m.t, m.t);
    }
  });
  maskedSoftmaxRows<C>(sp, m.b * m.heads * m.t, m.t, mask4);
  parallelFor(0, m.b * m.heads, 1, [&](int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; ++p) {
      int64_t b = p / m.heads, h = p % m.heads;
      const C* vp = static_cast<const C*>(x.v.data_ptr()) + b * m.t * ld_v + h * m.dh;
      C* cp = static_cast<C*>(ctx.data_ptr()) + b * m.t * m.d + h * m.dh;
      dense::gemm(cd, m.t, m.dh, m.t, 1, dense::MatRef{sp + p * m.t * m.t, m.t, 1},
                  dense::MatRef{vp, ld_v, 1}, 0, cp, m.d);
    }
  });
}

// The attention weights averaged over heads: [B, H, T, T] -> [B, T, T].
Tensor averageHeads(const Tensor& scores, const Mha& m) {
  Tensor avg = emptyTensor({m.b, m.t, m.t}, scores.dtype());
  dense::visitFloatDouble(scores.dtype(), "attention", [&](auto tag) {
    using C = typename decltype(tag)::type;
    const C* sp = static_cast<const C*>(scores.data_ptr());
    C* ap = static_cast<C*>(avg.data_ptr());
    int64_t tt = m.t * m.t;
    for (int64_t b = 0; b < m.b; ++b)
      for (int64_t i = 0; i < tt; ++i) {
        C s = 0;
        for (int64_t h = 0; h < m.heads; ++h) s += sp[(b * m.heads + h) * tt + i];
        ap[b * tt + i] = s / static_cast<C>(m.heads);
      }
  });
  return avg;
}

std::tuple<Tensor, Tensor> multiHeadAttention(
    const Tensor& query, const Tensor& key, const Tensor& value, int64_t embed_dim,
    int64_t num_head, const Tensor& qkv_weight, const Tensor& qkv_bias, const Tensor& proj_weight,
    const Tensor& proj_bias, const std::optional<Tensor>& mask, bool need_weights, bool average,
    std::optional<int64_t> mask_type, std::string_view op) {
  checkMha(query, key, value, embed_dim, num_head, qkv_weight, qkv_bias, op);
  Mha m{sizeAt(query, 0), sizeAt(query, 1), embed_dim, num_head, embed_dim / num_head};
  if (m.b * m.t * m.d == 0) return {emptyTensor(shapeOf(query), query.dtype()), Tensor()};
  std::optional<Tensor> mask4 = scoresMask(mask, mask_type, m, op);
  // float16/bfloat16 compute in float32.
  DType dt = query.dtype(), cd = dt == kDouble ? kDouble : kFloat;
  Qkv x = projectQkv(query, key, value, dense::contiguousAs(qkv_weight, cd),
                     dense::contiguousAs(qkv_bias, cd), m, cd);
  Tensor scores = emptyTensor({m.b, m.heads, m.t, m.t}, cd);
  Tensor ctx = emptyTensor({m.b * m.t, m.d}, cd);
  dense::visitFloatDouble(cd, "attention", [&](auto tag) {
    attend<typename decltype(tag)::type>(x, m, mask4 ? &*mask4 : nullptr, scores, ctx);
  });
  Tensor proj = kernels::addmm(dense::contiguousAs(proj_bias, cd), ctx,
                               dense::transposed(dense::contiguousAs(proj_weight, cd), 0, 1), 1, 1);
  Tensor out = dense::viewAs(dense::contiguousAs(proj, dt), {m.b, m.t, m.d});
  if (!need_weights) return {out, Tensor()};
  return {out, dense::contiguousAs(average ? averageHeads(scores, m) : scores, dt)};
}

}  // namespace

namespace kernels {

Tensor2 _native_multi_head_attention(const Tensor& query, const Tensor& key, const Tensor& value,
                                     int64_t embed_dim, int64_t num_head, const Tensor& qkv_weight,
                                     const Tensor& qkv_bias, const Tensor& proj_weight,
                                     const Tensor& proj_bias, const std::optional<Tensor>& mask,
                                     bool need_weights, bool average_attn_weights,
                                     std::optional<int64_t> mask_type) {
  return multiHeadAttention(query, key, value, embed_dim, num_head, qkv_weight, qkv_bias,
                            proj_weight, proj_bias, mask, need_weights, average_attn_weights,
                            mask_type, "aten::_native_multi_head_attention");
}

}  // namespace kernels

}  // namespace wick
