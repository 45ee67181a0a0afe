// Binary arithmetic: add, sub, rsub, mul, div (true, trunc and floor rounding), remainder,
// fmod and floor_divide, with their Scalar, out= and in-place overloads. Scalar overloads
// wrap the number into a 0-dim tensor, so it promotes as a number (x + 2.5 on int is float).
#include <cmath>

#include "ops/kernels/iter_binary.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using iter::Dest;
using iter::Iter;
using iter::opmath_t;
using iter::Types;
using iter::wrapScalar;

// PyTorch's alpha_check.
void checkAlpha(const char* op, DType t, const Scalar& alpha) {
  WICK_CHECK(!alpha.isBoolean() || t == kBool, op,
             ": Boolean alpha only supported for Boolean results.");
  WICK_CHECK(isFloatingType(t) || alpha.isIntegral(true), op,
             ": For integral input tensors, argument alpha must not be a floating point number.");
}

// self + alpha * other. A unit alpha gets its own loop so the common case stays a plain add.
Tensor addImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other,
               const Scalar& alpha) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  checkAlpha(op, resultType(self, other), alpha);
  bool unit = !alpha.isFloatingPoint() && alpha.toLong() == 1;
  return iter::runBinary<Types::All>(it, [&]<class T>() {
    using M = opmath_t<T>;
    M a = iter::scalarValue<T>(alpha, op);
    return [a, unit](M x, M y) -> M {
      if constexpr (std::is_same_v<M, bool>) {
        return x || (a && y);
      } else if constexpr (std::is_integral_v<M>) {
        return iter::wrapAdd(x, unit ? y : iter::wrapMul(a, y));
      } else {
        return unit ? x + y : x + a * y;
      }
    };
  });
}

void checkSub(const char* op, const Tensor& self, const Tensor& other) {
  WICK_CHECK(self.dtype() != kBool || other.dtype() != kBool, op,
             ": Subtraction, the `-` operator, with two bool tensors is not supported. Use the "
             "`^` or `logical_xor()` operator instead.");
  WICK_CHECK(self.dtype() != kBool && other.dtype() != kBool, op,
             ": Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
             "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
}

Tensor subImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other,
               const Scalar& alpha) {
  checkSub(op, self, other);
  return addImpl(op, d, self, other, -alpha);
}

Tensor mulImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  return iter::runBinary<Types::All>(it, []<class T>() {
    using M = opmath_t<T>;
    return [](M x, M y) -> M {
      if constexpr (std::is_same_v<M, bool>) {
        return x && y;
      } else {
        return iter::wrapMul(x, y);
      }
    };
  });
}

enum class Rounding { None, Trunc, Floor };

Rounding parseRounding(const char* op, const std::optional<std::string_view>& mode) {
  if (!mode) return Rounding::None;
  if (*mode == "trunc") return Rounding::Trunc;
  if (*mode == "floor") return Rounding::Floor;
  WICK_FAIL(op, ": div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '",
            *mode, "'");
}

Tensor divImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other,
               Rounding mode) {
  Iter it(op);
  it.output(d).input(self).input(other);
  if (mode == Rounding::None) {
    it.promoteToFloat();
    return iter::runBinary<Types::Floating>(
        it, []<class T>() { return [](opmath_t<T> x, opmath_t<T> y) { return x / y; }; });
  }
  it.promote();
  if (mode == Rounding::Trunc) {
    return iter::runBinary<Types::Numeric>(it, [op]<class T>() {
      using M = opmath_t<T>;
      return [op](M x, M y) -> M {
        if constexpr (std::is_integral_v<M>) {
          return iter::truncDiv(x, y, op);
        } else {
          return std::trunc(x / y);
        }
      };
    });
  }
  return iter::runBinary<Types::Numeric>(it, [op]<class T>() {
    using M = opmath_t<T>;
    return [op](M x, M y) -> M {
      if constexpr (std::is_integral_v<M>) {
        return iter::floorDivInt(x, y, op);
      } else {
        return iter::floorDivFloat(x, y);
      }
    };
  });
}

// Python's %: the result takes the divisor's sign.
Tensor remainderImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  return iter::runBinary<Types::Numeric>(it, [op]<class T>() {
    using M = opmath_t<T>;
    return [op](M x, M y) -> M {
      if constexpr (std::is_integral_v<M>) {
        return iter::floorModInt(x, y, op);
      } else {
        return iter::floorModFloat(x, y);
      }
    };
  });
}

// C's fmod: the result takes the dividend's sign.
Tensor fmodImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  return iter::runBinary<Types::Numeric>(it, [op]<class T>() {
    using M = opmath_t<T>;
    return [op](M x, M y) -> M {
      if constexpr (std::is_integral_v<M>) {
        return iter::truncMod(x, y, op);
      } else {
        return std::fmod(x, y);
      }
    };
  });
}

}  // namespace

