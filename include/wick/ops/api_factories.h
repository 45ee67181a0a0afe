// Tensor factories and random sampling: wick::zeros, ones, full, empty, arange, linspace,
// tensor({...}), *_like, rand, randn, randint, normal, bernoulli, and the Tensor methods new_*,
// uniform_, normal_, bernoulli_. Every function here is a thin wrapper over wick::ops::<row>
// (ops.def) adding PyTorch's defaults and overloads.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <type_traits>
#include <vector>

#include "wick/ops/ops.h"

namespace wick {

// Options of a new tensor, as LibTorch's TensorOptions: wick::zeros({2, 3}, kLong),
// wick::ones({2}, TensorOptions().dtype(kDouble).requires_grad(true)). Unset fields take the
// op's default: float32 for most factories, the input's dtype for *_like and new_*.
class TensorOptions {
 public:
  TensorOptions() = default;
  TensorOptions(DType d) : dtype_(d) {}
  TensorOptions(Device d) : device_(d) {}
  TensorOptions(Layout l) : layout_(l) {}
  TensorOptions(MemoryFormat m) : memory_format_(m) {}

  TensorOptions dtype(DType d) const {
    return with([&](TensorOptions& o) { o.dtype_ = d; });
  }
  TensorOptions device(Device d) const {
    return with([&](TensorOptions& o) { o.device_ = d; });
  }
  TensorOptions layout(Layout l) const {
    return with([&](TensorOptions& o) { o.layout_ = l; });
  }
  TensorOptions requires_grad(bool r) const {
    return with([&](TensorOptions& o) { o.requires_grad_ = r; });
  }
  TensorOptions pinned_memory(bool p) const {
    return with([&](TensorOptions& o) { o.pinned_memory_ = p; });
  }
  TensorOptions memory_format(MemoryFormat m) const {
    return with([&](TensorOptions& o) { o.memory_format_ = m; });
  }

  std::optional<DType> dtype_opt() const { return dtype_; }
  std::optional<Device> device_opt() const { return device_; }
  std::optional<Layout> layout_opt() const { return layout_; }
  std::optional<bool> pinned_memory_opt() const { return pinned_memory_; }
  std::optional<MemoryFormat> memory_format_opt() const { return memory_format_; }
  bool requires_grad() const { return requires_grad_; }

 private:
  template <class F>
  TensorOptions with(F&& f) const {
    TensorOptions o = *this;
    f(o);
    return o;
  }
  std::optional<DType> dtype_;
  std::optional<Device> device_;
  std::optional<Layout> layout_;
  std::optional<bool> pinned_memory_;
  std::optional<MemoryFormat> memory_format_;
  bool requires_grad_ = false;
};

namespace detail {
// Marks t as requiring grad when the options ask for it (floating dtypes only).
Tensor applyRequiresGrad(Tensor t, const TensorOptions& options);
// The dtype a C++ number of dtype t gets in a tensor literal: integers become int64 and
// floating numbers float32, as in Python (and LibTorch).
DType naturalDType(DType t);
// A new tensor holding `count` elements of dtype `src` read from `data`, shaped as `sizes`.
Tensor tensorFromBuffer(const void* data, DType src, size_t count, SymIntList sizes,
                        const TensorOptions& options);
}  // namespace detail

// ---- empty, zeros, ones, full ----

inline Tensor empty(SymIntList size, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(
      ops::empty_memory_format(size, o.dtype_opt(), o.layout_opt(), o.device_opt(),
                               o.pinned_memory_opt(), o.memory_format_opt()),
      o);
}
inline Tensor empty_strided(SymIntList size, SymIntList stride, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::empty_strided(size, stride, o.dtype_opt(), o.layout_opt(),
                                                      o.device_opt(), o.pinned_memory_opt()),
                                   o);
}
inline Tensor zeros(SymIntList size, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(
      ops::zeros(size, o.dtype_opt(), o.layout_opt(), o.device_opt(), o.pinned_memory_opt()), o);
}
inline Tensor ones(SymIntList size, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(
      ops::ones(size, o.dtype_opt(), o.layout_opt(), o.device_opt(), o.pinned_memory_opt()), o);
}
// The dtype follows the fill value when not given: bool, int64 or float32.
inline Tensor full(SymIntList size, const Scalar& fill_value, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::full(size, fill_value, o.dtype_opt(), o.layout_opt(),
                                             o.device_opt(), o.pinned_memory_opt()),
                                   o);
}

