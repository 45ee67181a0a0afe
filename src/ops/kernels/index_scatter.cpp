// Writing by index along one dimension: the scatter family (src, value, add/multiply
// reductions, in place and not), scatter_add and scatter_reduce.two; plus the gather/scatter
// geometry shared with gather.
#include <cmath>
#include <limits>

#include "ops/kernels/index_util.h"
#include "ops/kernels/iter.h"
#include "wick/core/warning.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// Sizes and strides with 0-dim tensors treated as [1]-shaped.
DimVector nonEmptySizes(const Tensor& t) {
  return t.dim() == 0 ? DimVector(1, 1) : DimVector(t.impl()->sizes());
}
DimVector nonEmptyStrides(const Tensor& t) {
  return t.dim() == 0 ? DimVector(1, 1) : DimVector(t.strides());
}

StridedWalk<3> makeWalk(const Tensor& self, int64_t dim, const Tensor& index, const Tensor* other) {
  DimVector shape = nonEmptySizes(index);
  DimVector self_strides = nonEmptyStrides(self);
  self_strides[dim] = 0;  // the index value supplies the position along dim
  DimVector other_strides = other ? nonEmptyStrides(*other) : DimVector(shape.size(), 0);
  DimVector index_strides = nonEmptyStrides(index);
  return StridedWalk<3>(shape, {index_strides, self_strides, other_strides});
}

}  // namespace

ScatterGeometry::ScatterGeometry(const Tensor& self, int64_t dim, const Tensor& index,
                                 const Tensor* other)
    : walk_(makeWalk(self, dim, index, other)),
      index_data_(index.data_ptr()),
      dim_(dim),
      dim_size_(nonEmptySizes(self)[dim]),
      dim_stride_(nonEmptyStrides(self)[dim]) {}

void checkGatherShapes(const char* op, const Tensor& self, int64_t dim, const Tensor& index) {
  DimVector s = nonEmptySizes(self), i = nonEmptySizes(index);
  WICK_CHECK(s.size() == i.size(), op,
             ": Index tensor must have the same number of dimensions as input tensor");
  for (size_t d = 0; d < s.size(); ++d) {
    if (static_cast<int64_t>(d) == dim) continue;
    WICK_CHECK(i[d] <= s[d], op, ": Size does not match at dimension ", d, " expected index ",
               index.impl()->sizes(), " to be smaller than self ", self.impl()->sizes(),
               " apart from dimension ", dim);
  }
}

void checkScatterShapes(const char* op, const Tensor& self, int64_t dim, const Tensor& index,
                        const Tensor* src) {
  if (index.impl()->numel() == 0) return;
  DimVector s = nonEmptySizes(self), i = nonEmptySizes(index);
  WICK_CHECK(s.size() == i.size(), op,
             ": Index tensor must have the same number of dimensions as self tensor");
  bool wrong = false;
  for (size_t d = 0; d < s.size() && !wrong; ++d)
    wrong = static_cast<int64_t>(d) != dim && i[d] > s[d];
  if (src) {
    DimVector r = nonEmptySizes(*src);
    WICK_CHECK(r.size() == i.size(), op,
               ": Index tensor must have the same number of dimensions as src tensor");
    for (size_t d = 0; d < s.size() && !wrong; ++d) wrong = i[d] > r[d];
    WICK_CHECK(!wrong, op, ": Expected index ", index.impl()->sizes(), " to be smaller than self ",
               self.impl()->sizes(), " apart from dimension ", dim,
               " and to be smaller size than src ", src->impl()->sizes());
  }
  WICK_CHECK(!wrong, op, ": Expected index ", index.impl()->sizes(), " to be smaller than self ",
             self.impl()->sizes(), " apart from dimension ", dim);
}

void checkScatterDTypes(const char* op, const Tensor& self, const Tensor& index,
                        const Tensor* src) {
  WICK_CHECK(index.dtype() == kLong, op, ": scatter(): Expected dtype int64 for index");
  if (src)
    WICK_CHECK(src->dtype() == self.dtype(), op,
               ": scatter(): Expected self.dtype to be equal to src.dtype");
}

