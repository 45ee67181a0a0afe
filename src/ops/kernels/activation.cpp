// Activation functions: relu, relu6, leaky_relu, elu/celu/selu, gelu (erf and tanh forms),
// silu, mish, hardswish, hardsigmoid, hardtanh, softplus, threshold, log_sigmoid, prelu,
// glu, hardshrink and softshrink. Float32 gelu and silu run through the vectorised fastmath
// functions.
#include <cmath>

#include "ops/kernels/fastmath.h"
#include "ops/kernels/iter_binary.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using iter::Dest;
using iter::Iter;
using iter::opmath_t;
using iter::Types;
using FastFn = void (*)(const float*, float*, int64_t);

// How an activation's out= tensor may differ from self: most of PyTorch's activation
// kernels require the same dtype; a few cast.
enum class OutDType { Exact, Cast };

// out = f(self) with f = make.template operator()<T>() in self's dtype (floating only unless
// K says otherwise); float32 may use a vectorised array function instead.
template <Types K, class Make>
Tensor activation(const char* op, const Dest& d, const Tensor& self, OutDType out_dtype,
                  const Make& make, FastFn fast = nullptr) {
  Iter it(op);
  it.output(d).input(self);
  if (out_dtype == OutDType::Exact) it.exactOutputDType();
  it.build();
  if (fast != nullptr && it.computeDType() == kFloat) {
    iter::unaryFloatArray(it, fast);
    return it.finish();
  }
  iter::dispatchTypes<K>(it.computeDType(), op, [&]<class T>() {
    iter::pointwise<T, T>(it, make.template operator()<T>(), iter::kMathGrainSize);
  });
  return it.finish();
}

// A functor maker for an activation without parameters.
#define WICK_ACT(EXPR)                    \
  []<class T>() {                         \
    using M = opmath_t<T>;                \
    return [](M x) -> M { return EXPR; }; \
  }

Tensor reluImpl(const char* op, const Dest& d, const Tensor& self) {
  WICK_CHECK(self.dtype() != kBool, op, ": Boolean inputs not supported for relu");
  return activation<Types::Numeric>(op, d, self, OutDType::Cast, []<class T>() {
    using M = opmath_t<T>;
    return [](M x) -> M { return x < M(0) ? M(0) : x; };
  });
}

Tensor leakyReluImpl(const char* op, const Dest& d, const Tensor& self, const Scalar& slope) {
  return activation<Types::Floating>(op, d, self, OutDType::Exact, [&]<class T>() {
    using M = opmath_t<T>;
    M s = iter::scalarValue<T>(slope, op);
    return [s](M x) -> M { return x > M(0) ? x : x * s; };
  });
}

Tensor eluImpl(const char* op, const Dest& d, const Tensor& self, const Scalar& alpha,
               const Scalar& scale, const Scalar& input_scale,
               OutDType out_dtype = OutDType::Exact) {
  return activation<Types::Floating>(op, d, self, out_dtype, [&]<class T>() {
    using M = opmath_t<T>;
    M neg = static_cast<M>(alpha.toDouble() * scale.toDouble());
    M pos = iter::scalarValue<T>(scale, op);
    M in = iter::scalarValue<T>(input_scale, op);
    return [neg, pos, in](M x) -> M { return x <= M(0) ? std::expm1(x * in) * neg : x * pos; };
  });
}

Tensor celuImpl(const char* op, const Dest& d, const Tensor& self, const Scalar& alpha) {
  WICK_CHECK(alpha.toDouble() != 0, op, ": ZeroDivisionError: alpha cannot be 0 for CELU");
  return eluImpl(op, d, self, alpha, Scalar(1.0), Scalar(1.0 / alpha.toDouble()), OutDType::Cast);
}

Tensor seluImpl(const char* op, const Dest& d, const Tensor& self) {
  constexpr double kAlpha = 1.6732632423543772848170429916717;
  constexpr double kScale = 1.0507009873554804934193349852946;
  return eluImpl(op, d, self, Scalar(kAlpha), Scalar(kScale), Scalar(1.0));
}