#define WICK_LIKE_ARGS(o) \
  o.dtype_opt(), o.layout_opt(), o.device_opt(), o.pinned_memory_opt(), o.memory_format_opt()
inline Tensor empty_like(const Tensor& self, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::empty_like(self, WICK_LIKE_ARGS(o)), o);
}
inline Tensor zeros_like(const Tensor& self, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::zeros_like(self, WICK_LIKE_ARGS(o)), o);
}
inline Tensor ones_like(const Tensor& self, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::ones_like(self, WICK_LIKE_ARGS(o)), o);
}
inline Tensor full_like(const Tensor& self, const Scalar& fill_value, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::full_like(self, fill_value, WICK_LIKE_ARGS(o)), o);
}

// ---- ranges and special matrices ----

#define WICK_FACTORY_ARGS(o) o.dtype_opt(), o.layout_opt(), o.device_opt(), o.pinned_memory_opt()
// int64 when every bound is an integer, float32 otherwise (unless a dtype is given).
inline Tensor arange(const Scalar& end, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::arange(end, WICK_FACTORY_ARGS(o)), o);
}
inline Tensor arange(const Scalar& start, const Scalar& end, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::arange_start(start, end, WICK_FACTORY_ARGS(o)), o);
}
inline Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
                     const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::arange_start_step(start, end, step, WICK_FACTORY_ARGS(o)),
                                   o);
}
inline Tensor linspace(const Scalar& start, const Scalar& end, const SymInt& steps,
                       const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::linspace(start, end, steps, WICK_FACTORY_ARGS(o)), o);
}
inline Tensor logspace(const Scalar& start, const Scalar& end, const SymInt& steps,
                       double base = 10.0, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::logspace(start, end, steps, base, WICK_FACTORY_ARGS(o)), o);
}
inline Tensor eye(const SymInt& n, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::eye(n, WICK_FACTORY_ARGS(o)), o);
}
inline Tensor eye(const SymInt& n, const SymInt& m, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::eye_m(n, m, WICK_FACTORY_ARGS(o)), o);
}
inline Tensor scalar_tensor(const Scalar& s, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::scalar_tensor(s, WICK_FACTORY_ARGS(o)), o);
}

// ---- tensors from C++ data ----

// A number or a nested braced list of numbers: the argument of wick::tensor.
// tensor(2.5) is 0-dim; tensor({1, 2, 3}) is [3] int64; tensor({{1.f, 2.f}, {3.f, 4.f}}) is
// [2, 2] float32. Mixed element types promote as in torch.tensor([...]).
class TensorData {
 public:
  TensorData(bool v) : scalar_(v), dtype_(kBool) {}
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  TensorData(T v) : scalar_(v), dtype_(integerDType<T>()) {}
  TensorData(float v) : scalar_(v), dtype_(kFloat) {}
  TensorData(double v) : scalar_(v), dtype_(kFloat) {}
  TensorData(Half v) : scalar_(v), dtype_(kHalf) {}
  TensorData(BFloat16 v) : scalar_(v), dtype_(kBFloat16) {}
  TensorData(std::initializer_list<TensorData> elems) : elems_(elems), is_list_(true) {}
  template <class T>
  TensorData(const std::vector<T>& elems) : is_list_(true) {
    for (const T& e : elems) elems_.emplace_back(static_cast<T>(e));
  }

 private:
  friend Tensor tensor(const TensorData& data, const TensorOptions& options);
  // The shape, read along the first elements.
  DimVector sizes() const;
  // Checks the list is rectangular (raising PyTorch's message) and promotes `dtype` over the
  // element types.
  void check(const DimVector& sizes, size_t depth, std::optional<DType>& dtype) const;
  // Writes the elements in row-major order, advancing `out`.
  template <class T>
  void write(T*& out) const;

  template <class T>
  static constexpr DType integerDType() {
    if constexpr (sizeof(T) == 1) return std::is_signed_v<T> ? kChar : kByte;
    if constexpr (sizeof(T) == 2 && std::is_signed_v<T>) return kShort;
    return kLong;
  }
  Scalar scalar_;
  DType dtype_ = kFloat;
  std::vector<TensorData> elems_;
  bool is_list_ = false;
};

