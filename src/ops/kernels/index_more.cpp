// Indexing ops composed the way PyTorch composes them: repeat_interleave, one_hot, take,
// take_along_dim, index_add, index_copy, index_fill, masked_scatter and bincount.
#include <algorithm>

#include "ops/dnnl/dense_util.h"
#include "ops/kernels/error_naming.h"
#include "ops/kernels/index_util.h"
#include "ops/kernels/iter.h"
#include "ops/kernels/shape_util.h"
#include "wick/core/warning.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// Sizes of t without dimension d (PyTorch's "slice shape").
DimVector withoutDim(IntArrayRef sizes, int64_t d) {
  DimVector out(sizes);
  if (!out.empty()) out.erase(static_cast<size_t>(d));
  return out;
}

// "4 5": how PyTorch prints a std::vector of sizes in index_copy's message.
std::string spaced(IntArrayRef sizes) {
  std::string s;
  for (size_t i = 0; i < sizes.size(); ++i) s += (i ? " " : "") + std::to_string(sizes[i]);
  return s;
}

// ---- repeat_interleave ----

// The indices 0..n-1 of `repeats`, index i repeated repeats[i] times, in repeats' dtype.
Tensor repeatedIndices(const char* op, const Tensor& repeats, std::optional<int64_t> output_size) {
  WICK_CHECK(repeats.dtype() == kLong || repeats.dtype() == kInt, op,
             ": \"repeat_interleave_cpu\" not implemented for '", scalarTypeName(repeats.dtype()),
             "'");
  WICK_CHECK(repeats.dim() == 1, op, ": repeat_interleave only accept 1D vector as repeat");
  if (repeats.impl()->sizes()[0] == 0) return emptyTensor(repeats.impl()->sizes(), repeats.dtype());
  std::vector<int64_t> reps = readIndices(repeats);
  int64_t total = 0;
  for (int64_t r : reps) {
    WICK_CHECK(r >= 0, op, ": repeats can not be negative");
    total += r;
  }
  WICK_CHECK(!output_size || *output_size == total, op,
             ": allocated size does not match required size");
  Tensor out = emptyTensor(IntArrayRef(&total, 1), repeats.dtype());
  WICK_DISPATCH_ALL(repeats.dtype(), op, {
    auto* o = static_cast<scalar_t*>(out.data_ptr());
    for (size_t i = 0; i < reps.size(); ++i)
      for (int64_t j = 0; j < reps[i]; ++j) *o++ = static_cast<scalar_t>(i);
  });
  return out;
}

Tensor repeatInterleave(const char* op, const Tensor& self, const Tensor& repeats,
                        std::optional<int64_t> dim, std::optional<int64_t> output_size) {
  Tensor input = self;
  int64_t d = 0;
  if (!dim) {
    input = reshape(self, DimVector{-1});
  } else {
    // PyTorch reads input.size(dim), which rejects any dim of a 0-dim tensor.
    WICK_CHECK_INDEX(self.dim() > 0, op, ": Dimension specified as ", *dim,
                     " but tensor has no dimensions");
    d = wrapDim(*dim, self.dim(), op);
  }
  int64_t n = input.impl()->sizes()[d];
  Tensor reps = repeats;
  if (repeats.dim() == 0 || (repeats.dim() == 1 && repeats.impl()->sizes()[0] == 1)) {
    reps = expand(reshape(repeats, DimVector{1}), DimVector{n}, false);
  } else {
    WICK_CHECK(repeats.dim() == 1, op, ": repeats must be 0-dim or 1-dim tensor");
    WICK_CHECK(repeats.impl()->sizes()[0] == n, op,
               ": repeats must have the same size as input along dim");
  }
  return index_select(input, d, repeatedIndices(op, reps, output_size));
}

// ---- index_add / index_copy / index_fill ----

// self + alpha * src for one element type (bool: or/and), rounded to T.
template <class T>
T addScaled(T a, T b, T alpha) {
  if constexpr (std::is_same_v<T, bool>) {
    return a || (b && alpha);
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(a + b * alpha);
  } else if constexpr (std::is_floating_point_v<T>) {
    return a + b * alpha;
  } else {
    return T(static_cast<float>(a) + static_cast<float>(b) * static_cast<float>(alpha));
  }
}

