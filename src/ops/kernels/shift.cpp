// Bit shifts of integer tensors: bitwise_left_shift / bitwise_right_shift and the
// __lshift__ / __rshift__ / __ilshift__ / __irshift__ operators. PyTorch 1.13 shifts with C's
// operators on x86, so the count is taken modulo the width of the promoted operand (32 bits
// for 8-, 16- and 32-bit integers, 64 for int64) and negative counts wrap the same way;
// right shifts of signed values are arithmetic. Float and bool tensors are rejected.
#include <cstdint>
#include <type_traits>

#include "ops/kernels/iter_binary.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using iter::Dest;
using iter::Iter;
using iter::opmath_t;
using iter::Types;
using iter::wrapScalar;

template <class T>
T shiftLeft(T a, T b) {
  if constexpr (sizeof(T) == 8) {
    return static_cast<T>(static_cast<uint64_t>(a) << (static_cast<uint64_t>(b) & 63));
  } else {
    uint32_t count = static_cast<uint32_t>(static_cast<int32_t>(b)) & 31;
    return static_cast<T>(static_cast<uint32_t>(static_cast<std::make_unsigned_t<T>>(a)) << count);
  }
}

template <class T>
T shiftRight(T a, T b) {
  if constexpr (sizeof(T) == 8) {
    return static_cast<T>(a >> (static_cast<uint64_t>(b) & 63));
  } else {
    uint32_t count = static_cast<uint32_t>(static_cast<int32_t>(b)) & 31;
    using Promoted = std::conditional_t<std::is_signed_v<T>, int32_t, uint32_t>;
    return static_cast<T>(static_cast<Promoted>(a) >> count);
  }
}

template <bool kLeft>
Tensor shiftImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  return iter::runBinary<Types::Integral>(it, []<class T>() {
    using M = opmath_t<T>;
    return [](M x, M y) -> M {
      T a = static_cast<T>(x), b = static_cast<T>(y);
      return static_cast<M>(kLeft ? shiftLeft(a, b) : shiftRight(a, b));
    };
  });
}

}  // namespace

#define WICK_SHIFT_KERNELS(NAME, DUNDER, IDUNDER, LEFT)                                         \
  Tensor NAME##_Tensor(const Tensor& self, const Tensor& other) {                               \
    return shiftImpl<LEFT>("aten::" #NAME, Dest::fresh(), self, other);                         \
  }                                                                                             \
  Tensor NAME##_Tensor_Scalar(const Tensor& self, const Scalar& other) {                        \
    return shiftImpl<LEFT>("aten::" #NAME, Dest::fresh(), self, wrapScalar(other));             \
  }                                                                                             \
  Tensor NAME##_Scalar_Tensor(const Scalar& self, const Tensor& other) {                        \
    return shiftImpl<LEFT>("aten::" #NAME, Dest::fresh(), wrapScalar(self), other);             \
  }                                                                                             \
  Tensor NAME##_Tensor_out(const Tensor& self, const Tensor& other, const Tensor& out) {        \
    return shiftImpl<LEFT>("aten::" #NAME, Dest::out(out), self, other);                        \
  }                                                                                             \
  Tensor NAME##_Tensor_Scalar_out(const Tensor& self, const Scalar& other, const Tensor& out) { \
    return shiftImpl<LEFT>("aten::" #NAME, Dest::out(out), self, wrapScalar(other));            \
  }                                                                                             \
  Tensor NAME##_Scalar_Tensor_out(const Scalar& self, const Tensor& other, const Tensor& out) { \
    return shiftImpl<LEFT>("aten::" #NAME, Dest::out(out), wrapScalar(self), other);            \
  }                                                                                             \
  Tensor NAME##__Tensor(const Tensor& self, const Tensor& other) {                              \
    return shiftImpl<LEFT>("aten::" #NAME "_", Dest::self(self), self, other);                  \
  }                                                                                             \
  Tensor NAME##__Tensor_Scalar(const Tensor& self, const Scalar& other) {                       \
    return shiftImpl<LEFT>("aten::" #NAME "_", Dest::self(self), self, wrapScalar(other));      \
  }                                                                                             \
  Tensor DUNDER##_Tensor(const Tensor& self, const Tensor& other) {                             \
    return shiftImpl<LEFT>("aten::" #DUNDER, Dest::fresh(), self, other);                       \
  }                                                                                             \
  Tensor DUNDER##_Scalar(const Tensor& self, const Scalar& other) {                             \
    return shiftImpl<LEFT>("aten::" #DUNDER, Dest::fresh(), self, wrapScalar(other));           \
  }                                                                                             \
  Tensor DUNDER##_Tensor_out(const Tensor& self, const Tensor& other, const Tensor& out) {      \
    return shiftImpl<LEFT>("aten::" #DUNDER, Dest::out(out), self, other);                      \
  }                                                                                             \
  Tensor DUNDER##_Scalar_out(const Tensor& self, const Scalar& other, const Tensor& out) {      \
    return shiftImpl<LEFT>("aten::" #DUNDER, Dest::out(out), self, wrapScalar(other));          \
  }                                                                                             \
  Tensor IDUNDER##_Tensor(const Tensor& self, const Tensor& other) {                            \
    return shiftImpl<LEFT>("aten::" #IDUNDER, Dest::self(self), self, other);                   \
  }                                                                                             \
  Tensor IDUNDER##_Scalar(const Tensor& self, const Scalar& other) {                            \
    return shiftImpl<LEFT>("aten::" #IDUNDER, Dest::self(self), self, wrapScalar(other));       \
  }

WICK_SHIFT_KERNELS(bitwise_left_shift, __lshift__, __ilshift__, true)
WICK_SHIFT_KERNELS(bitwise_right_shift, __rshift__, __irshift__, false)
#undef WICK_SHIFT_KERNELS

}  // namespace wick::kernels
