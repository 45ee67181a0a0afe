// Sums, means, products, counts and boolean reductions (aten::sum, mean, prod, nansum,
// count_nonzero, any, all), on the engine in reduce_util.h. Floating sums accumulate in
// double and integer sums in 64-bit two's complement, so results match PyTorch's to
// rounding on long inputs and integer overflow wraps as in PyTorch, without UB.
#include <algorithm>
#include <cmath>

#include "ops/kernels/reduce_simd.h"
#include "ops/kernels/reduce_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using reduce::compute_t;
using reduce::DimMask;

template <class T>
using sum_acc_t = std::conditional_t<std::is_integral_v<T>, uint64_t, double>;

template <class T, class Out>
Out fromAcc(sum_acc_t<T> a) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<Out>(static_cast<int64_t>(a));
  } else {
    return Out(static_cast<compute_t<Out>>(a));
  }
}

// Sum (scale 1), mean (scale 1/n) and nansum (skip_nan).
template <class T, class Out, bool kSkipNan>
struct SumOp {
  using acc_t = sum_acc_t<T>;
  Out* out;
  double scale;
  acc_t identity() const { return 0; }
  acc_t step(acc_t a, T x, int64_t) const {
    if constexpr (kSkipNan && !std::is_integral_v<T>) {
      auto v = static_cast<compute_t<T>>(x);
      return v != v ? a : a + static_cast<acc_t>(v);
    } else {
      return a + static_cast<acc_t>(static_cast<compute_t<T>>(x));
    }
  }
  acc_t combine(acc_t a, acc_t b) const { return a + b; }
  // Float runs: blocks of 4096 values summed in float by four 16-lane accumulators (64 adds
  // per lane, the depth of PyTorch's own float cascade), block sums added in double. Summing
  // every value in double halves the vector width and made sum twice as slow as PyTorch's.
  acc_t foldContiguous(acc_t a, const float* p, int64_t n, int64_t) const
      requires(std::is_same_v<T, float> && !kSkipNan) {
    constexpr int64_t kBlock = 4096;
    constexpr int64_t kStep = 4 * simd::kWidth;
    int64_t i = 0;
    while (n - i >= kStep) {
      int64_t end = i + std::min(kBlock, (n - i) / kStep * kStep);
      simd::f32x16 s0{}, s1{}, s2{}, s3{};
      for (; i < end; i += kStep) {
        s0 += simd::load(p + i);
        s1 += simd::load(p + i + simd::kWidth);
        s2 += simd::load(p + i + 2 * simd::kWidth);
        s3 += simd::load(p + i + 3 * simd::kWidth);
      }
      a += simd::hsumDouble((s0 + s1) + (s2 + s3));
    }
    for (; i < n; ++i) a += static_cast<double>(p[i]);
    return a;
  }
  void write(int64_t o, acc_t a) const {
    if constexpr (std::is_integral_v<T>) {
      out[o] = fromAcc<T, Out>(a);
    } else {
      out[o] = fromAcc<T, Out>(scale == 1 ? a : a * scale);
    }
  }
};

template <class T, class Out>
struct ProdOp {
  using acc_t = sum_acc_t<T>;
  Out* out;
  acc_t identity() const { return 1; }
  acc_t step(acc_t a, T x, int64_t) const {
    return a * static_cast<acc_t>(static_cast<compute_t<T>>(x));
  }
  acc_t combine(acc_t a, acc_t b) const { return a * b; }
  void write(int64_t o, acc_t a) const { out[o] = fromAcc<T, Out>(a); }
};

template <class T>
struct CountNonzeroOp {
  using acc_t = int64_t;
  int64_t* out;
  acc_t identity() const { return 0; }
  acc_t step(acc_t a, T x, int64_t) const {
    return a + (static_cast<compute_t<T>>(x) != compute_t<T>(0));
  }
  acc_t combine(acc_t a, acc_t b) const { return a + b; }
  void write(int64_t o, acc_t a) const { out[o] = a; }
};

