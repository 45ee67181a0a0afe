// Nested tensors: a batch of tensors whose sizes differ (PyTorch's NestedTensor). wick has
// the minimal form that nn.TransformerEncoder's inference fast path needs; see the note.
//
// Note [Nested tensors]
// ~~~~~~~~~~~~~~~~~~~~~
// In PyTorch 1.13, a scripted nn.TransformerEncoder in eval mode given a src_key_padding_mask
// runs `_nested_tensor_from_mask(src, ~mask)`, passes the nested tensor through each layer's
// `_transformer_encoder_layer_fwd`, and converts back with `to_padded_tensor(0.)`, which pads
// to the longest sequence (the time dimension shrinks when every sequence is shorter than the
// mask). wick represents such a tensor as a TensorImpl holding the components padded into
// one dense buffer of sizes [count, max size of each component dimension...], component i
// being buffer[i, :s0, :s1, ...], plus the NestedSizes below. The padding holds no data: no
// op may read it as values. Tensor::dim() is the nested tensor's dim (1 + the components'),
// as in PyTorch; sizes(), strides() and data_ptr() describe the padded buffer.
//
// Only the ops whose ops.def row has the kNestedInputs trait accept nested tensors (the
// three nested ops, _transformer_encoder_layer_fwd, and metadata queries such as aten::dim
// and prim::is_nested). The dispatch point rejects every other op given one, with
// "<op>: not supported for nested tensors", instead of computing on the padded buffer.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "wick/core/array_ref.h"
#include "wick/core/error.h"
#include "wick/core/small_vector.h"

namespace wick {

// The sizes of the components of a nested tensor: count() components of componentDim()
// dims each, stored row by row.
class NestedSizes {
 public:
  NestedSizes(int64_t count, int64_t component_dim, std::vector<int64_t> sizes)
      : count_(count), dim_(component_dim), sizes_(std::move(sizes)) {
    WICK_INTERNAL_ASSERT(count_ >= 0 && dim_ >= 0 &&
                         static_cast<int64_t>(sizes_.size()) == count_ * dim_);
  }

  int64_t count() const { return count_; }
  int64_t componentDim() const { return dim_; }
  IntArrayRef component(int64_t i) const {
    return IntArrayRef(sizes_.data() + i * dim_, static_cast<size_t>(dim_));
  }
  // The largest size of each component dimension (0 for a nested tensor of no components).
  DimVector maxSizes() const {
    DimVector m(static_cast<size_t>(dim_), 0);
    for (int64_t i = 0; i < count_; ++i)
      for (int64_t d = 0; d < dim_; ++d) m[d] = std::max(m[d], sizes_[i * dim_ + d]);
    return m;
  }
  bool operator==(const NestedSizes& o) const {
    return count_ == o.count_ && dim_ == o.dim_ && sizes_ == o.sizes_;
  }

 private:
  int64_t count_;
  int64_t dim_;
  std::vector<int64_t> sizes_;
};

}  // namespace wick
