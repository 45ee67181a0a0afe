// Kernels of the tensor queries: layout predicates (is_contiguous, is_non_overlapping_and_dense,
// is_strides_like_format), comparisons of geometry (is_same_size, is_set_to), is_nonzero, and
// the autograd and device flags, which are constant in wick: there is no autograd graph (every
// tensor is a leaf, none retains grad, output_nr is 0), no conjugate / negative / inference
// tensors, no distributed tensors and no cuDNN.
#include "ops/kernels/iter.h"
#include "ops/kernels/shape_util.h"
#include "wick/core/tracing_hooks.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

// PyTorch's rules, which the helpers follow (checked against PyTorch 1.13 on random sizes and
// strides, including size-0 and size-1 dims and 0-dim tensors): contiguous ignores the strides
// of size-1 dims and holds for every empty tensor; channels-last contiguity has no such
// exception for empty tensors and needs 4 (5 for channels_last_3d) dims; preserve_format asks
// for plain contiguity.
bool is_contiguous(const Tensor& self) { return self.impl()->isContiguous(); }

bool is_contiguous_memory_format(const Tensor& self, MemoryFormat memory_format) {
  return iter::isContiguousIn(self.impl(), memory_format);
}

bool is_non_overlapping_and_dense(const Tensor& self) { return isNonOverlappingAndDense(self); }

// The channels-last guess from strides alone (what suggestMemoryFormat computes); never true
// for contiguous_format or preserve_format.
bool is_strides_like_format(const Tensor& self, MemoryFormat memory_format) {
  if (memory_format != MemoryFormat::ChannelsLast && memory_format != MemoryFormat::ChannelsLast3d)
    return false;
  return suggestMemoryFormat(self) == memory_format;
}

// Sizes only: dtypes and strides may differ.
bool is_same_size(const Tensor& self, const Tensor& other) {
  return self.impl()->sizes() == other.impl()->sizes();
}

// The same storage, offset, sizes and strides (two distinct empty tensors have distinct
// storages, so they are not set to each other). The dtype is not compared, as in PyTorch.
bool is_set_to(const Tensor& self, const Tensor& tensor) {
  const TensorImpl* a = self.impl();
  const TensorImpl* b = tensor.impl();
  return a->storage() == b->storage() && a->offset() == b->offset() && a->sizes() == b->sizes() &&
         a->strides() == b->strides();
}

bool is_nonzero(const Tensor& self) {
  int64_t n = self.impl()->numel();
  WICK_CHECK(n != 0, "aten::is_nonzero: Boolean value of Tensor with no values is ambiguous");
  WICK_CHECK(n == 1,
             "aten::is_nonzero: Boolean value of Tensor with more than one value is ambiguous");
  // The op itself is what a trace records; reading the value must not warn again.
  detail::NoTracerGuard no_trace;
  return self.item().toBool();
}

bool is_conj(const Tensor&) { return false; }
bool is_neg(const Tensor&) { return false; }
bool is_inference(const Tensor&) { return false; }
bool is_leaf(const Tensor&) { return true; }
bool retains_grad(const Tensor&) { return false; }
int64_t storage_offset(const Tensor& self) { return self.storage_offset(); }
int64_t output_nr(const Tensor&) { return 0; }
bool is_distributed(const Tensor&) { return false; }
bool cudnn_is_acceptable(const Tensor&) { return false; }

}  // namespace wick::kernels
