// TensorImpl: the refcounted object behind a Tensor handle. It views a Storage through
// sizes, strides (in elements) and an element offset, and carries the dtype and the flags
// PyTorch keeps on a tensor (requires_grad, wrapped number).
#pragma once

#include <cstdint>
#include <memory>

#include "wick/core/array_ref.h"
#include "wick/core/dtype.h"
#include "wick/core/intrusive_ptr.h"
#include "wick/core/nested.h"
#include "wick/core/small_vector.h"
#include "wick/core/storage.h"

namespace wick {

class TensorImpl : public IntrusiveTarget {
 public:
  TensorImpl(IntrusivePtr<StorageImpl> storage, DType dtype, IntArrayRef sizes, IntArrayRef strides,
             int64_t offset);

  DType dtype() const { return dtype_; }
  IntArrayRef sizes() const { return sizes_; }
  IntArrayRef strides() const { return strides_; }
  int64_t dim() const { return static_cast<int64_t>(sizes_.size()); }
  int64_t numel() const { return numel_; }
  int64_t offset() const { return offset_; }
  bool isContiguous() const { return contiguous_; }
  size_t itemSize() const { return elementSize(dtype_); }

  StorageImpl* storage() const { return storage_.get(); }
  const IntrusivePtr<StorageImpl>& storagePtr() const { return storage_; }
  void* data() const {
    return static_cast<char*>(storage_->data()) + offset_ * static_cast<int64_t>(itemSize());
  }

  bool requiresGrad() const { return requires_grad_; }
  void setRequiresGrad(bool r) { requires_grad_ = r; }
  // A tensor made from a plain number for an op argument (x * 2): it takes part in type
  // promotion as a number, not as a tensor (see resultType).
  bool isWrappedNumber() const { return wrapped_number_; }
  void setWrappedNumber(bool w) { wrapped_number_ = w; }
  // A nested tensor's component sizes, or null for an ordinary tensor (Note [Nested
  // tensors] in wick/core/nested.h): this impl is then the components' padded buffer.
  bool isNested() const { return nested_ != nullptr; }
  const NestedSizes* nestedSizes() const { return nested_.get(); }
  const std::shared_ptr<const NestedSizes>& nestedSizesPtr() const { return nested_; }
  void setNestedSizes(std::shared_ptr<const NestedSizes> n) { nested_ = std::move(n); }

  // For metadata-changing in-place ops (squeeze_, t_, as_strided_, resize_).
  void setSizesAndStrides(IntArrayRef sizes, IntArrayRef strides, int64_t offset);
  void setStorage(IntrusivePtr<StorageImpl> storage) { storage_ = std::move(storage); }
  // Makes this tensor view `other`'s data (storage, dtype, sizes, strides), keeping its own
  // identity and flags: every handle sees the change (LibTorch's set_data, used by
  // Module::to).
  void setData(const TensorImpl& other);

 private:
  void refreshMetadata();

  IntrusivePtr<StorageImpl> storage_;
  DimVector sizes_;
  DimVector strides_;
  int64_t offset_ = 0;
  int64_t numel_ = 1;
  std::shared_ptr<const NestedSizes> nested_;
  DType dtype_;
  bool contiguous_ = true;
  bool requires_grad_ = false;
  bool wrapped_number_ = false;
};

// Contiguous (row-major) strides for sizes.
DimVector contiguousStrides(IntArrayRef sizes);
// Product of sizes; raises on negative sizes or overflow.
int64_t checkedNumel(IntArrayRef sizes, const char* what);

}  // namespace wick
