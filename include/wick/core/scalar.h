// Scalar: a number passed to an op (PyTorch's Scalar): an int64, a double or a bool. A Scalar
// made from a traced size (SymInt) remembers it, so the tracer can keep the value symbolic.
#pragma once

#include <cstdint>
#include <ostream>
#include <type_traits>

#include "wick/core/dtype.h"
#include "wick/core/intrusive_ptr.h"

namespace wick {

class TensorImpl;
class SymInt;

class Scalar {
 public:
  enum class Kind : uint8_t { Int, Double, Bool };

  Scalar() : Scalar(int64_t(0)) {}
  Scalar(bool v) : kind_(Kind::Bool) { v_.i = v; }
  Scalar(double v) : kind_(Kind::Double) { v_.d = v; }
  Scalar(float v) : Scalar(double(v)) {}
  Scalar(Half v) : Scalar(double(float(v))) {}
  Scalar(BFloat16 v) : Scalar(double(float(v))) {}
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Scalar(T v) : kind_(Kind::Int) {
    v_.i = static_cast<int64_t>(v);
  }
  Scalar(const SymInt& s);

  Kind kind() const { return kind_; }
  bool isIntegral(bool include_bool) const {
    return kind_ == Kind::Int || (include_bool && kind_ == Kind::Bool);
  }
  bool isFloatingPoint() const { return kind_ == Kind::Double; }
  bool isBoolean() const { return kind_ == Kind::Bool; }

  int64_t toLong() const { return kind_ == Kind::Double ? static_cast<int64_t>(v_.d) : v_.i; }
  double toDouble() const { return kind_ == Kind::Double ? v_.d : static_cast<double>(v_.i); }
  bool toBool() const { return kind_ == Kind::Double ? v_.d != 0 : v_.i != 0; }
  template <class T>
  T to() const {
    if constexpr (std::is_same_v<T, bool>) {
      return toBool();
    } else if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(toLong());
    } else if constexpr (std::is_floating_point_v<T>) {
      return static_cast<T>(toDouble());
    } else {
      // Half and BFloat16 convert from float.
      return static_cast<T>(static_cast<float>(toDouble()));
    }
  }
  // Long, Double or Bool: the dtype of a wrapped number made from this Scalar.
  DType dtype() const {
    return kind_ == Kind::Int ? kLong : kind_ == Kind::Double ? kDouble : kBool;
  }
  Scalar operator-() const;
  bool equal(const Scalar& o) const;

  // The traced 0-dim tensor this value came from (a size read while tracing), or null.
  const IntrusivePtr<TensorImpl>& traced() const { return traced_; }

 private:
  union {
    int64_t i;
    double d;
  } v_;
  Kind kind_;
  IntrusivePtr<TensorImpl> traced_;
};

std::ostream& operator<<(std::ostream& os, const Scalar& s);

}  // namespace wick
