#include "ops/dnnl/prepacked.h"

#include <cmath>

#include "ops/dnnl/conv.h"
#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/dnnl/matmul.h"
#include "ops/kernels/linalg_util.h"
#include "ops/parallel.h"

namespace wick::onednn {

namespace {

using dense::shapeOf;
using dense::sizeAt;

constexpr size_t kMaxVariants = 8;

// The identity of a tensor's contents as far as packing is concerned.
struct Stamp {
  const void* data = nullptr;
  uint32_t version = 0;
  static Stamp of(const Tensor& t) { return {t.data_ptr(), t._version()}; }
  static Stamp of(const std::optional<Tensor>& t) { return t ? of(*t) : Stamp{}; }
  bool operator==(const Stamp& o) const { return data == o.data && version == o.version; }
};

// out = relu(out + residual) per `post`, for a dense `out` of any layout (the eager
// fallback path).
void applyPostOps(const Tensor& out, const std::optional<Tensor>& residual, const PostOps& post) {
  Tensor res;
  if (post.sum) {
    // The residual in out's memory order, so both can be walked linearly.
    res = dense::asStrided(emptyTensor({out.impl()->numel()}, out.dtype()), shapeOf(out),
                           out.strides(), 0);
    dense::copyInto(res, *residual);
  }
  int64_t n = out.impl()->numel();
  // Dense tensors start at their lowest address: the data pointer, for the layouts here.
  dense::visitDType(out.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<T, bool>) {
      using C = dense::compute_t<T>;
      T* o = static_cast<T*>(out.data_ptr());
      const T* r = post.sum ? static_cast<const T*>(res.data_ptr()) : nullptr;
      parallelFor(0, n, 32768, [&](int64_t i0, int64_t i1) {
        for (int64_t i = i0; i < i1; ++i) {
          C v = C(o[i]);
          if (r) v = v + C(r[i]);
          if (post.relu && v < C(0)) v = C(0);
          o[i] = T(v);
        }
      });
    }
  });
}

void checkResidual(const PostOps& post, const std::optional<Tensor>& residual,
                   IntArrayRef out_sizes, std::string_view op) {
  WICK_CHECK(post.sum == residual.has_value(), op,
             post.sum ? ": a residual is required for the fused sum"
                      : ": a residual was given but the layer has no fused sum");
  if (residual) {
    WICK_CHECK(shapeOf(*residual) == out_sizes, op, ": residual of shape ", shapeOf(*residual),
               " does not match the output shape ", out_sizes);
  }
}

conv::ConvArgs argsFrom(const Tensor& weight, const ConvOptions& o) {
  constexpr std::string_view op = "PrepackedConv";
  WICK_CHECK(weight.dim() >= 3 && weight.dim() <= 5, op,
             ": expected a 3-d to 5-d convolution weight, got ", shapeOf(weight));
  int64_t spatial = weight.dim() - 2;
  conv::ConvArgs a =
      conv::makeArgs(spatial, o.stride, o.same_padding ? IntArrayRef{0} : IntArrayRef(o.padding),
                     o.dilation, o.transposed, o.output_padding, o.groups, op);
  if (o.same_padding) {
    WICK_CHECK(!o.transposed, op, ": padding='same' is not supported for transposed convolutions");
    for (int64_t s : a.stride) {
      WICK_CHECK(s == 1, op, ": padding='same' is not supported for strided convolutions");
    }
    for (size_t i = 0; i < a.pad_l.size(); ++i) {
      int64_t total = a.dilation[i] * (sizeAt(weight, static_cast<int64_t>(i) + 2) - 1);
      a.pad_l[i] = total / 2;
      a.pad_r[i] = total - total / 2;
    }
  }
  return a;
}

std::optional<Tensor> definedOrNone(std::optional<Tensor> t) {
  return t && t->defined() ? t : std::nullopt;
}

}  // namespace

// ---- PrepackedConv ----

struct PrepackedConv::Variant {
  ConvConfig cfg;
  std::shared_ptr<const ConvPrimitive> prim;  // null: oneDNN cannot run this configuration
  Tensor packed;
  std::optional<Tensor> bias_f32;
  Stamp weight_stamp, bias_stamp;
};

