// Unary elementwise kernels: math functions (integral inputs compute in float), rounding,
// sign, bitwise and logical not, and the isnan/isinf/isfinite predicates. Each op comes as
// op(self), op.out(self, *, out) and op_(self).
#include <cmath>

#include "ops/kernels/fastmath.h"
#include "ops/kernels/iter_loops.h"
#include "ops/kernels/iter_math.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using iter::Dest;
using iter::Iter;
using iter::pointwise;
using FastFn = void (*)(const float*, float*, int64_t);

// sin, exp, sqrt, ...: integral and bool inputs compute in the default float dtype; float32
// may go through a vectorised array function.
template <class F>
Tensor floatUnary(const char* op, const Dest& d, const Tensor& self, const F& f,
                  FastFn fast = nullptr) {
  Iter it(op);
  it.output(d).input(self).promoteToFloat();
  it.build();
  if (fast != nullptr && it.computeDType() == kFloat) {
    iter::unaryFloatArray(it, fast);
  } else {
    WICK_ITER_DISPATCH_FLOATING(it.computeDType(), op,
                                pointwise<scalar_t, scalar_t>(it, f, iter::kMathGrainSize));
  }
  return it.finish();
}

// Ops that keep the input dtype; `Dispatch` picks which dtypes the op takes.
enum class Types { Numeric, Floating, IntegralAndBool, All };

template <Types K, class F>
Tensor sameTypeUnary(const char* op, const Dest& d, const Tensor& self, const F& f) {
  Iter it(op);
  it.output(d).input(self).exactOutputDType();
  it.build();
  DType t = it.computeDType();
  if constexpr (K == Types::Numeric) {
    WICK_ITER_DISPATCH_NUMERIC(t, op, pointwise<scalar_t, scalar_t>(it, f));
  } else if constexpr (K == Types::Floating) {
    WICK_ITER_DISPATCH_FLOATING(t, op, pointwise<scalar_t, scalar_t>(it, f));
  } else if constexpr (K == Types::IntegralAndBool) {
    WICK_ITER_DISPATCH_INTEGRAL_AND_BOOL(t, op, pointwise<scalar_t, scalar_t>(it, f));
  } else {
    WICK_ITER_DISPATCH_ALL(t, op, pointwise<scalar_t, scalar_t>(it, f));
  }
  return it.finish();
}

// Predicates: any input dtype, a bool result.
template <class F>
Tensor predicateUnary(const char* op, const Dest& d, const Tensor& self, const F& f) {
  Iter it(op);
  it.output(d).rawInput(self).resultDType(kBool).allowAnyOutputDType();
  it.build();
  WICK_ITER_DISPATCH_ALL(self.dtype(), op, pointwise<bool, scalar_t>(it, f));
  return it.finish();
}

template <class T>
constexpr bool kIntegral = std::is_integral_v<T>;

// Rounding functions are the identity on integers.
#define WICK_ROUNDING(FN)                   \
  [](auto x) {                              \
    if constexpr (kIntegral<decltype(x)>) { \
      return x;                             \
    } else {                                \
      return FN(x);                         \
    }                                       \
  }

#define WICK_MATH(EXPR) [](auto x) { return EXPR; }

Tensor expImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::exp(x)), fastmath::expF32);
}
Tensor logImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::log(x)));
}
Tensor log2Impl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::log2(x)));
}
Tensor log10Impl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::log10(x)));
}
Tensor log1pImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::log1p(x)));
}
Tensor expm1Impl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::expm1(x)));
}
Tensor sqrtImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::sqrt(x)));
}
Tensor rsqrtImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(decltype(x)(1) / std::sqrt(x)));
}
Tensor sinImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::sin(x)));
}
Tensor cosImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::cos(x)));
}
Tensor tanImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::tan(x)));
}
Tensor asinImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::asin(x)));
}
Tensor acosImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::acos(x)));
}
Tensor atanImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::atan(x)));
}
Tensor sinhImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::sinh(x)));
}
Tensor coshImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::cosh(x)));
}
Tensor tanhImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::tanh(x)), fastmath::tanhF32);
}
Tensor sigmoidImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(decltype(x)(1) / (decltype(x)(1) + std::exp(-x))),
                    fastmath::sigmoidF32);
}
Tensor erfImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(std::erf(x)), fastmath::erfF32);
}
Tensor reciprocalImpl(const char* op, const Dest& d, const Tensor& self) {
  return floatUnary(op, d, self, WICK_MATH(decltype(x)(1) / x));
}

