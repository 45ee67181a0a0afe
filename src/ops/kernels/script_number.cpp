// Arithmetic and comparisons on TorchScript's `Scalar` (Python's number): the overloads
// (aten::add(Scalar a, Scalar b) -> Scalar, aten::div(Scalar a, Scalar b) -> float, ...) that
// the front end selects when an int meets a float. Results follow Python: two ints give an
// int, anything else a float. Each forwards to the typed kernel for the operands' types
// (script_scalar.cpp), so the two families cannot drift apart.
#include <cmath>

#include "wick/core/error.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

bool bothInts(const Scalar& a, const Scalar& b) { return a.isIntegral(true) && b.isIntegral(true); }

// The typed int or float kernel of one operation, chosen per Python's promotion.
template <class IntOp, class FloatOp>
IValue number(const Scalar& a, const Scalar& b, IntOp int_op, FloatOp float_op) {
  if (bothInts(a, b)) return IValue(int_op(a.toLong(), b.toLong()));
  return IValue(float_op(a.toDouble(), b.toDouble()));
}

template <class IntOp, class FloatOp>
bool compare(const Scalar& a, const Scalar& b, IntOp int_op, FloatOp float_op) {
  return bothInts(a, b) ? int_op(a.toLong(), b.toLong()) : float_op(a.toDouble(), b.toDouble());
}

}  // namespace

IValue add_scalars(const Scalar& a, const Scalar& b) { return number(a, b, add_int, add_float); }
IValue sub_scalars(const Scalar& a, const Scalar& b) { return number(a, b, sub_int, sub_float); }
IValue mul_scalars(const Scalar& a, const Scalar& b) { return number(a, b, mul_int, mul_float); }
IValue floordiv_scalars(const Scalar& a, const Scalar& b) {
  WICK_CHECK(!bothInts(a, b) || b.toLong() != 0, "aten::floordiv: division by 0");
  return number(a, b, floordiv_int, floordiv_float);
}
IValue remainder_scalars(const Scalar& a, const Scalar& b) {
  return number(a, b, remainder_int, remainder_float);
}
double div_scalars(const Scalar& a, const Scalar& b) {
  return div_float(a.toDouble(), b.toDouble());
}
double fmod_scalars(const Scalar& a, const Scalar& b) {
  return fmod_float(a.toDouble(), b.toDouble());
}
double copysign_scalars(const Scalar& a, const Scalar& b) {
  return copysign_float(a.toDouble(), b.toDouble());
}
double mathremainder_scalars(const Scalar& a, const Scalar& b) {
  return std::remainder(a.toDouble(), b.toDouble());
}
bool eq_scalars(const Scalar& a, const Scalar& b) { return compare(a, b, eq_int, eq_float); }
bool ne_scalars(const Scalar& a, const Scalar& b) { return compare(a, b, ne_int, ne_float); }
bool lt_scalars(const Scalar& a, const Scalar& b) { return compare(a, b, lt_int, lt_float); }
bool le_scalars(const Scalar& a, const Scalar& b) { return compare(a, b, le_int, le_float); }
bool gt_scalars(const Scalar& a, const Scalar& b) { return compare(a, b, gt_int, gt_float); }
bool ge_scalars(const Scalar& a, const Scalar& b) { return compare(a, b, ge_int, ge_float); }
IValue prim_max_scalars(const Scalar& a, const Scalar& b) {
  return number(a, b, prim_max_int, prim_max_float);
}
IValue prim_min_scalars(const Scalar& a, const Scalar& b) {
  return number(a, b, prim_min_int, prim_min_float);
}

}  // namespace wick::kernels
