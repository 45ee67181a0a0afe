// Calling a generic lambda with the C++ element type of a runtime dtype, and the value
// conversions between element types that PyTorch's casts perform (16-bit floats go through
// float, bool is "non-zero").
#pragma once

#include <type_traits>

#include "wick/core/dtype.h"

namespace wick::dense {

template <class T>
struct TypeTag {
  using type = T;
};

// f(TypeTag<T>{}) with T the element type of d.
template <class F>
decltype(auto) visitDType(DType d, F&& f) {
  switch (d) {
#define WICK_DTYPE(E, T, N, S, G, P) \
  case DType::E:                     \
    return f(TypeTag<T>{});
#include "wick/core/dtypes.def"
#undef WICK_DTYPE
  }
  WICK_INTERNAL_ASSERT(false, "unknown dtype");
  return f(TypeTag<float>{});
}

// Like visitDType, restricted to float and double (other dtypes raise naming `op`).
template <class F>
decltype(auto) visitFloatDouble(DType d, const char* op, F&& f) {
  if (d == kDouble) return f(TypeTag<double>{});
  WICK_CHECK(d == kFloat, op, ": expected a float or double tensor, got ", d);
  return f(TypeTag<float>{});
}

template <class T>
inline constexpr bool kIsReduced = std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;

// The type arithmetic on T happens in: float for 16-bit floats, T otherwise.
template <class T>
using compute_t = std::conditional_t<kIsReduced<T>, float, T>;

template <class D, class S>
inline D castTo(S v) {
  if constexpr (std::is_same_v<D, S>) {
    return v;
  } else if constexpr (kIsReduced<S>) {
    return castTo<D>(static_cast<float>(v));
  } else if constexpr (std::is_same_v<D, bool>) {
    return v != S(0);
  } else if constexpr (kIsReduced<D>) {
    return D(static_cast<float>(v));
  } else {
    return static_cast<D>(v);
  }
}

}  // namespace wick::dense