namespace {

enum class Reduce { None, Add, Multiply };

Reduce parseReduce(const char* op, std::string_view reduce) {
  if (reduce == "add") return Reduce::Add;
  if (reduce == "multiply") return Reduce::Multiply;
  WICK_FAIL(op, ": reduce argument must be either add or multiply.");
}

template <class T>
void combine(T& dst, T v, Reduce r) {
  switch (r) {
    case Reduce::None: dst = v; break;
    case Reduce::Add: dst = addElems(dst, v); break;
    case Reduce::Multiply: dst = mulElems(dst, v); break;
  }
}

// As in PyTorch, the written tensor may not share memory with index or src, fully or in part.
void checkNoOverlap(const char* op, const Tensor& self, const Tensor& other) {
  const TensorImpl* a = self.impl();
  const TensorImpl* b = other.impl();
  bool same = a == b || (a->numel() > 0 && a->storage() == b->storage() && a->data() == b->data() &&
                         a->sizes() == b->sizes() && a->strides() == b->strides() &&
                         isNonOverlappingAndDense(self));
  WICK_CHECK(!same, op,
             ": unsupported operation: some elements of the input tensor and the written-to "
             "tensor refer to a single memory location. Please clone() the tensor before "
             "performing the operation.");
  iter::checkNoPartialOverlap(op, self, other);
}

// The in-place scatter every variant ends in: src may be null (then `value` is written).
Tensor scatterInto(const char* op, const Tensor& self, int64_t dim, const Tensor& index,
                   const Tensor* src, const Scalar& value, Reduce reduce) {
  int64_t d = wrapDim(dim, self.dim(), op);
  checkScatterDTypes(op, self, index, src);
  checkScatterShapes(op, self, d, index, src);
  iter::checkNoInternalOverlap(op, self);
  checkNoOverlap(op, self, index);
  if (src) checkNoOverlap(op, self, *src);
  if (index.impl()->numel() > 0) {
    ScatterGeometry g(self, d, index, src);
    WICK_DISPATCH_ALL(self.dtype(), op, {
      scalar_t* out = static_cast<scalar_t*>(self.data_ptr());
      if (src) {
        const scalar_t* in = static_cast<const scalar_t*>(src->data_ptr());
        g.forEach(op, [&](int64_t o, int64_t i) { combine(out[o], in[i], reduce); });
      } else {
        scalar_t v = scalarAs<scalar_t>(value);
        g.forEach(op, [&](int64_t o, int64_t) { combine(out[o], v, reduce); });
      }
    });
  }
  self.impl()->storage()->bumpVersion();
  return self;
}

void warnReduceDeprecated() {
  warn(Warning::Kind::Deprecation,
       "The reduce argument of torch.scatter with Tensor src is deprecated and will be removed "
       "in a future PyTorch release. Use torch.scatter_reduce instead for more reduction "
       "options.");
}

}  // namespace

Tensor scatter__src(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatterInto("aten::scatter_", self, dim, index, &src, 0, Reduce::None);
}

Tensor scatter__value(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  return scatterInto("aten::scatter_", self, dim, index, nullptr, value, Reduce::None);
}

Tensor scatter__reduce(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                       std::string_view reduce) {
  Reduce r = parseReduce("aten::scatter_", reduce);
  warnReduceDeprecated();
  return scatterInto("aten::scatter_", self, dim, index, &src, 0, r);
}

Tensor scatter__value_reduce(const Tensor& self, int64_t dim, const Tensor& index,
                             const Scalar& value, std::string_view reduce) {
  Reduce r = parseReduce("aten::scatter_", reduce);
  return scatterInto("aten::scatter_", self, dim, index, nullptr, value, r);
}

Tensor scatter_add_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatterInto("aten::scatter_add_", self, dim, index, &src, 0, Reduce::Add);
}

// The out-of-place forms scatter into a contiguous copy of self.
Tensor scatter_src(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatterInto("aten::scatter", contiguousCopy(self), dim, index, &src, 0, Reduce::None);
}

Tensor scatter_value(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  return scatterInto("aten::scatter", contiguousCopy(self), dim, index, nullptr, value,
                     Reduce::None);
}

Tensor scatter_reduce(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                      std::string_view reduce) {
  Reduce r = parseReduce("aten::scatter", reduce);
  warnReduceDeprecated();
  return scatterInto("aten::scatter", contiguousCopy(self), dim, index, &src, 0, r);
}

