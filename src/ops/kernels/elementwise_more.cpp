// More unary elementwise kernels: inverse hyperbolic functions, erfc/erfinv, lgamma/digamma,
// exp2, sinc, logit, deg2rad/rad2deg, sgn, nan_to_num and the isneginf/isposinf/signbit/
// isreal predicates; plus the scans and means that sit next to them in PyTorch's table
// (cumsum_/cumprod_, logcumsumexp, nanmean). Integral inputs of the math functions compute in
// float32; 16-bit floats compute in float, rounding intermediates only where PyTorch's CPU
// kernel computes in the 16-bit type itself (sinc, logit, deg2rad/rad2deg).
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "ops/kernels/iter_loops.h"
#include "ops/kernels/iter_math.h"
#include "ops/kernels/reduce_util.h"
#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using iter::Dest;
using iter::Iter;
using iter::pointwise;
using iter::requireKernelType;

// A float function of one argument: integral and bool inputs compute in float32. Several of
// PyTorch's kernels have no float16 version; `kernel` names the one whose error they raise.
template <class F>
Tensor floatUnary(const char* op, const char* kernel, bool half_ok, const Dest& d,
                  const Tensor& self, const F& f) {
  Iter it(op);
  it.output(d).input(self).promoteToFloat();
  it.build();
  requireKernelType(half_ok || it.computeDType() != kHalf, op, kernel, it.computeDType());
  WICK_ITER_DISPATCH_FLOATING(it.computeDType(), op,
                              pointwise<scalar_t, scalar_t>(it, f, iter::kMathGrainSize));
  return it.finish();
}

// ---- special functions ----

// The digamma function (psi) in the precision of M: reflection for negative arguments,
// recurrence up to 10, then the asymptotic series; poles follow C++'s gamma functions
// (+-0 gives -+inf, negative integers NaN).
template <class M>
M digammaOf(M x) {
  if (x == 0) return std::copysign(std::numeric_limits<M>::infinity(), -x);
  if (x < 0) {
    if (x == std::trunc(x)) return std::numeric_limits<M>::quiet_NaN();
    // tan(pi * frac(x)) is more accurate than tan(pi * x) for |x| > 1 (same period); the
    // reflection term is computed in double even for float32, as PyTorch does near the poles.
    constexpr double kPi = 3.14159265358979323846264338327950288;
    double frac = static_cast<double>(x) - std::trunc(static_cast<double>(x));
    M reflection = static_cast<M>(kPi / std::tan(kPi * frac));
    return digammaOf<M>(M(1) - x) - reflection;
  }
  M acc = 0;
  while (x < 10) {
    acc -= M(1) / x;
    x += 1;
  }
  // psi(10) = H_9 - Euler's gamma
  if (x == 10) return acc + static_cast<M>(2.25175258906672110764);
  // psi(x) ~ log x - 1/(2x) - sum_k B_2k / (2k x^2k), seven terms (Horner, highest first).
  M series = 0;
  if (x < static_cast<M>(1.0e17)) {
    M z = M(1) / (x * x);
    M p = static_cast<M>(8.33333333333333333333E-2);         // B14 / 14
    p = p * z + static_cast<M>(-2.10927960927960927961E-2);  // B12 / 12
    p = p * z + static_cast<M>(7.57575757575757575758E-3);   // B10 / 10
    p = p * z + static_cast<M>(-4.16666666666666666667E-3);  // B8 / 8
    p = p * z + static_cast<M>(3.96825396825396825397E-3);   // B6 / 6
    p = p * z + static_cast<M>(-8.33333333333333333333E-3);  // B4 / 4
    p = p * z + static_cast<M>(8.33333333333333333333E-2);   // B2 / 2
    series = z * p;
  }
  return acc + std::log(x) - M(0.5) / x - series;
}