Tensor geluImpl(const char* op, const Dest& d, const Tensor& self, std::string_view approximate) {
  if (approximate == "tanh") {
    return activation<Types::Floating>(
        op, d, self, OutDType::Exact,
        WICK_ACT(M(0.5) * x *
                 (M(1) + std::tanh(M(0.7978845608028654) * (x + M(0.044715) * x * x * x)))),
        fastmath::geluTanhF32);
  }
  WICK_CHECK(approximate == "none", op, ": approximate argument must be either none or tanh.");
  return activation<Types::Floating>(
      op, d, self, OutDType::Exact,
      WICK_ACT(x * M(0.5) * (M(1) + std::erf(x * M(0.70710678118654752440)))),
      fastmath::geluErfF32);
}

Tensor siluImpl(const char* op, const Dest& d, const Tensor& self) {
  return activation<Types::Floating>(op, d, self, OutDType::Exact,
                                     WICK_ACT(x / (M(1) + std::exp(-x))), fastmath::siluF32);
}

Tensor mishImpl(const char* op, const Dest& d, const Tensor& self) {
  return activation<Types::Floating>(op, d, self, OutDType::Exact,
                                     WICK_ACT(x * std::tanh(std::log1p(std::exp(x)))));
}

Tensor hardswishImpl(const char* op, const Dest& d, const Tensor& self) {
  return activation<Types::Floating>(op, d, self, OutDType::Exact,
                                     WICK_ACT(x * std::min(std::max(x + M(3), M(0)), M(6)) / M(6)));
}

Tensor hardsigmoidImpl(const char* op, const Dest& d, const Tensor& self) {
  return activation<Types::Floating>(op, d, self, OutDType::Exact,
                                     WICK_ACT(std::min(std::max(x + M(3), M(0)), M(6)) / M(6)));
}

Tensor softplusImpl(const char* op, const Dest& d, const Tensor& self, const Scalar& beta,
                    const Scalar& threshold) {
  return activation<Types::Floating>(op, d, self, OutDType::Exact, [&]<class T>() {
    using M = opmath_t<T>;
    M b = iter::scalarValue<T>(beta, op);
    M t = iter::scalarValue<T>(threshold, op);
    return [b, t](M x) -> M { return x * b > t ? x : std::log1p(std::exp(x * b)) / b; };
  });
}

Tensor thresholdImpl(const char* op, const Dest& d, const Tensor& self, const Scalar& threshold,
                     const Scalar& value) {
  return activation<Types::Numeric>(op, d, self, OutDType::Cast, [&]<class T>() {
    using M = opmath_t<T>;
    M t = iter::scalarValue<T>(threshold, op);
    M v = iter::scalarValue<T>(value, op);
    return [t, v](M x) -> M { return x <= t ? v : x; };
  });
}

// log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|)), stable at both ends.
// The result is contiguous whatever self's layout, as PyTorch's log_sigmoid.
Tensor logSigmoidImpl(const char* op, const Dest& d, const Tensor& self) {
  WICK_CHECK(!d.tensor.defined() || d.tensor.dtype() == self.dtype(), op, ": expected scalar type ",
             scalarTypeName(self.dtype()), " but found ", scalarTypeName(d.tensor.dtype()));
  Dest dest = d.tensor.defined() ? d : Dest::out(emptyTensor(self.impl()->sizes(), self.dtype()));
  return activation<Types::Floating>(
      op, dest, self, OutDType::Exact,
      WICK_ACT(std::min(x, M(0)) - std::log1p(std::exp(-std::abs(x)))));
}

// hardtanh is clamp without promotion: integral tensors take integer bounds.
Tensor hardtanhImpl(const char* op, const Dest& d, const Tensor& self, const Scalar& min_val,
                    const Scalar& max_val) {
  WICK_CHECK(self.dtype() != kBool, op, ": Bool inputs not supported for hardtanh");
  Scalar lo = min_val, hi = max_val;
  if (isIntegralType(self.dtype(), false)) {
    lo = Scalar(min_val.toLong());
    hi = Scalar(max_val.toLong());
    WICK_CHECK(self.dtype() != kByte || (lo.toLong() >= 0 && hi.toLong() >= 0), op,
               ": cannot do hardtanh on an unsigned type with negative limits");
  }
  // A fresh result takes self's layout (PyTorch allocates it with empty_like).
  Dest dest = d.tensor.defined() ? d : Dest::out(iter::emptyLike(self, self.dtype()));
  return iter::clampScalar(op, dest, self, lo, hi);
}

