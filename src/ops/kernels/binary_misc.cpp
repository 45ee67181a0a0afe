// Binary kernels beyond arithmetic: pow (tensor and scalar exponents, scalar bases), atan2,
// bitwise and/or/xor (with the __and__ family) and logical and/or/xor.
#include <cmath>
#include <limits>

#include "ops/kernels/iter_binary.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using iter::Dest;
using iter::Iter;
using iter::opmath_t;
using iter::Types;
using iter::wrapScalar;

// ---- pow ----

Tensor powTensorImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& exponent) {
  Iter it(op);
  it.output(d).input(self).input(exponent).promote();
  return iter::runBinary<Types::Numeric>(it, []<class T>() {
    using M = opmath_t<T>;
    return [](M x, M y) -> M {
      if constexpr (std::is_integral_v<M>) {
        return iter::intPow(x, y);
      } else {
        return std::pow(x, y);
      }
    };
  });
}

// Exponents PyTorch computes with cheaper (and differently rounded) functions.
template <class M>
M powFloatScalar(M x, double e) {
  if (e == 0.5) return std::sqrt(x);
  if (e == 2.0) return x * x;
  if (e == 3.0) return x * x * x;
  if (e == -0.5) return M(1) / std::sqrt(x);
  if (e == -1.0) return M(1) / x;
  if (e == -2.0) return M(1) / (x * x);
  return std::pow(x, static_cast<M>(e));
}

Tensor powScalarExponentImpl(const char* op, const Dest& d, const Tensor& self,
                             const Scalar& exponent) {
  WICK_CHECK(
      !(isIntegralType(self.dtype(), true) && exponent.isIntegral(true) && exponent.toLong() < 0),
      op, ": Integers to negative integer powers are not allowed.");
  Iter it(op);
  it.output(d).input(self).computeDType(resultType(self, exponent)).exactOutputDType();
  it.build();
  iter::dispatchTypes<Types::Numeric>(it.computeDType(), op, [&]<class T>() {
    using M = opmath_t<T>;
    if constexpr (std::is_integral_v<M>) {
      M e = iter::scalarValue<T>(exponent, op);
      iter::pointwise<T, T>(it, [e](M x) { return iter::intPow(x, e); });
    } else {
      double e = exponent.toDouble();
      iter::pointwise<T, T>(it, [e](M x) { return powFloatScalar(x, e); });
    }
  });
  return it.finish();
}

Tensor powScalarBaseImpl(const char* op, const Dest& d, const Scalar& self,
                         const Tensor& exponent) {
  return powTensorImpl(op, d, wrapScalar(self), exponent);
}

// ---- atan2 ----

Tensor atan2Impl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promoteToFloat();
  return iter::runBinary<Types::Floating>(
      it, []<class T>() { return [](opmath_t<T> y, opmath_t<T> x) { return std::atan2(y, x); }; });
}

// ---- bitwise and logical ----

enum class BitOp { And, Or, Xor };

template <BitOp kOp>
Tensor bitwiseImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  return iter::runBinary<Types::IntegralAndBool>(it, []<class T>() {
    using M = opmath_t<T>;
    return [](M x, M y) -> M {
      if constexpr (kOp == BitOp::And) {
        return static_cast<M>(x & y);
      } else if constexpr (kOp == BitOp::Or) {
        return static_cast<M>(x | y);
      } else {
        return static_cast<M>(x ^ y);
      }
    };
  });
}

// Inputs of any dtype count as true when non-zero; the result is bool (or 0/1 in the
// output's dtype).
template <BitOp kOp>
Tensor logicalImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).computeDType(kBool).allowAnyOutputDType();
  it.build();
  iter::pointwise<bool, bool, bool>(it, [](bool x, bool y) {
    if constexpr (kOp == BitOp::And) {
      return x && y;
    } else if constexpr (kOp == BitOp::Or) {
      return x || y;
    } else {
      return x != y;
    }
  });
  return it.finish();
}

}  // namespace

// ---- pow ----

Tensor pow_Tensor_Tensor(const Tensor& self, const Tensor& exponent) {
  return powTensorImpl("aten::pow", Dest::fresh(), self, exponent);
}
Tensor pow_Tensor_Scalar(const Tensor& self, const Scalar& exponent) {
  return powScalarExponentImpl("aten::pow", Dest::fresh(), self, exponent);
}
Tensor pow_Scalar(const Scalar& self, const Tensor& exponent) {
  return powScalarBaseImpl("aten::pow", Dest::fresh(), self, exponent);
}
Tensor pow_Tensor_Tensor_out(const Tensor& self, const Tensor& exponent, const Tensor& out) {
  return powTensorImpl("aten::pow", Dest::out(out), self, exponent);
}
Tensor pow_Tensor_Scalar_out(const Tensor& self, const Scalar& exponent, const Tensor& out) {
  return powScalarExponentImpl("aten::pow", Dest::out(out), self, exponent);
}
Tensor pow_Scalar_out(const Scalar& self, const Tensor& exponent, const Tensor& out) {
  return powScalarBaseImpl("aten::pow", Dest::out(out), self, exponent);
}
Tensor pow__Tensor(const Tensor& self, const Tensor& exponent) {
  return powTensorImpl("aten::pow_", Dest::self(self), self, exponent);
}
Tensor pow__Scalar(const Tensor& self, const Scalar& exponent) {
  return powScalarExponentImpl("aten::pow_", Dest::self(self), self, exponent);
}

