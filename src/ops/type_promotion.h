// Type promotion: which dtype an op computes in, given its tensor and number operands
// (PyTorch's result_type), and which results may be written into which outputs (can_cast).
// Every elementwise kernel goes through here, so `int_tensor * 2.5` is float32,
// `float16_tensor + 1.0` stays float16 and `int8_tensor + int64_0dim_tensor` stays int8, as
// in PyTorch 1.13.
#pragma once

#include <optional>

#include "wick/core/scalar.h"
#include "wick/core/tensor.h"

namespace wick {

// The dtype plain floating numbers take in promotion (torch.get_default_dtype()).
inline constexpr DType kDefaultFloatDType = kFloat;

// Note [Result type categories]
// Operands fall into three categories, from strongest to weakest: tensors with at least one
// dimension, 0-dim tensors, and wrapped numbers (C++/Python numbers turned into 0-dim tensors,
// TensorImpl::isWrappedNumber). Each category is promoted on its own. A weaker category only
// changes the result when it is of a higher kind (bool < integral < floating): then the two
// are promoted. Wrapped floating numbers count as the default float dtype, not double.
class ResultTypeState {
 public:
  void add(const Tensor& t);
  void add(const Scalar& s);
  // The promoted dtype; raises when nothing was added.
  DType result() const;

 private:
  std::optional<DType> dim_, zero_dim_, wrapped_;
};

DType resultType(const Tensor& a, const Tensor& b);
DType resultType(const Tensor& a, const Scalar& b);
DType resultType(const Scalar& a, const Tensor& b);
DType resultType(const Scalar& a, const Scalar& b);
DType resultType(TensorList tensors);

// PyTorch's can_cast: whether a result of dtype `from` may be written into a tensor of
// dtype `to` by an op (no floating -> integral, no non-bool -> bool).
bool canCast(DType from, DType to);
// Raises "<op>: result type Float can't be cast to the desired output type Long".
void checkCanCast(const char* op, DType result, DType out);

// The dtype ops like sin or true division compute in: integral (and bool) dtypes become the
// default float dtype; floating dtypes stay.
inline DType toFloatIfIntegral(DType t) { return isFloatingType(t) ? t : kDefaultFloatDType; }

// PyTorch's ScalarType name ("Float", "Long") as its messages spell dtypes.
inline std::string_view scalarTypeName(DType t) { return graphName(t); }

}  // namespace wick