void checkIndexAdd(const char* op, const Tensor& self, int64_t d, const Tensor& index,
                   const Tensor& source) {
  WICK_CHECK_INDEX(index.dim() <= 1, op,
                   ": index_add_(): Index is supposed to be a vector, but got dim: ", index.dim(),
                   " with type: ", scalarTypeName(index.dtype()),
                   " and size: ", index.impl()->sizes());
  WICK_CHECK(index.dtype() == kLong || index.dtype() == kInt, op,
             ": index_add_(): Expected dtype int32/int64 for index but got: ",
             scalarTypeName(index.dtype()));
  WICK_CHECK(self.dtype() == source.dtype(), op, ": index_add_(): self (",
             scalarTypeName(self.dtype()), ") and source (", scalarTypeName(source.dtype()),
             ") must have the same scalar type");
  WICK_CHECK(d == 0 || d < source.dim(), op, ": index_add_(): Indexing dim ", d,
             " is out of bounds of the source tensor with dim ", source.dim());
  int64_t along = source.dim() == 0 ? 1 : source.impl()->sizes()[d];
  WICK_CHECK(index.impl()->numel() == along, op, ": index_add_(): Number of indices (",
             index.impl()->numel(), ") should be equal to source.size(dim): (", along,
             "), for dim: ", d);
}

// Adds alpha * source's slices into result's slices picked by index, in index order (so
// repeated indices accumulate in the order PyTorch's CPU kernel adds them).
void indexAddInto(const char* op, const Tensor& result, int64_t d, const Tensor& index,
                  const Tensor& source, const Scalar& alpha) {
  std::vector<int64_t> idx = readIndices(index);
  if (result.dim() > 1) {
    if (idx.empty() || result.impl()->numel() == 0) return;
    int64_t n = result.impl()->sizes()[d];
    WICK_CHECK_INDEX(source.dim() != 0, op, ": select() cannot be applied to a 0-dim tensor");
    // Each source slice is broadcast to a result slice, as PyTorch's add does.
    DimVector slice = withoutDim(result.impl()->sizes(), d);
    DimVector src_slice = withoutDim(source.impl()->sizes(), d);
    DimVector shape = broadcastShapes(op, slice, src_slice);
    WICK_CHECK(IntArrayRef(shape) == IntArrayRef(slice), op, ": output with shape ",
               IntArrayRef(slice), " doesn't match the broadcast shape ", IntArrayRef(shape));
    for (int64_t v : idx) WICK_CHECK_INDEX(v >= 0 && v < n, op, ": index out of range in self");
    WICK_DISPATCH_ALL(result.dtype(), op, {
      scalar_t a = scalarAs<scalar_t>(alpha);
      for (size_t i = 0; i < idx.size(); ++i) {
        Tensor dst = select_int(result, d, idx[i]);
        Tensor src = expand(select_int(source, d, static_cast<int64_t>(i)), slice, false);
        auto* dp = static_cast<scalar_t*>(dst.data_ptr());
        const auto* sp = static_cast<const scalar_t*>(src.data_ptr());
        StridedWalk<2>(slice, {dst.strides(), src.strides()})
            .run([&](const std::array<int64_t, 2>& off) {
              dp[off[0]] = addScaled<scalar_t>(dp[off[0]], sp[off[1]], a);
            });
      }
    });
    return;
  }
  WICK_CHECK(source.dim() <= 1, op, ": source.dim() (", source.dim(),
             ") must one or zero for given self.dim() (", result.dim(), ")");
  int64_t numel = result.impl()->numel();
  for (int64_t v : idx) WICK_CHECK_INDEX(v >= 0 && v < numel, op, ": index out of range in self");
  int64_t rs = result.dim() == 0 ? 1 : result.strides()[d];
  int64_t ss = source.dim() == 0 ? 1 : source.strides()[d];
  WICK_DISPATCH_ALL(result.dtype(), op, {
    scalar_t a = scalarAs<scalar_t>(alpha);
    auto* rp = static_cast<scalar_t*>(result.data_ptr());
    const auto* sp = static_cast<const scalar_t*>(source.data_ptr());
    for (size_t i = 0; i < idx.size(); ++i) {
      scalar_t& dst = rp[idx[i] * rs];
      dst = addScaled<scalar_t>(dst, sp[static_cast<int64_t>(i) * ss], a);
    }
  });
}

