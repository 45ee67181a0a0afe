// Numerical helpers of nn::init: the inverse error function (for trunc_normal_) and a reduced
// QR factor (for orthogonal_).
#include <cmath>
#include <limits>
#include <vector>

#include "wick/core/error.h"

namespace wick::nn::init::detail {

// erfinv(y) for y in [-1, 1]: a rational first guess refined by Newton steps on erf, which
// converge to double precision in two or three iterations.
double erfinv(double y) {
  if (y <= -1) return -std::numeric_limits<double>::infinity();
  if (y >= 1) return std::numeric_limits<double>::infinity();
  double w = -std::log((1.0 - y) * (1.0 + y));
  double x;
  if (w < 5.0) {
    w -= 2.5;
    double p = 2.81022636e-08;
    p = 3.43273939e-07 + p * w;
    p = -3.5233877e-06 + p * w;
    p = -4.39150654e-06 + p * w;
    p = 0.00021858087 + p * w;
    p = -0.00125372503 + p * w;
    p = -0.00417768164 + p * w;
    p = 0.246640727 + p * w;
    p = 1.50140941 + p * w;
    x = p * y;
  } else {
    w = std::sqrt(w) - 3.0;
    double p = -0.000200214257;
    p = 0.000100950558 + p * w;
    p = 0.00134934322 + p * w;
    p = -0.00367342844 + p * w;
    p = 0.00573950773 + p * w;
    p = -0.0076224613 + p * w;
    p = 0.00943887047 + p * w;
    p = 1.00167406 + p * w;
    p = 2.83297682 + p * w;
    x = p * y;
  }
  const double two_over_sqrt_pi = 2.0 / std::sqrt(M_PI);
  for (int i = 0; i < 3; ++i) {
    double err = std::erf(x) - y;
    x -= err / (two_over_sqrt_pi * std::exp(-x * x));
  }
  return x;
}

// The Q factor of the reduced QR decomposition of the row-major m x n matrix `a` (m >= n),
// normalised so that R has a positive diagonal (PyTorch multiplies Q by sign(diag(R)), which
// gives the same matrix). Modified Gram-Schmidt with one re-orthogonalisation pass.
std::vector<double> orthonormalColumns(std::vector<double> a, int64_t m, int64_t n) {
  WICK_INTERNAL_ASSERT(m >= n, "orthonormalColumns needs a tall matrix");
  auto at = [&](int64_t i, int64_t j) -> double& { return a[static_cast<size_t>(i * n + j)]; };
  for (int64_t j = 0; j < n; ++j) {
    for (int pass = 0; pass < 2; ++pass) {
      for (int64_t k = 0; k < j; ++k) {
        double dot = 0;
        for (int64_t i = 0; i < m; ++i) dot += at(i, k) * at(i, j);
        for (int64_t i = 0; i < m; ++i) at(i, j) -= dot * at(i, k);
      }
    }
    double norm = 0;
    for (int64_t i = 0; i < m; ++i) norm += at(i, j) * at(i, j);
    norm = std::sqrt(norm);
    WICK_CHECK(norm > 0, "orthogonal_: the random sample was rank deficient");
    for (int64_t i = 0; i < m; ++i) at(i, j) /= norm;
  }
  return a;
}

}  // namespace wick::nn::init::detail
