// int / float / bool arithmetic and comparisons of TorchScript code (aten::add.int,
// floordiv.float, eq.int_float, __and__.bool, ...). Semantics are Python's as TorchScript
// implements them: floor division and remainder round towards negative infinity, true
// division of ints gives a float, integer overflow wraps (computed on unsigned values, so
// without UB), and division by zero raises where PyTorch raises, and also where PyTorch
// crashes (int % 0).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "ops/kernels/script_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

int64_t wrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
int64_t wrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
int64_t wrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}

int64_t floorDivInt(int64_t a, int64_t b, const char* op) {
  WICK_CHECK(b != 0, op, ": division by 0");
  if (b == -1) return wrapSub(0, a);  // INT64_MIN / -1 wraps instead of trapping
  int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t remainderInt(int64_t a, int64_t b, const char* op) {
  WICK_CHECK(b != 0, op, ": ZeroDivisionError: integer division or modulo by zero");
  if (b == -1) return 0;
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

double floorDivFloat(double a, double b) { return std::floor(a / b); }

// Python's float %: the result takes the sign of the divisor.
double remainderFloat(double a, double b) {
  double r = std::fmod(a, b);
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

}  // namespace

// ---- + - * / // % ----
int64_t add_int(int64_t a, int64_t b) { return wrapAdd(a, b); }
double add_float(double a, double b) { return a + b; }
double add_int_float(int64_t a, double b) { return static_cast<double>(a) + b; }
double add_float_int(double a, int64_t b) { return a + static_cast<double>(b); }
int64_t sub_int(int64_t a, int64_t b) { return wrapSub(a, b); }
double sub_float(double a, double b) { return a - b; }
double sub_int_float(int64_t a, double b) { return static_cast<double>(a) - b; }
double sub_float_int(double a, int64_t b) { return a - static_cast<double>(b); }
int64_t mul_int(int64_t a, int64_t b) { return wrapMul(a, b); }
double mul_float(double a, double b) { return a * b; }
double mul_int_float(int64_t a, double b) { return static_cast<double>(a) * b; }
double mul_float_int(double a, int64_t b) { return a * static_cast<double>(b); }
double div_int(int64_t a, int64_t b) { return static_cast<double>(a) / static_cast<double>(b); }
double div_float(double a, double b) { return a / b; }
int64_t floordiv_int(int64_t a, int64_t b) { return floorDivInt(a, b, "aten::floordiv.int"); }
double floordiv_float(double a, double b) { return floorDivFloat(a, b); }
double floordiv_int_float(int64_t a, double b) { return floorDivFloat(static_cast<double>(a), b); }
double floordiv_float_int(double a, int64_t b) { return floorDivFloat(a, static_cast<double>(b)); }
int64_t remainder_int(int64_t a, int64_t b) { return remainderInt(a, b, "aten::remainder.int"); }
double remainder_float(double a, double b) { return remainderFloat(a, b); }
double remainder_int_float(int64_t a, double b) {
  return remainderFloat(static_cast<double>(a), b);
}
double remainder_float_int(double a, int64_t b) {
  return remainderFloat(a, static_cast<double>(b));
}
double fmod_int(int64_t a, int64_t b) {
  return std::fmod(static_cast<double>(a), static_cast<double>(b));
}
double fmod_float(double a, double b) { return std::fmod(a, b); }
double fmod_int_float(int64_t a, double b) { return std::fmod(static_cast<double>(a), b); }
double fmod_float_int(double a, int64_t b) { return std::fmod(a, static_cast<double>(b)); }
int64_t dunder_round_to_zero_floordiv_int(int64_t a, int64_t b) {
  WICK_CHECK(b != 0, "aten::__round_to_zero_floordiv.int: division by 0");
  return b == -1 ? wrapSub(0, a) : a / b;
}

// ---- powers ----
double pow_int(int64_t a, int64_t b) {
  return std::pow(static_cast<double>(a), static_cast<double>(b));
}
double pow_float(double a, double b) { return std::pow(a, b); }
double pow_int_float(int64_t a, double b) { return std::pow(static_cast<double>(a), b); }
double pow_float_int(double a, int64_t b) { return std::pow(a, static_cast<double>(b)); }
double pow_Scalar_Scalar(const Scalar& a, const Scalar& b) {
  return std::pow(a.toDouble(), b.toDouble());
}
int64_t pow_int_to_int(int64_t a, int64_t b) {
  WICK_CHECK(b >= 0, "aten::pow.int_to_int: integers to negative integer powers are not allowed (",
             a, " ** ", b, ")");
  uint64_t result = 1, base = static_cast<uint64_t>(a);
  for (uint64_t e = static_cast<uint64_t>(b); e != 0; e >>= 1) {
    if (e & 1) result *= base;
    base *= base;
  }
  return static_cast<int64_t>(result);
}

// ---- sign and bit operations ----
int64_t neg_int(int64_t a) { return wrapSub(0, a); }
double neg_float(double a) { return -a; }
IValue neg_Scalar(const Scalar& a) {
  return a.isFloatingPoint() ? IValue(-a.toDouble()) : IValue(wrapSub(0, a.toLong()));
}
int64_t dunder_and_int(int64_t a, int64_t b) { return a & b; }
int64_t dunder_or_int(int64_t a, int64_t b) { return a | b; }
int64_t dunder_xor_int(int64_t a, int64_t b) { return a ^ b; }
int64_t dunder_lshift_int(int64_t a, int64_t b) {
  WICK_CHECK(b >= 0, "aten::__lshift__.int: negative shift count ", b);
  return b >= 64 ? 0 : static_cast<int64_t>(static_cast<uint64_t>(a) << b);
}
int64_t dunder_rshift_int(int64_t a, int64_t b) {
  WICK_CHECK(b >= 0, "aten::__rshift__.int: negative shift count ", b);
  return b >= 64 ? (a < 0 ? -1 : 0) : a >> b;
}
bool dunder_and_bool(bool a, bool b) { return a && b; }
bool dunder_or_bool(bool a, bool b) { return a || b; }
bool dunder_xor_bool(bool a, bool b) { return a != b; }
bool dunder_not(bool self) { return !self; }

int64_t gcd_int(int64_t a, int64_t b) {
  uint64_t x = a < 0 ? 0 - static_cast<uint64_t>(a) : static_cast<uint64_t>(a);
  uint64_t y = b < 0 ? 0 - static_cast<uint64_t>(b) : static_cast<uint64_t>(b);
  while (y != 0) {
    uint64_t t = x % y;
    x = y;
    y = t;
  }
  return static_cast<int64_t>(x);
}

int64_t factorial_int(int64_t a) {
  WICK_CHECK(a >= 0, "aten::factorial.int: factorial() not defined for negative values");
  uint64_t r = 1;
  for (int64_t i = 2; i <= a; ++i) r *= static_cast<uint64_t>(i);
  return static_cast<int64_t>(r);
}

double copysign_int(int64_t a, int64_t b) {
  return std::copysign(static_cast<double>(a), static_cast<double>(b));
}
double copysign_float(double a, double b) { return std::copysign(a, b); }
double copysign_int_float(int64_t a, double b) { return std::copysign(static_cast<double>(a), b); }
double copysign_float_int(double a, int64_t b) { return std::copysign(a, static_cast<double>(b)); }
double atan2_int(int64_t a, int64_t b) {
  return std::atan2(static_cast<double>(a), static_cast<double>(b));
}
double atan2_float(double a, double b) { return std::atan2(a, b); }
double atan2_int_float(int64_t a, double b) { return std::atan2(static_cast<double>(a), b); }
double atan2_float_int(double a, int64_t b) { return std::atan2(a, static_cast<double>(b)); }
double atan2_Scalar_Scalar(const Scalar& a, const Scalar& b) {
  return std::atan2(a.toDouble(), b.toDouble());
}
double log_int_int(int64_t a, int64_t b) {
  return std::log(static_cast<double>(a)) / std::log(static_cast<double>(b));
}
double log_float_float(double a, double b) { return std::log(a) / std::log(b); }
double log_int_float(int64_t a, double b) { return std::log(static_cast<double>(a)) / std::log(b); }
double log_float_int(double a, int64_t b) { return std::log(a) / std::log(static_cast<double>(b)); }
double log_Scalar_Scalar(const Scalar& a, const Scalar& b) {
  return std::log(a.toDouble()) / std::log(b.toDouble());
}
double ldexp(double x, int64_t i) {
  return std::ldexp(x, static_cast<int>(std::clamp<int64_t>(i, -100000, 100000)));
}

// ---- tuple results (boxed: the schemas return two values) ----
namespace {
template <class A, class B>
void divmodPush(Stack& stack, A x, B y, const char* op) {
  if constexpr (std::is_integral_v<A> && std::is_integral_v<B>) {
    WICK_CHECK(y != 0, op, ": ZeroDivisionError: integer division or modulo by zero");
    int64_t q = floorDivInt(x, y, op);
    stack.emplace_back(q);
    stack.emplace_back(remainderInt(x, y, op));
  } else {
    double a = static_cast<double>(x), b = static_cast<double>(y);
    WICK_CHECK(b != 0, op, ": ZeroDivisionError: float divmod()");
    // Python's float divmod: the remainder takes the divisor's sign and q * b + r == a.
    double mod = std::fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0 && ((b < 0) != (mod < 0))) {
      mod += b;
      div -= 1.0;
    }
    double q = std::floor(div);
    if (div - q > 0.5) q += 1.0;
    stack.emplace_back(q);
    stack.emplace_back(mod);
  }
}

template <class A, class B>
void boxedDivmod(Stack& stack, const char* op) {
  IValue y = script::pop(stack), x = script::pop(stack);
  A a;
  B b;
  if constexpr (std::is_integral_v<A>)
    a = x.toInt();
  else
    a = script::toFloat(x);
  if constexpr (std::is_integral_v<B>)
    b = y.toInt();
  else
    b = script::toFloat(y);
  divmodPush(stack, a, b, op);
}
}  // namespace

void divmod_int(Stack& stack, size_t) { boxedDivmod<int64_t, int64_t>(stack, "aten::divmod.int"); }
void divmod_float(Stack& stack, size_t) {
  boxedDivmod<double, double>(stack, "aten::divmod.float");
}
void divmod_int_float(Stack& stack, size_t) {
  boxedDivmod<int64_t, double>(stack, "aten::divmod.int_float");
}
void divmod_float_int(Stack& stack, size_t) {
  boxedDivmod<double, int64_t>(stack, "aten::divmod.float_int");
}
void frexp(Stack& stack, size_t) {
  double a = script::toFloat(script::pop(stack));
  int e = 0;
  double m = std::frexp(a, &e);
  stack.emplace_back(m);
  stack.emplace_back(static_cast<int64_t>(e));
}
void modf(Stack& stack, size_t) {
  double a = script::toFloat(script::pop(stack));
  double ip = 0;
  double fp = std::modf(a, &ip);
  stack.emplace_back(fp);
  stack.emplace_back(ip);
}

// ---- comparisons ----
#define WICK_SCRIPT_CMP(NAME, OP)                                                    \
  bool NAME##_int(int64_t a, int64_t b) { return a OP b; }                           \
  bool NAME##_float(double a, double b) { return a OP b; }                           \
  bool NAME##_int_float(int64_t a, double b) { return static_cast<double>(a) OP b; } \
  bool NAME##_float_int(double a, int64_t b) { return a OP static_cast<double>(b); } \
  bool NAME##_str(std::string_view a, std::string_view b) { return a OP b; }
WICK_SCRIPT_CMP(eq, ==)
WICK_SCRIPT_CMP(ne, !=)
WICK_SCRIPT_CMP(lt, <)
WICK_SCRIPT_CMP(gt, >)
WICK_SCRIPT_CMP(le, <=)
WICK_SCRIPT_CMP(ge, >=)
#undef WICK_SCRIPT_CMP

bool eq_bool(bool a, bool b) { return a == b; }
bool ne_bool(bool a, bool b) { return a != b; }
bool eq_device(Device a, Device b) { return a == b; }
bool ne_device(Device a, Device b) { return a != b; }
bool eq_int_list(IntArrayRef a, IntArrayRef b) { return a == b; }
bool ne_int_list(IntArrayRef a, IntArrayRef b) { return !(a == b); }
bool eq_float_list(ArrayRef<double> a, ArrayRef<double> b) { return a == b; }
bool ne_float_list(ArrayRef<double> a, ArrayRef<double> b) { return !(a == b); }
bool eq_bool_list(const IValue& a, const IValue& b) { return a == b; }
bool ne_bool_list(const IValue& a, const IValue& b) { return !(a == b); }
bool eq_str_list(const IValue& a, const IValue& b) { return a == b; }
bool ne_str_list(const IValue& a, const IValue& b) { return !(a == b); }

bool dunder_is(const IValue& self, const IValue& obj) { return self.isSameIdentity(obj); }
bool dunder_isnot(const IValue& self, const IValue& obj) { return !self.isSameIdentity(obj); }

// ---- min / max of two numbers (prim::min / prim::max) ----
int64_t prim_min_int(int64_t a, int64_t b) { return std::min(a, b); }
double prim_min_float(double a, double b) { return script::pyMin(a, b); }
double prim_min_int_float(int64_t a, double b) { return script::pyMin(static_cast<double>(a), b); }
double prim_min_float_int(double a, int64_t b) { return script::pyMin(a, static_cast<double>(b)); }
int64_t prim_max_int(int64_t a, int64_t b) { return std::max(a, b); }
double prim_max_float(double a, double b) { return script::pyMax(a, b); }
double prim_max_int_float(int64_t a, double b) { return script::pyMax(static_cast<double>(a), b); }
double prim_max_float_int(double a, int64_t b) { return script::pyMax(a, static_cast<double>(b)); }

}  // namespace wick::kernels