Tensor tensor(const TensorData& data, const TensorOptions& options);
inline Tensor tensor(const TensorData& data) { return tensor(data, TensorOptions()); }

// A tensor of `sizes` copied from a vector (element count must match):
// tensor(std::vector<float>(6, 1.f), {2, 3}). Integer data becomes int64 and floating data
// float32 unless options give a dtype.
template <class T>
Tensor tensor(const std::vector<T>& data, SymIntList sizes, const TensorOptions& options = {}) {
  static_assert(!std::is_same_v<T, bool>, "use std::vector<uint8_t> with kBool for boolean data");
  return detail::tensorFromBuffer(data.data(), dtypeOf<T>, data.size(), sizes, options);
}

// Wraps memory owned elsewhere without copying (LibTorch's from_blob). The memory must stay
// valid while the tensor (or a view of it) lives; `deleter`, if given, runs when the last user
// is gone. The dtype comes from options (float32 by default).
Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, std::function<void(void*)> deleter,
                 const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides,
                 std::function<void(void*)> deleter, const TensorOptions& options = {});

// ---- random sampling (same seed, same values; see wick::manual_seed) ----

inline Tensor rand(SymIntList size, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::rand(size, WICK_FACTORY_ARGS(o)), o);
}
inline Tensor rand(SymIntList size, Generator generator, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::rand_generator(size, generator, WICK_FACTORY_ARGS(o)), o);
}
inline Tensor randn(SymIntList size, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::randn(size, WICK_FACTORY_ARGS(o)), o);
}
inline Tensor randn(SymIntList size, Generator generator, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::randn_generator(size, generator, WICK_FACTORY_ARGS(o)), o);
}
// Integers in [0, high) or [low, high); int64 unless a dtype is given.
inline Tensor randint(const SymInt& high, SymIntList size, const TensorOptions& o = {}) {
  return ops::randint(high, size, WICK_FACTORY_ARGS(o));
}
inline Tensor randint(const SymInt& high, SymIntList size, Generator generator,
                      const TensorOptions& o = {}) {
  return ops::randint_generator(high, size, generator, WICK_FACTORY_ARGS(o));
}
inline Tensor randint(const SymInt& low, const SymInt& high, SymIntList size,
                      const TensorOptions& o = {}) {
  return ops::randint_low(low, high, size, WICK_FACTORY_ARGS(o));
}
inline Tensor randint(const SymInt& low, const SymInt& high, SymIntList size, Generator generator,
                      const TensorOptions& o = {}) {
  return ops::randint_low_generator(low, high, size, generator, WICK_FACTORY_ARGS(o));
}
inline Tensor rand_like(const Tensor& self, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::rand_like(self, WICK_LIKE_ARGS(o)), o);
}
inline Tensor randn_like(const Tensor& self, const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(ops::randn_like(self, WICK_LIKE_ARGS(o)), o);
}
inline Tensor randint_like(const Tensor& self, const SymInt& high, const TensorOptions& o = {}) {
  return ops::randint_like(self, high, WICK_LIKE_ARGS(o));
}
inline Tensor randint_like(const Tensor& self, const SymInt& low, const SymInt& high,
                           const TensorOptions& o = {}) {
  return ops::randint_like_low_dtype(self, low, high, WICK_LIKE_ARGS(o));
}
inline Tensor randperm(const SymInt& n, const TensorOptions& o = {}) {
  return ops::randperm(n, WICK_FACTORY_ARGS(o));
}
inline Tensor randperm(const SymInt& n, Generator generator, const TensorOptions& o = {}) {
  return ops::randperm_generator(n, generator, WICK_FACTORY_ARGS(o));
}
#undef WICK_LIKE_ARGS

