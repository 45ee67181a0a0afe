#include "wick/core/dtype.h"

namespace wick {

namespace {
// Rank within a category, following PyTorch's promotion lattice.
int integralRank(DType t) {
  switch (t) {
    case kBool: return 0;
    case kByte: return 1;
    case kChar: return 1;
    case kShort: return 2;
    case kInt: return 3;
    case kLong: return 4;
    default: return -1;
  }
}
}  // namespace

DType promoteTypes(DType a, DType b) {
  if (a == b) return a;
  if (a == kBool) return b;
  if (b == kBool) return a;
  bool fa = isFloatingType(a), fb = isFloatingType(b);
  if (fa && fb) {
    if ((a == kHalf && b == kBFloat16) || (a == kBFloat16 && b == kHalf)) return kFloat;
    return elementSize(a) >= elementSize(b) ? a : b;
  }
  if (fa) return a;
  if (fb) return b;
  // Both integral (not bool). u8 with a signed type needs a type that holds both ranges.
  if (a == kByte || b == kByte) {
    DType other = a == kByte ? b : a;
    return other == kChar ? kShort : other;
  }
  return integralRank(a) >= integralRank(b) ? a : b;
}

bool parseDType(std::string_view name, DType* out) {
  struct Alias {
    std::string_view name;
    DType t;
  };
  static constexpr Alias aliases[] = {
      {"uint8", kByte},     {"int8", kChar},     {"int16", kShort},   {"short", kShort},
      {"int32", kInt},      {"int", kInt},       {"int64", kLong},    {"long", kLong},
      {"float16", kHalf},   {"half", kHalf},     {"float32", kFloat}, {"float", kFloat},
      {"float64", kDouble}, {"double", kDouble}, {"bool", kBool},     {"bfloat16", kBFloat16},
  };
  for (const Alias& a : aliases) {
    if (a.name == name) {
      *out = a.t;
      return true;
    }
  }
  return false;
}

}  // namespace wick