Tensor absImpl(const char* op, const Dest& d, const Tensor& self) {
  return sameTypeUnary<Types::Numeric>(op, d, self, [](auto x) {
    using T = decltype(x);
    if constexpr (std::is_unsigned_v<T>) {
      return x;
    } else if constexpr (kIntegral<T>) {
      return x < 0 ? iter::wrapNeg(x) : x;
    } else {
      return std::fabs(x);
    }
  });
}

Tensor negImpl(const char* op, const Dest& d, const Tensor& self) {
  WICK_CHECK(self.dtype() != kBool, op,
             ": Negation, the `-` operator, on a bool tensor is not supported. If you are trying "
             "to invert a mask, use the `~` or `logical_not()` operator instead.");
  return sameTypeUnary<Types::Numeric>(op, d, self, [](auto x) { return iter::wrapNeg(x); });
}

Tensor floorImpl(const char* op, const Dest& d, const Tensor& self) {
  return sameTypeUnary<Types::Numeric>(op, d, self, WICK_ROUNDING(std::floor));
}
Tensor ceilImpl(const char* op, const Dest& d, const Tensor& self) {
  return sameTypeUnary<Types::Numeric>(op, d, self, WICK_ROUNDING(std::ceil));
}
// Half-way cases round to even, as PyTorch's round.
Tensor roundImpl(const char* op, const Dest& d, const Tensor& self) {
  return sameTypeUnary<Types::Numeric>(op, d, self, WICK_ROUNDING(std::nearbyint));
}
Tensor truncImpl(const char* op, const Dest& d, const Tensor& self) {
  return sameTypeUnary<Types::Numeric>(op, d, self, WICK_ROUNDING(std::trunc));
}
Tensor fracImpl(const char* op, const Dest& d, const Tensor& self) {
  return sameTypeUnary<Types::Floating>(op, d, self, WICK_MATH(x - std::trunc(x)));
}

// 1, 0 or -1; NaN gives 0.
Tensor signImpl(const char* op, const Dest& d, const Tensor& self) {
  return sameTypeUnary<Types::All>(op, d, self, [](auto x) {
    using T = decltype(x);
    if constexpr (std::is_same_v<T, bool>) {
      return x;
    } else if constexpr (std::is_unsigned_v<T>) {
      return static_cast<T>(x > 0);
    } else {
      return static_cast<T>(static_cast<int>(T(0) < x) - static_cast<int>(x < T(0)));
    }
  });
}

// square is pow(self, 2): bool squares to int64.
Tensor squareImpl(const char* op, const Dest& d, const Tensor& self) {
  Iter it(op);
  it.output(d).input(self).computeDType(resultType(self, Scalar(int64_t(2)))).exactOutputDType();
  it.build();
  WICK_ITER_DISPATCH_NUMERIC(it.computeDType(), op, pointwise<scalar_t, scalar_t>(it, [](auto x) {
                               return iter::wrapMul(x, x);
                             }));
  return it.finish();
}

Tensor bitwiseNotImpl(const char* op, const Dest& d, const Tensor& self) {
  return sameTypeUnary<Types::IntegralAndBool>(op, d, self, [](auto x) {
    using T = decltype(x);
    if constexpr (std::is_same_v<T, bool>) {
      return !x;
    } else {
      return static_cast<T>(~x);
    }
  });
}