#undef WICK_ACT

// hardshrink and softshrink: float, double and bfloat16 only, as PyTorch 1.13's CPU kernels.
void checkShrinkDType(const char* op, const char* kernel, const Tensor& self) {
  DType dt = self.dtype();
  WICK_CHECK(dt == kFloat || dt == kDouble || dt == kBFloat16, op, ": \"", kernel,
             "\" not implemented for '", graphName(dt), "'");
}

Tensor hardshrinkImpl(const char* op, const Dest& d, const Tensor& self, const Scalar& lambd) {
  checkShrinkDType(op, "hardshrink_cpu", self);
  return activation<Types::Floating>(op, d, self, OutDType::Exact, [&]<class T>() {
    using M = opmath_t<T>;
    M l = iter::scalarValue<T>(lambd, op);
    return [l](M x) -> M { return (x >= -l && x <= l) ? M(0) : x; };
  });
}

// NaN lands in neither branch and becomes 0, as in PyTorch.
Tensor softshrinkImpl(const char* op, const Dest& d, const Tensor& self, const Scalar& lambd) {
  WICK_CHECK(lambd.toDouble() >= 0, op, ": lambda must be greater or equal to 0, but found to be ",
             lambd.toDouble(), ".");
  checkShrinkDType(op, "softshrink_cpu", self);
  return activation<Types::Floating>(op, d, self, OutDType::Exact, [&]<class T>() {
    using M = opmath_t<T>;
    M l = iter::scalarValue<T>(lambd, op);
    return [l](M x) -> M { return x > l ? x - l : (x < -l ? x + l : M(0)); };
  });
}

// prelu's weight: one value, or one per channel (dim 1).
Tensor preluImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& weight) {
  WICK_CHECK(weight.dtype() == self.dtype(), op, ": Found dtype ", scalarTypeName(weight.dtype()),
             " but expected ", scalarTypeName(self.dtype()));
  int64_t n = weight.impl()->numel();
  WICK_CHECK(weight.dim() <= 1, op,
             ": Expected `weight` to be a scalar or 1D tensor, but got ndim = ", weight.dim());
  Tensor w = weight;
  if (n == 1) {
    // One weight for everything: a 0-dim view keeps self's shape.
    w = makeTensor(weight.impl()->storagePtr(), weight.dtype(), {}, {}, weight.impl()->offset());
  } else {
    WICK_CHECK(self.dim() > 0, op, ": Not allow zero-dim input tensor.");
    int64_t channels = self.dim() > 1 ? self.impl()->sizes()[1] : 1;
    WICK_CHECK(channels == n, op,
               ": Mismatch of parameter numbers and input channel size. Found "
               "parameter numbers = ",
               n, " and channel size = ", channels, ".");
    // View the weights as [C, 1, ..., 1] so they broadcast along dim 1.
    if (self.dim() > 1) {
      DimVector sizes(static_cast<size_t>(self.dim() - 1), 1);
      DimVector strides(static_cast<size_t>(self.dim() - 1), 0);
      sizes[0] = n;
      strides[0] = weight.impl()->strides()[0];
      w = makeTensor(weight.impl()->storagePtr(), weight.dtype(), sizes, strides,
                     weight.impl()->offset());
    }
  }
  // The result is contiguous whatever self's layout, as PyTorch's prelu.
  Tensor out = d.tensor.defined() ? d.tensor : emptyTensor(self.impl()->sizes(), self.dtype());
  Iter it(op);
  it.output(out, d.resizable).input(self).input(w).computeDType(self.dtype());
  return iter::runBinary<Types::Floating>(it, []<class T>() {
    using M = opmath_t<T>;
    return [](M x, M a) -> M { return x > M(0) ? x : a * x; };
  });
}

