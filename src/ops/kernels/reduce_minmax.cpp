// Extremum reductions: aten::max/min (whole tensor, and .dim with indices), amax, amin,
// argmax, argmin and aminmax. NaN wins over every number, as in PyTorch; among equal values
// the first position wins, so indices match PyTorch's CPU results.
#include <cmath>
#include <limits>

#include "ops/kernels/reduce_simd.h"
#include "ops/kernels/reduce_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using reduce::compute_t;
using reduce::DimMask;
using reduce::isNan;

// The value every element beats (max) or undercuts (min).
template <class C, bool kMax>
C worst() {
  if constexpr (std::is_floating_point_v<C>) {
    return kMax ? -std::numeric_limits<C>::infinity() : std::numeric_limits<C>::infinity();
  } else {
    return kMax ? std::numeric_limits<C>::lowest() : std::numeric_limits<C>::max();
  }
}

// x beats y: larger (max) or smaller (min), and NaN beats any number.
template <class C, bool kMax>
bool beats(C x, C y) {
  if (isNan(x)) return !isNan(y);
  return kMax ? x > y : x < y;
}

template <class T, bool kMax>
struct ExtremeOp {
  using C = compute_t<T>;
  using acc_t = C;
  T* out;
  acc_t identity() const { return worst<C, kMax>(); }
  acc_t step(acc_t a, T x, int64_t) const {
    C v = static_cast<C>(x);
    if constexpr (std::is_floating_point_v<C>) {
      return (kMax ? v > a : v < a) || v != v ? v : a;
    } else {
      return (kMax ? v > a : v < a) ? v : a;
    }
  }
  acc_t combine(acc_t a, acc_t b) const { return step(a, T(b), 0); }
  void write(int64_t o, acc_t a) const { out[o] = T(a); }
  // Floats: the select with NaN propagation does not auto-vectorise; do it by hand.
  acc_t foldContiguous(acc_t a, const float* p, int64_t n,
                       int64_t) const requires std::is_same_v<T, float> {
    simd::f32x16 v = simd::splat(a);
    int64_t i = 0;
    for (; i + simd::kWidth <= n; i += simd::kWidth) {
      v = kMax ? simd::maxNan(v, simd::load(p + i)) : simd::minNan(v, simd::load(p + i));
    }
    a = kMax ? simd::hmax(v) : simd::hmin(v);
    for (; i < n; ++i) a = step(a, p[i], 0);
    return a;
  }
};

template <class C>
struct ValueIndex {
  C v;
  int64_t i;
};

// Value and first position of the extremum; writes either or both.
template <class T, bool kMax>
struct ArgExtremeOp {
  using C = compute_t<T>;
  using acc_t = ValueIndex<C>;
  T* values;
  int64_t* indices;
  acc_t identity() const { return {worst<C, kMax>(), -1}; }
  acc_t step(acc_t a, T x, int64_t i) const {
    C v = static_cast<C>(x);
    return (a.i < 0 || beats<C, kMax>(v, a.v)) ? acc_t{v, i} : a;
  }
  acc_t combine(acc_t a, acc_t b) const {
    if (a.i < 0) return b;
    if (b.i < 0) return a;
    if (beats<C, kMax>(b.v, a.v)) return b;
    if (beats<C, kMax>(a.v, b.v)) return a;
    return b.i < a.i ? b : a;
  }
  void write(int64_t o, acc_t a) const {
    if (values) values[o] = T(a.v);
    if (indices) indices[o] = a.i;
  }
};

template <bool kMax>
Tensor extremeImpl(const Tensor& self, DimMask mask, bool keepdim) {
  Tensor out = emptyTensor(reduce::reducedShape(self.impl()->sizes(), mask, keepdim), self.dtype());
  reduce::Plan plan = reduce::makePlan(*self.impl(), mask);
  WICK_DISPATCH_ALL(self.dtype(), kMax ? "max" : "min", {
    reduce::run(ExtremeOp<scalar_t, kMax>{out.data_ptr<scalar_t>()}, plan,
                static_cast<const scalar_t*>(self.data_ptr()));
  });
  return out;
}

// Values and/or indices along one dim (or over the whole tensor when `flat`, indices then
// count row-major positions).
template <bool kMax>
void argExtremeImpl(const Tensor& self, DimMask mask, Tensor* values, Tensor* indices) {
  reduce::Plan plan = reduce::makePlan(*self.impl(), mask);
  WICK_DISPATCH_ALL(self.dtype(), kMax ? "max" : "min", {
    using T = scalar_t;
    ArgExtremeOp<T, kMax> op{values ? values->data_ptr<T>() : nullptr,
                             indices ? indices->data_ptr<int64_t>() : nullptr};
    reduce::run(op, plan, static_cast<const T*>(self.data_ptr()));
  });
}