PrepackedConv::PrepackedConv(Tensor weight, std::optional<Tensor> bias, ConvOptions options,
                             PostOps post)
    : weight_(std::move(weight)),
      bias_(definedOrNone(std::move(bias))),
      args_(argsFrom(weight_, options)),
      force_channels_last_(options.force_channels_last && weight_.dim() == 4 &&
                           !options.transposed),
      post_(post) {}

PrepackedConv::~PrepackedConv() = default;

size_t PrepackedConv::cachedVariants() const {
  std::lock_guard<std::mutex> g(mutex_);
  return variants_.size();
}

std::shared_ptr<const PrepackedConv::Variant> PrepackedConv::variantFor(const Tensor& input,
                                                                        IntArrayRef out_sizes,
                                                                        bool channels_last) const {
  ConvConfig cfg =
      conv::oneDnnConfig(input, weight_, bias_.has_value(), args_, out_sizes, channels_last);
  cfg.sum = post_.sum;
  cfg.relu = post_.relu;
  Key key = cfg.key();
  std::lock_guard<std::mutex> g(mutex_);
  if (released_) {
    for (const auto& [k, v] : variants_) {
      if (k == key) return v;
    }
    WICK_FAIL("PrepackedConv: the weight was released after packing, and input ", shapeOf(input),
              " needs a configuration that was not packed");
  }
  Stamp ws = Stamp::of(weight_), bs = Stamp::of(bias_);
  for (auto it = variants_.begin(); it != variants_.end(); ++it) {
    if (!(it->first == key)) continue;
    if (it->second->weight_stamp == ws && it->second->bias_stamp == bs) {
      variants_.splice(variants_.begin(), variants_, it);
      return it->second;
    }
    variants_.erase(it);  // stale: the weight or bias changed in place
    break;
  }
  auto v = std::make_shared<Variant>();
  v->cfg = cfg;
  v->prim = convPrimitive(cfg);
  if (v->prim) v->packed = packConvWeight(*v->prim, cfg, weight_);
  if (bias_) v->bias_f32 = dense::cloneContiguous(dense::contiguousAs(*bias_, kFloat));
  v->weight_stamp = ws;
  v->bias_stamp = bs;
  variants_.emplace_front(std::move(key), v);
  if (variants_.size() > kMaxVariants) variants_.pop_back();
  return v;
}

void PrepackedConv::releaseWeight() {
  std::lock_guard<std::mutex> g(mutex_);
  if (released_ || variants_.empty()) return;
  for (const auto& [k, v] : variants_) {
    if (!v->prim) return;
  }
  // Shape and dtype checks still read the weight's metadata: keep them on a one-element
  // tensor expanded to the weight's shape.
  weight_ = dense::asStrided(emptyTensor({1}, weight_.dtype()), shapeOf(weight_),
                             DimVector(static_cast<size_t>(weight_.dim()), 0), 0);
  released_ = true;
}

Tensor PrepackedConv::run(const Tensor& input, const std::optional<Tensor>& residual) const {
  constexpr std::string_view op = "PrepackedConv";
  bool unbatched = input.dim() == weight_.dim() - 1;
  Tensor x = unbatched ? dense::unsqueezed(input, 0) : input;
  DimVector out_sizes = conv::checkShapes(x, weight_, bias_, args_, op);
  DimVector user_sizes(out_sizes);
  if (unbatched) user_sizes.erase(0);
  checkResidual(post_, residual, user_sizes, op);
  std::optional<Tensor> res;
  if (residual) res = unbatched ? dense::unsqueezed(*residual, 0) : *residual;
  bool cl = (force_channels_last_ && x.dim() == 4) || conv::channelsLastOutput(x, weight_, args_);
  bool onednn_ok = computes(x.dtype()) && x.dtype() == weight_.dtype() &&
                   (!bias_ || bias_->dtype() == x.dtype()) && dense::product(out_sizes) > 0 &&
                   sizeAt(x, 1) > 0;
  std::shared_ptr<const Variant> v;
  if (onednn_ok) v = variantFor(x, out_sizes, cl);
  Tensor out;
  if (v && v->prim) {
    Tensor xin = cl ? dense::channelsLast(x) : dense::contiguous(x);
    out = dense::emptyWithFormat(out_sizes, x.dtype(), cl);
    if (res) dense::copyInto(out, *res);
    runConv(*v->prim, v->cfg, xin, v->packed, v->bias_f32, out);
  } else {
    WICK_CHECK(!released_, op, ": the weight was released after packing, and input ",
               shapeOf(input), " cannot use the packed configuration");
    out = conv::convolution(x, weight_, bias_, args_, op);
    applyPostOps(out, res, post_);
    if (cl) out = dense::channelsLast(out);
  }
  return unbatched ? dense::squeezed(out, 0) : out;
}

