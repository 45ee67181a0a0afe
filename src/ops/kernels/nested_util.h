// Helpers for kernels that take or make nested tensors (Note [Nested tensors] in
// wick/core/nested.h): the padded buffer behind one, and the key padding mask of a batch of
// sequences.
#pragma once

#include <memory>

#include "wick/core/tensor.h"

namespace wick::nested {

// The padded buffer of nested tensor `nt` as an ordinary tensor (shares its storage).
Tensor bufferOf(const Tensor& nt);
// A nested tensor over `buffer` (which it shares) with the given component sizes; the
// buffer's sizes must be [count, at least the largest size of each component dim].
Tensor wrap(const Tensor& buffer, std::shared_ptr<const NestedSizes> sizes);
// Component i of a nested tensor's buffer, as a strided view.
Tensor component(const Tensor& buffer, const NestedSizes& sizes, int64_t i);
// For components of 2-D (length, features) sizes: a bool [count, padded_len] mask that is
// true past each component's length (PyTorch's src_key_padding_mask convention).
Tensor keyPaddingMask(const NestedSizes& sizes, int64_t padded_len);

}  // namespace wick::nested
