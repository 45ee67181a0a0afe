// Element types (dtypes). Everything about a dtype comes from dtypes.def; this header derives
// the enum, names, sizes, the C++-type mapping and PyTorch's promotion rules from it.
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>
#include <type_traits>

#include "wick/core/error.h"
#include "wick/core/half.h"

namespace wick {

// Values are PyTorch's ScalarType numbers, so a DType prints as TorchScript's dtype integer.
enum class DType : int8_t {
#define WICK_DTYPE(E, T, N, S, G, P) E = N,
#include "wick/core/dtypes.def"
#undef WICK_DTYPE
};

inline constexpr DType kByte = DType::Byte, kUInt8 = DType::Byte;
inline constexpr DType kChar = DType::Char, kInt8 = DType::Char;
inline constexpr DType kShort = DType::Short, kInt16 = DType::Short;
inline constexpr DType kInt = DType::Int, kInt32 = DType::Int;
inline constexpr DType kLong = DType::Long, kInt64 = DType::Long;
inline constexpr DType kHalf = DType::Half, kFloat16 = DType::Half;
inline constexpr DType kFloat = DType::Float, kFloat32 = DType::Float;
inline constexpr DType kDouble = DType::Double, kFloat64 = DType::Double;
inline constexpr DType kBool = DType::Bool;
inline constexpr DType kBFloat16 = DType::BFloat16;

inline constexpr DType kAllDTypes[] = {
#define WICK_DTYPE(E, T, N, S, G, P) DType::E,
#include "wick/core/dtypes.def"
#undef WICK_DTYPE
};

constexpr bool isValidDTypeNumber(int64_t n) {
  switch (n) {
#define WICK_DTYPE(E, T, N, S, G, P) case N:
#include "wick/core/dtypes.def"
#undef WICK_DTYPE
    return true;
    default: return false;
  }
}

constexpr size_t elementSize(DType t) {
  switch (t) {
#define WICK_DTYPE(E, T, N, S, G, P) \
  case DType::E:                     \
    return sizeof(T);
#include "wick/core/dtypes.def"
#undef WICK_DTYPE
  }
  return 0;
}

// "Float", "Long": graph-text type names and LibTorch's CPU<Name>Type.
constexpr std::string_view graphName(DType t) {
  switch (t) {
#define WICK_DTYPE(E, T, N, S, G, P) \
  case DType::E:                     \
    return G;
#include "wick/core/dtypes.def"
#undef WICK_DTYPE
  }
  return "?";
}
// "FloatStorage": storage class in archives.
constexpr std::string_view storageClassName(DType t) {
  switch (t) {
#define WICK_DTYPE(E, T, N, S, G, P) \
  case DType::E:                     \
    return S;
#include "wick/core/dtypes.def"
#undef WICK_DTYPE
  }
  return "?";
}
// "float32": torch.<name> in TorchScript source and in messages.
constexpr std::string_view pythonName(DType t) {
  switch (t) {
#define WICK_DTYPE(E, T, N, S, G, P) \
  case DType::E:                     \
    return P;
#include "wick/core/dtypes.def"
#undef WICK_DTYPE
  }
  return "?";
}

inline std::ostream& operator<<(std::ostream& os, DType t) { return os << pythonName(t); }

constexpr bool isFloatingType(DType t) {
  return t == kFloat || t == kDouble || t == kHalf || t == kBFloat16;
}
constexpr bool isIntegralType(DType t, bool include_bool) {
  return t == kByte || t == kChar || t == kShort || t == kInt || t == kLong ||
         (include_bool && t == kBool);
}
constexpr bool isSignedType(DType t) { return t != kByte && t != kBool; }

// PyTorch's promoteTypes: the smallest dtype both values fit in, with u8+i8 -> i16 and
// f16+bf16 -> f32.
DType promoteTypes(DType a, DType b);

// C++ element type <-> DType.
template <class T>
struct DTypeOf;
#define WICK_DTYPE(E, T, N, S, G, P)         \
  template <>                                \
  struct DTypeOf<T> {                        \
    static constexpr DType value = DType::E; \
  };
#include "wick/core/dtypes.def"
#undef WICK_DTYPE
template <class T>
inline constexpr DType dtypeOf = DTypeOf<T>::value;

template <DType D>
struct CppTypeOf;
#define WICK_DTYPE(E, T, N, S, G, P) \
  template <>                        \
  struct CppTypeOf<DType::E> {       \
    using type = T;                  \
  };
#include "wick/core/dtypes.def"
#undef WICK_DTYPE
template <DType D>
using cpp_type_t = typename CppTypeOf<D>::type;

// Parses "float32", "float", "int64", "long", ... (torch.<name> spellings).
bool parseDType(std::string_view name, DType* out);

}  // namespace wick