// The inverse error function in the precision of M, as PyTorch computes it: a rational first
// guess (central range |y| <= 0.7, else in terms of sqrt(-log((1-|y|)/2))), then two Newton
// steps on erf(x) = y. Computing in M (not wider) keeps float32 results equal to PyTorch's.
template <class M>
M erfinvOf(M y) {
  M ay = std::abs(y);
  if (ay > M(1)) return std::numeric_limits<M>::quiet_NaN();
  if (ay == M(1)) return std::copysign(std::numeric_limits<M>::infinity(), y);
  M x;
  if (ay <= static_cast<M>(0.7)) {
    M z = y * y;
    M num = ((static_cast<M>(-0.140543331) * z + static_cast<M>(0.914624893)) * z +
             static_cast<M>(-1.645349621)) *
                z +
            static_cast<M>(0.886226899);
    M den = (((static_cast<M>(0.012229801) * z + static_cast<M>(-0.329097515)) * z +
              static_cast<M>(1.442710462)) *
                 z +
             static_cast<M>(-2.118377725)) *
                z +
            M(1);
    x = y * num / den;
  } else {
    M z = std::sqrt(-std::log((M(1) - ay) / M(2)));
    M num = ((static_cast<M>(1.641345311) * z + static_cast<M>(3.429567803)) * z +
             static_cast<M>(-1.624906493)) *
                z +
            static_cast<M>(-1.970840454);
    M den = (static_cast<M>(1.637067800) * z + static_cast<M>(3.543889200)) * z + M(1);
    x = std::copysign(num, y) / den;
  }
  // erf'(x) = 2/sqrt(pi) exp(-x^2)
  const M slope = M(2) / static_cast<M>(1.7724538509055160272981674833411);
  for (int step = 0; step < 2; ++step) x = x - (std::erf(x) - y) / (slope * std::exp(-x * x));
  return x;
}

#define WICK_MATH(EXPR) [](auto x) { return EXPR; }

Tensor acoshImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, "acosh_cpu", false, d, self, WICK_MATH(std::acosh(x)));
}
Tensor asinhImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, "asinh_cpu", false, d, self, WICK_MATH(std::asinh(x)));
}
Tensor atanhImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, "atanh_cpu", false, d, self, WICK_MATH(std::atanh(x)));
}
Tensor erfcImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, "erfc_vml_cpu", false, d, self, WICK_MATH(std::erfc(x)));
}
Tensor lgammaImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, "lgamma_vml_cpu", false, d, self, WICK_MATH(std::lgamma(x)));
}
Tensor erfinvImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, "erfinv_vml_cpu", false, d, self, WICK_MATH(erfinvOf(x)));
}
Tensor digammaImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, "digamma", false, d, self, WICK_MATH(digammaOf(x)));
}
Tensor exp2Impl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, "exp2", true, d, self, WICK_MATH(std::exp2(x)));
}

// sin(pi x) / (pi x), 1 at 0, computed in the tensor's dtype as PyTorch does: for bfloat16 pi
// (3.140625, so sinc(1) is 3.1e-4), the product and the sine each round to bfloat16.
Tensor sincImpl(const char* op, const Dest& d, const Tensor& self) {
  Iter it(op);
  it.output(d).input(self).promoteToFloat();
  it.build();
  DType t = it.computeDType();
  requireKernelType(t != kHalf, op, "sinc_cpu", t);
  WICK_ITER_DISPATCH_FLOATING(t, op, {
    using M = iter::opmath_t<scalar_t>;
    const M pi = static_cast<M>(scalar_t(3.14159265358979323846264338327950288));
    pointwise<scalar_t, scalar_t>(
        it,
        [pi](M x) {
          if (x == M(0)) return M(1);
          M px = static_cast<M>(scalar_t(pi * x));
          return static_cast<M>(scalar_t(std::sin(px))) / px;
        },
        iter::kMathGrainSize);
  });
  return it.finish();
}

// log(x / (1 - x)), with x clamped to [eps, 1 - eps] when eps >= 0 (no eps: -1, no clamp).
// Computed in the tensor's dtype as PyTorch does: for bfloat16, eps and every intermediate
// round to bfloat16.
Tensor logitImpl(const char* op, const Dest& d, const Tensor& self, std::optional<double> eps) {
  Iter it(op);
  it.output(d).input(self).promoteToFloat();
  it.build();
  DType t = it.computeDType();
  requireKernelType(t != kHalf, op, "logit_cpu", t);
  double e = eps.value_or(-1.0);
  WICK_ITER_DISPATCH_FLOATING(t, op, {
    using M = iter::opmath_t<scalar_t>;
    const M lo = static_cast<M>(scalar_t(e));
    const M hi = static_cast<M>(scalar_t(M(1) - lo));
    const bool clamp = lo >= M(0);
    pointwise<scalar_t, scalar_t>(
        it,
        [=](M x) {
          if (clamp) x = x < lo ? lo : (x > hi ? hi : x);
          if (x == M(1)) return std::numeric_limits<M>::infinity();
          M ratio = static_cast<M>(scalar_t(x / static_cast<M>(scalar_t(M(1) - x))));
          return std::log(ratio);
        },
        iter::kMathGrainSize);
  });
  return it.finish();
}