template <bool kMax>
std::tuple<Tensor, Tensor> extremeDim(const Tensor& self, int64_t dim, bool keepdim) {
  const char* name = kMax ? "max" : "min";
  DimMask mask = reduce::singleDimMask(dim, self.dim(), name);
  reduce::checkNonEmpty(self, mask, false, name);
  DimVector shape = reduce::reducedShape(self.impl()->sizes(), mask, keepdim);
  Tensor values = emptyTensor(shape, self.dtype());
  Tensor indices = emptyTensor(shape, kLong);
  argExtremeImpl<kMax>(self, mask, &values, &indices);
  return {values, indices};
}

template <bool kMax>
Tensor argImpl(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  const char* name = kMax ? "argmax" : "argmin";
  WICK_CHECK(self.dtype() != kBool, "aten::", name, ": \"", name,
             "_cpu\" not implemented for 'Bool'");
  if (!dim) {
    reduce::checkNonEmpty(self, reduce::allDims(self.dim()), true, name);
    // Positions count over the flattened tensor, so reduce a row-major view of it.
    DimMask all = reduce::allDims(self.dim());
    DimVector shape = keepdim ? DimVector(static_cast<size_t>(self.dim()), 1) : DimVector();
    Tensor indices = emptyTensor(shape, kLong);
    argExtremeImpl<kMax>(self, all, nullptr, &indices);
    return indices;
  }
  DimMask mask = reduce::singleDimMask(*dim, self.dim(), name);
  reduce::checkNonEmpty(self, mask, false, name);
  Tensor indices = emptyTensor(reduce::reducedShape(self.impl()->sizes(), mask, keepdim), kLong);
  argExtremeImpl<kMax>(self, mask, nullptr, &indices);
  return indices;
}

template <bool kMax>
Tensor amImpl(const Tensor& self, IntArrayRef dim, bool keepdim) {
  const char* name = kMax ? "amax" : "amin";
  DimMask mask = reduce::dimMask(dim, self.dim(), name);
  reduce::checkNonEmpty(self, mask, dim.empty(), name);
  return extremeImpl<kMax>(self, mask, keepdim);
}

}  // namespace

Tensor max(const Tensor& self) {
  reduce::checkNonEmpty(self, reduce::allDims(self.dim()), true, "max");
  return extremeImpl<true>(self, reduce::allDims(self.dim()), false);
}
Tensor min(const Tensor& self) {
  reduce::checkNonEmpty(self, reduce::allDims(self.dim()), true, "min");
  return extremeImpl<false>(self, reduce::allDims(self.dim()), false);
}
std::tuple<Tensor, Tensor> max_dim(const Tensor& self, int64_t dim, bool keepdim) {
  return extremeDim<true>(self, dim, keepdim);
}
std::tuple<Tensor, Tensor> min_dim(const Tensor& self, int64_t dim, bool keepdim) {
  return extremeDim<false>(self, dim, keepdim);
}
Tensor amax(const Tensor& self, IntArrayRef dim, bool keepdim) {
  return amImpl<true>(self, dim, keepdim);
}
Tensor amin(const Tensor& self, IntArrayRef dim, bool keepdim) {
  return amImpl<false>(self, dim, keepdim);
}
Tensor argmax(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  return argImpl<true>(self, dim, keepdim);
}
Tensor argmin(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  return argImpl<false>(self, dim, keepdim);
}

std::tuple<Tensor, Tensor> aminmax(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  DimMask mask =
      dim ? reduce::singleDimMask(*dim, self.dim(), "aminmax") : reduce::allDims(self.dim());
  if (self.impl()->numel() == 0) {
    bool empty_dim =
        !dim || self.dim() == 0 ||
        self.impl()->sizes()[static_cast<size_t>(wrapDim(*dim, self.dim(), "aminmax"))] == 0;
    WICK_CHECK(!empty_dim,
               "aminmax(): cannot compute aminmax over an empty dimension as the operation has "
               "no identity");
  }
  // Without dim and with keepdim, PyTorch keeps every dim as size 1.
  bool keep = keepdim;
  return {extremeImpl<false>(self, mask, keep), extremeImpl<true>(self, mask, keep)};
}

}  // namespace wick::kernels