// ---- atan2 ----

Tensor atan2(const Tensor& self, const Tensor& other) {
  return atan2Impl("aten::atan2", Dest::fresh(), self, other);
}
Tensor atan2_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return atan2Impl("aten::atan2", Dest::out(out), self, other);
}
Tensor atan2_(const Tensor& self, const Tensor& other) {
  return atan2Impl("aten::atan2_", Dest::self(self), self, other);
}

// ---- bitwise ----

#define WICK_BITWISE_KERNELS(NAME, DUNDER, IDUNDER, OP)                                         \
  Tensor NAME##_Tensor(const Tensor& self, const Tensor& other) {                               \
    return bitwiseImpl<OP>("aten::" #NAME, Dest::fresh(), self, other);                         \
  }                                                                                             \
  Tensor NAME##_Scalar(const Tensor& self, const Scalar& other) {                               \
    return bitwiseImpl<OP>("aten::" #NAME, Dest::fresh(), self, wrapScalar(other));             \
  }                                                                                             \
  Tensor NAME##_Scalar_Tensor(const Scalar& self, const Tensor& other) {                        \
    return bitwiseImpl<OP>("aten::" #NAME, Dest::fresh(), wrapScalar(self), other);             \
  }                                                                                             \
  Tensor NAME##_Tensor_out(const Tensor& self, const Tensor& other, const Tensor& out) {        \
    return bitwiseImpl<OP>("aten::" #NAME, Dest::out(out), self, other);                        \
  }                                                                                             \
  Tensor NAME##_Scalar_out(const Tensor& self, const Scalar& other, const Tensor& out) {        \
    return bitwiseImpl<OP>("aten::" #NAME, Dest::out(out), self, wrapScalar(other));            \
  }                                                                                             \
  Tensor NAME##_Scalar_Tensor_out(const Scalar& self, const Tensor& other, const Tensor& out) { \
    return bitwiseImpl<OP>("aten::" #NAME, Dest::out(out), wrapScalar(self), other);            \
  }                                                                                             \
  Tensor NAME##__Tensor(const Tensor& self, const Tensor& other) {                              \
    return bitwiseImpl<OP>("aten::" #NAME "_", Dest::self(self), self, other);                  \
  }                                                                                             \
  Tensor NAME##__Scalar(const Tensor& self, const Scalar& other) {                              \
    return bitwiseImpl<OP>("aten::" #NAME "_", Dest::self(self), self, wrapScalar(other));      \
  }                                                                                             \
  Tensor DUNDER##_Tensor(const Tensor& self, const Tensor& other) {                             \
    return bitwiseImpl<OP>("aten::" #DUNDER, Dest::fresh(), self, other);                       \
  }                                                                                             \
  Tensor DUNDER##_Scalar(const Tensor& self, const Scalar& other) {                             \
    return bitwiseImpl<OP>("aten::" #DUNDER, Dest::fresh(), self, wrapScalar(other));           \
  }                                                                                             \
  Tensor IDUNDER##_Tensor(const Tensor& self, const Tensor& other) {                            \
    return bitwiseImpl<OP>("aten::" #IDUNDER, Dest::self(self), self, other);                   \
  }                                                                                             \
  Tensor IDUNDER##_Scalar(const Tensor& self, const Scalar& other) {                            \
    return bitwiseImpl<OP>("aten::" #IDUNDER, Dest::self(self), self, wrapScalar(other));       \
  }

WICK_BITWISE_KERNELS(bitwise_and, __and__, __iand__, BitOp::And)
WICK_BITWISE_KERNELS(bitwise_or, __or__, __ior__, BitOp::Or)
WICK_BITWISE_KERNELS(bitwise_xor, __xor__, __ixor__, BitOp::Xor)
#undef WICK_BITWISE_KERNELS

// ---- logical ----

#define WICK_LOGICAL_KERNELS(NAME, OP)                                            \
  Tensor NAME(const Tensor& self, const Tensor& other) {                          \
    return logicalImpl<OP>("aten::" #NAME, Dest::fresh(), self, other);           \
  }                                                                               \
  Tensor NAME##_out(const Tensor& self, const Tensor& other, const Tensor& out) { \
    return logicalImpl<OP>("aten::" #NAME, Dest::out(out), self, other);          \
  }                                                                               \
  Tensor NAME##_(const Tensor& self, const Tensor& other) {                       \
    return logicalImpl<OP>("aten::" #NAME "_", Dest::self(self), self, other);    \
  }

WICK_LOGICAL_KERNELS(logical_and, BitOp::And)
WICK_LOGICAL_KERNELS(logical_or, BitOp::Or)
WICK_LOGICAL_KERNELS(logical_xor, BitOp::Xor)
#undef WICK_LOGICAL_KERNELS

}  // namespace wick::kernels
