// Python-style indexing for C++: x.index({Slice(1, None), 0, None, Ellipsis, mask}) is x[1:, 0,
// None, ..., mask], and x.index_put_({...}, v) is x[...] = v. Each element of the brace list is a
// TensorIndex: an integer (select), a Slice, None (a new dimension), Ellipsis (the dimensions
// not otherwise indexed), a bool, or a Tensor (advanced indexing). The lowering to ops follows
// PyTorch's, so traces record the same aten::slice / select / unsqueeze / index / index_put_
// nodes (see src/ops/kernels/index_python.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>
#include <type_traits>

#include "wick/core/sym_int.h"
#include "wick/core/tensor.h"

namespace wick {

namespace indexing {

// `None` in Python: a new dimension of size 1 (as an index), or an open slice bound.
inline constexpr std::nullopt_t None = std::nullopt;

struct EllipsisIndexType {
  EllipsisIndexType() = default;
};
// `...` in Python: all the dimensions the other indices leave out.
inline constexpr EllipsisIndexType Ellipsis;

// start:stop:step. Open bounds are None; the step must be positive.
class Slice {
 public:
  Slice(std::optional<SymInt> start = std::nullopt, std::optional<SymInt> stop = std::nullopt,
        std::optional<SymInt> step = std::nullopt);
  const SymInt& start() const { return start_; }
  const SymInt& stop() const { return stop_; }
  const SymInt& step() const { return step_; }

 private:
  SymInt start_, stop_, step_;
};

std::ostream& operator<<(std::ostream& os, const Slice& s);

}  // namespace indexing

class TensorIndex {
 public:
  enum class Kind : uint8_t { None, Ellipsis, Integer, Boolean, Slice, Tensor };

  TensorIndex(std::nullopt_t) : kind_(Kind::None) {}
  TensorIndex(indexing::EllipsisIndexType) : kind_(Kind::Ellipsis) {}
  // "..." is accepted for Ellipsis, as in LibTorch; any other string is an error.
  TensorIndex(const char* s);
  TensorIndex(const SymInt& i) : kind_(Kind::Integer), integer_(i) {}
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  TensorIndex(I i) : TensorIndex(SymInt(i)) {}
  TensorIndex(bool b) : kind_(Kind::Boolean), boolean_(b) {}
  TensorIndex(indexing::Slice s) : kind_(Kind::Slice), slice_(std::move(s)) {}
  TensorIndex(Tensor t) : kind_(Kind::Tensor), tensor_(std::move(t)) {}

  Kind kind() const { return kind_; }
  bool is_none() const { return kind_ == Kind::None; }
  bool is_ellipsis() const { return kind_ == Kind::Ellipsis; }
  bool is_integer() const { return kind_ == Kind::Integer; }
  bool is_boolean() const { return kind_ == Kind::Boolean; }
  bool is_slice() const { return kind_ == Kind::Slice; }
  bool is_tensor() const { return kind_ == Kind::Tensor; }
  const SymInt& integer() const { return integer_; }
  bool boolean() const { return boolean_; }
  const indexing::Slice& slice() const { return slice_; }
  const Tensor& tensor() const { return tensor_; }

 private:
  Kind kind_;
  SymInt integer_;
  bool boolean_ = false;
  indexing::Slice slice_;
  Tensor tensor_;
};

std::ostream& operator<<(std::ostream& os, const TensorIndex& index);

namespace indexing {
using ::wick::TensorIndex;
}  // namespace indexing

}  // namespace wick