// ---- add / sub / rsub ----

Tensor add_Tensor(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return addImpl("aten::add", Dest::fresh(), self, other, alpha);
}
Tensor add_Scalar(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return addImpl("aten::add", Dest::fresh(), self, wrapScalar(other), alpha);
}
Tensor add_out(const Tensor& self, const Tensor& other, const Scalar& alpha, const Tensor& out) {
  return addImpl("aten::add", Dest::out(out), self, other, alpha);
}
Tensor add_Scalar_out(const Tensor& self, const Scalar& other, const Scalar& alpha,
                      const Tensor& out) {
  return addImpl("aten::add", Dest::out(out), self, wrapScalar(other), alpha);
}
Tensor add__Tensor(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return addImpl("aten::add_", Dest::self(self), self, other, alpha);
}
Tensor add__Scalar(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return addImpl("aten::add_", Dest::self(self), self, wrapScalar(other), alpha);
}

Tensor sub_Tensor(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return subImpl("aten::sub", Dest::fresh(), self, other, alpha);
}
Tensor sub_Scalar(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return subImpl("aten::sub", Dest::fresh(), self, wrapScalar(other), alpha);
}
Tensor sub_out(const Tensor& self, const Tensor& other, const Scalar& alpha, const Tensor& out) {
  return subImpl("aten::sub", Dest::out(out), self, other, alpha);
}
Tensor sub_Scalar_out(const Tensor& self, const Scalar& other, const Scalar& alpha,
                      const Tensor& out) {
  return subImpl("aten::sub", Dest::out(out), self, wrapScalar(other), alpha);
}
Tensor sub__Tensor(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return subImpl("aten::sub_", Dest::self(self), self, other, alpha);
}
Tensor sub__Scalar(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return subImpl("aten::sub_", Dest::self(self), self, wrapScalar(other), alpha);
}

// rsub(self, other, alpha) = other - alpha * self
Tensor rsub_Tensor(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return subImpl("aten::rsub", Dest::fresh(), other, self, alpha);
}
Tensor rsub_Scalar(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return subImpl("aten::rsub", Dest::fresh(), wrapScalar(other), self, alpha);
}
Tensor rsub_Tensor_out(const Tensor& self, const Tensor& other, const Scalar& alpha,
                       const Tensor& out) {
  return subImpl("aten::rsub", Dest::out(out), other, self, alpha);
}
Tensor rsub_Scalar_out(const Tensor& self, const Scalar& other, const Scalar& alpha,
                       const Tensor& out) {
  return subImpl("aten::rsub", Dest::out(out), wrapScalar(other), self, alpha);
}

// ---- mul ----

Tensor mul_Tensor(const Tensor& self, const Tensor& other) {
  return mulImpl("aten::mul", Dest::fresh(), self, other);
}
Tensor mul_Scalar(const Tensor& self, const Scalar& other) {
  return mulImpl("aten::mul", Dest::fresh(), self, wrapScalar(other));
}
Tensor mul_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return mulImpl("aten::mul", Dest::out(out), self, other);
}
Tensor mul_Scalar_out(const Tensor& self, const Scalar& other, const Tensor& out) {
  return mulImpl("aten::mul", Dest::out(out), self, wrapScalar(other));
}
Tensor mul__Tensor(const Tensor& self, const Tensor& other) {
  return mulImpl("aten::mul_", Dest::self(self), self, other);
}
Tensor mul__Scalar(const Tensor& self, const Scalar& other) {
  return mulImpl("aten::mul_", Dest::self(self), self, wrapScalar(other));
}

// ---- div ----