Tensor logicalNotImpl(const char* op, const Dest& d, const Tensor& self) {
  return predicateUnary(op, d, self, [](auto x) { return !static_cast<bool>(x); });
}

Tensor isnanImpl(const char* op, const Dest& d, const Tensor& self) {
  return predicateUnary(op, d, self, [](auto x) {
    if constexpr (kIntegral<decltype(x)>) {
      return false;
    } else {
      return std::isnan(x);
    }
  });
}

Tensor isinfImpl(const char* op, const Dest& d, const Tensor& self) {
  return predicateUnary(op, d, self, [](auto x) {
    if constexpr (kIntegral<decltype(x)>) {
      return false;
    } else {
      return std::isinf(x);
    }
  });
}

Tensor isfiniteImpl(const char* op, const Dest& d, const Tensor& self) {
  return predicateUnary(op, d, self, [](auto x) {
    if constexpr (kIntegral<decltype(x)>) {
      return true;
    } else {
      return std::isfinite(x);
    }
  });
}

#undef WICK_MATH
#undef WICK_ROUNDING

}  // namespace

WICK_UNARY_KERNELS(abs, absImpl)
WICK_UNARY_KERNELS(neg, negImpl)
WICK_UNARY_KERNELS(exp, expImpl)
WICK_UNARY_KERNELS(log, logImpl)
WICK_UNARY_KERNELS(log2, log2Impl)
WICK_UNARY_KERNELS(log10, log10Impl)
WICK_UNARY_KERNELS(log1p, log1pImpl)
WICK_UNARY_KERNELS(expm1, expm1Impl)
WICK_UNARY_KERNELS(sqrt, sqrtImpl)
WICK_UNARY_KERNELS(rsqrt, rsqrtImpl)
WICK_UNARY_KERNELS(sin, sinImpl)
WICK_UNARY_KERNELS(cos, cosImpl)
WICK_UNARY_KERNELS(tan, tanImpl)
WICK_UNARY_KERNELS(asin, asinImpl)
WICK_UNARY_KERNELS(acos, acosImpl)
WICK_UNARY_KERNELS(atan, atanImpl)
WICK_UNARY_KERNELS(sinh, sinhImpl)
WICK_UNARY_KERNELS(cosh, coshImpl)
WICK_UNARY_KERNELS(tanh, tanhImpl)
WICK_UNARY_KERNELS(sigmoid, sigmoidImpl)
WICK_UNARY_KERNELS(floor, floorImpl)
WICK_UNARY_KERNELS(ceil, ceilImpl)
WICK_UNARY_KERNELS(round, roundImpl)
WICK_UNARY_KERNELS(trunc, truncImpl)
WICK_UNARY_KERNELS(frac, fracImpl)
WICK_UNARY_KERNELS(sign, signImpl)
WICK_UNARY_KERNELS(reciprocal, reciprocalImpl)
WICK_UNARY_KERNELS(erf, erfImpl)
WICK_UNARY_KERNELS(square, squareImpl)
WICK_UNARY_KERNELS(bitwise_not, bitwiseNotImpl)
WICK_UNARY_KERNELS(logical_not, logicalNotImpl)

Tensor isnan(const Tensor& self) { return isnanImpl("aten::isnan", Dest::fresh(), self); }
Tensor isnan_out(const Tensor& self, const Tensor& out) {
  return isnanImpl("aten::isnan", Dest::out(out), self);
}
Tensor isinf(const Tensor& self) { return isinfImpl("aten::isinf", Dest::fresh(), self); }
Tensor isinf_out(const Tensor& self, const Tensor& out) {
  return isinfImpl("aten::isinf", Dest::out(out), self);
}
Tensor isfinite(const Tensor& self) { return isfiniteImpl("aten::isfinite", Dest::fresh(), self); }

}  // namespace wick::kernels
