#include "wick/core/generator.h"

#include <cmath>
#include <numbers>

namespace wick {

double GeneratorImpl::normal() {
  if (next_normal_) {
    double v = *next_normal_;
    next_normal_.reset();
    return v;
  }
  double u1 = uniformDouble();
  double u2 = uniformDouble();
  double r = std::sqrt(-2.0 * std::log1p(-u2));
  double theta = 2.0 * std::numbers::pi * u1;
  next_normal_ = r * std::sin(theta);
  return r * std::cos(theta);
}

Generator& defaultGenerator() {
  static Generator g;
  return g;
}

void manual_seed(uint64_t seed) { defaultGenerator().manual_seed(seed); }

}  // namespace wick
