// SymInt: an integer that may be connected to a trace (DESIGN decision 4). x.size(0) and
// x.numel() return one; while tracing it also holds the 0-dim Long tensor the tracer
// recorded for it (aten::size -> prim::NumToTensor), so that passing it back to an op
// (view, reshape, expand, arange, full, zeros, slice...) keeps the graph symbolic.
// Arithmetic on traced SymInts is recorded too. Converting one to a plain int64_t while
// tracing is allowed but emits a tracer warning, because the trace then bakes in the value.
#pragma once

#include <cstdint>
#include <ostream>
#include <type_traits>
#include "wick/core/source_location.h"

#include "wick/core/intrusive_ptr.h"
#include "wick/core/tensor_impl.h"

namespace wick {

class SymInt {
 public:
  SymInt() = default;
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  SymInt(I v) : v_(static_cast<int64_t>(v)) {}
  SymInt(int64_t v, IntrusivePtr<TensorImpl> traced, SourceLocation where)
      : v_(v), traced_(std::move(traced)), where_(where) {}

  // The value, without a tracer warning: for library code that knows what it is doing.
  int64_t value() const { return v_; }
  bool isTraced() const { return static_cast<bool>(traced_); }
  const IntrusivePtr<TensorImpl>& traced() const { return traced_; }
  SourceLocation where() const { return where_; }

  // Converting to a plain integer bakes the value into a trace: warns when traced.
  operator int64_t() const {
    if (traced_) warnConversion(where_);
    return v_;
  }
  int64_t guard_int(SourceLocation loc = SourceLocation::current()) const {
    if (traced_) warnConversion(loc);
    return v_;
  }

  SymInt operator-() const;

 private:
  static void warnConversion(SourceLocation loc);
  int64_t v_ = 0;
  IntrusivePtr<TensorImpl> traced_;
  SourceLocation where_;
};

SymInt operator+(const SymInt& a, const SymInt& b);
SymInt operator-(const SymInt& a, const SymInt& b);
SymInt operator*(const SymInt& a, const SymInt& b);
// Floor division, as Python's // on sizes.
SymInt operator/(const SymInt& a, const SymInt& b);
SymInt operator%(const SymInt& a, const SymInt& b);

// Mixed forms are templates so that they beat the built-in int operators in overload
// resolution (SymInt converts both ways).
#define WICK_SYMINT_MIXED_OP(OP)                                                                   \
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0> \
  SymInt operator OP(const SymInt& a, I b) {                                                       \
    return a OP SymInt(b);                                                                         \
  }                                                                                                \
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0> \
  SymInt operator OP(I a, const SymInt& b) {                                                       \
    return SymInt(a) OP b;                                                                         \
  }
WICK_SYMINT_MIXED_OP(+)
WICK_SYMINT_MIXED_OP(-)
WICK_SYMINT_MIXED_OP(*)
WICK_SYMINT_MIXED_OP(/)
WICK_SYMINT_MIXED_OP(%)
#undef WICK_SYMINT_MIXED_OP

// Comparisons read the value; on a traced value they warn like a conversion would.
bool symIntCompare(const SymInt& a, const SymInt& b, int op);
#define WICK_SYMINT_CMP(OP, CODE)                                                                  \
  inline bool operator OP(const SymInt& a, const SymInt& b) { return symIntCompare(a, b, CODE); }  \
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0> \
  bool operator OP(const SymInt& a, I b) {                                                         \
    return symIntCompare(a, SymInt(b), CODE);                                                      \
  }                                                                                                \
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0> \
  bool operator OP(I a, const SymInt& b) {                                                         \
    return symIntCompare(SymInt(a), b, CODE);                                                      \
  }
WICK_SYMINT_CMP(==, 0)
WICK_SYMINT_CMP(!=, 1)
WICK_SYMINT_CMP(<, 2)
WICK_SYMINT_CMP(<=, 3)
WICK_SYMINT_CMP(>, 4)
WICK_SYMINT_CMP(>=, 5)
#undef WICK_SYMINT_CMP

inline std::ostream& operator<<(std::ostream& os, const SymInt& s) { return os << s.value(); }

// The sizes of a tensor as Tensor::sizes() returns them. Indexing gives a SymInt (recorded
// while tracing); converting to IntArrayRef gives the plain values and is never recorded.
class SizesRef {
 public:
  explicit SizesRef(const TensorImpl* impl) : impl_(impl) {}
  size_t size() const { return impl_->sizes().size(); }
  bool empty() const { return size() == 0; }
  SymInt operator[](size_t i) const;
  SymInt at(int64_t i, SourceLocation loc = SourceLocation::current()) const;
  operator IntArrayRef() const { return impl_->sizes(); }
  IntArrayRef raw() const { return impl_->sizes(); }
  const int64_t* begin() const { return impl_->sizes().begin(); }
  const int64_t* end() const { return impl_->sizes().end(); }
  const int64_t* data() const { return impl_->sizes().data(); }
  std::vector<int64_t> vec() const { return impl_->sizes().vec(); }
  const TensorImpl* tensor() const { return impl_; }
  friend bool operator==(const SizesRef& a, IntArrayRef b) { return a.raw() == b; }
  friend bool operator==(const SizesRef& a, const SizesRef& b) { return a.raw() == b.raw(); }
  friend std::ostream& operator<<(std::ostream& os, const SizesRef& s) { return os << s.raw(); }

 private:
  const TensorImpl* impl_;
};

// A list of sizes passed to an op: plain ints, SymInts, or a tensor's whole sizes(). It is a
// view; the list it was made from must outlive it (true for call arguments).
class SymIntList {
 public:
  SymIntList() = default;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
// The list is a view of the braced call argument, which outlives the call.
#pragma GCC diagnostic ignored "-Winit-list-lifetime"
#endif
  SymIntList(std::initializer_list<SymInt> l) : kind_(Kind::Syms), syms_(l.begin()), n_(l.size()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  SymIntList(IntArrayRef a) : kind_(Kind::Ints), ints_(a.data()), n_(a.size()) {}
  SymIntList(const std::vector<int64_t>& v) : SymIntList(IntArrayRef(v)) {}
  SymIntList(const DimVector& v) : SymIntList(IntArrayRef(v)) {}
  SymIntList(const std::vector<SymInt>& v) : kind_(Kind::Syms), syms_(v.data()), n_(v.size()) {}
  SymIntList(ArrayRef<SymInt> v) : kind_(Kind::Syms), syms_(v.data()), n_(v.size()) {}
  SymIntList(const SizesRef& s) : kind_(Kind::Sizes), sizes_(s.tensor()), n_(s.size()) {}

  size_t size() const { return n_; }
  // Plain value of element i (no trace).
  int64_t value(size_t i) const {
    switch (kind_) {
      case Kind::Ints: return ints_[i];
      case Kind::Syms: return syms_[i].value();
      case Kind::Sizes: return sizes_->sizes()[i];
    }
    return 0;
  }
  // Element i as a SymInt; for a tensor's sizes this records the size read while tracing.
  SymInt at(size_t i) const;
  // True when no element can carry a trace (plain ints).
  bool isPlain() const { return kind_ == Kind::Ints; }
  // The plain values; `scratch` holds them when they are not already contiguous ints.
  IntArrayRef values(DimVector& scratch) const;

 private:
  enum class Kind : uint8_t { Ints, Syms, Sizes };
  Kind kind_ = Kind::Ints;
  union {
    const int64_t* ints_ = nullptr;
    const SymInt* syms_;
    const TensorImpl* sizes_;
  };
  size_t n_ = 0;
};

}  // namespace wick
