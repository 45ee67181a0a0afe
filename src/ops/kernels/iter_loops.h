// Typed loops over an Iter plan, and the dtype dispatch the elementwise kernels use.
//
// pointwise<Out, In...>(it, f) writes out = f(in...) for every element. f receives each input
// in its compute type (float for float16/bfloat16, as PyTorch computes them) and returns a
// value convertible to Out. The inner loop has straight-line forms for contiguous operands and
// for one broadcast scalar operand, which the compiler vectorises; other layouts take a
// strided loop.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <tuple>
#include <type_traits>
#include <utility>

#include "core/bool_bytes.h"
#include "ops/kernels/iter.h"

namespace wick::iter {

// The type arithmetic on T happens in.
template <class T>
struct OpMath {
  using type = T;
};
template <>
struct OpMath<Half> {
  using type = float;
};
template <>
struct OpMath<BFloat16> {
  using type = float;
};
template <class T>
using opmath_t = typename OpMath<T>::type;

template <class T>
inline constexpr bool kIsReducedFloat = std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;
template <class T>
inline constexpr bool kIsFloat = std::is_floating_point_v<T> || kIsReducedFloat<T>;

// Converts a value as PyTorch's casts do (static_cast; through float for 16-bit floats;
// != 0 for bool). A floating value goes to an integer the way x86 truncating conversions
// take it, which is what PyTorch's kernels compute, without C++'s undefined behaviour: to
// int64 directly, to narrower types through int32 (then wrapped to the type's width), and a
// value outside that range (or NaN) becomes the minimum (int32: -2^31; so 3e10 -> int8 is 0).
template <class To, class From>
inline To convertValue(From v) {
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<To, bool>) {
    if constexpr (kIsReducedFloat<From>) {
      return static_cast<float>(v) != 0;
    } else {
      return v != From(0);
    }
  } else if constexpr (std::is_integral_v<To> && kIsFloat<From>) {
    using F = opmath_t<From>;
    F f = static_cast<F>(v);
    if constexpr (sizeof(To) == 8) {
      constexpr F kLimit = static_cast<F>(9223372036854775808.0);  // 2^63
      int64_t i = (f >= -kLimit && f < kLimit) ? static_cast<int64_t>(f)
                                               : std::numeric_limits<int64_t>::min();
      return static_cast<To>(i);
    } else {
      constexpr F kLimit = static_cast<F>(2147483648.0);  // 2^31
      int32_t i = (f >= -kLimit && f < kLimit) ? static_cast<int32_t>(f)
                                               : std::numeric_limits<int32_t>::min();
      return static_cast<To>(i);
    }
  } else if constexpr (kIsReducedFloat<To>) {
    return To(static_cast<float>(static_cast<opmath_t<From>>(v)));
  } else {
    return static_cast<To>(static_cast<opmath_t<From>>(v));
  }
}

template <class T>
inline opmath_t<T> load(const T* p) {
  return static_cast<opmath_t<T>>(loadElement(p));
}

namespace detail {

template <class Out, class... In, class F>
inline void contiguousLoop(Out* out, int64_t n, const F& f, const In*... in) {
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<Out>(f(load(in + i)...));
}

template <class Out, class... In, class F, size_t... I>
inline void innerLoop(char** data, const int64_t* s, int64_t n, const F& f,
                      std::index_sequence<I...>) {
  constexpr int64_t kOut = sizeof(Out);
  Out* out = reinterpret_cast<Out*>(data[0]);
  if (s[0] == kOut && ((s[I + 1] == static_cast<int64_t>(sizeof(In))) && ...)) {
    contiguousLoop<Out, In...>(out, n, f, reinterpret_cast<const In*>(data[I + 1])...);
    return;
  }
  if constexpr (sizeof...(In) == 2) {
    using A = std::tuple_element_t<0, std::tuple<In...>>;
    using B = std::tuple_element_t<1, std::tuple<In...>>;
    const A* a = reinterpret_cast<const A*>(data[1]);
    const B* b = reinterpret_cast<const B*>(data[2]);
    if (s[0] == kOut && s[1] == static_cast<int64_t>(sizeof(A)) && s[2] == 0) {
      const opmath_t<B> bv = load(b);
      for (int64_t i = 0; i < n; ++i) out[i] = static_cast<Out>(f(load(a + i), bv));
      return;
    }
    if (s[0] == kOut && s[1] == 0 && s[2] == static_cast<int64_t>(sizeof(B))) {
      const opmath_t<A> av = load(a);
      for (int64_t i = 0; i < n; ++i) out[i] = static_cast<Out>(f(av, load(b + i)));
      return;
    }
  }
  for (int64_t i = 0; i < n; ++i) {
    *reinterpret_cast<Out*>(data[0] + i * s[0]) =
        static_cast<Out>(f(load(reinterpret_cast<const In*>(data[I + 1] + i * s[I + 1]))...));
  }
}

}  // namespace detail