// deg2rad / rad2deg multiply by a double constant the way mul(self, wrapped number) does:
// integral inputs compute in float32, and the constant rounds to the tensor's dtype first
// (float16 and bfloat16 too).
Tensor scaleImpl(const char* op, const Dest& d, const Tensor& self, double factor) {
  Iter it(op);
  it.output(d).input(self).computeDType(toFloatIfIntegral(self.dtype()));
  it.build();
  WICK_ITER_DISPATCH_FLOATING(it.computeDType(), op, {
    using M = iter::opmath_t<scalar_t>;
    const M c = static_cast<M>(scalar_t(factor));
    pointwise<scalar_t, scalar_t>(it, [c](M x) { return x * c; });
  });
  return it.finish();
}
Tensor deg2radImpl(const char* op, const Dest& d, const Tensor& self) {
  return scaleImpl(op, d, self, 0.017453292519943295769236907684886127134428718885417);
}
Tensor rad2degImpl(const char* op, const Dest& d, const Tensor& self) {
  return scaleImpl(op, d, self, 57.295779513082320876798154814105170332405472466564);
}

// The argument of a real number: pi for negative values, 0 otherwise, NaN kept; pi in the
// tensor's dtype (3.140625 for float16 and bfloat16). Integral inputs compute in float32.
Tensor angleImpl(const char* op, const Dest& d, const Tensor& self) {
  Iter it(op);
  it.output(d).input(self).promoteToFloat();
  it.build();
  WICK_ITER_DISPATCH_FLOATING(it.computeDType(), op, {
    using M = iter::opmath_t<scalar_t>;
    const M pi = static_cast<M>(scalar_t(3.14159265358979323846264338327950288));
    pointwise<scalar_t, scalar_t>(it, [pi](M x) { return x != x ? x : (x < M(0) ? pi : M(0)); });
  });
  return it.finish();
}

// sgn equals sign for real dtypes: 1, 0 or -1 in the input's dtype (NaN gives 0, bool stays).
Tensor sgnImpl(const char* op, const Dest& d, const Tensor& self) {
  Iter it(op);
  it.output(d).input(self).exactOutputDType();
  it.build();
  WICK_ITER_DISPATCH_ALL(
      it.computeDType(), op, pointwise<scalar_t, scalar_t>(it, [](auto x) {
        using T = decltype(x);
        if constexpr (std::is_same_v<T, bool>) {
          return x;
        } else if constexpr (std::is_unsigned_v<T>) {
          return static_cast<T>(x > 0);
        } else {
          return static_cast<T>(static_cast<int>(T(0) < x) - static_cast<int>(x < T(0)));
        }
      }));
  return it.finish();
}

// The largest finite value of a floating dtype.
template <class T>
iter::opmath_t<T> maxFinite() {
  if constexpr (std::is_same_v<T, Half>) {
    return 65504.0f;
  } else if constexpr (std::is_same_v<T, BFloat16>) {
    return 3.3895313892515355e38f;
  } else {
    return std::numeric_limits<T>::max();
  }
}

// NaN, +inf and -inf replaced (defaults 0 and the dtype's largest and lowest finite values);
// integral and bool tensors pass through unchanged. The replacements convert to the dtype as
// static_cast does (1e6 is inf in float16).
Tensor nanToNumImpl(const char* op, const Dest& d, const Tensor& self, std::optional<double> nan,
                    std::optional<double> posinf, std::optional<double> neginf) {
  if (d.tensor.defined() && d.resizable) {
    WICK_CHECK(d.tensor.dtype() == self.dtype(), op,
               ": nan_to_num: dtype of out: ", scalarTypeName(d.tensor.dtype()),
               " should be same as input: ", scalarTypeName(self.dtype()));
  }
  Iter it(op);
  it.output(d).input(self).exactOutputDType();
  it.build();
  DType t = it.computeDType();
  if (!isFloatingType(t)) {
    WICK_ITER_DISPATCH_INTEGRAL_AND_BOOL(
        t, op, pointwise<scalar_t, scalar_t>(it, [](auto x) { return x; }));
    return it.finish();
  }
  WICK_ITER_DISPATCH_FLOATING(t, op, {
    using M = iter::opmath_t<scalar_t>;
    const M big = maxFinite<scalar_t>();
    const M nan_v = static_cast<M>(nan ? scalar_t(*nan) : scalar_t(0));
    const M pos_v = posinf ? static_cast<M>(scalar_t(*posinf)) : big;
    const M neg_v = neginf ? static_cast<M>(scalar_t(*neginf)) : -big;
    pointwise<scalar_t, scalar_t>(it, [=](M x) {
      if (x != x) return nan_v;
      if (x == std::numeric_limits<M>::infinity()) return pos_v;
      if (x == -std::numeric_limits<M>::infinity()) return neg_v;
      return x;
    });
  });
  return it.finish();
}