Tensor div_Tensor(const Tensor& self, const Tensor& other) {
  return divImpl("aten::div", Dest::fresh(), self, other, Rounding::None);
}
Tensor div_Scalar(const Tensor& self, const Scalar& other) {
  return divImpl("aten::div", Dest::fresh(), self, wrapScalar(other), Rounding::None);
}
Tensor div_Tensor_mode(const Tensor& self, const Tensor& other,
                       std::optional<std::string_view> rounding_mode) {
  const char* op = "aten::div";
  return divImpl(op, Dest::fresh(), self, other, parseRounding(op, rounding_mode));
}
Tensor div_Scalar_mode(const Tensor& self, const Scalar& other,
                       std::optional<std::string_view> rounding_mode) {
  const char* op = "aten::div";
  return divImpl(op, Dest::fresh(), self, wrapScalar(other), parseRounding(op, rounding_mode));
}
Tensor div_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return divImpl("aten::div", Dest::out(out), self, other, Rounding::None);
}
Tensor div_out_mode(const Tensor& self, const Tensor& other,
                    std::optional<std::string_view> rounding_mode, const Tensor& out) {
  const char* op = "aten::div";
  return divImpl(op, Dest::out(out), self, other, parseRounding(op, rounding_mode));
}
Tensor div_Scalar_out(const Tensor& self, const Scalar& other, const Tensor& out) {
  return divImpl("aten::div", Dest::out(out), self, wrapScalar(other), Rounding::None);
}
Tensor div_Scalar_mode_out(const Tensor& self, const Scalar& other,
                           std::optional<std::string_view> rounding_mode, const Tensor& out) {
  const char* op = "aten::div";
  return divImpl(op, Dest::out(out), self, wrapScalar(other), parseRounding(op, rounding_mode));
}
Tensor div__Tensor(const Tensor& self, const Tensor& other) {
  return divImpl("aten::div_", Dest::self(self), self, other, Rounding::None);
}
Tensor div__Scalar(const Tensor& self, const Scalar& other) {
  return divImpl("aten::div_", Dest::self(self), self, wrapScalar(other), Rounding::None);
}
Tensor div__Tensor_mode(const Tensor& self, const Tensor& other,
                        std::optional<std::string_view> rounding_mode) {
  const char* op = "aten::div_";
  return divImpl(op, Dest::self(self), self, other, parseRounding(op, rounding_mode));
}
Tensor div__Scalar_mode(const Tensor& self, const Scalar& other,
                        std::optional<std::string_view> rounding_mode) {
  const char* op = "aten::div_";
  return divImpl(op, Dest::self(self), self, wrapScalar(other), parseRounding(op, rounding_mode));
}

// ---- remainder / fmod / floor_divide ----

Tensor remainder_Tensor(const Tensor& self, const Tensor& other) {
  return remainderImpl("aten::remainder", Dest::fresh(), self, other);
}
Tensor remainder_Scalar(const Tensor& self, const Scalar& other) {
  return remainderImpl("aten::remainder", Dest::fresh(), self, wrapScalar(other));
}
Tensor remainder_Tensor_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return remainderImpl("aten::remainder", Dest::out(out), self, other);
}
Tensor remainder_Scalar_out(const Tensor& self, const Scalar& other, const Tensor& out) {
  return remainderImpl("aten::remainder", Dest::out(out), self, wrapScalar(other));
}
Tensor remainder__Tensor(const Tensor& self, const Tensor& other) {
  return remainderImpl("aten::remainder_", Dest::self(self), self, other);
}
Tensor remainder__Scalar(const Tensor& self, const Scalar& other) {
  return remainderImpl("aten::remainder_", Dest::self(self), self, wrapScalar(other));
}
Tensor remainder_Scalar_Tensor(const Scalar& self, const Tensor& other) {
  return remainderImpl("aten::remainder", Dest::fresh(), wrapScalar(self), other);
}
Tensor remainder_Scalar_Tensor_out(const Scalar& self, const Tensor& other, const Tensor& out) {
  return remainderImpl("aten::remainder", Dest::out(out), wrapScalar(self), other);
}

Tensor fmod_Tensor(const Tensor& self, const Tensor& other) {
  return fmodImpl("aten::fmod", Dest::fresh(), self, other);
}
Tensor fmod_Scalar(const Tensor& self, const Scalar& other) {
  return fmodImpl("aten::fmod", Dest::fresh(), self, wrapScalar(other));
}
Tensor fmod_Tensor_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return fmodImpl("aten::fmod", Dest::out(out), self, other);
}
Tensor fmod_Scalar_out(const Tensor& self, const Scalar& other, const Tensor& out) {
  return fmodImpl("aten::fmod", Dest::out(out), self, wrapScalar(other));
}
Tensor fmod__Tensor(const Tensor& self, const Tensor& other) {
  return fmodImpl("aten::fmod_", Dest::self(self), self, other);
}
Tensor fmod__Scalar(const Tensor& self, const Scalar& other) {
  return fmodImpl("aten::fmod_", Dest::self(self), self, wrapScalar(other));
}

// floor_divide rounds toward -inf (PyTorch 1.13), like div(..., rounding_mode="floor").
Tensor floor_divide(const Tensor& self, const Tensor& other) {
  return divImpl("aten::floor_divide", Dest::fresh(), self, other, Rounding::Floor);
}
Tensor floor_divide_Scalar(const Tensor& self, const Scalar& other) {
  return divImpl("aten::floor_divide", Dest::fresh(), self, wrapScalar(other), Rounding::Floor);
}
Tensor floor_divide_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return divImpl("aten::floor_divide", Dest::out(out), self, other, Rounding::Floor);
}
Tensor floor_divide__Tensor(const Tensor& self, const Tensor& other) {
  return divImpl("aten::floor_divide_", Dest::self(self), self, other, Rounding::Floor);
}
Tensor floor_divide__Scalar(const Tensor& self, const Scalar& other) {
  return divImpl("aten::floor_divide_", Dest::self(self), self, wrapScalar(other), Rounding::Floor);
}

}  // namespace wick::kernels
