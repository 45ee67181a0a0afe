// Elementwise math, comparisons, activations, casts and copies: free functions mirroring
// torch.* (wick::add, wick::relu, wick::where, wick::clamp, wick::gelu(x, "tanh"), ...), the
// Tensor operators (+ - * / % unary-, comparisons, & | ^ ~, += -= *= /=) and the matching
// Tensor methods declared in tensor.h. Every function here is a thin wrapper over
// wick::ops::<row> (ops.def) adding PyTorch's defaults and overloads.
//
// Note [Scalar operands]
// A number mixed with a tensor reaches the op the way PyTorch's Python API passes it, so
// traces match: add, sub, mul, div and floor_divide take it as a 0-dim wrapped-number tensor
// (x * 2 records aten::mul(%x, %c) with a Long constant tensor); the other ops use their
// Scalar overloads (x == 2 records aten::eq.Scalar). A Scalar that came from a traced size
// passes that traced tensor instead, so the trace stays symbolic.
#pragma once

#include <optional>
#include <string_view>

#include "wick/ops/ops.h"

namespace wick {

namespace detail {
inline Tensor scalarOperand(const Scalar& s) {
  return s.traced() ? Tensor(s.traced()) : wrappedScalarTensor(s);
}
}  // namespace detail

// ---- unary math ----

#define WICK_UNARY_API(NAME)                                   \
  inline Tensor NAME(const Tensor& x) { return ops::NAME(x); } \
  inline Tensor NAME##_(const Tensor& x) { return ops::NAME##_(x); }
WICK_UNARY_API(abs)
WICK_UNARY_API(neg)
WICK_UNARY_API(exp)
WICK_UNARY_API(log)
WICK_UNARY_API(log2)
WICK_UNARY_API(log10)
WICK_UNARY_API(log1p)
WICK_UNARY_API(expm1)
WICK_UNARY_API(sqrt)
WICK_UNARY_API(rsqrt)
WICK_UNARY_API(sin)
WICK_UNARY_API(cos)
WICK_UNARY_API(tan)
WICK_UNARY_API(asin)
WICK_UNARY_API(acos)
WICK_UNARY_API(atan)
WICK_UNARY_API(sinh)
WICK_UNARY_API(cosh)
WICK_UNARY_API(tanh)
WICK_UNARY_API(sigmoid)
WICK_UNARY_API(floor)
WICK_UNARY_API(ceil)
WICK_UNARY_API(round)
WICK_UNARY_API(trunc)
WICK_UNARY_API(frac)
WICK_UNARY_API(sign)
WICK_UNARY_API(reciprocal)
WICK_UNARY_API(erf)
WICK_UNARY_API(square)
WICK_UNARY_API(logical_not)
WICK_UNARY_API(bitwise_not)
#undef WICK_UNARY_API
inline Tensor negative(const Tensor& x) { return ops::neg(x); }
inline Tensor isnan(const Tensor& x) { return ops::isnan(x); }
inline Tensor isinf(const Tensor& x) { return ops::isinf(x); }
inline Tensor isfinite(const Tensor& x) { return ops::isfinite(x); }

// ---- arithmetic ----

inline Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha = 1) {
  return ops::add_Tensor(a, b, alpha);
}
inline Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha = 1) {
  return ops::add_Tensor(a, detail::scalarOperand(b), alpha);
}
inline Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1) {
  return ops::sub_Tensor(a, b, alpha);
}
inline Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1) {
  return ops::sub_Tensor(a, detail::scalarOperand(b), alpha);
}
inline Tensor subtract(const Tensor& a, const Tensor& b, const Scalar& alpha = 1) {
  return sub(a, b, alpha);
}
// other - alpha * self
inline Tensor rsub(const Tensor& self, const Tensor& other, const Scalar& alpha = 1) {
  return ops::rsub_Tensor(self, other, alpha);
}
inline Tensor rsub(const Tensor& self, const Scalar& other, const Scalar& alpha = 1) {
  return ops::rsub_Scalar(self, other, alpha);
}
inline Tensor mul(const Tensor& a, const Tensor& b) { return ops::mul_Tensor(a, b); }
inline Tensor mul(const Tensor& a, const Scalar& b) {
  return ops::mul_Tensor(a, detail::scalarOperand(b));
}
inline Tensor multiply(const Tensor& a, const Tensor& b) { return mul(a, b); }
inline Tensor div(const Tensor& a, const Tensor& b) { return ops::div_Tensor(a, b); }
inline Tensor div(const Tensor& a, const Scalar& b) {
  return ops::div_Tensor(a, detail::scalarOperand(b));
}
// rounding_mode: std::nullopt (true division), "trunc" or "floor".
inline Tensor div(const Tensor& a, const Tensor& b, std::optional<std::string_view> rounding_mode) {
  return ops::div_Tensor_mode(a, b, rounding_mode);
}
inline Tensor div(const Tensor& a, const Scalar& b, std::optional<std::string_view> rounding_mode) {
  return ops::div_Scalar_mode(a, b, rounding_mode);
}
inline Tensor divide(const Tensor& a, const Tensor& b) { return div(a, b); }
inline Tensor true_divide(const Tensor& a, const Tensor& b) { return div(a, b); }
inline Tensor remainder(const Tensor& a, const Tensor& b) { return ops::remainder_Tensor(a, b); }
inline Tensor remainder(const Tensor& a, const Scalar& b) { return ops::remainder_Scalar(a, b); }
inline Tensor remainder(const Scalar& a, const Tensor& b) {
  return ops::remainder_Scalar_Tensor(a, b);
}
inline Tensor fmod(const Tensor& a, const Tensor& b) { return ops::fmod_Tensor(a, b); }
inline Tensor fmod(const Tensor& a, const Scalar& b) { return ops::fmod_Scalar(a, b); }
inline Tensor floor_divide(const Tensor& a, const Tensor& b) { return ops::floor_divide(a, b); }
inline Tensor floor_divide(const Tensor& a, const Scalar& b) {
  return ops::floor_divide(a, detail::scalarOperand(b));
}
inline Tensor pow(const Tensor& base, const Tensor& exponent) {
  return ops::pow_Tensor_Tensor(base, exponent);
}
inline Tensor pow(const Tensor& base, const Scalar& exponent) {
  return ops::pow_Tensor_Scalar(base, exponent);
}
inline Tensor pow(const Scalar& base, const Tensor& exponent) {
  return ops::pow_Scalar(base, exponent);
}
inline Tensor atan2(const Tensor& a, const Tensor& b) { return ops::atan2(a, b); }
inline Tensor maximum(const Tensor& a, const Tensor& b) { return ops::maximum(a, b); }
inline Tensor minimum(const Tensor& a, const Tensor& b) { return ops::minimum(a, b); }
inline Tensor lerp(const Tensor& self, const Tensor& end, const Scalar& weight) {
  return ops::lerp_Scalar(self, end, weight);
}
inline Tensor lerp(const Tensor& self, const Tensor& end, const Tensor& weight) {
  return ops::lerp_Tensor(self, end, weight);
}
inline Tensor addcmul(const Tensor& self, const Tensor& t1, const Tensor& t2,
                      const Scalar& value = 1) {
  return ops::addcmul(self, t1, t2, value);
}
inline Tensor addcdiv(const Tensor& self, const Tensor& t1, const Tensor& t2,
                      const Scalar& value = 1) {
  return ops::addcdiv(self, t1, t2, value);
}