// ---- predicates ----

// A bool result of any input dtype; out= tensors must be bool ("<name> does not support
// non-boolean outputs.").
template <class F>
Tensor predicate(const char* op, const char* name, const Dest& d, const Tensor& self, const F& f) {
  WICK_CHECK(!d.tensor.defined() || d.tensor.dtype() == kBool, op, ": ", name,
             " does not support non-boolean outputs.");
  Iter it(op);
  it.output(d).rawInput(self).resultDType(kBool);
  it.build();
  WICK_ITER_DISPATCH_ALL(self.dtype(), op, pointwise<bool, scalar_t>(it, f));
  return it.finish();
}

template <bool kNegative>
Tensor isInfImpl(const char* op, const Dest& d, const Tensor& self) {
  return predicate(op, kNegative ? "isneginf" : "isposinf", d, self, [](auto x) {
    using M = decltype(x);
    if constexpr (std::is_integral_v<M>) {
      return false;
    } else {
      return x ==
             (kNegative ? -std::numeric_limits<M>::infinity() : std::numeric_limits<M>::infinity());
    }
  });
}

Tensor signbitImpl(const char* op, const Dest& d, const Tensor& self) {
  return predicate(op, "signbit", d, self, [](auto x) {
    using M = decltype(x);
    if constexpr (std::is_same_v<M, bool> || std::is_unsigned_v<M>) {
      return false;
    } else if constexpr (std::is_integral_v<M>) {
      return x < 0;
    } else {
      // The sign bit read as a signed compare: GCC 12 fails an internal check vectorising
      // std::signbit on float16/bfloat16-to-float conversions at -O3 with AVX-512.
      if constexpr (sizeof(M) == 8) {
        return static_cast<int64_t>(std::bit_cast<uint64_t>(static_cast<double>(x))) < 0;
      } else {
        return static_cast<int32_t>(std::bit_cast<uint32_t>(static_cast<float>(x))) < 0;
      }
    }
  });
}

#undef WICK_MATH

// ---- scans ----

// cumsum_ / cumprod_: the scan of self written back into self. An explicit dtype must be
// self's ("Bad in-place call"). PyTorch's scan kernels take neither bool nor float16, but
// 0-dim and empty tensors never reach them and are left as they are.
template <bool kProd>
Tensor cumInplace(const Tensor& self, int64_t dim, std::optional<DType> dtype) {
  const char* op = kProd ? "aten::cumprod_" : "aten::cumsum_";
  (void)wrapDim(dim, self.dim(), op);
  WICK_CHECK(!dtype || *dtype == self.dtype(), op, ": Bad in-place call: input tensor dtype ",
             dense::typeMetaName(self.dtype()), " and output tensor dtype ",
             dense::typeMetaName(*dtype), " should match");
  if (self.dim() > 0 && self.impl()->numel() > 0) {
    DType t = self.dtype();
    requireKernelType(t != kBool && t != kHalf, op, kProd ? "cumprod_out_cpu" : "cumsum_out_cpu",
                      t);
    // Integral scans run in int64 (wrapping), and the conversion back wraps like PyTorch's
    // narrow accumulator would.
    Tensor r = kProd ? kernels::cumprod(self, dim, std::nullopt)
                     : kernels::cumsum(self, dim, std::nullopt);
    iter::copyInto(op, self, r);
  }
  iter::bumpVersion(self);
  return self;
}

// Lines of a contiguous tensor along one dim: outer blocks of n rows of `inner` elements.
struct Lines {
  int64_t outer = 1, n = 1, inner = 1;
};

Lines linesAlong(IntArrayRef sizes, int64_t dim) {
  Lines l;
  if (sizes.empty()) return l;
  for (int64_t k = 0; k < static_cast<int64_t>(sizes.size()); ++k) {
    if (k < dim) l.outer *= sizes[k];
    if (k == dim) l.n = sizes[k];
    if (k > dim) l.inner *= sizes[k];
  }
  return l;
}

