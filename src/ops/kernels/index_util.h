// Helpers shared by the indexing kernels: dispatch on element size for kernels that only move
// elements, and the geometry and checks of gather/scatter (one index per element of `index`,
// pointing along one dimension of self).
#pragma once

#include <array>

#include "ops/kernels/shape_util.h"

namespace wick::kernels {

// Calls f(T{}) with T an unsigned integer type of the given element size.
template <class F>
void dispatchByItemSize(size_t item, F&& f) {
  switch (item) {
    case 1: return f(uint8_t{});
    case 2: return f(uint16_t{});
    case 4: return f(uint32_t{});
    case 8: return f(uint64_t{});
  }
  WICK_INTERNAL_ASSERT(false, "unexpected element size ", item);
}

// gather's shape rule: same rank, and index no larger than self outside `dim`.
void checkGatherShapes(const char* op, const Tensor& self, int64_t dim, const Tensor& index);
// scatter's shape rule: as gather's, and index no larger than src anywhere (src may be null).
void checkScatterShapes(const char* op, const Tensor& self, int64_t dim, const Tensor& index,
                        const Tensor* src);
// The dtype checks shared by the scatter family.
void checkScatterDTypes(const char* op, const Tensor& self, const Tensor& index, const Tensor* src);

// Visits every element of `index`; f(self_offset, other_offset) gets the element offset of the
// indexed position in self (index value along `dim`) and of the same position in `other` (the
// gather output or the scatter source; null for a scalar source). 0-dim tensors count as
// [1]-shaped, as in PyTorch. Out-of-range index values raise.
class ScatterGeometry {
 public:
  ScatterGeometry(const Tensor& self, int64_t dim, const Tensor& index, const Tensor* other);

  template <class F>
  void forEach(const char* op, F&& f) const {
    const auto* idx = static_cast<const int64_t*>(index_data_);
    walk_.run([&](const std::array<int64_t, 3>& off) {
      int64_t v = idx[off[0]];
      WICK_CHECK(v >= 0 && v < dim_size_, op, ": index ", v, " is out of bounds for dimension ",
                 dim_, " with size ", dim_size_);
      f(off[1] + v * dim_stride_, off[2]);
    });
  }

 private:
  StridedWalk<3> walk_;
  const void* index_data_;
  int64_t dim_;
  int64_t dim_size_;
  int64_t dim_stride_;
};

}  // namespace wick::kernels