void checkIndexCopy(const char* op, const Tensor& self, int64_t d, const Tensor& index,
                    const Tensor& source) {
  WICK_CHECK_INDEX(index.dim() < 2, op, ": index_copy_(): Index should have dimension 1 or 0 (got ",
                   index.dim(), ")");
  int64_t n = index.impl()->numel();
  if (source.dim() == 0) {
    WICK_CHECK_INDEX(n == 1, op,
                     ": index_copy_(): When source is scalar, index should have one element (got ",
                     n, ")");
  } else {
    WICK_CHECK_INDEX(source.dim() == self.dim() || self.dim() == 0, op,
                     ": index_copy_(): When source and destination are not scalars, their "
                     "dimensionality must match. Source dimensionality (",
                     source.dim(), "), destination dimensionality (", self.dim(), ")");
  }
  WICK_CHECK(index.dtype() == kLong, op,
             ": index_copy_(): Expected a long tensor for index, but got ",
             scalarTypeName(index.dtype()));
  WICK_CHECK(self.dtype() == source.dtype(), op,
             ": index_copy_(): self and source expected to have the same dtype, but got (self) ",
             scalarTypeName(self.dtype()), " and (source) ", scalarTypeName(source.dtype()));
  DimVector self_slice = withoutDim(self.impl()->sizes(), d);
  DimVector src_slice = withoutDim(source.impl()->sizes(), d);
  WICK_CHECK(IntArrayRef(self_slice) == IntArrayRef(src_slice), op,
             ": index_copy_(): Source/destination tensor must have same slice shapes. "
             "Destination slice shape: ",
             spaced(self_slice), " at dimension ", d,
             " and source slice shape: ", spaced(src_slice), " at dimension 0.");
  WICK_CHECK_INDEX(source.dim() == 0 || n == source.impl()->sizes()[d], op,
                   ": index_copy_(): Number of indices (", n,
                   ") should be equal to source.size(dim) (",
                   source.dim() == 0 ? 1 : source.impl()->sizes()[d], ")");
}

void indexCopyInto(const char* op, const Tensor& result, int64_t d, const Tensor& index,
                   const Tensor& source) {
  std::vector<int64_t> idx = readIndices(index);
  int64_t n = result.dim() == 0 ? 1 : result.impl()->sizes()[d];
  for (int64_t v : idx)
    WICK_CHECK_INDEX(v >= 0 && v < n, op, ": index_copy_(): index ", v,
                     " is out of bounds for dimension ", d, " with size ", n);
  for (size_t i = 0; i < idx.size(); ++i) {
    Tensor dst = result.dim() == 0 ? result : select_int(result, d, idx[i]);
    Tensor src = source.dim() == 0 ? source : select_int(source, d, static_cast<int64_t>(i));
    copyStrided(dst, src);
  }
}

Tensor indexFillInPlace(const char* op, const Tensor& self, int64_t dim, const Tensor& index,
                        const Scalar& value) {
  WICK_CHECK_INDEX(index.dtype() == kLong, op, ": index_fill_(): Expected dtype int64 for index.");
  if (!isNonOverlappingAndDense(self) && self.impl()->numel() > 1) {
    // PyTorch still fills an expanded tensor, warning that this is deprecated.
    bool overlaps = false;
    for (int64_t d = 0; d < self.dim(); ++d)
      overlaps |= self.strides()[d] == 0 && self.impl()->sizes()[d] > 1;
    if (overlaps) {
      warn(Warning::Kind::Deprecation,
           "Use of index_fill_ on expanded tensors is deprecated. Please clone() the tensor "
           "before performing this operation. This also applies to advanced indexing e.g. "
           "tensor[mask] = scalar");
    }
  }
  int64_t d = wrapDim(dim, self.dim(), op);
  WICK_CHECK(index.dim() <= 1, op, ": Index has to be a vector/scalar");
  if (self.impl()->numel() == 0) return self;
  int64_t n = self.dim() == 0 ? 1 : self.impl()->sizes()[d];
  std::vector<int64_t> idx = readIndices(index);
  for (int64_t& v : idx) {
    WICK_CHECK_INDEX(v >= -n && v < n, op, ": index ", v, " is out of bounds for dimension ", d,
                     " with size ", n);
    if (v < 0) v += n;
  }
  for (int64_t v : idx)
    fillTensorChecked(op, self.dim() == 0 ? self : select_int(self, d, v), value);
  iter::bumpVersion(self);
  return self;
}

Scalar fillValue(const char* op, const Tensor& value) {
  WICK_CHECK(value.dim() == 0, op,
             ": index_fill_ only supports a 0-dimensional value tensor, but got tensor with ",
             value.dim(), " dimension(s).");
  return value.item();
}

// ---- masked_scatter ----

