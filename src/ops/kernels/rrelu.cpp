// Randomized leaky ReLU (aten::rrelu, rrelu_with_noise and their in-place and out forms), as
// PyTorch 1.13's CPU kernels compute it. In training every non-positive element gets its own
// slope drawn uniformly from [lower, upper] (one double draw each, in element order, from the
// generator as PyTorch draws them) and `noise` records the slope, or 1 where x > 0. Otherwise
// the slope is (lower + upper) / 2 for every element and the op is leaky_relu.
#include <mutex>

#include "ops/dnnl/dense_util.h"
#include "ops/kernels/iter.h"
#include "ops/kernels/random_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// Writes the result into `out` (already shaped like self), or returns leaky_relu's.
Tensor rreluInto(const char* op, const Tensor& self, const Tensor& noise, const Scalar& lower,
                 const Scalar& upper, bool training, const std::optional<Generator>& generator,
                 const Tensor& out, bool in_place) {
  WICK_CHECK(upper.toDouble() >= lower.toDouble(), op,
             ": Lower bound should be less than or equal to the upper bound");
  DType dt = self.dtype();
  if (!training) {
    WICK_CHECK(dt == kFloat || dt == kDouble || dt == kBFloat16, op,
               ": \"leaky_relu_cpu\" not implemented for '", graphName(dt), "'");
    double slope = (lower.toDouble() + upper.toDouble()) / 2;
    return in_place ? leaky_relu_(self, Scalar(slope)) : leaky_relu_out(self, Scalar(slope), out);
  }
  WICK_CHECK(dt == kFloat || dt == kDouble || dt == kBFloat16, op,
             ": \"rrelu_with_noise_out_cpu\" not implemented for '", graphName(dt), "'");
  int64_t n = self.impl()->numel();
  // PyTorch writes noise element i for input element i of self's contiguous order; a noise
  // with fewer elements overflows its buffer there, so it is an error here.
  WICK_CHECK(noise.impl()->numel() == n, op, ": noise has ", noise.impl()->numel(),
             " elements but self has ", n);
  WICK_CHECK(noise.dtype() == dt, op, ": expected noise of dtype ", graphName(dt), ", got ",
             graphName(noise.dtype()));
  Tensor x = dense::contiguous(self);
  Tensor result = out.is_contiguous() && !in_place ? out : emptyTensor(dense::shapeOf(self), dt);
  Tensor slopes = noise.is_contiguous() ? noise : emptyTensor(dense::shapeOf(noise), dt);
  GeneratorImpl* gen = generatorOrDefault(generator);
  {
    std::lock_guard<std::mutex> lock(gen->mutex());
    WICK_DISPATCH_FLOATING(dt, "rrelu_with_noise_out_cpu", {
      const scalar_t* xp = static_cast<const scalar_t*>(x.data_ptr());
      scalar_t* op = static_cast<scalar_t*>(result.data_ptr());
      scalar_t* np = static_cast<scalar_t*>(slopes.data_ptr());
      // The bounds are rounded to the element type first, then drawn between in double.
      double lo = static_cast<double>(lower.to<scalar_t>());
      double hi = static_cast<double>(upper.to<scalar_t>());
      for (int64_t i = 0; i < n; ++i) {
        if (xp[i] <= scalar_t(0)) {
          auto r = static_cast<scalar_t>(uniformReal<double>(gen, lo, hi));
          op[i] = static_cast<scalar_t>(xp[i] * r);
          np[i] = r;
        } else {
          np[i] = scalar_t(1);
          op[i] = xp[i];
        }
      }
    });
  }
  if (!slopes.is_same(noise)) dense::copyInto(noise, slopes);
  iter::bumpVersion(noise);
  Tensor target = in_place ? self : out;
  if (!result.is_same(target)) dense::copyInto(target, result);
  iter::bumpVersion(target);
  return target;
}

}  // namespace

Tensor rrelu_with_noise_out(const Tensor& self, const Tensor& noise, const Scalar& lower,
                            const Scalar& upper, bool training,
                            const std::optional<Generator>& generator, const Tensor& out) {
  if (training) iter::resizeOutput("aten::rrelu_with_noise.out", out, dense::shapeOf(self));
  return rreluInto("aten::rrelu_with_noise.out", self, noise, lower, upper, training, generator,
                   out, false);
}

Tensor rrelu_with_noise(const Tensor& self, const Tensor& noise, const Scalar& lower,
                        const Scalar& upper, bool training,
                        const std::optional<Generator>& generator) {
  Tensor out = emptyTensor(dense::shapeOf(self), self.dtype());
  return rreluInto("aten::rrelu_with_noise", self, noise, lower, upper, training, generator, out,
                   false);
}

Tensor rrelu_with_noise_(const Tensor& self, const Tensor& noise, const Scalar& lower,
                         const Scalar& upper, bool training,
                         const std::optional<Generator>& generator) {
  return rreluInto("aten::rrelu_with_noise_", self, noise, lower, upper, training, generator, self,
                   true);
}

Tensor rrelu(const Tensor& self, const Scalar& lower, const Scalar& upper, bool training,
             const std::optional<Generator>& generator) {
  Tensor noise = emptyTensor(dense::shapeOf(self), self.dtype());
  return rrelu_with_noise(self, noise, lower, upper, training, generator);
}

Tensor rrelu_(const Tensor& self, const Scalar& lower, const Scalar& upper, bool training,
              const std::optional<Generator>& generator) {
  Tensor noise = emptyTensor(dense::shapeOf(self), self.dtype());
  return rrelu_with_noise_(self, noise, lower, upper, training, generator);
}

}  // namespace wick::kernels