// out = f(in...) over the iterator's plan (see the header comment).
template <class Out, class... In, class F>
void pointwise(const Iter& it, const F& f, int64_t grain = kGrainSize) {
  it.forEach(
      [&](char** data, const int64_t* strides, int64_t n) {
        detail::innerLoop<Out, In...>(data, strides, n, f, std::index_sequence_for<In...>{});
      },
      grain);
}

// Loops over transcendental functions cost more per element, so they split earlier.
inline constexpr int64_t kMathGrainSize = 8192;

// A float32 unary loop through an array function (the vectorised math in *_fastmath.cpp).
// Strided runs are gathered into a small buffer, so every layout gives the same bits.
template <class ArrayFn>
void unaryFloatArray(const Iter& it, const ArrayFn& array_fn, int64_t grain = kMathGrainSize) {
  it.forEach(
      [&](char** data, const int64_t* s, int64_t n) {
        constexpr int64_t kF = sizeof(float);
        if (s[0] == kF && s[1] == kF) {
          array_fn(reinterpret_cast<const float*>(data[1]), reinterpret_cast<float*>(data[0]), n);
          return;
        }
        constexpr int64_t kBlock = 256;
        float buf[kBlock];
        for (int64_t b = 0; b < n; b += kBlock) {
          int64_t m = std::min(kBlock, n - b);
          for (int64_t i = 0; i < m; ++i)
            buf[i] = *reinterpret_cast<const float*>(data[1] + (b + i) * s[1]);
          array_fn(buf, buf, m);
          for (int64_t i = 0; i < m; ++i)
            *reinterpret_cast<float*>(data[0] + (b + i) * s[0]) = buf[i];
        }
      },
      grain);
}

// The C++ type name PyTorch's messages use for T.
template <class T>
constexpr const char* cppTypeName() {
  if constexpr (std::is_same_v<T, bool>) return "bool";
  if constexpr (std::is_same_v<T, uint8_t>) return "uint8_t";
  if constexpr (std::is_same_v<T, int8_t>) return "int8_t";
  if constexpr (std::is_same_v<T, int16_t>) return "int16_t";
  if constexpr (std::is_same_v<T, int32_t>) return "int";
  if constexpr (std::is_same_v<T, int64_t>) return "int64_t";
  if constexpr (std::is_same_v<T, Half>) return "c10::Half";
  if constexpr (std::is_same_v<T, BFloat16>) return "c10::BFloat16";
  if constexpr (std::is_same_v<T, float>) return "float";
  if constexpr (std::is_same_v<T, double>) return "double";
  return "?";
}

// Whether s lies outside what T holds, by PyTorch's rules: negative integers may wrap into
// unsigned types, infinities and NaN fit floating types, anything fits bool.
template <class T>
bool scalarOverflows(const Scalar& s) {
  if constexpr (std::is_same_v<T, bool>) {
    return false;
  } else if constexpr (std::is_integral_v<T>) {
    using L = std::numeric_limits<T>;
    if (s.isFloatingPoint()) {
      double d = s.toDouble();
      return d != d || d < static_cast<double>(L::lowest()) || d > static_cast<double>(L::max());
    }
    if (s.isBoolean()) return false;
    int64_t v = s.toLong();
    if constexpr (std::is_unsigned_v<T>) {
      return v > static_cast<int64_t>(L::max()) ||
             (v < 0 && 0 - static_cast<uint64_t>(v) > static_cast<uint64_t>(L::max()));
    } else {
      return v < static_cast<int64_t>(L::lowest()) || v > static_cast<int64_t>(L::max());
    }
  } else if constexpr (std::is_same_v<T, double>) {
    return false;
  } else {
    constexpr double kMax = std::is_same_v<T, Half>       ? 65504.0
                            : std::is_same_v<T, BFloat16> ? 3.3895313892515355e38
                                                          : 3.4028234663852886e38;
    double d = s.toDouble();
    return !std::isinf(d) && d == d && (d < -kMax || d > kMax);
  }
}

// Reads a Scalar argument as the compute type of T, raising "<op>: value cannot be converted
// to type uint8_t without overflow" where PyTorch's checked conversion does.
template <class T>
inline opmath_t<T> scalarValue(const Scalar& s, const char* op) {
  using M = opmath_t<T>;
  WICK_CHECK(!scalarOverflows<T>(s), op, ": value cannot be converted to type ", cppTypeName<T>(),
             " without overflow");
  if constexpr (std::is_same_v<M, bool>) {
    return s.toBool();
  } else if constexpr (std::is_integral_v<M>) {
    return s.isFloatingPoint() ? convertValue<M>(s.toDouble()) : static_cast<M>(s.toLong());
  } else {
    return static_cast<M>(s.toDouble());
  }
}

