// Helpers shared by the view, join, indexing, padding and factory kernels: making views of a
// storage, the size/stride arithmetic behind view and reshape, broadcasting, memory-format
// guesses, and dtype-agnostic strided copies (elements are moved as raw bytes, never converted).
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "wick/core/tensor.h"

namespace wick::kernels {

// A tensor sharing self's storage (and so its version counter) with new geometry. The caller
// guarantees the geometry stays inside the storage.
Tensor makeView(const Tensor& self, IntArrayRef sizes, IntArrayRef strides, int64_t offset);

// Replaces a single -1 in `shape` by the size that makes the element count `numel`; raises with
// PyTorch's messages (prefixed by `op`) for a second -1, other negative sizes or a count that
// does not fit.
DimVector inferSize(const char* op, IntArrayRef shape, int64_t numel);

// Strides that let a tensor of (sizes, strides) be viewed as new_sizes without copying, or
// nullopt when some new dimension would have to span two non-contiguous chunks.
std::optional<DimVector> computeViewStrides(IntArrayRef sizes, IntArrayRef strides,
                                            IntArrayRef new_sizes);

// The broadcast shape of a and b; raises naming `op` when they do not broadcast.
DimVector broadcastShapes(const char* op, IntArrayRef a, IntArrayRef b);

// True when the strides are those of a channels-last (NHWC / NDHWC) tensor, and not also
// plain contiguous.
bool isChannelsLast(const Tensor& t);
// The layout PyTorch would pick for a new tensor "like" t: ChannelsLast(3d) or Contiguous.
MemoryFormat suggestMemoryFormat(const Tensor& t);
// Strides of a dense tensor of `sizes` in the given layout (Preserve is not allowed here).
DimVector stridesForFormat(IntArrayRef sizes, MemoryFormat format);
// True when the tensor's elements fill a block of memory exactly once, in some order.
bool isNonOverlappingAndDense(const Tensor& t);
bool isNonOverlappingAndDense(IntArrayRef sizes, IntArrayRef strides);
// Strides for a new dense tensor that orders dimensions as t does (empty_like's Preserve).
DimVector preservedStrides(const Tensor& t);
// Allocates an uninitialised tensor with the given geometry (strides must describe a dense
// layout of `sizes`).
Tensor emptyWithStrides(IntArrayRef sizes, IntArrayRef strides, DType dtype);

// Copies src into dst element by element; both have the same dtype and shape, any strides.
// Large copies run in parallel. Elements move as they are (a bool byte other than 0 or 1
// stays, as in PyTorch's index_select and cat); copy_, clone and contiguous() go through
// iter::copyInto, which writes bools as 0 or 1.
void copyStrided(const Tensor& dst, const Tensor& src);
// A fresh contiguous copy of t.
Tensor contiguousCopy(const Tensor& t);
// t itself when already contiguous, otherwise a contiguous copy.
Tensor contiguousOrSelf(const Tensor& t);
// t, or when t is a bool tensor that is not contiguous or holds bytes other than 0 and 1, a
// contiguous copy holding 0 and 1 (every non-zero byte reads as true): for kernels that
// compare, sort or hash elements by value.
Tensor canonicalBools(const Tensor& t);
// Fills every element of t with the value of s converted to t's dtype.
void fillTensor(const Tensor& t, const Scalar& s);
// fillTensor after PyTorch's checked conversion (what fill_ does, and so full, new_full,
// scalar_tensor, constant_pad_nd ...): raises "<op>: value cannot be converted to type uint8_t
// without overflow" for 300 and a uint8 t.
void fillTensorChecked(const char* op, const Tensor& t, const Scalar& s);
// Copies src into dst converting each element to dst's dtype (same shape, any strides), as
// PyTorch's copy_ converts: through float for 16-bit floats, != 0 for bool (bool to bool
// too, so a bool byte other than 0 or 1 is written as 1).
void copyConverting(const Tensor& dst, const Tensor& src);
// t converted to `dtype` as a contiguous tensor (t itself when nothing needs to change).
Tensor castContiguous(const Tensor& t, DType dtype);
// The elements of an integer tensor (any strides) in row-major order, as int64.
std::vector<int64_t> readIndices(const Tensor& t);

// A double converted to int64 without undefined behaviour: NaN gives 0, out-of-range values
// saturate.
int64_t doubleToInt64(double d);

// Writes s as a value of type T (the same conversion scalarTensor uses).
template <class T>
T scalarAs(const Scalar& s) {
  if constexpr (std::is_same_v<T, bool>) {
    return s.toBool();
  } else if constexpr (std::is_integral_v<T>) {
    return s.isFloatingPoint() ? static_cast<T>(doubleToInt64(s.toDouble()))
                               : static_cast<T>(s.toLong());
  } else if constexpr (std::is_same_v<T, double>) {
    return s.toDouble();
  } else {
    return static_cast<T>(static_cast<float>(s.toDouble()));
  }
}

// a * b and a + b of two elements of one dtype, rounded back to it (and/or for bool).
template <class T>
T mulElems(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return a && b;
  } else {
    return static_cast<T>(a * b);
  }
}
template <class T>
T addElems(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return a || b;
  } else {
    return static_cast<T>(a + b);
  }
}