// Whether each mask element is set, as PyTorch 1.13's CPU kernel reads it: bool masks by
// value, other dtypes by the first byte of each element, which must be 0 or 1.
bool maskByte(const char* op, const uint8_t* p, bool is_bool) {
  if (is_bool) return *p != 0;
  WICK_CHECK(*p <= 1, op, ": Mask tensor can take 0 and 1 values only");
  return *p != 0;
}

// Writes source's elements, in order, to the elements of self whose mask is set, visiting self
// in the order PyTorch's TensorIterator does (memory order of self).
void maskedScatterInto(const char* op, const Tensor& self, const Tensor& mask,
                       const Tensor& source) {
  if (mask.dtype() == kByte) {
    warn(Warning::Kind::Deprecation,
         "masked_scatter_ received a mask with dtype torch.uint8, this behavior is now "
         "deprecated,please use a mask with dtype torch.bool instead.");
  }
  IntArrayRef shape = self.impl()->sizes();
  std::vector<int64_t> order = iteratorOrder(
      shape, {IterOperand{shape, self.strides()}, IterOperand{shape, mask.strides()}});
  DimVector sizes, self_strides, mask_strides;
  for (int64_t d : order) {
    sizes.push_back(shape[d]);
    self_strides.push_back(self.strides()[d]);
    mask_strides.push_back(mask.strides()[d]);
  }
  Tensor src = contiguousOrSelf(source);
  int64_t available = src.impl()->numel(), used = 0;
  bool is_bool = mask.dtype() == kBool;
  auto item = static_cast<int64_t>(mask.element_size());
  const auto* mp = static_cast<const uint8_t*>(mask.data_ptr());
  dispatchByItemSize(self.element_size(), [&](auto tag) {
    using T = decltype(tag);
    auto* sp = static_cast<T*>(self.data_ptr());
    const auto* srcp = static_cast<const T*>(src.data_ptr());
    StridedWalk<2>(sizes, {self_strides, mask_strides}).run([&](const std::array<int64_t, 2>& off) {
      if (!maskByte(op, mp + off[1] * item, is_bool)) return;
      WICK_CHECK(used < available, op, ": Number of elements of source < number of ones in mask");
      sp[off[0]] = srcp[used++];
    });
  });
}

Tensor maskedScatterInPlace(const char* op, const Tensor& self, const Tensor& mask,
                            const Tensor& source) {
  iter::checkNoInternalOverlap(op, self);
  WICK_CHECK(self.dtype() == source.dtype(), op,
             ": masked_scatter: expected self and source to have same dtypes but got",
             scalarTypeName(self.dtype()), " and ", scalarTypeName(source.dtype()));
  Tensor m = namingErrors(op, [&] { return expand(mask, self.impl()->sizes(), false); });
  maskedScatterInto(op, self, m, source);
  iter::bumpVersion(self);
  return self;
}

// ---- bincount ----

template <class W>
Tensor weightedCounts(const std::vector<int64_t>& values, const Tensor& weights, int64_t bins,
                      DType dtype) {
  Tensor w = castContiguous(weights, dtype);
  Tensor out = emptyTensor(IntArrayRef(&bins, 1), dtype);
  auto* o = static_cast<W*>(out.data_ptr());
  std::fill(o, o + bins, W(0));
  const auto* wp = static_cast<const W*>(w.data_ptr());
  for (size_t i = 0; i < values.size(); ++i) o[values[i]] += wp[i];
  return out;
}

}  // namespace

Tensor repeat_interleave_Tensor(const Tensor& repeats, std::optional<int64_t> output_size) {
  return repeatedIndices("aten::repeat_interleave", repeats, output_size);
}

Tensor repeat_interleave_self_Tensor(const Tensor& self, const Tensor& repeats,
                                     std::optional<int64_t> dim,
                                     std::optional<int64_t> output_size) {
  return repeatInterleave("aten::repeat_interleave", self, repeats, dim, output_size);
}

Tensor repeat_interleave_self_int(const Tensor& self, int64_t repeats, std::optional<int64_t> dim,
                                  std::optional<int64_t> output_size) {
  int64_t one = 1;
  Tensor reps = emptyTensor(IntArrayRef(&one, 1), kLong);
  *static_cast<int64_t*>(reps.data_ptr()) = repeats;
  return repeatInterleave("aten::repeat_interleave", self, reps, dim, output_size);
}