Tensor scatter_value_reduce(const Tensor& self, int64_t dim, const Tensor& index,
                            const Scalar& value, std::string_view reduce) {
  Reduce r = parseReduce("aten::scatter", reduce);
  return scatterInto("aten::scatter", contiguousCopy(self), dim, index, nullptr, value, r);
}

Tensor scatter_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatterInto("aten::scatter_add", contiguousCopy(self), dim, index, &src, 0, Reduce::Add);
}

namespace {

enum class Reduction { Sum, Prod, Mean, Amax, Amin };

Reduction parseReduction(const char* op, std::string_view reduce) {
  if (reduce == "sum") return Reduction::Sum;
  if (reduce == "prod") return Reduction::Prod;
  if (reduce == "mean") return Reduction::Mean;
  if (reduce == "amax") return Reduction::Amax;
  if (reduce == "amin") return Reduction::Amin;
  WICK_FAIL(op, ": reduce argument must be either sum, prod, mean, amax or amin.");
}

// The value a reduction starts from when self's own values are excluded.
template <class T>
T identityOf(Reduction r) {
  switch (r) {
    case Reduction::Prod: return static_cast<T>(1);
    case Reduction::Amax:
      if constexpr (std::is_floating_point_v<T>)
        return -std::numeric_limits<T>::infinity();
      else if constexpr (std::is_integral_v<T>)
        return std::numeric_limits<T>::lowest();
      else
        return T(-std::numeric_limits<float>::infinity());
    case Reduction::Amin:
      if constexpr (std::is_floating_point_v<T>)
        return std::numeric_limits<T>::infinity();
      else if constexpr (std::is_integral_v<T>)
        return std::numeric_limits<T>::max();
      else
        return T(std::numeric_limits<float>::infinity());
    default: return static_cast<T>(0);
  }
}

template <class T>
void reduceInto(T& dst, T v, Reduction r) {
  switch (r) {
    case Reduction::Sum:
    case Reduction::Mean: dst = addElems(dst, v); break;
    case Reduction::Prod: dst = mulElems(dst, v); break;
    // NaN wins, as in PyTorch's maximum/minimum.
    case Reduction::Amax:
      if (v != v || static_cast<double>(v) > static_cast<double>(dst)) dst = v;
      break;
    case Reduction::Amin:
      if (v != v || static_cast<double>(v) < static_cast<double>(dst)) dst = v;
      break;
  }
}

template <class T>
T divideMean(T sum, int64_t count) {
  if constexpr (std::is_integral_v<T>) {
    // Integer means round down, as PyTorch's floor division.
    auto s = static_cast<int64_t>(sum);
    int64_t q = s / count;
    if ((s % count != 0) && ((s < 0) != (count < 0))) --q;
    return static_cast<T>(q);
  } else {
    return static_cast<T>(static_cast<double>(sum) / static_cast<double>(count));
  }
}

}  // namespace

Tensor scatter_reduce_two(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                          std::string_view reduce, bool include_self) {
  const char* op = "aten::scatter_reduce";
  Reduction r = parseReduction(op, reduce);
  int64_t d = wrapDim(dim, self.dim(), op);
  checkScatterDTypes(op, self, index, &src);
  checkScatterShapes(op, self, d, index, &src);
  Tensor out = contiguousCopy(self);
  if (index.impl()->numel() == 0) return out;
  ScatterGeometry g(out, d, index, &src);
  int64_t n = out.impl()->numel();
  // Elements reached by the index: excluded self values start from the identity; means count.
  std::vector<int64_t> counts(static_cast<size_t>(n), include_self ? 1 : 0);
  std::vector<bool> touched(static_cast<size_t>(n), false);
  WICK_DISPATCH_ALL(out.dtype(), op, {
    scalar_t* o = static_cast<scalar_t*>(out.data_ptr());
    const scalar_t* in = static_cast<const scalar_t*>(src.data_ptr());
    g.forEach(op, [&](int64_t oi, int64_t si) {
      if (!include_self && !touched[oi]) o[oi] = identityOf<scalar_t>(r);
      touched[oi] = true;
      reduceInto(o[oi], in[si], r);
      ++counts[oi];
    });
    if (r == Reduction::Mean) {
      for (int64_t i = 0; i < n; ++i)
        if (touched[i] && counts[i] > 0) o[i] = divideMean(o[i], counts[i]);
    }
  });
  return out;
}

}  // namespace wick::kernels
