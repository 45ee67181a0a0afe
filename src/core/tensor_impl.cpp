#include "wick/core/tensor_impl.h"

#include <limits>

#include "wick/core/error.h"

namespace wick {

DimVector contiguousStrides(IntArrayRef sizes) {
  DimVector strides(sizes.size());
  int64_t s = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = s;
    s *= sizes[i] > 1 ? sizes[i] : 1;
  }
  return strides;
}

int64_t checkedNumel(IntArrayRef sizes, const char* what) {
  int64_t n = 1;
  for (int64_t s : sizes) {
    WICK_CHECK(s >= 0, what, ": negative dimension ", s, " in size ", sizes);
    WICK_CHECK(s == 0 || n <= std::numeric_limits<int64_t>::max() / s, what, ": size ", sizes,
               " has too many elements");
    n *= s;
  }
  return n;
}

TensorImpl::TensorImpl(IntrusivePtr<StorageImpl> storage, DType dtype, IntArrayRef sizes,
                       IntArrayRef strides, int64_t offset)
    : storage_(std::move(storage)),
      sizes_(sizes),
      strides_(strides),
      offset_(offset),
      dtype_(dtype) {
  WICK_INTERNAL_ASSERT(sizes.size() == strides.size());
  refreshMetadata();
}

void TensorImpl::setSizesAndStrides(IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
  WICK_INTERNAL_ASSERT(sizes.size() == strides.size());
  sizes_.assign(sizes);
  strides_.assign(strides);
  offset_ = offset;
  refreshMetadata();
}

void TensorImpl::setData(const TensorImpl& other) {
  storage_ = other.storage_;
  dtype_ = other.dtype_;
  sizes_ = other.sizes_;
  strides_ = other.strides_;
  offset_ = other.offset_;
  nested_ = other.nested_;
  refreshMetadata();
}

void TensorImpl::refreshMetadata() {
  numel_ = 1;
  for (int64_t s : sizes_) numel_ *= s;
  // Contiguous means row-major order; dimensions of size 1 may have any stride.
  contiguous_ = true;
  if (numel_ == 0) return;
  int64_t expected = 1;
  for (size_t i = sizes_.size(); i-- > 0;) {
    if (sizes_[i] == 1) continue;
    if (strides_[i] != expected) {
      contiguous_ = false;
      return;
    }
    expected *= sizes_[i];
  }
}

}  // namespace wick
