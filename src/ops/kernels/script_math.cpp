// Conversions and the math module of TorchScript code: int()/float()/bool() casts, str(),
// bin/hex/oct/chr/ord, math.floor/ceil/sqrt/exp/..., round, abs, isnan/isinf/isfinite, and the
// number-typed (Scalar) forms. Where PyTorch silently produces garbage (int(nan), int("1x")
// through strtol) these raise Python's errors instead.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numbers>

#include "ops/kernels/script_util.h"
#include "wick/core/grad_mode.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

int64_t floatToInt(double a, const char* op) {
  WICK_CHECK(!std::isnan(a), op, ": cannot convert float NaN to integer");
  WICK_CHECK(!std::isinf(a), op, ": cannot convert float infinity to integer");
  WICK_CHECK(a >= -9223372036854775808.0 && a < 9223372036854775808.0, op, ": float ",
             script::formatDouble(a), " does not fit in a 64-bit integer");
  return static_cast<int64_t>(a);
}

// PyTorch 1.13's math functions of a number (sqrt.Scalar, exp.Scalar, ...) return their
// result rounded to float32, for int and float arguments alike: math.sqrt(x) of a `number` x = 2.0
// is 1.4142135381698608 there, while sqrt.float gives 1.4142135623730951. With IEEE floats the
// narrowing is defined (values beyond float's range become infinities).
IValue float32Result(double v) { return IValue(static_cast<double>(static_cast<float>(v))); }

}  // namespace

// ---- casts ----
int64_t Int_float(double a) { return floatToInt(a, "aten::Int.float"); }
int64_t Int_bool(bool a) { return a ? 1 : 0; }
int64_t Int_str(std::string_view a) {
  std::string s(a);
  const char* begin = s.c_str();
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(begin, &end, 10);
  WICK_CHECK(end != begin && *end == '\0' && errno == 0,
             "aten::Int.str: invalid literal for int() with base 10: '", a, "'");
  return v;
}
int64_t Int_Scalar(const Scalar& a) {
  return a.isFloatingPoint() ? floatToInt(a.toDouble(), "aten::Int.Scalar") : a.toLong();
}
double Float_int(int64_t a) { return static_cast<double>(a); }
double Float_bool(bool a) { return a ? 1.0 : 0.0; }
double Float_str(std::string_view a) {
  std::string s(a);
  const char* begin = s.c_str();
  char* end = nullptr;
  double v = std::strtod(begin, &end);
  while (end && (*end == ' ' || *end == '\t' || *end == '\n')) ++end;
  WICK_CHECK(end != begin && *end == '\0', "aten::Float.str: could not convert string to float: '",
             a, "'");
  return v;
}
double Float_Scalar(const Scalar& a) { return a.toDouble(); }
bool Bool_int(int64_t a) { return a != 0; }
bool Bool_float(double a) { return a != 0; }

// Implicit tensor -> number conversions of scripted code (a tensor passed where a number is
// expected), with TorchScript's checks.
int64_t IntImplicit(const Tensor& a) {
  WICK_CHECK(a.dim() == 0,
             "aten::IntImplicit: Cannot input a tensor of dimension other than 0 "
             "as a scalar argument (got ",
             a.dim(), " dimensions)");
  WICK_CHECK(!isFloatingType(a.dtype()), "aten::IntImplicit: Cannot input a tensor of type ",
             graphName(a.dtype()), " as an integral argument");
  return Int_Tensor(a);
}
double FloatImplicit(const Tensor& a) {
  WICK_CHECK(a.dim() == 0,
             "aten::FloatImplicit: Cannot input a tensor of dimension other than 0 "
             "as a scalar argument (got ",
             a.dim(), " dimensions)");
  return Float_Tensor(a);
}
Tensor prim_NumToTensor_bool(bool a) {
  Tensor t = scalarTensor(Scalar(a), kBool);
  t.impl()->setWrappedNumber(true);
  return t;
}

std::string str(const IValue& elem) { return script::toDisplayString(elem); }

namespace {
std::string inBase(int64_t i, int base, const char* prefix) {
  uint64_t u = i < 0 ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
  std::string digits;
  do {
    digits.insert(digits.begin(), "0123456789abcdef"[u % static_cast<uint64_t>(base)]);
    u /= static_cast<uint64_t>(base);
  } while (u != 0);
  return (i < 0 ? "-" : "") + std::string(prefix) + digits;
}
}  // namespace

std::string bin(int64_t i) { return inBase(i, 2, "0b"); }
std::string hex(int64_t i) { return inBase(i, 16, "0x"); }
std::string oct(int64_t i) { return inBase(i, 8, "0o"); }

