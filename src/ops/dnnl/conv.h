// oneDNN (de)convolution primitives for float32 and bfloat16, built once per configuration
// and cached. A configuration fixes the input shape and layout, the weight shape, the
// convolution parameters and the fused post-ops.
//
// Layouts: a channels-last (NHWC) input runs directly in that layout and produces a
// channels-last output. A contiguous (NCHW) input lets oneDNN choose its blocked layout
// (nChw16c) and reorders in and out, because oneDNN's NCHW kernels are the im2col path and
// about half as fast (spec/cpu-kernels.md §3). Weights are reordered into the layout the
// primitive wants: per call in eager mode, once in the prepacked API (prepacked.h).
#pragma once

#include <memory>
#include <optional>

#include "ops/dnnl/engine.h"
#include "wick/core/tensor.h"

namespace wick::onednn {

struct ConvConfig {
  DimVector in_sizes;   // N, C, spatial...
  DimVector w_sizes;    // PyTorch layout: [OC, IC/G, k...], transposed: [IC, OC/G, k...]
  DimVector out_sizes;  // N, OC, spatial...
  DimVector stride, pad_l, pad_r, dilation;
  int64_t groups = 1;
  bool transposed = false;
  DType dtype = kFloat;
  bool channels_last = false;  // input and output layout
  bool has_bias = false;
  bool sum = false;   // dst = conv(...) + dst (dst holds the residual on entry)
  bool relu = false;  // applied last

  Key key() const;
};

struct ConvPrimitive {
  dnnl::primitive prim;
  dnnl::memory::desc src_md, weights_md, dst_md, bias_md, scratch_md;
  dnnl::memory::desc user_src_md, user_dst_md;
  bool reorder_src = false, reorder_dst = false;
};

// The cached primitive for `cfg`, or null when oneDNN has no implementation for it.
std::shared_ptr<const ConvPrimitive> convPrimitive(const ConvConfig& cfg);

// The PyTorch-layout weight reordered into the primitive's layout (a byte tensor).
Tensor packConvWeight(const ConvPrimitive& p, const ConvConfig& cfg, const Tensor& weight);

// packConvWeight with a small process-wide cache for eager calls: repeated convolutions with
// the same weight tensor (same storage, data pointer, strides and version) reuse the packed
// copy. The cache keeps the last few weights' storages alive, so a freed weight's address
// cannot be mistaken for a new one.
Tensor cachedConvWeight(const ConvPrimitive& p, const ConvConfig& cfg, const Tensor& weight);

// Runs the primitive. `input` and `out` have the plain layout of cfg.channels_last (NCHW
// contiguous or NHWC); `packed_weight` comes from packConvWeight; `bias` is float32
// contiguous [OC] when cfg.has_bias. For cfg.sum, `out` holds the addend on entry.
void runConv(const ConvPrimitive& p, const ConvConfig& cfg, const Tensor& input,
             const Tensor& packed_weight, const std::optional<Tensor>& bias, const Tensor& out);

}  // namespace wick::onednn