// any (kAll false) and all (kAll true); the result is bool, or uint8 for uint8 inputs.
template <class T, class Out, bool kAll>
struct AnyAllOp {
  using acc_t = bool;
  Out* out;
  acc_t identity() const { return kAll; }
  acc_t step(acc_t a, T x, int64_t) const {
    bool nz = static_cast<compute_t<T>>(x) != compute_t<T>(0);
    return kAll ? (a && nz) : (a || nz);
  }
  acc_t combine(acc_t a, acc_t b) const { return kAll ? (a && b) : (a || b); }
  void write(int64_t o, acc_t a) const { out[o] = static_cast<Out>(a); }
};

DType sumResultType(DType in, std::optional<DType> dtype) {
  if (dtype) return *dtype;
  return isIntegralType(in, /*include_bool=*/true) ? kLong : in;
}

DimMask maskOf(const Tensor& self, const std::optional<IntArrayRef>& dim, const char* op) {
  return reduce::dimMask(dim ? *dim : IntArrayRef(), self.dim(), op);
}

// kind: 0 sum, 1 mean, 2 nansum.
Tensor sumLike(const Tensor& self, DimMask mask, bool keepdim, std::optional<DType> dtype,
               int kind) {
  DType out_type = sumResultType(self.dtype(), dtype);
  // With an explicit dtype PyTorch converts the input first and reduces in that type.
  Tensor x = dtype ? reduce::castTo(self, *dtype) : self;
  Tensor out = emptyTensor(reduce::reducedShape(x.impl()->sizes(), mask, keepdim), out_type);
  reduce::Plan plan = reduce::makePlan(*x.impl(), mask);
  double scale = kind == 1 ? 1.0 / static_cast<double>(plan.n_red) : 1.0;
  WICK_DISPATCH_ALL(x.dtype(), "sum", {
    using T = scalar_t;
    const T* data = static_cast<const T*>(x.data_ptr());
    if constexpr (std::is_integral_v<T>) {
      reduce::run(SumOp<T, int64_t, false>{out.data_ptr<int64_t>(), 1.0}, plan, data);
    } else if (kind == 2) {
      reduce::run(SumOp<T, T, true>{out.data_ptr<T>(), 1.0}, plan, data);
    } else {
      reduce::run(SumOp<T, T, false>{out.data_ptr<T>(), scale}, plan, data);
    }
  });
  return out;
}

void checkMeanType(DType in, std::optional<DType> dtype) {
  if (dtype) {
    WICK_CHECK(isFloatingType(*dtype),
               "mean(): could not infer output dtype. Optional dtype must be either a floating "
               "point or complex dtype. Got: ",
               graphName(*dtype));
  } else {
    WICK_CHECK(isFloatingType(in),
               "mean(): could not infer output dtype. Input dtype must be either a floating "
               "point or complex dtype. Got: ",
               graphName(in));
  }
}

Tensor prodImpl(const Tensor& self, DimMask mask, bool keepdim, std::optional<DType> dtype) {
  DType out_type = sumResultType(self.dtype(), dtype);
  Tensor x = dtype ? reduce::castTo(self, *dtype) : self;
  Tensor out = emptyTensor(reduce::reducedShape(x.impl()->sizes(), mask, keepdim), out_type);
  reduce::Plan plan = reduce::makePlan(*x.impl(), mask);
  WICK_DISPATCH_ALL(x.dtype(), "prod", {
    using T = scalar_t;
    const T* data = static_cast<const T*>(x.data_ptr());
    if constexpr (std::is_integral_v<T>) {
      reduce::run(ProdOp<T, int64_t>{out.data_ptr<int64_t>()}, plan, data);
    } else {
      reduce::run(ProdOp<T, T>{out.data_ptr<T>()}, plan, data);
    }
  });
  return out;
}

Tensor countNonzeroImpl(const Tensor& self, DimMask mask) {
  Tensor out = emptyTensor(reduce::reducedShape(self.impl()->sizes(), mask, false), kLong);
  reduce::Plan plan = reduce::makePlan(*self.impl(), mask);
  WICK_DISPATCH_ALL(self.dtype(), "count_nonzero", {
    reduce::run(CountNonzeroOp<scalar_t>{out.data_ptr<int64_t>()}, plan,
                static_cast<const scalar_t*>(self.data_ptr()));
  });
  return out;
}