inline Tensor normal(const Tensor& mean, const Tensor& std,
                     std::optional<Generator> generator = std::nullopt) {
  return ops::normal_Tensor_Tensor(mean, std, generator);
}
inline Tensor normal(const Tensor& mean, double std = 1,
                     std::optional<Generator> generator = std::nullopt) {
  return ops::normal_Tensor_float(mean, std, generator);
}
inline Tensor normal(double mean, const Tensor& std,
                     std::optional<Generator> generator = std::nullopt) {
  return ops::normal_float_Tensor(mean, std, generator);
}
inline Tensor normal(double mean, double std, SymIntList size,
                     std::optional<Generator> generator = std::nullopt,
                     const TensorOptions& o = {}) {
  return detail::applyRequiresGrad(
      ops::normal_float_float(mean, std, size, generator, WICK_FACTORY_ARGS(o)), o);
}
#undef WICK_FACTORY_ARGS

// Samples 0/1 with the probabilities in self (or p), in self's dtype and shape.
inline Tensor bernoulli(const Tensor& self, std::optional<Generator> generator = std::nullopt) {
  return ops::bernoulli(self, generator);
}
inline Tensor bernoulli(const Tensor& self, double p,
                        std::optional<Generator> generator = std::nullopt) {
  return ops::bernoulli_p(self, p, generator);
}
inline Tensor bernoulli(const Tensor& self, const Tensor& p,
                        std::optional<Generator> generator = std::nullopt) {
  return ops::bernoulli_Tensor(self, p, generator);
}
inline Tensor multinomial(const Tensor& self, const SymInt& num_samples, bool replacement = false,
                          std::optional<Generator> generator = std::nullopt) {
  return ops::multinomial(self, num_samples, replacement, generator);
}

// Dropout: in training, zero each element (each channel, for feature_*) with probability p and
// scale the rest by 1 / (1 - p); outside training, the input itself.
inline Tensor dropout(const Tensor& input, double p, bool train) {
  return ops::dropout(input, p, train);
}
inline Tensor& dropout_(Tensor& self, double p, bool train) {
  ops::dropout_(self, p, train);
  return self;
}
inline Tensor feature_dropout(const Tensor& input, double p, bool train) {
  return ops::feature_dropout(input, p, train);
}
inline Tensor& feature_dropout_(Tensor& self, double p, bool train) {
  ops::feature_dropout_(self, p, train);
  return self;
}
inline Tensor alpha_dropout(const Tensor& input, double p, bool train) {
  return ops::alpha_dropout(input, p, train);
}
inline Tensor& alpha_dropout_(Tensor& self, double p, bool train) {
  ops::alpha_dropout_(self, p, train);
  return self;
}
inline Tensor feature_alpha_dropout(const Tensor& input, double p, bool train) {
  return ops::feature_alpha_dropout(input, p, train);
}
inline Tensor& feature_alpha_dropout_(Tensor& self, double p, bool train) {
  ops::feature_alpha_dropout_(self, p, train);
  return self;
}
// (output, keep mask): the mask is bool; train defaults to true.
inline std::tuple<Tensor, Tensor> native_dropout(const Tensor& input, double p,
                                                 std::optional<bool> train = std::nullopt) {
  return ops::native_dropout(input, p, train);
}

// ---- Tensor methods ----

inline Tensor& Tensor::uniform_(double from, double to, std::optional<Generator> generator) {
  ops::uniform_(*this, from, to, generator);
  return *this;
}
inline Tensor& Tensor::normal_(double mean, double std, std::optional<Generator> generator) {
  ops::normal_(*this, mean, std, generator);
  return *this;
}
inline Tensor& Tensor::bernoulli_(double p, std::optional<Generator> generator) {
  ops::bernoulli__float(*this, p, generator);
  return *this;
}
inline Tensor Tensor::new_zeros(SymIntList size) const {
  return ops::new_zeros(*this, size, std::nullopt, std::nullopt, std::nullopt, std::nullopt);
}
inline Tensor Tensor::new_ones(SymIntList size) const {
  return ops::new_ones(*this, size, std::nullopt, std::nullopt, std::nullopt, std::nullopt);
}
inline Tensor Tensor::new_empty(SymIntList size) const {
  return ops::new_empty(*this, size, std::nullopt, std::nullopt, std::nullopt, std::nullopt);
}
inline Tensor Tensor::new_full(SymIntList size, const Scalar& fill_value) const {
  return ops::new_full(*this, size, fill_value, std::nullopt, std::nullopt, std::nullopt,
                       std::nullopt);
}

}  // namespace wick