// glu(x, dim) = a * sigmoid(b) where a and b are the two halves of x along dim.
Tensor gluImpl(const char* op, const Dest& d, const Tensor& self, int64_t dim) {
  WICK_CHECK(self.dim() > 0, op,
             ": glu does not support scalars because halving size must be even");
  int64_t wd = wrapDim(dim, self.dim(), op);
  int64_t size = self.impl()->sizes()[wd];
  WICK_CHECK(size % 2 == 0, op, ": Halving dimension must be even, but dimension ", wd, " is size ",
             size);
  DimVector sizes = self.impl()->sizes();
  sizes[wd] = size / 2;
  IntArrayRef strides = self.impl()->strides();
  int64_t offset = self.impl()->offset();
  Tensor a = makeTensor(self.impl()->storagePtr(), self.dtype(), sizes, strides, offset);
  Tensor b = makeTensor(self.impl()->storagePtr(), self.dtype(), sizes, strides,
                        offset + (size / 2) * strides[wd]);
  Iter it(op);
  it.output(d).input(a).input(b).computeDType(self.dtype());
  return iter::runBinary<Types::Floating>(it, []<class T>() {
    using M = opmath_t<T>;
    return [](M x, M y) -> M { return x / (M(1) + std::exp(-y)); };
  });
}

}  // namespace

