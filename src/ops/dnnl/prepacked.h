// Prepared linear and convolution layers for the graph executor: built once per graph node
// from the layer's weight, bias and attributes, then run many times.
//
// What preparing buys:
//  - the weight is reordered once into the layout oneDNN's fastest kernel wants
//    (format_tag::any), instead of on every call;
//  - the oneDNN primitive is built once per input shape and reused;
//  - post-ops fuse into the kernel: a ReLU, and a residual "sum" (out = op(x) + residual, then
//    the optional ReLU), which is ResNet's conv -> add -> relu in one pass.
//
// Staleness: a prepared object keeps references to its weight and bias tensors and re-packs
// when either tensor's storage version (bumped by in-place ops such as copy_ or
// load_state_dict) or data pointer changes, so in-place edits to parameters are seen on the
// next run. Writes that bypass wick's ops (raw data_ptr() stores) must bump the version.
//
// Threading: run() is const and may be called from many threads at once on one object; the
// per-shape cache is guarded by a mutex held only for lookups and (re)packing, and packed
// weights are immutable once published.
//
// Dtypes: float32 and bfloat16 use oneDNN; other dtypes (float64, integers) run the eager
// kernels with the same semantics (post-ops applied afterwards), so callers need no dtype
// checks.
//
// Usage (executor side):
//   onednn::ConvOptions o;
//   o.stride = {2, 2}; o.padding = {3, 3};
//   onednn::PrepackedConv conv(weight, bias, o, {.relu = true});
//   Tensor y = conv.run(x);                       // relu(conv2d(x, w, b, 2, 3))
//   onednn::PrepackedConv fused(w2, b2, {}, {.relu = true, .sum = true});
//   Tensor z = fused.run(y, residual);            // relu(conv2d(y, w2, b2) + residual)
//   onednn::PrepackedLinear fc(fc_weight, fc_bias);
//   Tensor logits = fc.run(features);             // linear(features, w, b)
//   auto [w, b] = onednn::foldConvBatchNorm(conv_w, conv_b, bn_mean, bn_var, bn_w, bn_b, 1e-5);
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "ops/dnnl/engine.h"
#include "ops/kernels/conv_util.h"
#include "wick/core/tensor.h"

namespace wick::onednn {

struct ConvPrimitive;
struct MatmulPrimitive;

// Fused post-ops: `sum` adds a residual of the output's shape, then `relu` applies.
struct PostOps {
  bool relu = false;
  bool sum = false;
};

// Convolution attributes as in aten::convolution; single values apply to every spatial dim.
struct ConvOptions {
  DimVector stride{1}, padding{0}, dilation{1}, output_padding{0};
  int64_t groups = 1;
  bool transposed = false;
  bool same_padding = false;  // padding='same' (stride 1; padding is then ignored)
  // Run in and return channels-last (NHWC) even for a contiguous input, for callers that keep
  // activations channels-last between layers (2-d, non-transposed convolutions only).
  bool force_channels_last = false;
};

class PrepackedConv {
 public:
  // weight: [OC, IC/groups, k...] (transposed: [IC, OC/groups, k...]); bias: [OC] or none.
  // Raises for attributes PyTorch would reject.
  PrepackedConv(Tensor weight, std::optional<Tensor> bias, ConvOptions options = {},
                PostOps post = {});
  ~PrepackedConv();
  PrepackedConv(const PrepackedConv&) = delete;
  PrepackedConv& operator=(const PrepackedConv&) = delete;

  // The convolution of a batched (or unbatched) input, with the post-ops; `residual` is
  // required exactly when post.sum is set. The output layout follows the input's as in
  // eager conv (channels-last in, channels-last out).
  Tensor run(const Tensor& input, const std::optional<Tensor>& residual = std::nullopt) const;

  const Tensor& weight() const { return weight_; }
  const std::optional<Tensor>& bias() const { return bias_; }
  // Number of (input shape, weight version) variants currently packed.
  size_t cachedVariants() const;
  // Frees the weight once packed, for callers that keep an unpacked copy elsewhere (or can
  // make one again): afterwards only inputs of an already packed configuration may be run,
  // others raise wick::Error. No-op when a packed configuration needs the weight itself (no
  // oneDNN primitive for it).
  void releaseWeight();

 private:
  struct Variant;
  std::shared_ptr<const Variant> variantFor(const Tensor& input, IntArrayRef out_sizes,
                                            bool channels_last) const;

  Tensor weight_;
  std::optional<Tensor> bias_;
  conv::ConvArgs args_;
  bool force_channels_last_ = false;
  bool released_ = false;
  PostOps post_;
  mutable std::mutex mutex_;
  mutable std::list<std::pair<Key, std::shared_ptr<const Variant>>> variants_;
};

class PrepackedLinear {
 public:
  // weight: [N, K]; bias: [N] or none.
  PrepackedLinear(Tensor weight, std::optional<Tensor> bias, PostOps post = {});
  ~PrepackedLinear();
  PrepackedLinear(const PrepackedLinear&) = delete;
  PrepackedLinear& operator=(const PrepackedLinear&) = delete;

  // linear(input, weight, bias) for input [..., K], with the post-ops; `residual` has the
  // output's shape and is required exactly when post.sum is set.
  Tensor run(const Tensor& input, const std::optional<Tensor>& residual = std::nullopt) const;

  const Tensor& weight() const { return weight_; }
  const std::optional<Tensor>& bias() const { return bias_; }
  size_t cachedVariants() const;

 private:
  struct Variant;
  std::shared_ptr<const Variant> variantFor(int64_t m) const;

  Tensor weight_;
  std::optional<Tensor> bias_;
  PostOps post_;
  mutable std::mutex mutex_;
  mutable std::list<std::pair<Key, std::shared_ptr<const Variant>>> variants_;
};

// Folds an eval-mode batch norm that follows a convolution into the convolution's weight and
// bias: w' = w * s, b' = (b - mean) * s + beta with s = gamma / sqrt(var + eps) per output
// channel (gamma = 1, beta = 0 when absent). Returns new tensors of the weight's dtype.
// Transposed convolutions are supported with groups == 1.
std::pair<Tensor, Tensor> foldConvBatchNorm(const Tensor& conv_weight,
                                            const std::optional<Tensor>& conv_bias,
                                            const Tensor& bn_running_mean,
                                            const Tensor& bn_running_var,
                                            const std::optional<Tensor>& bn_weight,
                                            const std::optional<Tensor>& bn_bias, double eps,
                                            bool transposed = false);

}  // namespace wick::onednn
