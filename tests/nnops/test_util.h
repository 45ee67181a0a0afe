// Helpers for the nnops tests: deterministic random tensors and simple elementwise
// references that do not depend on other op families.
#pragma once

#include <random>

#include "ops/dnnl/dense_util.h"
#include "testing/testing.h"

namespace wick::testing {

inline Tensor randomTensor(IntArrayRef sizes, uint32_t seed, DType dtype = kFloat) {
  Tensor t = emptyTensor(sizes, kDouble);
  std::mt19937 gen(seed);
  std::normal_distribution<double> dist;
  double* p = static_cast<double*>(t.data_ptr());
  for (int64_t i = 0; i < t.impl()->numel(); ++i) p[i] = dist(gen);
  return dense::contiguousAs(t, dtype);
}

// Elementwise f over the values of a (and b), in a's dtype and shape (contiguous).
template <class F>
Tensor mapValues(const Tensor& a, const Tensor& b, F f) {
  std::vector<double> x = dense::cloneContiguous(a).to_vector<double>();
  std::vector<double> y = dense::cloneContiguous(b).to_vector<double>();
  Tensor d = emptyTensor(dense::shapeOf(a), kDouble);
  for (size_t i = 0; i < x.size(); ++i) static_cast<double*>(d.data_ptr())[i] = f(x[i], y[i]);
  return dense::contiguousAs(d, a.dtype());
}

inline Tensor reluRef(const Tensor& t) {
  return mapValues(t, t, [](double v, double) { return v > 0 ? v : 0.0; });
}
inline Tensor addRef(const Tensor& a, const Tensor& b) {
  return mapValues(a, b, [](double x, double y) { return x + y; });
}

}  // namespace wick::testing