#define WICK_ACTIVATION_KERNELS(NAME, IMPL)                                             \
  Tensor NAME(const Tensor& self) { return IMPL("aten::" #NAME, Dest::fresh(), self); } \
  Tensor NAME##_out(const Tensor& self, const Tensor& out) {                            \
    return IMPL("aten::" #NAME, Dest::out(out), self);                                  \
  }                                                                                     \
  Tensor NAME##_(const Tensor& self) { return IMPL("aten::" #NAME "_", Dest::self(self), self); }

WICK_ACTIVATION_KERNELS(relu, reluImpl)
WICK_ACTIVATION_KERNELS(silu, siluImpl)
WICK_ACTIVATION_KERNELS(mish, mishImpl)
WICK_ACTIVATION_KERNELS(hardswish, hardswishImpl)
WICK_ACTIVATION_KERNELS(hardsigmoid, hardsigmoidImpl)
#undef WICK_ACTIVATION_KERNELS

Tensor relu6(const Tensor& self) {
  return hardtanhImpl("aten::relu6", Dest::fresh(), self, Scalar(int64_t(0)), Scalar(int64_t(6)));
}
Tensor relu6_(const Tensor& self) {
  return hardtanhImpl("aten::relu6_", Dest::self(self), self, Scalar(int64_t(0)),
                      Scalar(int64_t(6)));
}

Tensor leaky_relu(const Tensor& self, const Scalar& negative_slope) {
  return leakyReluImpl("aten::leaky_relu", Dest::fresh(), self, negative_slope);
}
Tensor leaky_relu_out(const Tensor& self, const Scalar& negative_slope, const Tensor& out) {
  return leakyReluImpl("aten::leaky_relu", Dest::out(out), self, negative_slope);
}
Tensor leaky_relu_(const Tensor& self, const Scalar& negative_slope) {
  return leakyReluImpl("aten::leaky_relu_", Dest::self(self), self, negative_slope);
}

Tensor elu(const Tensor& self, const Scalar& alpha, const Scalar& scale,
           const Scalar& input_scale) {
  return eluImpl("aten::elu", Dest::fresh(), self, alpha, scale, input_scale);
}
Tensor elu_out(const Tensor& self, const Scalar& alpha, const Scalar& scale,
               const Scalar& input_scale, const Tensor& out) {
  return eluImpl("aten::elu", Dest::out(out), self, alpha, scale, input_scale);
}
Tensor elu_(const Tensor& self, const Scalar& alpha, const Scalar& scale,
            const Scalar& input_scale) {
  return eluImpl("aten::elu_", Dest::self(self), self, alpha, scale, input_scale);
}

Tensor hardtanh(const Tensor& self, const Scalar& min_val, const Scalar& max_val) {
  return hardtanhImpl("aten::hardtanh", Dest::fresh(), self, min_val, max_val);
}
Tensor hardtanh_out(const Tensor& self, const Scalar& min_val, const Scalar& max_val,
                    const Tensor& out) {
  return hardtanhImpl("aten::hardtanh", Dest::out(out), self, min_val, max_val);
}
Tensor hardtanh_(const Tensor& self, const Scalar& min_val, const Scalar& max_val) {
  return hardtanhImpl("aten::hardtanh_", Dest::self(self), self, min_val, max_val);
}

Tensor celu(const Tensor& self, const Scalar& alpha) {
  return celuImpl("aten::celu", Dest::fresh(), self, alpha);
}
Tensor celu_out(const Tensor& self, const Scalar& alpha, const Tensor& out) {
  return celuImpl("aten::celu", Dest::out(out), self, alpha);
}
Tensor celu_(const Tensor& self, const Scalar& alpha) {
  return celuImpl("aten::celu_", Dest::self(self), self, alpha);
}

Tensor threshold(const Tensor& self, const Scalar& threshold, const Scalar& value) {
  return thresholdImpl("aten::threshold", Dest::fresh(), self, threshold, value);
}
Tensor threshold_out(const Tensor& self, const Scalar& threshold, const Scalar& value,
                     const Tensor& out) {
  return thresholdImpl("aten::threshold", Dest::out(out), self, threshold, value);
}
Tensor threshold_(const Tensor& self, const Scalar& threshold, const Scalar& value) {
  return thresholdImpl("aten::threshold_", Dest::self(self), self, threshold, value);
}

Tensor gelu(const Tensor& self, std::string_view approximate) {
  return geluImpl("aten::gelu", Dest::fresh(), self, approximate);
}
Tensor gelu_out(const Tensor& self, std::string_view approximate, const Tensor& out) {
  return geluImpl("aten::gelu", Dest::out(out), self, approximate);
}
Tensor gelu_(const Tensor& self, std::string_view approximate) {
  return geluImpl("aten::gelu_", Dest::self(self), self, approximate);
}

Tensor softplus(const Tensor& self, const Scalar& beta, const Scalar& threshold) {
  return softplusImpl("aten::softplus", Dest::fresh(), self, beta, threshold);
}
Tensor softplus_out(const Tensor& self, const Scalar& beta, const Scalar& threshold,
                    const Tensor& out) {
  return softplusImpl("aten::softplus", Dest::out(out), self, beta, threshold);
}

Tensor selu(const Tensor& self) { return seluImpl("aten::selu", Dest::fresh(), self); }
Tensor selu_(const Tensor& self) { return seluImpl("aten::selu_", Dest::self(self), self); }

Tensor log_sigmoid(const Tensor& self) {
  return logSigmoidImpl("aten::log_sigmoid", Dest::fresh(), self);
}
Tensor log_sigmoid_out(const Tensor& self, const Tensor& out) {
  return logSigmoidImpl("aten::log_sigmoid", Dest::out(out), self);
}

Tensor prelu(const Tensor& self, const Tensor& weight) {
  return preluImpl("aten::prelu", Dest::fresh(), self, weight);
}
Tensor prelu_out(const Tensor& self, const Tensor& weight, const Tensor& out) {
  return preluImpl("aten::prelu", Dest::out(out), self, weight);
}

Tensor glu(const Tensor& self, int64_t dim) {
  return gluImpl("aten::glu", Dest::fresh(), self, dim);
}
Tensor glu_out(const Tensor& self, int64_t dim, const Tensor& out) {
  return gluImpl("aten::glu", Dest::out(out), self, dim);
}

Tensor hardshrink(const Tensor& self, const Scalar& lambd) {
  return hardshrinkImpl("aten::hardshrink", Dest::fresh(), self, lambd);
}
Tensor hardshrink_out(const Tensor& self, const Scalar& lambd, const Tensor& out) {
  return hardshrinkImpl("aten::hardshrink.out", Dest::out(out), self, lambd);
}
Tensor softshrink(const Tensor& self, const Scalar& lambd) {
  return softshrinkImpl("aten::softshrink", Dest::fresh(), self, lambd);
}
Tensor softshrink_out(const Tensor& self, const Scalar& lambd, const Tensor& out) {
  return softshrinkImpl("aten::softshrink.out", Dest::out(out), self, lambd);
}

}  // namespace wick::kernels