template <bool kAll>
Tensor anyAllImpl(const Tensor& self, DimMask mask, bool keepdim) {
  DType out_type = self.dtype() == kByte ? kByte : kBool;
  Tensor out = emptyTensor(reduce::reducedShape(self.impl()->sizes(), mask, keepdim), out_type);
  reduce::Plan plan = reduce::makePlan(*self.impl(), mask);
  WICK_DISPATCH_ALL(self.dtype(), kAll ? "all" : "any", {
    using T = scalar_t;
    const T* data = static_cast<const T*>(self.data_ptr());
    if (out_type == kByte) {
      reduce::run(AnyAllOp<T, uint8_t, kAll>{out.data_ptr<uint8_t>()}, plan, data);
    } else {
      reduce::run(AnyAllOp<T, bool, kAll>{out.data_ptr<bool>()}, plan, data);
    }
  });
  return out;
}

}  // namespace

Tensor sum(const Tensor& self, std::optional<DType> dtype) {
  return sumLike(self, reduce::allDims(self.dim()), false, dtype, 0);
}

Tensor sum_dim_IntList(const Tensor& self, std::optional<IntArrayRef> dim, bool keepdim,
                       std::optional<DType> dtype) {
  return sumLike(self, maskOf(self, dim, "sum"), keepdim, dtype, 0);
}

Tensor sum_IntList_out(const Tensor& self, std::optional<IntArrayRef> dim, bool keepdim,
                       std::optional<DType> dtype, const Tensor& out) {
  // Without a dtype, PyTorch reduces in the out tensor's dtype.
  reduce::copyToOut(sum_dim_IntList(self, dim, keepdim, dtype ? dtype : out.dtype()), out, "sum");
  return out;
}

Tensor nansum(const Tensor& self, std::optional<IntArrayRef> dim, bool keepdim,
              std::optional<DType> dtype) {
  return sumLike(self, maskOf(self, dim, "nansum"), keepdim, dtype, 2);
}

Tensor mean(const Tensor& self, std::optional<DType> dtype) {
  checkMeanType(self.dtype(), dtype);
  return sumLike(self, reduce::allDims(self.dim()), false, dtype, 1);
}

Tensor mean_dim(const Tensor& self, std::optional<IntArrayRef> dim, bool keepdim,
                std::optional<DType> dtype) {
  checkMeanType(self.dtype(), dtype);
  return sumLike(self, maskOf(self, dim, "mean"), keepdim, dtype, 1);
}

Tensor mean_out(const Tensor& self, std::optional<IntArrayRef> dim, bool keepdim,
                std::optional<DType> dtype, const Tensor& out) {
  reduce::copyToOut(mean_dim(self, dim, keepdim, dtype ? dtype : out.dtype()), out, "mean");
  return out;
}

Tensor prod(const Tensor& self, std::optional<DType> dtype) {
  return prodImpl(self, reduce::allDims(self.dim()), false, dtype);
}

Tensor prod_dim_int(const Tensor& self, int64_t dim, bool keepdim, std::optional<DType> dtype) {
  return prodImpl(self, reduce::singleDimMask(dim, self.dim(), "prod"), keepdim, dtype);
}

Tensor count_nonzero(const Tensor& self, std::optional<int64_t> dim) {
  if (!dim) return countNonzeroImpl(self, reduce::allDims(self.dim()));
  return countNonzeroImpl(self, reduce::singleDimMask(*dim, self.dim(), "count_nonzero"));
}

Tensor count_nonzero_dim_IntList(const Tensor& self, IntArrayRef dim) {
  return countNonzeroImpl(self, reduce::dimMask(dim, self.dim(), "count_nonzero"));
}

Tensor any(const Tensor& self) {
  return anyAllImpl<false>(self, reduce::allDims(self.dim()), false);
}
Tensor any_dim(const Tensor& self, int64_t dim, bool keepdim) {
  return anyAllImpl<false>(self, reduce::singleDimMask(dim, self.dim(), "any"), keepdim);
}
Tensor all(const Tensor& self) {
  return anyAllImpl<true>(self, reduce::allDims(self.dim()), false);
}
Tensor all_dim(const Tensor& self, int64_t dim, bool keepdim) {
  return anyAllImpl<true>(self, reduce::singleDimMask(dim, self.dim(), "all"), keepdim);
}

}  // namespace wick::kernels
