// Building blocks of the layers' option structs (LibTorch style):
//
//   nn::Conv2d(nn::Conv2dOptions(3, 16, 3).stride(2).padding(1))
//
// WICK_ARG declares one option with a chaining setter and a getter. ExpandingArray<D> is a
// size option given either as one number (expanded to D copies, as PyTorch's _pair) or as D
// numbers; it remembers which form it was given in, because PyTorch prints pooling options
// the way the user wrote them ("kernel_size=2" but "kernel_size=(2, 2)").
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "wick/core/array_ref.h"
#include "wick/core/error.h"

// Declares option `name` of type T: `opts.name(v)` sets it and returns the options (for
// chaining), `opts.name()` reads it. A default follows the macro: WICK_ARG(bool, bias) = true;
#define WICK_ARG(T, name)                                  \
 public:                                                   \
  auto& name(const T& new_value) {                         \
    this->name##_ = new_value;                             \
    return *this;                                          \
  }                                                        \
  const T& name() const noexcept { return this->name##_; } \
  T& name() noexcept { return this->name##_; }             \
                                                           \
 private:                                                  \
  T name##_

namespace wick::nn {

template <size_t D, class T = int64_t>
class ExpandingArray {
 public:
  ExpandingArray(T single) : scalar_(true) { values_.fill(single); }
  ExpandingArray(std::initializer_list<T> list) { assign(list.begin(), list.size()); }
  ExpandingArray(const std::vector<T>& list) { assign(list.data(), list.size()); }
  ExpandingArray(const std::array<T, D>& list) : values_(list) {}

  static constexpr size_t size() { return D; }
  const T& operator[](size_t i) const { return values_[i]; }
  T& operator[](size_t i) { return values_[i]; }
  const T* begin() const { return values_.data(); }
  const T* end() const { return values_.data() + D; }
  ArrayRef<T> ref() const { return ArrayRef<T>(values_.data(), D); }
  std::vector<T> vec() const { return std::vector<T>(values_.begin(), values_.end()); }
  // True when the option was given as a single number (printed as one number).
  bool is_scalar() const { return scalar_; }
  bool all_equal(const T& v) const {
    for (const T& e : values_)
      if (!(e == v)) return false;
    return true;
  }
  friend bool operator==(const ExpandingArray& a, const ExpandingArray& b) {
    return a.values_ == b.values_;
  }

 private:
  void assign(const T* data, size_t n) {
    WICK_CHECK(n == D, "expected ", D, " values for this size option, got ", n);
    for (size_t i = 0; i < D; ++i) values_[i] = data[i];
  }
  std::array<T, D> values_{};
  bool scalar_ = false;
};

// Output sizes where None keeps the input's size (AdaptiveAvgPool2d((None, 7))).
template <size_t D>
using ExpandingArrayWithOptional = ExpandingArray<D, std::optional<int64_t>>;

// A convolution's padding: sizes, or the strings "same" / "valid".
template <size_t D>
class ConvPadding {
 public:
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  ConvPadding(I single) : sizes_(static_cast<int64_t>(single)) {}
  ConvPadding(std::initializer_list<int64_t> list) : sizes_(list) {}
  ConvPadding(const ExpandingArray<D>& sizes) : sizes_(sizes) {}
  ConvPadding(const char* mode) : ConvPadding(std::string(mode)) {}
  ConvPadding(std::string mode) : sizes_(0), mode_(std::move(mode)) {
    WICK_CHECK(mode_ == "same" || mode_ == "valid", "Invalid padding string '", mode_,
               "', should be one of {'valid', 'same'}");
  }

  bool is_string() const { return !mode_.empty(); }
  // "same" or "valid"; empty when the padding is given as sizes.
  const std::string& mode() const { return mode_; }
  const ExpandingArray<D>& sizes() const { return sizes_; }

 private:
  ExpandingArray<D> sizes_;
  std::string mode_;
};

}  // namespace wick::nn