// Raises PyTorch's `"<kernel>" not implemented for '<dtype>'` (naming `op` first) unless
// `ok`: the message of a CPU kernel that has no instantiation for the dtype.
inline void requireKernelType(bool ok, const char* op, const char* kernel, DType t) {
  WICK_CHECK(ok, op, ": \"", kernel, "\" not implemented for '", ::wick::scalarTypeName(t), "'");
}

}  // namespace wick::iter

// The three kernels of a unary op from one IMPL(op_name, Dest, self): op(self),
// op.out(self, *, out) and op_(self). Used inside namespace wick::kernels.
#define WICK_UNARY_KERNELS(NAME, IMPL)                                                        \
  Tensor NAME(const Tensor& self) { return IMPL("aten::" #NAME, iter::Dest::fresh(), self); } \
  Tensor NAME##_out(const Tensor& self, const Tensor& out) {                                  \
    return IMPL("aten::" #NAME, iter::Dest::out(out), self);                                  \
  }                                                                                           \
  Tensor NAME##_(const Tensor& self) {                                                        \
    return IMPL("aten::" #NAME "_", iter::Dest::self(self), self);                            \
  }

// Dtype dispatch for elementwise kernels: runs the statement with scalar_t bound, or raises
// "<op>: \"<op>\" not implemented for 'Bool'" for dtypes the kernel does not take.
#define WICK_ITER_UNSUPPORTED(DTYPE, OP) \
  default:                               \
    WICK_FAIL(OP, ": not implemented for '", ::wick::scalarTypeName(DTYPE), "'")

#define WICK_ITER_FLOATING_CASES(...)                 \
  WICK_DISPATCH_CASE(Float, float, __VA_ARGS__)       \
  WICK_DISPATCH_CASE(Double, double, __VA_ARGS__)     \
  WICK_DISPATCH_CASE(Half, ::wick::Half, __VA_ARGS__) \
  WICK_DISPATCH_CASE(BFloat16, ::wick::BFloat16, __VA_ARGS__)

#define WICK_ITER_INTEGRAL_CASES(...)             \
  WICK_DISPATCH_CASE(Byte, uint8_t, __VA_ARGS__)  \
  WICK_DISPATCH_CASE(Char, int8_t, __VA_ARGS__)   \
  WICK_DISPATCH_CASE(Short, int16_t, __VA_ARGS__) \
  WICK_DISPATCH_CASE(Int, int32_t, __VA_ARGS__)   \
  WICK_DISPATCH_CASE(Long, int64_t, __VA_ARGS__)

#define WICK_ITER_DISPATCH_FLOATING(DTYPE, OP, ...) \
  do {                                              \
    switch (DTYPE) {                                \
      WICK_ITER_FLOATING_CASES(__VA_ARGS__)         \
      WICK_ITER_UNSUPPORTED(DTYPE, OP);             \
    }                                               \
  } while (0)

#define WICK_ITER_DISPATCH_INTEGRAL(DTYPE, OP, ...) \
  do {                                              \
    switch (DTYPE) {                                \
      WICK_ITER_INTEGRAL_CASES(__VA_ARGS__)         \
      WICK_ITER_UNSUPPORTED(DTYPE, OP);             \
    }                                               \
  } while (0)

#define WICK_ITER_DISPATCH_INTEGRAL_AND_BOOL(DTYPE, OP, ...) \
  do {                                                       \
    switch (DTYPE) {                                         \
      WICK_ITER_INTEGRAL_CASES(__VA_ARGS__)                  \
      WICK_DISPATCH_CASE(Bool, bool, __VA_ARGS__)            \
      WICK_ITER_UNSUPPORTED(DTYPE, OP);                      \
    }                                                        \
  } while (0)

#define WICK_ITER_DISPATCH_NUMERIC(DTYPE, OP, ...) \
  do {                                             \
    switch (DTYPE) {                               \
      WICK_ITER_INTEGRAL_CASES(__VA_ARGS__)        \
      WICK_ITER_FLOATING_CASES(__VA_ARGS__)        \
      WICK_ITER_UNSUPPORTED(DTYPE, OP);            \
    }                                              \
  } while (0)

#define WICK_ITER_DISPATCH_ALL(DTYPE, OP, ...)    \
  do {                                            \
    switch (DTYPE) {                              \
      WICK_ITER_INTEGRAL_CASES(__VA_ARGS__)       \
      WICK_ITER_FLOATING_CASES(__VA_ARGS__)       \
      WICK_DISPATCH_CASE(Bool, bool, __VA_ARGS__) \
    }                                             \
  } while (0)