std::string chr(int64_t i) {
  WICK_CHECK(i >= 0 && i < 0x110000, "aten::chr: chr() arg not in range(0x110000), found ", i);
  // TorchScript's chr makes one byte for codes below 256; larger code points, which it
  // truncates, are encoded as UTF-8 here.
  std::string s;
  auto c = static_cast<uint32_t>(i);
  if (c < 0x100) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

int64_t ord(std::string_view string) {
  WICK_CHECK(string.size() == 1, "aten::ord: String for ord() must be 1 character, found ",
             string.size());
  return static_cast<unsigned char>(string[0]);
}

int64_t hash_generic(const IValue& value) { return static_cast<int64_t>(IValueHash()(value)); }

// ---- rounding and absolute values ----
int64_t floor_int(int64_t a) { return a; }
int64_t floor_float(double a) { return floatToInt(std::floor(a), "aten::floor.float"); }
IValue floor_Scalar(const Scalar& a) {
  return a.isFloatingPoint() ? IValue(floor_float(a.toDouble())) : IValue(a.toLong());
}
int64_t ceil_int(int64_t a) { return a; }
int64_t ceil_float(double a) { return floatToInt(std::ceil(a), "aten::ceil.float"); }
IValue ceil_Scalar(const Scalar& a) {
  return a.isFloatingPoint() ? IValue(ceil_float(a.toDouble())) : IValue(a.toLong());
}
// Rounds half to even, as Python's round().
double round_int(int64_t a) { return static_cast<double>(a); }
double round_float(double a) { return std::nearbyint(a); }
IValue round_Scalar(const Scalar& a) { return IValue(std::nearbyint(a.toDouble())); }
int64_t prim_abs_int(int64_t a) {
  return a < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(a)) : a;
}
double prim_abs_float(double a) { return std::fabs(a); }
IValue prim_abs_Scalar(const Scalar& a) {
  return a.isFloatingPoint() ? IValue(std::fabs(a.toDouble())) : IValue(prim_abs_int(a.toLong()));
}
bool isnan_float(double a) { return std::isnan(a); }
bool isinf_float(double a) { return std::isinf(a); }
bool isfinite_float(double a) { return std::isfinite(a); }

// ---- the math module: float results for int and float arguments ----
namespace {
double degreesOf(double a) { return a * 180.0 / std::numbers::pi; }
double radiansOf(double a) { return a * std::numbers::pi / 180.0; }
}  // namespace

#define WICK_SCRIPT_MATH(NAME, FN)                                    \
  double NAME##_int(int64_t a) { return FN(static_cast<double>(a)); } \
  double NAME##_float(double a) { return FN(a); }                     \
  IValue NAME##_Scalar(const Scalar& a) { return float32Result(FN(a.toDouble())); }
WICK_SCRIPT_MATH(sqrt, std::sqrt)
WICK_SCRIPT_MATH(exp, std::exp)
WICK_SCRIPT_MATH(log, std::log)
WICK_SCRIPT_MATH(log10, std::log10)
WICK_SCRIPT_MATH(log1p, std::log1p)
WICK_SCRIPT_MATH(expm1, std::expm1)
WICK_SCRIPT_MATH(sin, std::sin)
WICK_SCRIPT_MATH(cos, std::cos)
WICK_SCRIPT_MATH(tan, std::tan)
WICK_SCRIPT_MATH(asin, std::asin)
WICK_SCRIPT_MATH(acos, std::acos)
WICK_SCRIPT_MATH(atan, std::atan)
WICK_SCRIPT_MATH(sinh, std::sinh)
WICK_SCRIPT_MATH(cosh, std::cosh)
WICK_SCRIPT_MATH(tanh, std::tanh)
WICK_SCRIPT_MATH(asinh, std::asinh)
WICK_SCRIPT_MATH(acosh, std::acosh)
WICK_SCRIPT_MATH(atanh, std::atanh)
WICK_SCRIPT_MATH(erf, std::erf)
WICK_SCRIPT_MATH(erfc, std::erfc)
WICK_SCRIPT_MATH(lgamma, std::lgamma)
WICK_SCRIPT_MATH(gamma, std::tgamma)
WICK_SCRIPT_MATH(fabs, std::fabs)
WICK_SCRIPT_MATH(degrees, degreesOf)
WICK_SCRIPT_MATH(radians, radiansOf)
#undef WICK_SCRIPT_MATH

// ---- runtime state queries ----
bool is_grad_enabled() { return GradMode::isEnabled(); }
// Scripted `with torch.no_grad():` bodies switch it (the no_grad class's __enter__/__exit__).
void set_grad_enabled(bool val) { GradMode::setEnabled(val); }
// wick has no autocast: it is never enabled.
bool is_autocast_enabled() { return false; }
bool is_autocast_cpu_enabled() { return false; }
// Compiled code runs "scripted": torch.jit.is_scripting() is True inside TorchScript.
bool is_scripting() { return true; }
bool _get_tracing_state() { return false; }

}  // namespace wick::kernels