// ---- bitwise and logical ----

inline Tensor bitwise_and(const Tensor& a, const Tensor& b) {
  return ops::bitwise_and_Tensor(a, b);
}
inline Tensor bitwise_and(const Tensor& a, const Scalar& b) {
  return ops::bitwise_and_Scalar(a, b);
}
inline Tensor bitwise_or(const Tensor& a, const Tensor& b) { return ops::bitwise_or_Tensor(a, b); }
inline Tensor bitwise_or(const Tensor& a, const Scalar& b) { return ops::bitwise_or_Scalar(a, b); }
inline Tensor bitwise_xor(const Tensor& a, const Tensor& b) {
  return ops::bitwise_xor_Tensor(a, b);
}
inline Tensor bitwise_xor(const Tensor& a, const Scalar& b) {
  return ops::bitwise_xor_Scalar(a, b);
}
inline Tensor logical_and(const Tensor& a, const Tensor& b) { return ops::logical_and(a, b); }
inline Tensor logical_or(const Tensor& a, const Tensor& b) { return ops::logical_or(a, b); }
inline Tensor logical_xor(const Tensor& a, const Tensor& b) { return ops::logical_xor(a, b); }

// ---- comparisons ----

#define WICK_COMPARE_API(NAME)                                                              \
  inline Tensor NAME(const Tensor& a, const Tensor& b) { return ops::NAME##_Tensor(a, b); } \
  inline Tensor NAME(const Tensor& a, const Scalar& b) { return ops::NAME##_Scalar(a, b); }
WICK_COMPARE_API(eq)
WICK_COMPARE_API(ne)
WICK_COMPARE_API(lt)
WICK_COMPARE_API(le)
WICK_COMPARE_API(gt)
WICK_COMPARE_API(ge)
#undef WICK_COMPARE_API

// ---- selection ----

inline Tensor where(const Tensor& condition, const Tensor& self, const Tensor& other) {
  return ops::where_self(condition, self, other);
}
inline Tensor where(const Tensor& condition, const Scalar& self, const Tensor& other) {
  return ops::where_ScalarSelf(condition, self, other);
}
inline Tensor where(const Tensor& condition, const Tensor& self, const Scalar& other) {
  return ops::where_ScalarOther(condition, self, other);
}
inline Tensor where(const Tensor& condition, const Scalar& self, const Scalar& other) {
  return ops::where_Scalar(condition, self, other);
}
inline Tensor clamp(const Tensor& x, const std::optional<Scalar>& min,
                    const std::optional<Scalar>& max = std::nullopt) {
  return ops::clamp(x, min, max);
}
inline Tensor clamp(const Tensor& x, const std::optional<Tensor>& min,
                    const std::optional<Tensor>& max = std::nullopt) {
  return ops::clamp_Tensor(x, min, max);
}
inline Tensor clip(const Tensor& x, const std::optional<Scalar>& min,
                   const std::optional<Scalar>& max = std::nullopt) {
  return clamp(x, min, max);
}
inline Tensor clamp_min(const Tensor& x, const Scalar& min) { return ops::clamp_min(x, min); }
inline Tensor clamp_min(const Tensor& x, const Tensor& min) {
  return ops::clamp_min_Tensor(x, min);
}
inline Tensor clamp_max(const Tensor& x, const Scalar& max) { return ops::clamp_max(x, max); }
inline Tensor clamp_max(const Tensor& x, const Tensor& max) {
  return ops::clamp_max_Tensor(x, max);
}
inline Tensor masked_fill(const Tensor& x, const Tensor& mask, const Scalar& value) {
  return ops::masked_fill_Scalar(x, mask, value);
}
inline Tensor masked_fill(const Tensor& x, const Tensor& mask, const Tensor& value) {
  return ops::masked_fill_Tensor(x, mask, value);
}

// ---- activations ----

inline Tensor relu(const Tensor& x) { return ops::relu(x); }
inline Tensor relu_(const Tensor& x) { return ops::relu_(x); }
inline Tensor relu6(const Tensor& x) { return ops::relu6(x); }
inline Tensor leaky_relu(const Tensor& x, const Scalar& negative_slope = 0.01) {
  return ops::leaky_relu(x, negative_slope);
}
inline Tensor elu(const Tensor& x, const Scalar& alpha = 1, const Scalar& scale = 1,
                  const Scalar& input_scale = 1) {
  return ops::elu(x, alpha, scale, input_scale);
}
inline Tensor celu(const Tensor& x, const Scalar& alpha = 1.0) { return ops::celu(x, alpha); }
inline Tensor selu(const Tensor& x) { return ops::selu(x); }
// approximate: "none" (exact, with erf) or "tanh".
inline Tensor gelu(const Tensor& x, std::string_view approximate = "none") {
  return ops::gelu(x, approximate);
}
inline Tensor silu(const Tensor& x) { return ops::silu(x); }
inline Tensor mish(const Tensor& x) { return ops::mish(x); }
inline Tensor hardswish(const Tensor& x) { return ops::hardswish(x); }
inline Tensor hardsigmoid(const Tensor& x) { return ops::hardsigmoid(x); }
inline Tensor hardtanh(const Tensor& x, const Scalar& min_val = -1, const Scalar& max_val = 1) {
  return ops::hardtanh(x, min_val, max_val);
}
inline Tensor softplus(const Tensor& x, const Scalar& beta = 1, const Scalar& threshold = 20) {
  return ops::softplus(x, beta, threshold);
}
inline Tensor threshold(const Tensor& x, const Scalar& threshold, const Scalar& value) {
  return ops::threshold(x, threshold, value);
}
inline Tensor log_sigmoid(const Tensor& x) { return ops::log_sigmoid(x); }
inline Tensor logsigmoid(const Tensor& x) { return ops::log_sigmoid(x); }
inline Tensor prelu(const Tensor& x, const Tensor& weight) { return ops::prelu(x, weight); }
inline Tensor glu(const Tensor& x, int64_t dim = -1) { return ops::glu(x, dim); }

// ---- copies ----

inline Tensor clone(const Tensor& x, std::optional<MemoryFormat> memory_format = std::nullopt) {
  return ops::clone(x, memory_format);
}
inline Tensor detach(const Tensor& x) { return ops::detach(x); }

// ---- operators (Note [Scalar operands]) ----

inline Tensor operator-(const Tensor& a) { return ops::neg(a); }
inline Tensor operator~(const Tensor& a) { return ops::bitwise_not(a); }

inline Tensor operator+(const Tensor& a, const Tensor& b) { return ops::add_Tensor(a, b, 1); }
inline Tensor operator+(const Tensor& a, const Scalar& b) { return add(a, b); }
inline Tensor operator+(const Scalar& a, const Tensor& b) { return add(b, a); }
inline Tensor operator-(const Tensor& a, const Tensor& b) { return ops::sub_Tensor(a, b, 1); }
inline Tensor operator-(const Tensor& a, const Scalar& b) { return sub(a, b); }
inline Tensor operator-(const Scalar& a, const Tensor& b) { return ops::rsub_Scalar(b, a, 1); }
inline Tensor operator*(const Tensor& a, const Tensor& b) { return ops::mul_Tensor(a, b); }
inline Tensor operator*(const Tensor& a, const Scalar& b) { return mul(a, b); }
inline Tensor operator*(const Scalar& a, const Tensor& b) { return mul(b, a); }
inline Tensor operator/(const Tensor& a, const Tensor& b) { return ops::div_Tensor(a, b); }
inline Tensor operator/(const Tensor& a, const Scalar& b) { return div(a, b); }
// Python computes 2 / x as x.reciprocal() * 2.
inline Tensor operator/(const Scalar& a, const Tensor& b) { return mul(ops::reciprocal(b), a); }
inline Tensor operator%(const Tensor& a, const Tensor& b) { return ops::remainder_Tensor(a, b); }
inline Tensor operator%(const Tensor& a, const Scalar& b) { return ops::remainder_Scalar(a, b); }
inline Tensor operator%(const Scalar& a, const Tensor& b) {
  return ops::remainder_Scalar_Tensor(a, b);
}

#define WICK_BITWISE_OPERATOR(OP, NAME)                                                            \
  inline Tensor operator OP(const Tensor& a, const Tensor& b) { return ops::NAME##_Tensor(a, b); } \
  inline Tensor operator OP(const Tensor& a, const Scalar& b) { return ops::NAME##_Scalar(a, b); } \
  inline Tensor operator OP(const Scalar& a, const Tensor& b) { return ops::NAME##_Scalar(b, a); }
WICK_BITWISE_OPERATOR(&, __and__)
WICK_BITWISE_OPERATOR(|, __or__)
WICK_BITWISE_OPERATOR(^, __xor__)
#undef WICK_BITWISE_OPERATOR

// `2 < x` is x > 2, as Python reflects comparisons.
#define WICK_COMPARE_OPERATOR(OP, NAME, REFLECTED)                                                 \
  inline Tensor operator OP(const Tensor& a, const Tensor& b) { return ops::NAME##_Tensor(a, b); } \
  inline Tensor operator OP(const Tensor& a, const Scalar& b) { return ops::NAME##_Scalar(a, b); } \
  inline Tensor operator OP(const Scalar& a, const Tensor& b) {                                    \
    return ops::REFLECTED##_Scalar(b, a);                                                          \
  }
WICK_COMPARE_OPERATOR(==, eq, eq)
WICK_COMPARE_OPERATOR(!=, ne, ne)
WICK_COMPARE_OPERATOR(<, lt, gt)
WICK_COMPARE_OPERATOR(<=, le, ge)
WICK_COMPARE_OPERATOR(>, gt, lt)
WICK_COMPARE_OPERATOR(>=, ge, le)
#undef WICK_COMPARE_OPERATOR

inline Tensor& operator+=(Tensor& a, const Tensor& b) { return a.add_(b); }
inline Tensor& operator+=(Tensor& a, const Scalar& b) { return a.add_(b); }
inline Tensor& operator-=(Tensor& a, const Tensor& b) { return a.sub_(b); }
inline Tensor& operator-=(Tensor& a, const Scalar& b) { return a.sub_(b); }
inline Tensor& operator*=(Tensor& a, const Tensor& b) { return a.mul_(b); }
inline Tensor& operator*=(Tensor& a, const Scalar& b) { return a.mul_(b); }
inline Tensor& operator/=(Tensor& a, const Tensor& b) { return a.div_(b); }
inline Tensor& operator/=(Tensor& a, const Scalar& b) { return a.div_(b); }

// ---- Tensor methods (declared in tensor.h) ----

#define WICK_UNARY_METHOD(NAME) \
  inline Tensor Tensor::NAME() const { return ops::NAME(*this); }
#define WICK_UNARY_METHOD_INPLACE(NAME) \
  WICK_UNARY_METHOD(NAME)               \
  inline Tensor& Tensor::NAME##_() {    \
    ops::NAME##_(*this);                \
    return *this;                       \
  }
WICK_UNARY_METHOD_INPLACE(abs)
WICK_UNARY_METHOD_INPLACE(neg)
WICK_UNARY_METHOD_INPLACE(exp)
WICK_UNARY_METHOD_INPLACE(log)
WICK_UNARY_METHOD(log2)
WICK_UNARY_METHOD(log10)
WICK_UNARY_METHOD(log1p)
WICK_UNARY_METHOD(expm1)
WICK_UNARY_METHOD_INPLACE(sqrt)
WICK_UNARY_METHOD(rsqrt)
WICK_UNARY_METHOD(sin)
WICK_UNARY_METHOD(cos)
WICK_UNARY_METHOD(tan)
WICK_UNARY_METHOD(asin)
WICK_UNARY_METHOD(acos)
WICK_UNARY_METHOD(atan)
WICK_UNARY_METHOD(sinh)
WICK_UNARY_METHOD(cosh)
WICK_UNARY_METHOD_INPLACE(tanh)
WICK_UNARY_METHOD_INPLACE(sigmoid)
WICK_UNARY_METHOD_INPLACE(relu)
WICK_UNARY_METHOD(floor)
WICK_UNARY_METHOD(ceil)
WICK_UNARY_METHOD(round)
WICK_UNARY_METHOD(trunc)
WICK_UNARY_METHOD(frac)
WICK_UNARY_METHOD(sign)
WICK_UNARY_METHOD(reciprocal)
WICK_UNARY_METHOD(erf)
WICK_UNARY_METHOD(square)
WICK_UNARY_METHOD(logical_not)
WICK_UNARY_METHOD(bitwise_not)
WICK_UNARY_METHOD(isnan)
WICK_UNARY_METHOD(isinf)
WICK_UNARY_METHOD(isfinite)
#undef WICK_UNARY_METHOD_INPLACE
#undef WICK_UNARY_METHOD

inline Tensor Tensor::add(const Tensor& other, const Scalar& alpha) const {
  return ops::add_Tensor(*this, other, alpha);
}
inline Tensor Tensor::add(const Scalar& other, const Scalar& alpha) const {
  return wick::add(*this, other, alpha);
}
inline Tensor& Tensor::add_(const Tensor& other, const Scalar& alpha) {
  ops::add__Tensor(*this, other, alpha);
  return *this;
}
inline Tensor& Tensor::add_(const Scalar& other, const Scalar& alpha) {
  ops::add__Tensor(*this, detail::scalarOperand(other), alpha);
  return *this;
}
inline Tensor Tensor::sub(const Tensor& other, const Scalar& alpha) const {
  return ops::sub_Tensor(*this, other, alpha);
}
inline Tensor Tensor::sub(const Scalar& other, const Scalar& alpha) const {
  return wick::sub(*this, other, alpha);
}
inline Tensor& Tensor::sub_(const Tensor& other, const Scalar& alpha) {
  ops::sub__Tensor(*this, other, alpha);
  return *this;
}
inline Tensor& Tensor::sub_(const Scalar& other, const Scalar& alpha) {
  ops::sub__Tensor(*this, detail::scalarOperand(other), alpha);
  return *this;
}
inline Tensor Tensor::mul(const Tensor& other) const { return ops::mul_Tensor(*this, other); }
inline Tensor Tensor::mul(const Scalar& other) const { return wick::mul(*this, other); }
inline Tensor& Tensor::mul_(const Tensor& other) {
  ops::mul__Tensor(*this, other);
  return *this;
}
inline Tensor& Tensor::mul_(const Scalar& other) {
  ops::mul__Tensor(*this, detail::scalarOperand(other));
  return *this;
}
inline Tensor Tensor::div(const Tensor& other) const { return ops::div_Tensor(*this, other); }
inline Tensor Tensor::div(const Scalar& other) const { return wick::div(*this, other); }
inline Tensor Tensor::div(const Tensor& other,
                          std::optional<std::string_view> rounding_mode) const {
  return ops::div_Tensor_mode(*this, other, rounding_mode);
}
inline Tensor& Tensor::div_(const Tensor& other) {
  ops::div__Tensor(*this, other);
  return *this;
}
inline Tensor& Tensor::div_(const Scalar& other) {
  ops::div__Tensor(*this, detail::scalarOperand(other));
  return *this;
}
inline Tensor Tensor::remainder(const Tensor& other) const {
  return ops::remainder_Tensor(*this, other);
}
inline Tensor Tensor::remainder(const Scalar& other) const {
  return ops::remainder_Scalar(*this, other);
}
inline Tensor Tensor::fmod(const Tensor& other) const { return ops::fmod_Tensor(*this, other); }
inline Tensor Tensor::fmod(const Scalar& other) const { return ops::fmod_Scalar(*this, other); }
inline Tensor Tensor::floor_divide(const Tensor& other) const {
  return ops::floor_divide(*this, other);
}
inline Tensor Tensor::floor_divide(const Scalar& other) const {
  return wick::floor_divide(*this, other);
}
inline Tensor Tensor::pow(const Tensor& exponent) const {
  return ops::pow_Tensor_Tensor(*this, exponent);
}
inline Tensor Tensor::pow(const Scalar& exponent) const {
  return ops::pow_Tensor_Scalar(*this, exponent);
}
inline Tensor& Tensor::pow_(const Scalar& exponent) {
  ops::pow__Scalar(*this, exponent);
  return *this;
}
inline Tensor Tensor::atan2(const Tensor& other) const { return ops::atan2(*this, other); }
inline Tensor Tensor::maximum(const Tensor& other) const { return ops::maximum(*this, other); }
inline Tensor Tensor::minimum(const Tensor& other) const { return ops::minimum(*this, other); }

#define WICK_COMPARE_METHOD(NAME)                         \
  inline Tensor Tensor::NAME(const Tensor& other) const { \
    return ops::NAME##_Tensor(*this, other);              \
  }                                                       \
  inline Tensor Tensor::NAME(const Scalar& other) const { return ops::NAME##_Scalar(*this, other); }
WICK_COMPARE_METHOD(eq)
WICK_COMPARE_METHOD(ne)
WICK_COMPARE_METHOD(lt)
WICK_COMPARE_METHOD(le)
WICK_COMPARE_METHOD(gt)
WICK_COMPARE_METHOD(ge)
#undef WICK_COMPARE_METHOD

inline Tensor Tensor::logical_and(const Tensor& other) const {
  return ops::logical_and(*this, other);
}
inline Tensor Tensor::logical_or(const Tensor& other) const {
  return ops::logical_or(*this, other);
}
inline Tensor Tensor::logical_xor(const Tensor& other) const {
  return ops::logical_xor(*this, other);
}
inline Tensor Tensor::bitwise_and(const Tensor& other) const {
  return ops::bitwise_and_Tensor(*this, other);
}
inline Tensor Tensor::bitwise_or(const Tensor& other) const {
  return ops::bitwise_or_Tensor(*this, other);
}
inline Tensor Tensor::bitwise_xor(const Tensor& other) const {
  return ops::bitwise_xor_Tensor(*this, other);
}

inline Tensor Tensor::clamp(const std::optional<Scalar>& min,
                            const std::optional<Scalar>& max) const {
  return ops::clamp(*this, min, max);
}
inline Tensor& Tensor::clamp_(const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  ops::clamp_(*this, min, max);
  return *this;
}
inline Tensor Tensor::clamp_min(const Scalar& min) const { return ops::clamp_min(*this, min); }
inline Tensor Tensor::clamp_max(const Scalar& max) const { return ops::clamp_max(*this, max); }
inline Tensor Tensor::masked_fill(const Tensor& mask, const Scalar& value) const {
  return ops::masked_fill_Scalar(*this, mask, value);
}
inline Tensor Tensor::masked_fill(const Tensor& mask, const Tensor& value) const {
  return ops::masked_fill_Tensor(*this, mask, value);
}
inline Tensor& Tensor::masked_fill_(const Tensor& mask, const Scalar& value) {
  ops::masked_fill__Scalar(*this, mask, value);
  return *this;
}
inline Tensor Tensor::where(const Tensor& condition, const Tensor& other) const {
  return ops::where_self(condition, *this, other);
}

inline Tensor Tensor::contiguous() const {
  return ops::contiguous(*this, MemoryFormat::Contiguous);
}
inline Tensor Tensor::clone() const { return ops::clone(*this, std::nullopt); }
inline Tensor Tensor::detach() const { return ops::detach(*this); }
inline Tensor& Tensor::detach_() {
  ops::detach_(*this);
  return *this;
}
inline Tensor Tensor::to(DType dtype, bool non_blocking, bool copy) const {
  return ops::to_dtype(*this, dtype, non_blocking, copy, std::nullopt);
}
inline Tensor Tensor::to(const Tensor& other, bool non_blocking, bool copy) const {
  return ops::to_other(*this, other, non_blocking, copy, std::nullopt);
}
// PyTorch records x.to(device) with the tensor's own dtype filled in.
inline Tensor Tensor::to(Device device, std::optional<DType> dtype, bool non_blocking,
                         bool copy) const {
  return ops::to_device(*this, device, dtype.value_or(this->dtype()), non_blocking, copy,
                        std::nullopt);
}
inline Tensor Tensor::type_as(const Tensor& other) const { return ops::type_as(*this, other); }
inline Tensor& Tensor::copy_(const Tensor& src, bool non_blocking) {
  ops::copy_(*this, src, non_blocking);
  return *this;
}
inline Tensor& Tensor::fill_(const Scalar& value) {
  ops::fill__Scalar(*this, value);
  return *this;
}
inline Tensor& Tensor::fill_(const Tensor& value) {
  ops::fill__Tensor(*this, value);
  return *this;
}
inline Tensor& Tensor::zero_() {
  ops::zero_(*this);
  return *this;
}

}  // namespace wick