// Walks a shape in row-major order keeping one element offset per operand (in elements of
// each operand's strides). Dimensions are coalesced first, so contiguous operands cost one
// inner loop. f(offsets) is called once per element.
template <size_t N>
struct StridedWalk {
  DimVector sizes;
  std::array<DimVector, N> strides;

  StridedWalk(IntArrayRef shape, const std::array<IntArrayRef, N>& operand_strides);

  template <class F>
  void run(F&& f) const {
    int64_t nd = static_cast<int64_t>(sizes.size());
    for (int64_t s : sizes)
      if (s == 0) return;
    if (nd == 0) {
      std::array<int64_t, N> off{};
      f(off);
      return;
    }
    DimVector idx(static_cast<size_t>(nd), 0);
    std::array<int64_t, N> base{};
    int64_t inner = sizes[nd - 1];
    while (true) {
      std::array<int64_t, N> off = base;
      for (int64_t i = 0; i < inner; ++i) {
        f(off);
        for (size_t k = 0; k < N; ++k) off[k] += strides[k][nd - 1];
      }
      int64_t d = nd - 2;
      for (; d >= 0; --d) {
        for (size_t k = 0; k < N; ++k) base[k] += strides[k][d];
        if (++idx[d] < sizes[d]) break;
        for (size_t k = 0; k < N; ++k) base[k] -= strides[k][d] * sizes[d];
        idx[d] = 0;
      }
      if (d < 0) return;
    }
  }
};

template <size_t N>
StridedWalk<N>::StridedWalk(IntArrayRef shape, const std::array<IntArrayRef, N>& operand_strides) {
  // Drop size-1 dimensions, then merge neighbours that are contiguous for every operand.
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == 1) continue;
    bool merge = !sizes.empty();
    for (size_t k = 0; k < N && merge; ++k)
      merge = strides[k].back() == operand_strides[k][d] * shape[d];
    if (merge) {
      sizes.back() *= shape[d];
      for (size_t k = 0; k < N; ++k) strides[k].back() = operand_strides[k][d];
    } else {
      sizes.push_back(shape[d]);
      for (size_t k = 0; k < N; ++k) strides[k].push_back(operand_strides[k][d]);
    }
  }
}

// Validates a factory's TensorOptions arguments (strided layout, CPU device, no pinned memory)
// and returns the dtype to create: `dtype` if given, else `fallback`.
DType factoryDType(const char* op, std::optional<DType> dtype, DType fallback,
                   std::optional<Layout> layout, std::optional<Device> device,
                   std::optional<bool> pin_memory);
// Raises PyTorch's message for a negative size in a factory's size argument.
void checkFactorySizes(const char* op, IntArrayRef sizes);
// The layout a *_like factory gives its result: the input's own strides for Preserve (or a
// dense layout in the input's dimension order), else the requested format's strides.
DimVector likeStrides(const Tensor& self, std::optional<MemoryFormat> memory_format);

// One input of an elementwise-style loop, for iteratorOutputStrides: its own sizes and strides
// (broadcast against the loop shape from the right).
struct IterOperand {
  IntArrayRef sizes;
  IntArrayRef strides;
};
// The strides PyTorch's TensorIterator gives a fresh output of `shape` computed from `inputs`:
// dimensions ordered as the inputs' strides order them, densely packed. Ops built on it (index,
// flip, ...) return non-contiguous results for some non-contiguous inputs, and traced types
// show those strides.
DimVector iteratorOutputStrides(IntArrayRef shape, ArrayRef<IterOperand> inputs);
// The order in which TensorIterator visits the dimensions of a loop over `operands` (outputs
// first): a permutation, outermost dimension first. Random kernels fill tensors in this order.
std::vector<int64_t> iteratorOrder(IntArrayRef shape, ArrayRef<IterOperand> operands);
// True when t is channels-last contiguous (is_contiguous(memory_format=channels_last)).
bool isChannelsLastContiguous(IntArrayRef sizes, IntArrayRef strides);

// "[2, 3]" as PyTorch prints sizes in messages.
std::string sizesStr(IntArrayRef sizes);

}  // namespace wick::kernels