// log(exp(acc) + exp(x)) without overflow; NaN in either propagates, and equal infinities
// (where the difference would be NaN) give themselves.
template <class A>
A logAddExpStep(A acc, A x) {
  if (acc != acc || x != x) return std::numeric_limits<A>::quiet_NaN();
  A lo = std::min(acc, x), hi = std::max(acc, x);
  if (lo == hi && !std::isfinite(lo)) return x;
  return hi + std::log1p(std::exp(lo - hi));
}

// The running logsumexp along dim into a contiguous tensor. Accumulates in PyTorch's CPU
// accumulate type (double for float32).
Tensor logcumsumexpImpl(const char* op, const Tensor& self, int64_t dim) {
  int64_t d = wrapDim(dim, self.dim(), op);
  DType t = self.dtype();
  requireKernelType(isFloatingType(t) && t != kHalf, op, "logcumsumexp_out_cpu", t);
  Tensor x = reduce::contiguousOf(self);
  Tensor out = emptyTensor(self.impl()->sizes(), t);
  if (out.impl()->numel() == 0) return out;
  Lines l = linesAlong(self.impl()->sizes(), self.dim() == 0 ? 0 : d);
  WICK_ITER_DISPATCH_FLOATING(t, op, {
    using A = std::conditional_t<std::is_same_v<scalar_t, float>, double, iter::opmath_t<scalar_t>>;
    const scalar_t* src = static_cast<const scalar_t*>(x.data_ptr());
    scalar_t* dst = static_cast<scalar_t*>(out.data_ptr());
    int64_t grain = std::max<int64_t>(1, reduce::kGrain / std::max<int64_t>(1, l.n * l.inner));
    parallelFor(0, l.outer, grain, [&](int64_t b, int64_t e) {
      std::vector<A> acc(static_cast<size_t>(l.inner));
      for (int64_t o = b; o < e; ++o) {
        std::fill(acc.begin(), acc.end(), -std::numeric_limits<A>::infinity());
        const scalar_t* xs = src + o * l.n * l.inner;
        scalar_t* ys = dst + o * l.n * l.inner;
        for (int64_t i = 0; i < l.n; ++i) {
          for (int64_t k = 0; k < l.inner; ++k) {
            A& a = acc[static_cast<size_t>(k)];
            a = logAddExpStep(
                a, static_cast<A>(static_cast<iter::opmath_t<scalar_t>>(xs[i * l.inner + k])));
            ys[i * l.inner + k] = static_cast<scalar_t>(static_cast<iter::opmath_t<scalar_t>>(a));
          }
        }
      }
    });
  });
  return out;
}

// Writes a computed result into an out= tensor: resized (with PyTorch's warning) when its
// shape differs, otherwise written through its own strides.
void writeOut(const char* op, const Tensor& out, const Tensor& result) {
  iter::resizeOutput(op, out, result.impl()->sizes());
  iter::copyInto(op, out, result);
  iter::bumpVersion(out);
}

// ---- nanmean ----

// nansum / (number of non-NaN elements), as PyTorch composes it: the sum rounds to the result
// dtype before the division.
Tensor nanmeanImpl(const char* op, const Tensor& self, std::optional<IntArrayRef> dim, bool keepdim,
                   std::optional<DType> dtype) {
  WICK_CHECK(isFloatingType(self.dtype()), op,
             ": nanmean(): expected input to have floating point dtype but got ",
             scalarTypeName(self.dtype()));
  if (dtype) requireKernelType(isFloatingType(*dtype), op, "nansum_cpu", *dtype);
  (void)reduce::dimMask(dim ? *dim : IntArrayRef(), self.dim(), op);
  Tensor sum = kernels::nansum(self, dim, keepdim, dtype);
  Tensor count = kernels::sum_dim_IntList(kernels::logical_not(kernels::isnan(self)), dim, keepdim,
                                          std::nullopt);
  return kernels::div_Tensor(sum, count);
}

}  // namespace

WICK_UNARY_KERNELS(acosh, acoshImpl)
WICK_UNARY_KERNELS(asinh, asinhImpl)
WICK_UNARY_KERNELS(atanh, atanhImpl)
WICK_UNARY_KERNELS(erfc, erfcImpl)
WICK_UNARY_KERNELS(lgamma, lgammaImpl)
WICK_UNARY_KERNELS(erfinv, erfinvImpl)
WICK_UNARY_KERNELS(digamma, digammaImpl)
WICK_UNARY_KERNELS(exp2, exp2Impl)
WICK_UNARY_KERNELS(sinc, sincImpl)
WICK_UNARY_KERNELS(deg2rad, deg2radImpl)
WICK_UNARY_KERNELS(rad2deg, rad2degImpl)
WICK_UNARY_KERNELS(sgn, sgnImpl)