// Runs the statement with scalar_t bound to the C++ type of the dtype. The _ALL form covers
// every dtype; _FLOATING covers float/double/half/bfloat16.
#define WICK_DISPATCH_CASE(E, T, ...) \
  case ::wick::DType::E: {            \
    using scalar_t = T;               \
    __VA_ARGS__;                      \
    break;                            \
  }

#define WICK_DISPATCH_ALL(DTYPE, NAME, ...)                       \
  do {                                                            \
    switch (DTYPE) {                                              \
      WICK_DISPATCH_CASE(Byte, uint8_t, __VA_ARGS__)              \
      WICK_DISPATCH_CASE(Char, int8_t, __VA_ARGS__)               \
      WICK_DISPATCH_CASE(Short, int16_t, __VA_ARGS__)             \
      WICK_DISPATCH_CASE(Int, int32_t, __VA_ARGS__)               \
      WICK_DISPATCH_CASE(Long, int64_t, __VA_ARGS__)              \
      WICK_DISPATCH_CASE(Half, ::wick::Half, __VA_ARGS__)         \
      WICK_DISPATCH_CASE(Float, float, __VA_ARGS__)               \
      WICK_DISPATCH_CASE(Double, double, __VA_ARGS__)             \
      WICK_DISPATCH_CASE(Bool, bool, __VA_ARGS__)                 \
      WICK_DISPATCH_CASE(BFloat16, ::wick::BFloat16, __VA_ARGS__) \
    }                                                             \
  } while (0)

#define WICK_DISPATCH_FLOATING(DTYPE, NAME, ...)                                   \
  do {                                                                             \
    switch (DTYPE) {                                                               \
      WICK_DISPATCH_CASE(Half, ::wick::Half, __VA_ARGS__)                          \
      WICK_DISPATCH_CASE(Float, float, __VA_ARGS__)                                \
      WICK_DISPATCH_CASE(Double, double, __VA_ARGS__)                              \
      WICK_DISPATCH_CASE(BFloat16, ::wick::BFloat16, __VA_ARGS__)                  \
      default: WICK_FAIL(NAME, ": expected a floating point tensor, got ", DTYPE); \
    }                                                                              \
  } while (0)

#define WICK_DISPATCH_NUMERIC(DTYPE, NAME, ...)                        \
  do {                                                                 \
    switch (DTYPE) {                                                   \
      WICK_DISPATCH_CASE(Byte, uint8_t, __VA_ARGS__)                   \
      WICK_DISPATCH_CASE(Char, int8_t, __VA_ARGS__)                    \
      WICK_DISPATCH_CASE(Short, int16_t, __VA_ARGS__)                  \
      WICK_DISPATCH_CASE(Int, int32_t, __VA_ARGS__)                    \
      WICK_DISPATCH_CASE(Long, int64_t, __VA_ARGS__)                   \
      WICK_DISPATCH_CASE(Half, ::wick::Half, __VA_ARGS__)              \
      WICK_DISPATCH_CASE(Float, float, __VA_ARGS__)                    \
      WICK_DISPATCH_CASE(Double, double, __VA_ARGS__)                  \
      WICK_DISPATCH_CASE(BFloat16, ::wick::BFloat16, __VA_ARGS__)      \
      default: WICK_FAIL(NAME, ": not implemented for dtype ", DTYPE); \
    }                                                                  \
  } while (0)
