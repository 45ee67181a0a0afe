// Helpers shared by the binary elementwise kernels (binary*.cpp, compare.cpp): dtype-set
// dispatch over a built Iter, and the Scalar overloads' wrapping.
#pragma once

#include "ops/kernels/iter_loops.h"
#include "ops/kernels/iter_math.h"

namespace wick::iter {

// The dtypes a kernel accepts; others raise "<op>: not implemented for 'Bool'".
enum class Types { Numeric, Floating, Integral, IntegralAndBool, All };

// Calls run.template operator()<scalar_t>() with scalar_t the C++ type of `t`.
template <Types K, class Run>
void dispatchTypes(DType t, const char* op, const Run& run) {
  if constexpr (K == Types::Numeric) {
    WICK_ITER_DISPATCH_NUMERIC(t, op, run.template operator()<scalar_t>());
  } else if constexpr (K == Types::Floating) {
    WICK_ITER_DISPATCH_FLOATING(t, op, run.template operator()<scalar_t>());
  } else if constexpr (K == Types::Integral) {
    WICK_ITER_DISPATCH_INTEGRAL(t, op, run.template operator()<scalar_t>());
  } else if constexpr (K == Types::IntegralAndBool) {
    WICK_ITER_DISPATCH_INTEGRAL_AND_BOOL(t, op, run.template operator()<scalar_t>());
  } else {
    WICK_ITER_DISPATCH_ALL(t, op, run.template operator()<scalar_t>());
  }
}

// Builds `it` (output plus two inputs, configured by the caller) and writes
// out = f(a, b) in the compute dtype, where f = make.template operator()<T>() for the
// compute dtype's C++ type T. Returns the op's result.
template <Types K, class Make>
const Tensor& runBinary(Iter& it, const Make& make) {
  it.build();
  dispatchTypes<K>(it.computeDType(), it.op(),
                   [&]<class T>() { pointwise<T, T, T>(it, make.template operator()<T>()); });
  return it.finish();
}

// clamp with Scalar bounds (compare.cpp), shared with hardtanh, which reports as `op`.
Tensor clampScalar(const char* op, const Dest& d, const Tensor& self,
                   const std::optional<Scalar>& min, const std::optional<Scalar>& max);

// A Scalar operand as PyTorch passes it to a Tensor overload: a 0-dim wrapped number.
inline Tensor wrapScalar(const Scalar& s) { return wrappedScalarTensor(s); }

}  // namespace wick::iter