Tensor one_hot(const Tensor& self, int64_t num_classes) {
  const char* op = "aten::one_hot";
  WICK_CHECK(self.dtype() == kLong, op, ": one_hot is only applicable to index tensor.");
  DimVector shape(self.impl()->sizes());
  if (self.impl()->numel() == 0) {
    WICK_CHECK(num_classes > 0, op, ": Can not infer total number of classes from empty tensor.");
    shape.push_back(num_classes);
    return emptyTensor(shape, kLong);
  }
  std::vector<int64_t> v = readIndices(self);
  auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  WICK_CHECK(*lo >= 0, op, ": Class values must be non-negative.");
  if (num_classes == -1) {
    num_classes = *hi + 1;
  } else {
    WICK_CHECK(num_classes > *hi, op, ": Class values must be smaller than num_classes.");
  }
  shape.push_back(num_classes);
  Tensor out = emptyTensor(shape, kLong);
  auto* o = static_cast<int64_t*>(out.data_ptr());
  std::fill(o, o + out.impl()->numel(), int64_t{0});
  for (size_t i = 0; i < v.size(); ++i) o[static_cast<int64_t>(i) * num_classes + v[i]] = 1;
  return out;
}

Tensor take(const Tensor& self, const Tensor& index) {
  const char* op = "aten::take";
  WICK_CHECK(index.dtype() == kLong, op, ": take(): Expected a long tensor for index, but got ",
             scalarTypeName(index.dtype()));
  std::vector<int64_t> idx = readIndices(index);
  int64_t n = self.impl()->numel();
  WICK_CHECK_INDEX(n > 0 || idx.empty(), op, ": take(): tried to take from an empty tensor");
  for (int64_t& v : idx) {
    WICK_CHECK_INDEX(v >= -n && v < n, op, ": out of range: tried to access index ", v,
                     " on a tensor of ", n, " elements.");
    if (v < 0) v += n;
  }
  Tensor src = contiguousOrSelf(self);
  Tensor out = emptyTensor(index.impl()->sizes(), self.dtype());
  dispatchByItemSize(self.element_size(), [&](auto tag) {
    using T = decltype(tag);
    const auto* s = static_cast<const T*>(src.data_ptr());
    auto* o = static_cast<T*>(out.data_ptr());
    for (size_t i = 0; i < idx.size(); ++i) o[i] = s[idx[i]];
  });
  return out;
}

Tensor take_along_dim(const Tensor& self, const Tensor& indices, std::optional<int64_t> dim) {
  const char* op = "aten::take_along_dim";
  if (!dim) {
    // PyTorch views both as 1-d, so non-viewable inputs raise view's error.
    return namingErrors(op, [&] {
      return gather(view(self, DimVector{-1}), 0, view(indices, DimVector{-1}), false);
    });
  }
  WICK_CHECK(self.dim() == indices.dim(), op,
             ": torch.take_along_dim(): input and indices should have the same number of "
             "dimensions, but got ",
             self.dim(), " dimensions for input, and ", indices.dim(), " dimensions for indices");
  WICK_CHECK(indices.dtype() == kLong, op,
             ": torch.take_along_dim(): dtype of indices should be Long but got ",
             scalarTypeName(indices.dtype()));
  int64_t d = wrapDim(*dim, self.dim(), op);
  WICK_CHECK_INDEX(self.dim() > 0, op, ": Dimension specified as ", *dim,
                   " but tensor has no dimensions");
  // Broadcast every dimension but `d` between self and indices.
  DimVector self_sizes(self.impl()->sizes()), index_sizes(indices.impl()->sizes());
  self_sizes[d] = indices.impl()->sizes()[d];
  DimVector index_shape = broadcastShapes(op, self_sizes, indices.impl()->sizes());
  index_sizes[d] = self.impl()->sizes()[d];
  DimVector self_shape = broadcastShapes(op, index_sizes, self.impl()->sizes());
  return namingErrors(op, [&] {
    return gather(expand(self, self_shape, false), d, expand(indices, index_shape, false), false);
  });
}

Tensor index_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                 const Scalar& alpha) {
  const char* op = "aten::index_add";
  int64_t d = wrapDim(dim, self.dim(), op);
  checkIndexAdd(op, self, d, index, source);
  Tensor result = emptyTensor(self.impl()->sizes(), self.dtype());
  copyStrided(result, self);
  indexAddInto(op, result, d, index, source, alpha);
  return result;
}

Tensor index_add_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                  const Scalar& alpha) {
  const char* op = "aten::index_add_";
  int64_t d = wrapDim(dim, self.dim(), op);
  checkIndexAdd(op, self, d, index, source);
  iter::checkNoInternalOverlap(op, self);
  indexAddInto(op, self, d, index, source, alpha);
  iter::bumpVersion(self);
  return self;
}

