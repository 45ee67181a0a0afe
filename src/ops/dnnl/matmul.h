// oneDNN matmul primitives for linear layers with constant weights: dst [M, N] = src [M, K]
// @ W^T (+ bias) with fused post-ops, W given in PyTorch's [N, K] layout and reordered once
// into the layout the primitive prefers (format_tag::any). This is the fast path for small
// M (batch-1 inference), where pre-packed weights run ~2-4x faster than plain sgemm
// (spec/cpu-kernels.md §2).
#pragma once

#include <memory>
#include <optional>

#include "ops/dnnl/engine.h"
#include "wick/core/tensor.h"

namespace wick::onednn {

struct MatmulConfig {
  int64_t m = 0, n = 0, k = 0;
  DType dtype = kFloat;
  bool has_bias = false;
  bool sum = false;   // dst = src @ W^T + bias + dst (dst holds the addend on entry)
  bool relu = false;  // applied last
  Key key() const;
};

struct MatmulPrimitive {
  dnnl::primitive prim;
  dnnl::memory::desc src_md, weights_md, bias_md, dst_md, scratch_md;
};

// The cached primitive for `cfg`, or null when oneDNN cannot build one.
std::shared_ptr<const MatmulPrimitive> matmulPrimitive(const MatmulConfig& cfg);

// The [N, K] weight reordered into the primitive's layout (a byte tensor).
Tensor packMatmulWeight(const MatmulPrimitive& p, const Tensor& weight);

// Runs dst = src @ W^T (+ bias): src [M, K] and dst [M, N] contiguous of cfg.dtype; bias
// float32 [N] contiguous when cfg.has_bias.
void runMatmul(const MatmulPrimitive& p, const MatmulConfig& cfg, const Tensor& src,
               const Tensor& packed_weight, const std::optional<Tensor>& bias, const Tensor& dst);

}  // namespace wick::onednn