// ---- PrepackedLinear ----

struct PrepackedLinear::Variant {
  MatmulConfig cfg;
  std::shared_ptr<const MatmulPrimitive> prim;
  Tensor packed;
  std::optional<Tensor> bias_f32;
  Stamp weight_stamp, bias_stamp;
};

PrepackedLinear::PrepackedLinear(Tensor weight, std::optional<Tensor> bias, PostOps post)
    : weight_(std::move(weight)), bias_(definedOrNone(std::move(bias))), post_(post) {
  constexpr std::string_view op = "PrepackedLinear";
  WICK_CHECK(weight_.dim() == 2, op, ": expected a 2-d weight [out_features, in_features], got ",
             shapeOf(weight_));
  if (bias_) {
    WICK_CHECK(bias_->dim() == 1 && sizeAt(*bias_, 0) == sizeAt(weight_, 0), op,
               ": expected a bias of shape [", sizeAt(weight_, 0), "], got ", shapeOf(*bias_));
  }
}

PrepackedLinear::~PrepackedLinear() = default;

size_t PrepackedLinear::cachedVariants() const {
  std::lock_guard<std::mutex> g(mutex_);
  return variants_.size();
}

std::shared_ptr<const PrepackedLinear::Variant> PrepackedLinear::variantFor(int64_t m) const {
  MatmulConfig cfg;
  cfg.m = m;
  cfg.n = sizeAt(weight_, 0);
  cfg.k = sizeAt(weight_, 1);
  cfg.dtype = weight_.dtype();
  cfg.has_bias = bias_.has_value();
  cfg.sum = post_.sum;
  cfg.relu = post_.relu;
  Key key = cfg.key();
  std::lock_guard<std::mutex> g(mutex_);
  Stamp ws = Stamp::of(weight_), bs = Stamp::of(bias_);
  for (auto it = variants_.begin(); it != variants_.end(); ++it) {
    if (!(it->first == key)) continue;
    if (it->second->weight_stamp == ws && it->second->bias_stamp == bs) {
      variants_.splice(variants_.begin(), variants_, it);
      return it->second;
    }
    variants_.erase(it);
    break;
  }
  auto v = std::make_shared<Variant>();
  v->cfg = cfg;
  v->prim = matmulPrimitive(cfg);
  if (v->prim) v->packed = packMatmulWeight(*v->prim, weight_);
  if (bias_) {
    v->bias_f32 =
        dense::viewAs(dense::cloneContiguous(dense::contiguousAs(*bias_, kFloat)), {1, cfg.n});
  }
  v->weight_stamp = ws;
  v->bias_stamp = bs;
  variants_.emplace_front(std::move(key), v);
  if (variants_.size() > kMaxVariants) variants_.pop_back();
  return v;
}

Tensor PrepackedLinear::run(const Tensor& input, const std::optional<Tensor>& residual) const {
  constexpr std::string_view op = "PrepackedLinear";
  int64_t n = sizeAt(weight_, 0), k = sizeAt(weight_, 1);
  WICK_CHECK(input.dim() >= 1 && sizeAt(input, input.dim() - 1) == k, op,
             ": mat1 and mat2 shapes cannot be multiplied (", dense::shapeX(shapeOf(input)),
             " and ", k, "x", n, ")");
  DimVector out_sizes(shapeOf(input).slice(0, static_cast<size_t>(input.dim() - 1)));
  out_sizes.push_back(n);
  checkResidual(post_, residual, out_sizes, op);
  int64_t m =
      k == 0 ? dense::product(out_sizes) / std::max<int64_t>(n, 1) : input.impl()->numel() / k;
  bool onednn_ok = computes(input.dtype()) && input.dtype() == weight_.dtype() &&
                   (!bias_ || bias_->dtype() == input.dtype()) && m > 0 && n > 0 && k > 0;
  std::shared_ptr<const Variant> v;
  if (onednn_ok) v = variantFor(m);
  if (!v || !v->prim) {
    Tensor out = linalg::linearImpl(input, weight_, bias_, op);
    applyPostOps(out, residual, post_);
    return out;
  }
  Tensor src = dense::reshape(input, {m, k});
  Tensor out = emptyTensor({m, n}, input.dtype());
  if (residual) dense::copyInto(dense::viewAs(out, out_sizes), *residual);
  runMatmul(*v->prim, v->cfg, src, v->packed, v->bias_f32, out);
  return dense::viewAs(out, out_sizes);
}