Tensor angle(const Tensor& self) { return angleImpl("aten::angle", Dest::fresh(), self); }

Tensor logit(const Tensor& self, std::optional<double> eps) {
  return logitImpl("aten::logit", Dest::fresh(), self, eps);
}
Tensor logit_out(const Tensor& self, std::optional<double> eps, const Tensor& out) {
  return logitImpl("aten::logit", Dest::out(out), self, eps);
}
Tensor logit_(const Tensor& self, std::optional<double> eps) {
  return logitImpl("aten::logit_", Dest::self(self), self, eps);
}

Tensor nan_to_num(const Tensor& self, std::optional<double> nan, std::optional<double> posinf,
                  std::optional<double> neginf) {
  return nanToNumImpl("aten::nan_to_num", Dest::fresh(), self, nan, posinf, neginf);
}
Tensor nan_to_num_out(const Tensor& self, std::optional<double> nan, std::optional<double> posinf,
                      std::optional<double> neginf, const Tensor& out) {
  return nanToNumImpl("aten::nan_to_num", Dest::out(out), self, nan, posinf, neginf);
}
Tensor nan_to_num_(const Tensor& self, std::optional<double> nan, std::optional<double> posinf,
                   std::optional<double> neginf) {
  return nanToNumImpl("aten::nan_to_num_", Dest::self(self), self, nan, posinf, neginf);
}

Tensor isneginf(const Tensor& self) {
  return isInfImpl<true>("aten::isneginf", Dest::fresh(), self);
}
Tensor isneginf_out(const Tensor& self, const Tensor& out) {
  return isInfImpl<true>("aten::isneginf", Dest::out(out), self);
}
Tensor isposinf(const Tensor& self) {
  return isInfImpl<false>("aten::isposinf", Dest::fresh(), self);
}
Tensor isposinf_out(const Tensor& self, const Tensor& out) {
  return isInfImpl<false>("aten::isposinf", Dest::out(out), self);
}
Tensor signbit(const Tensor& self) { return signbitImpl("aten::signbit", Dest::fresh(), self); }
Tensor signbit_out(const Tensor& self, const Tensor& out) {
  return signbitImpl("aten::signbit", Dest::out(out), self);
}
// Real dtypes only, so every element is real: true everywhere, in self's layout.
Tensor isreal(const Tensor& self) {
  return predicate("aten::isreal", "isreal", Dest::fresh(), self, [](auto) { return true; });
}

Tensor cumsum_(const Tensor& self, int64_t dim, std::optional<DType> dtype) {
  return cumInplace<false>(self, dim, dtype);
}
Tensor cumprod_(const Tensor& self, int64_t dim, std::optional<DType> dtype) {
  return cumInplace<true>(self, dim, dtype);
}

Tensor logcumsumexp(const Tensor& self, int64_t dim) {
  return logcumsumexpImpl("aten::logcumsumexp", self, dim);
}
Tensor logcumsumexp_out(const Tensor& self, int64_t dim, const Tensor& out) {
  const char* op = "aten::logcumsumexp";
  WICK_CHECK(out.dtype() == self.dtype(), op, ": expected scalar_type ",
             scalarTypeName(self.dtype()), " but found ", scalarTypeName(out.dtype()));
  writeOut(op, out, logcumsumexpImpl(op, self, dim));
  return out;
}

Tensor nanmean(const Tensor& self, std::optional<IntArrayRef> dim, bool keepdim,
               std::optional<DType> dtype) {
  return nanmeanImpl("aten::nanmean", self, dim, keepdim, dtype);
}
// Reduces in out's dtype; an explicit dtype must be out's.
Tensor nanmean_out(const Tensor& self, std::optional<IntArrayRef> dim, bool keepdim,
                   std::optional<DType> dtype, const Tensor& out) {
  const char* op = "aten::nanmean";
  WICK_CHECK(isFloatingType(self.dtype()), op,
             ": nanmean(): expected input to have floating point dtype but got ",
             scalarTypeName(self.dtype()));
  WICK_CHECK(!dtype || *dtype == out.dtype(), op,
             ": nansum: provided dtype must match dtype of result. Got ",
             scalarTypeName(out.dtype()), " and ", scalarTypeName(*dtype), ".");
  writeOut(op, out, nanmeanImpl(op, self, dim, keepdim, out.dtype()));
  return out;
}

}  // namespace wick::kernels
