// Tensor helpers shared by the dense kernels (linear algebra, convolution, pooling,
// normalisation, recurrent and attention ops): memory-format tests, strided copies and
// dtype conversions, broadcasting of batch shapes. Kernels run with tracing switched off and
// must not depend on other families' rows, so these work directly on storages.
#pragma once

#include <string_view>

#include "ops/type_promotion.h"
#include "wick/core/tensor.h"

namespace wick::dense {

// Plain sizes (Tensor::sizes() hands out SymInts for the tracer; kernels never trace).
inline IntArrayRef shapeOf(const Tensor& t) { return t.impl()->sizes(); }
inline int64_t sizeAt(const Tensor& t, int64_t d) { return t.impl()->sizes()[d]; }

// ---- memory formats ----

// PyTorch's rule for "these strides look channels-last" on a 4-d (NCHW sizes) or 5-d
// (NCDHW sizes) tensor; ambiguous layouts (N111, size-1 channels) count as contiguous.
bool isChannelsLastStrides(IntArrayRef sizes, IntArrayRef strides);
// True when a 4-d/5-d tensor should keep a channels-last layout through an op
// (PyTorch's suggest_memory_format() == ChannelsLast / ChannelsLast3d).
bool suggestChannelsLast(const Tensor& t);
// NHWC / NDHWC strides for NCHW / NCDHW sizes.
DimVector channelsLastStrides(IntArrayRef sizes);
// Uninitialised tensor; channels-last strides when `channels_last` (4-d/5-d only).
Tensor emptyWithFormat(IntArrayRef sizes, DType dtype, bool channels_last);
// True when every element is addressed exactly once in a dense block (any dim order).
bool isNonOverlappingAndDense(const Tensor& t);

// ---- views (metadata only; the result shares storage) ----

Tensor asStrided(const Tensor& t, IntArrayRef sizes, IntArrayRef strides, int64_t offset);
Tensor viewAs(const Tensor& t, IntArrayRef sizes);  // t must be contiguous
Tensor transposed(const Tensor& t, int64_t d0, int64_t d1);
Tensor permuted(const Tensor& t, IntArrayRef dims);
Tensor unsqueezed(const Tensor& t, int64_t dim);
Tensor squeezed(const Tensor& t, int64_t dim);
Tensor selected(const Tensor& t, int64_t dim, int64_t index);
Tensor narrowed(const Tensor& t, int64_t dim, int64_t start, int64_t length);
// Broadcasts t (right-aligned) to `sizes` with zero strides; the caller checked the shapes.
Tensor expanded(const Tensor& t, IntArrayRef sizes);

// ---- copies ----

// dst[i] = cast(src[i]) for tensors of equal sizes, any strides and dtypes.
void copyInto(const Tensor& dst, const Tensor& src);
// t itself when contiguous, else a contiguous copy.
Tensor contiguous(const Tensor& t);
// t itself when it already has channels-last strides, else a channels-last copy.
Tensor channelsLast(const Tensor& t);
// A contiguous tensor of dtype `dtype` with t's values (t itself if nothing changes).
Tensor contiguousAs(const Tensor& t, DType dtype);
// A contiguous copy (always a new storage).
Tensor cloneContiguous(const Tensor& t);
// Sets every element of t (any strides) to v.
void fill(const Tensor& t, double v);
// Reshape of a tensor: a view when the strides allow it, else a copy.
Tensor reshape(const Tensor& t, IntArrayRef sizes);

// ---- shapes ----

// Broadcast shape of a and b (PyTorch's infer_size); raises with PyTorch's wording, naming op.
DimVector broadcastShapes(IntArrayRef a, IntArrayRef b, std::string_view op);
// Raises unless `t` can be expanded to `sizes` (PyTorch's expand wording), naming op.
void checkExpandable(IntArrayRef t, IntArrayRef sizes, std::string_view op);
int64_t product(IntArrayRef sizes);
// "2x3" as PyTorch prints matrix shapes in mm errors.
std::string shapeX(IntArrayRef sizes);
// "Float", as in "expected scalar type Float but found Double" (type_promotion.h's).
using ::wick::scalarTypeName;
// A tensor type as PyTorch's argument checks name it: "torch.FloatTensor", and
// "CPUBFloat16Type" for bfloat16, which has no legacy tensor type.
std::string legacyTypeName(DType t);
// "float", "long int": the C++ type name PyTorch prints for a dtype in some messages
// ("Expected out tensor to have dtype float, but got double instead").
std::string_view typeMetaName(DType t);
// Raises "expected scalar type A but found B" (naming op) when the dtypes differ.
void checkSameDType(const Tensor& a, const Tensor& b, std::string_view op);
// Expands a list argument of length 1 to n values (int[2] stride=1 style), checking length.
DimVector expandParam(IntArrayRef values, size_t n, std::string_view op, std::string_view name);

}  // namespace wick::dense
