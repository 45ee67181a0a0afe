// Arithmetic and comparisons on TorchScript's `Scalar` (Python's number): the overloads
// (aten::add(Scalar a, Scalar b) -> Scalar, aten::div(Scalar a, Scalar b) -> float, ...) that
// the front end selects when an int meets a float. Results follow Python: two ints give an
// int, anything else a float.
#include <cmath>

#include "wick/core/error.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

bool bothInts(const Scalar& a, const Scalar& b) { return a.isIntegral(true) && b.isIntegral(true); }

// The int and float forms of one operation, applied per Python's promotion.
template <class IntOp, class FloatOp>
IValue number(const Scalar& a, const Scalar& b, IntOp int_op, FloatOp float_op) {
  if (bothInts(a, b)) return IValue(int_op(a.toLong(), b.toLong()));
  return IValue(float_op(a.toDouble(), b.toDouble()));
}

int64_t wrapping(int64_t a, int64_t b, char op) {
  auto ua = static_cast<uint64_t>(a), ub = static_cast<uint64_t>(b);
  uint64_t r = op == '+' ? ua + ub : op == '-' ? ua - ub : ua * ub;
  return static_cast<int64_t>(r);
}

int64_t floorDiv(int64_t a, int64_t b, const char* op) {
  WICK_CHECK(b != 0, op, ": division by 0");
  if (b == -1) return wrapping(0, a, '-');
  int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t intRemainder(int64_t a, int64_t b, const char* op) {
  WICK_CHECK(b != 0, op, ": ZeroDivisionError: integer division or modulo by zero");
  if (b == -1) return 0;
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

double floatRemainder(double a, double b) {
  double r = std::fmod(a, b);
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

// Compares as Python does: exactly for two ints, as doubles otherwise.
template <class Cmp>
bool compare(const Scalar& a, const Scalar& b, Cmp cmp) {
  if (bothInts(a, b)) return cmp(a.toLong(), b.toLong());
  return cmp(a.toDouble(), b.toDouble());
}

}  // namespace

IValue add_scalars(const Scalar& a, const Scalar& b) {
  return number(
      a, b, [](int64_t x, int64_t y) { return wrapping(x, y, '+'); },
      [](double x, double y) { return x + y; });
}
IValue sub_scalars(const Scalar& a, const Scalar& b) {
  return number(
      a, b, [](int64_t x, int64_t y) { return wrapping(x, y, '-'); },
      [](double x, double y) { return x - y; });
}
IValue mul_scalars(const Scalar& a, const Scalar& b) {
  return number(
      a, b, [](int64_t x, int64_t y) { return wrapping(x, y, '*'); },
      [](double x, double y) { return x * y; });
}
IValue floordiv_scalars(const Scalar& a, const Scalar& b) {
  return number(
      a, b, [](int64_t x, int64_t y) { return floorDiv(x, y, "aten::floordiv"); },
      [](double x, double y) { return std::floor(x / y); });
}
IValue remainder_scalars(const Scalar& a, const Scalar& b) {
  return number(
      a, b, [](int64_t x, int64_t y) { return intRemainder(x, y, "aten::remainder"); },
      floatRemainder);
}
double div_scalars(const Scalar& a, const Scalar& b) { return a.toDouble() / b.toDouble(); }
double fmod_scalars(const Scalar& a, const Scalar& b) {
  return std::fmod(a.toDouble(), b.toDouble());
}
double copysign_scalars(const Scalar& a, const Scalar& b) {
  return std::copysign(a.toDouble(), b.toDouble());
}
double mathremainder_scalars(const Scalar& a, const Scalar& b) {
  return std::remainder(a.toDouble(), b.toDouble());
}
bool eq_scalars(const Scalar& a, const Scalar& b) {
  return compare(a, b, [](auto x, auto y) { return x == y; });
}
bool ne_scalars(const Scalar& a, const Scalar& b) {
  return compare(a, b, [](auto x, auto y) { return x != y; });
}
bool lt_scalars(const Scalar& a, const Scalar& b) {
  return compare(a, b, [](auto x, auto y) { return x < y; });
}
bool le_scalars(const Scalar& a, const Scalar& b) {
  return compare(a, b, [](auto x, auto y) { return x <= y; });
}
bool gt_scalars(const Scalar& a, const Scalar& b) {
  return compare(a, b, [](auto x, auto y) { return x > y; });
}
bool ge_scalars(const Scalar& a, const Scalar& b) {
  return compare(a, b, [](auto x, auto y) { return x >= y; });
}
IValue prim_max_scalars(const Scalar& a, const Scalar& b) {
  return number(
      a, b, [](int64_t x, int64_t y) { return x > y ? x : y; },
      [](double x, double y) { return std::isnan(x) || x > y ? x : y; });
}
IValue prim_min_scalars(const Scalar& a, const Scalar& b) {
  return number(
      a, b, [](int64_t x, int64_t y) { return x < y ? x : y; },
      [](double x, double y) { return std::isnan(x) || x < y ? x : y; });
}

}  // namespace wick::kernels
