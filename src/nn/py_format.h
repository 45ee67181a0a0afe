// Python's spelling of values, for the layers' extra_repr() (PyTorch prints a module's options
// with Python's repr: 1e-05, 0.1, True, (3, 3), None).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wick/core/array_ref.h"
#include "wick/core/tensor.h"
#include "wick/nn/options.h"

namespace wick::nn::impl {

// repr(float): the shortest text that reads back as the same double, in Python's layout
// (0.0001, 1e-05, 1.0, 1e+16, inf, nan).
std::string pyFloat(double v);
std::string pyBool(bool v);
// An int, float or bool Scalar as Python prints the number it came from.
std::string pyScalar(const Scalar& s);
// A tuple of ints: (3,) or (3, 5).
std::string pyTuple(IntArrayRef values);
std::string pyTuple(const std::vector<double>& values);
std::string pyOptionalInt(const std::optional<int64_t>& v);

// A size option printed as the user gave it: one number, or a tuple.
template <size_t D>
std::string pySize(const ExpandingArray<D>& a) {
  return a.is_scalar() ? std::to_string(a[0]) : pyTuple(a.ref());
}
template <size_t D>
std::string pySize(const ExpandingArrayWithOptional<D>& a) {
  if (a.is_scalar()) return pyOptionalInt(a[0]);
  std::string s = "(";
  for (size_t i = 0; i < D; ++i) s += (i ? ", " : "") + pyOptionalInt(a[i]);
  return s + (D == 1 ? ",)" : ")");
}

}  // namespace wick::nn::impl
