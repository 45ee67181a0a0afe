// Helpers shared by the TorchScript scalar, list, string and dict kernels (script_*.cpp):
// stack access for boxed kernels, Python-style index normalisation, and printing values the
// way TorchScript's str() and str.format() do.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "wick/core/ivalue.h"

namespace wick::kernels::script {

inline IValue pop(Stack& stack) {
  WICK_INTERNAL_ASSERT(!stack.empty(), "boxed kernel popped an empty stack");
  IValue v = std::move(stack.back());
  stack.pop_back();
  return v;
}

// An int or float argument as a double (TorchScript passes ints where floats are expected).
inline double toFloat(const IValue& v) {
  return v.isInt() ? static_cast<double>(v.toInt()) : v.toDouble();
}

// min / max of two floats as TorchScript's prim::min/max compute them: `b` unless `a` is
// strictly better, so a NaN in `b` wins and a NaN in `a` loses.
inline double pyMin(double a, double b) { return a < b ? a : b; }
inline double pyMax(double a, double b) { return a > b ? a : b; }

// A Python index into a sequence of `size` elements (negative counts from the end);
// raises IndexError with `what` ("list index out of range") when out of range.
int64_t normalizeIndex(int64_t idx, int64_t size, const char* what);

// Python slice bounds: clamps start/end for `step` and returns the element count.
int64_t sliceBounds(int64_t size, std::optional<int64_t>& start, std::optional<int64_t>& end,
                    int64_t step, const char* op);

// The list behind a list argument (raises a TypeError for anything else).
ListObj& listArg(const IValue& v, const char* op);
DictObj& dictArg(const IValue& v, const char* op);

// A double as TorchScript prints it: integral values as "1.", others with 17 significant
// digits ("0.10000000000000001"), "inf", "-inf", "nan".
std::string formatDouble(double d);
// str(value) in TorchScript: strings unquoted (also inside containers), floats as
// formatDouble, tensors as LibTorch prints them, containers in Python's brackets.
std::string toDisplayString(const IValue& v);
void appendDisplayString(std::string& out, const IValue& v);

}  // namespace wick::kernels::script