// ---- conv + batch norm folding ----

std::pair<Tensor, Tensor> foldConvBatchNorm(const Tensor& conv_weight,
                                            const std::optional<Tensor>& conv_bias,
                                            const Tensor& bn_running_mean,
                                            const Tensor& bn_running_var,
                                            const std::optional<Tensor>& bn_weight,
                                            const std::optional<Tensor>& bn_bias, double eps,
                                            bool transposed) {
  constexpr std::string_view op = "foldConvBatchNorm";
  WICK_CHECK(conv_weight.dim() >= 3, op, ": expected a convolution weight, got ",
             shapeOf(conv_weight));
  WICK_CHECK(isFloatingType(conv_weight.dtype()), op, ": expected a floating point weight, got ",
             conv_weight.dtype());
  int64_t oc = sizeAt(conv_weight, transposed ? 1 : 0);
  auto values = [&](const std::optional<Tensor>& t, double fill, const char* what) {
    if (!t || !t->defined()) return std::vector<double>(static_cast<size_t>(oc), fill);
    WICK_CHECK(t->impl()->numel() == oc, op, ": expected ", what, " with ", oc, " elements, got ",
               shapeOf(*t));
    return dense::contiguousAs(*t, kDouble).to_vector<double>();
  };
  std::vector<double> mean = values(bn_running_mean, 0, "running_mean");
  std::vector<double> var = values(bn_running_var, 1, "running_var");
  std::vector<double> gamma = values(bn_weight, 1, "weight"), beta = values(bn_bias, 0, "bias");
  std::vector<double> b = values(conv_bias, 0, "conv bias");
  std::vector<double> scale(static_cast<size_t>(oc)), new_bias(static_cast<size_t>(oc));
  for (int64_t c = 0; c < oc; ++c) {
    scale[c] = gamma[c] / std::sqrt(var[c] + eps);
    new_bias[c] = (b[c] - mean[c]) * scale[c] + beta[c];
  }
  IntArrayRef ws = shapeOf(conv_weight);
  int64_t inner = dense::product(ws.slice(2));
  auto toTensor = [&](const std::vector<double>& v, IntArrayRef shape) {
    Tensor t = emptyTensor({static_cast<int64_t>(v.size())}, kDouble);
    std::copy(v.begin(), v.end(), static_cast<double*>(t.data_ptr()));
    return dense::viewAs(dense::contiguousAs(t, conv_weight.dtype()), shape);
  };
  // The channel of element i (rows run over dims 0 and 1).
  auto channel = [&](int64_t i) {
    int64_t row = i / inner;
    return transposed ? row % ws[1] : row / ws[1];
  };
  if (conv_weight.dtype() == kFloat) {
    // Scaled straight into the result, without double-precision copies of a large weight.
    Tensor src = dense::contiguous(conv_weight);
    Tensor out = emptyTensor(ws, kFloat);
    const float* in = static_cast<const float*>(src.data_ptr());
    float* o = static_cast<float*>(out.data_ptr());
    int64_t n = src.impl()->numel();
    for (int64_t i = 0; i < n; ++i) o[i] = static_cast<float>(in[i] * scale[channel(i)]);
    return {out, toTensor(new_bias, {oc})};
  }
  std::vector<double> w = dense::contiguousAs(conv_weight, kDouble).to_vector<double>();
  for (size_t i = 0; i < w.size(); ++i) w[i] *= scale[channel(static_cast<int64_t>(i))];
  return {toTensor(w, ws), toTensor(new_bias, {oc})};
}

}  // namespace wick::onednn
