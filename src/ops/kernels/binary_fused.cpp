// Three-input pointwise kernels: lerp (scalar or tensor weight), addcmul and addcdiv.
#include <cmath>

#include "ops/kernels/iter_binary.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using iter::Dest;
using iter::Iter;
using iter::opmath_t;
using iter::Types;

// self + w (end - self) for small |w|, end - (end - self)(1 - w) otherwise: exact at both
// ends and monotone in w.
template <class M>
M lerpValue(M self, M end, M w) {
  return std::abs(w) < M(0.5) ? self + w * (end - self) : end - (end - self) * (M(1) - w);
}

void checkLerpDType(const char* op, const Tensor& self, const Tensor& t, const char* name) {
  WICK_CHECK(t.dtype() == self.dtype(), op, ": expected dtype ", self.dtype(), " for `", name,
             "` but got dtype ", t.dtype());
}

Tensor lerpScalarImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& end,
                      const Scalar& weight) {
  checkLerpDType(op, self, end, "end");
  Iter it(op);
  it.output(d).input(self).input(end).computeDType(self.dtype());
  return iter::runBinary<Types::Floating>(it, [&]<class T>() {
    using M = opmath_t<T>;
    M w = iter::scalarValue<T>(weight, op);
    return [w](M a, M b) { return lerpValue(a, b, w); };
  });
}

Tensor lerpTensorImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& end,
                      const Tensor& weight) {
  checkLerpDType(op, self, end, "end");
  checkLerpDType(op, self, weight, "weight");
  Iter it(op);
  it.output(d).input(self).input(end).input(weight).computeDType(self.dtype());
  it.build();
  iter::dispatchTypes<Types::Floating>(self.dtype(), op, [&]<class T>() {
    using M = opmath_t<T>;
    iter::pointwise<T, T, T, T>(it, [](M a, M b, M w) { return lerpValue(a, b, w); });
  });
  return it.finish();
}

// self + value * t1 * t2 (kMul) or self + value * t1 / t2, in the inputs' promoted dtype.
template <bool kMul>
Tensor addcImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& t1,
                const Tensor& t2, const Scalar& value) {
  if constexpr (!kMul) {
    WICK_CHECK(!(isIntegralType(t1.dtype(), true) && isIntegralType(t2.dtype(), true)), op,
               ": Integer division with addcdiv is no longer supported, and in a future "
               "release addcdiv will perform a true division of tensor1 and tensor2. The "
               "historic addcdiv behavior can be implemented as (input + value * "
               "torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as "
               "(input + value * tensor1 / tensor2) for float inputs. The future addcdiv "
               "behavior is just the latter implementation: (input + value * tensor1 / "
               "tensor2), for all dtypes.");
  }
  Iter it(op);
  it.output(d).input(self).input(t1).input(t2).promote();
  it.build();
  // addcdiv never sees integral types (rejected above).
  constexpr Types kTypes = kMul ? Types::Numeric : Types::Floating;
  iter::dispatchTypes<kTypes>(it.computeDType(), op, [&]<class T>() {
    using M = opmath_t<T>;
    M v = iter::scalarValue<T>(value, op);
    iter::pointwise<T, T, T, T>(it, [v](M s, M a, M b) -> M {
      if constexpr (std::is_integral_v<M>) {
        return iter::wrapAdd(s, iter::wrapMul(iter::wrapMul(v, a), b));
      } else if constexpr (kMul) {
        return s + v * a * b;
      } else {
        return s + v * a / b;
      }
    });
  });
  return it.finish();
}

}  // namespace

Tensor lerp_Scalar(const Tensor& self, const Tensor& end, const Scalar& weight) {
  return lerpScalarImpl("aten::lerp", Dest::fresh(), self, end, weight);
}
Tensor lerp_Tensor(const Tensor& self, const Tensor& end, const Tensor& weight) {
  return lerpTensorImpl("aten::lerp", Dest::fresh(), self, end, weight);
}
Tensor lerp_Scalar_out(const Tensor& self, const Tensor& end, const Scalar& weight,
                       const Tensor& out) {
  return lerpScalarImpl("aten::lerp", Dest::out(out), self, end, weight);
}
Tensor lerp_Tensor_out(const Tensor& self, const Tensor& end, const Tensor& weight,
                       const Tensor& out) {
  return lerpTensorImpl("aten::lerp", Dest::out(out), self, end, weight);
}
Tensor lerp__Scalar(const Tensor& self, const Tensor& end, const Scalar& weight) {
  return lerpScalarImpl("aten::lerp_", Dest::self(self), self, end, weight);
}
Tensor lerp__Tensor(const Tensor& self, const Tensor& end, const Tensor& weight) {
  return lerpTensorImpl("aten::lerp_", Dest::self(self), self, end, weight);
}

Tensor addcmul(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
               const Scalar& value) {
  return addcImpl<true>("aten::addcmul", Dest::fresh(), self, tensor1, tensor2, value);
}
Tensor addcmul_out(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
                   const Scalar& value, const Tensor& out) {
  return addcImpl<true>("aten::addcmul", Dest::out(out), self, tensor1, tensor2, value);
}
Tensor addcmul_(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
                const Scalar& value) {
  return addcImpl<true>("aten::addcmul_", Dest::self(self), self, tensor1, tensor2, value);
}

Tensor addcdiv(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
               const Scalar& value) {
  return addcImpl<false>("aten::addcdiv", Dest::fresh(), self, tensor1, tensor2, value);
}
Tensor addcdiv_out(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
                   const Scalar& value, const Tensor& out) {
  return addcImpl<false>("aten::addcdiv", Dest::out(out), self, tensor1, tensor2, value);
}
Tensor addcdiv_(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
                const Scalar& value) {
  return addcImpl<false>("aten::addcdiv_", Dest::self(self), self, tensor1, tensor2, value);
}

}  // namespace wick::kernels