Tensor index_copy(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source) {
  const char* op = "aten::index_copy";
  int64_t d = wrapDim(dim, self.dim(), op);
  checkIndexCopy(op, self, d, index, source);
  Tensor result = emptyTensor(self.impl()->sizes(), self.dtype());
  copyStrided(result, self);
  indexCopyInto(op, result, d, index, source);
  return result;
}

Tensor index_copy_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source) {
  const char* op = "aten::index_copy_";
  int64_t d = wrapDim(dim, self.dim(), op);
  checkIndexCopy(op, self, d, index, source);
  iter::checkNoInternalOverlap(op, self);
  indexCopyInto(op, self, d, index, source);
  iter::bumpVersion(self);
  return self;
}

Tensor index_fill_int_Scalar(const Tensor& self, int64_t dim, const Tensor& index,
                             const Scalar& value) {
  const char* op = "aten::index_fill";
  return indexFillInPlace(op, clone(self, std::nullopt), dim, index, value);
}

Tensor index_fill_int_Tensor(const Tensor& self, int64_t dim, const Tensor& index,
                             const Tensor& value) {
  const char* op = "aten::index_fill";
  Scalar v = fillValue(op, value);
  return indexFillInPlace(op, clone(self, std::nullopt), dim, index, v);
}

Tensor index_fill__int_Scalar(const Tensor& self, int64_t dim, const Tensor& index,
                              const Scalar& value) {
  return indexFillInPlace("aten::index_fill_", self, dim, index, value);
}

Tensor index_fill__int_Tensor(const Tensor& self, int64_t dim, const Tensor& index,
                              const Tensor& value) {
  const char* op = "aten::index_fill_";
  return indexFillInPlace(op, self, dim, index, fillValue(op, value));
}

Tensor masked_scatter(const Tensor& self, const Tensor& mask, const Tensor& source) {
  const char* op = "aten::masked_scatter";
  DimVector shape = broadcastShapes(op, mask.impl()->sizes(), self.impl()->sizes());
  Tensor result = contiguousCopy(expand(self, shape, false));
  WICK_CHECK(self.dtype() == source.dtype(), op,
             ": masked_scatter: expected self and source to have same dtypes but got",
             scalarTypeName(self.dtype()), " and ", scalarTypeName(source.dtype()));
  maskedScatterInto(op, result, expand(mask, shape, false), source);
  return result;
}

Tensor masked_scatter_(const Tensor& self, const Tensor& mask, const Tensor& source) {
  return maskedScatterInPlace("aten::masked_scatter_", self, mask, source);
}

Tensor bincount(const Tensor& self, const std::optional<Tensor>& weights, int64_t minlength) {
  const char* op = "aten::bincount";
  WICK_CHECK(isIntegralType(self.dtype(), false), op, ": \"bincount_cpu\" not implemented for '",
             scalarTypeName(self.dtype()), "'");
  WICK_CHECK(minlength >= 0, op, ": minlength should be >= 0");
  if (self.dim() == 1 && self.impl()->numel() == 0) {
    Tensor out = emptyTensor(IntArrayRef(&minlength, 1), kLong);
    fillTensor(out, Scalar(int64_t{0}));
    return out;
  }
  std::vector<int64_t> v = self.dim() == 1 ? readIndices(self) : std::vector<int64_t>{};
  WICK_CHECK(self.dim() == 1 && *std::min_element(v.begin(), v.end()) >= 0, op,
             ": bincount only supports 1-d non-negative integral inputs.");
  bool has_weights = weights.has_value() && weights->defined();
  if (has_weights) {
    WICK_CHECK(weights->dim() == 1 && weights->impl()->sizes()[0] == self.impl()->sizes()[0], op,
               ": weights should be 1-d and have the same length as input");
  }
  int64_t bins = std::max(*std::max_element(v.begin(), v.end()) + 1, minlength);
  if (has_weights) {
    // Float weights accumulate in float; any other dtype is converted to double first.
    if (weights->dtype() == kFloat) return weightedCounts<float>(v, *weights, bins, kFloat);
    return weightedCounts<double>(v, *weights, bins, kDouble);
  }
  Tensor out = emptyTensor(IntArrayRef(&bins, 1), kLong);
  auto* o = static_cast<int64_t*>(out.data_ptr());
  std::fill(o, o + bins, int64_t{0});
  for (int64_t x : v) ++o[x];
  return out;
}

}  // namespace wick::kernels
