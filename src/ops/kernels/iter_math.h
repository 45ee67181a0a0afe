// Scalar arithmetic shared by the elementwise kernels, with PyTorch's CPU semantics:
// integer arithmetic wraps around (two's complement) instead of being undefined, integer
// division by zero raises ZeroDivisionError, and Python-style floor division and modulo.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "wick/core/error.h"

namespace wick::iter {

template <class T>
inline constexpr bool kIsSignedInt = std::is_integral_v<T>&& std::is_signed_v<T>;

// Wrapping + - * and negation: signed overflow is undefined in C++, so compute unsigned.
template <class T>
inline T wrapAdd(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
  } else {
    return a + b;
  }
}
template <class T>
inline T wrapSub(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b)));
  } else {
    return a - b;
  }
}
template <class T>
inline T wrapMul(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // Multiply in a type at least as wide as unsigned int so that small types do not promote
    // back to (signed) int.
    using U = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) * static_cast<U>(b)));
  } else {
    return a * b;
  }
}
template <class T>
inline T wrapNeg(T a) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    return wrapSub(T(0), a);
  } else {
    return -a;  // keeps -0.0 for 0.0
  }
}

[[noreturn]] inline void zeroDivision(const char* op) { WICK_FAIL(op, ": ZeroDivisionError"); }

// C-style integer division and remainder (truncating), with -MIN / -1 wrapping to MIN.
template <class T>
inline T truncDiv(T a, T b, const char* op) {
  if (b == 0) zeroDivision(op);
  if constexpr (kIsSignedInt<T>) {
    if (b == -1) return wrapNeg(a);
  }
  return static_cast<T>(a / b);
}
template <class T>
inline T truncMod(T a, T b, const char* op) {
  if (b == 0) zeroDivision(op);
  if constexpr (kIsSignedInt<T>) {
    if (b == -1) return 0;
  }
  return static_cast<T>(a % b);
}

// Python's // and % on integers: the quotient rounds toward -inf and the remainder takes the
// divisor's sign.
template <class T>
inline T floorDivInt(T a, T b, const char* op) {
  T q = truncDiv(a, b, op);
  if constexpr (kIsSignedInt<T>) {
    if (b != -1 && (a % b != 0) && ((a < 0) != (b < 0))) q = static_cast<T>(q - 1);
  }
  return q;
}
template <class T>
inline T floorModInt(T a, T b, const char* op) {
  T r = truncMod(a, b, op);
  if constexpr (kIsSignedInt<T>) {
    if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
  }
  return r;
}

// Python's % on floats: fmod, moved into the divisor's sign.
template <class T>
inline T floorModFloat(T a, T b) {
  T r = std::fmod(a, b);
  if (r != 0 && ((b < 0) != (r < 0))) r += b;
  return r;
}

// Python's // on floats, exact where a/b rounds badly (as PyTorch's div_floor_floating).
template <class T>
inline T floorDivFloat(T a, T b) {
  if (b == 0) return a / b;
  T mod = std::fmod(a, b);
  T div = (a - mod) / b;
  if (mod != 0 && ((b < 0) != (mod < 0))) div -= T(1);
  if (div == 0) return std::copysign(T(0), a / b);
  T floordiv = std::floor(div);
  if (div - floordiv > T(0.5)) floordiv += T(1);
  return floordiv;
}

// Integer power by squaring with wrap-around; negative exponents give 0 except for bases
// 1 and -1, as PyTorch's integral pow.
template <class T>
inline T intPow(T base, T exp) {
  if constexpr (kIsSignedInt<T>) {
    if (exp < 0) {
      if (base == 1) return 1;
      if (base == -1) return (exp % 2 == 0) ? T(1) : T(-1);
      return 0;
    }
  }
  T result = 1;
  while (exp) {
    if (exp & 1) result = wrapMul(result, base);
    exp = static_cast<T>(exp >> 1);
    base = wrapMul(base, base);
  }
  return result;
}

}  // namespace wick::iter
