#include "ops/type_promotion.h"

namespace wick {

namespace {

DType promoteOptional(const std::optional<DType>& a, DType b) {
  return a ? promoteTypes(*a, b) : b;
}

// Combines a stronger category's dtype with a weaker one's (Note [Result type categories]).
std::optional<DType> combineCategories(const std::optional<DType>& higher,
                                       const std::optional<DType>& lower) {
  if (!higher) return lower;
  if (isFloatingType(*higher)) return higher;
  if (!lower) return higher;
  if (*higher == kBool || isFloatingType(*lower)) return promoteTypes(*higher, *lower);
  return higher;
}

}  // namespace

void ResultTypeState::add(const Tensor& t) {
  DType current = t.dtype();
  const TensorImpl* impl = t.impl();
  if (impl->isWrappedNumber()) {
    if (isFloatingType(current)) current = kDefaultFloatDType;
    wrapped_ = promoteOptional(wrapped_, current);
  } else if (impl->dim() > 0) {
    dim_ = promoteOptional(dim_, current);
  } else {
    zero_dim_ = promoteOptional(zero_dim_, current);
  }
}

void ResultTypeState::add(const Scalar& s) {
  DType current = s.isFloatingPoint() ? kDefaultFloatDType : s.dtype();
  wrapped_ = promoteOptional(wrapped_, current);
}

DType ResultTypeState::result() const {
  std::optional<DType> r = combineCategories(dim_, combineCategories(zero_dim_, wrapped_));
  WICK_INTERNAL_ASSERT(r.has_value(), "result type of no operands");
  return *r;
}

DType resultType(const Tensor& a, const Tensor& b) {
  ResultTypeState s;
  s.add(a);
  s.add(b);
  return s.result();
}

DType resultType(const Tensor& a, const Scalar& b) {
  ResultTypeState s;
  s.add(a);
  s.add(b);
  return s.result();
}

DType resultType(const Scalar& a, const Tensor& b) { return resultType(b, a); }

DType resultType(const Scalar& a, const Scalar& b) {
  ResultTypeState s;
  s.add(a);
  s.add(b);
  return s.result();
}

DType resultType(TensorList tensors) {
  ResultTypeState s;
  for (const Tensor& t : tensors) s.add(t);
  return s.result();
}

bool canCast(DType from, DType to) {
  if (isFloatingType(from) && isIntegralType(to, /*include_bool=*/false)) return false;
  if (from != kBool && to == kBool) return false;
  return true;
}

void checkCanCast(const char* op, DType result, DType out) {
  WICK_CHECK(canCast(result, out), op, ": result type ", scalarTypeName(result),
             " can't be cast to the desired output type ", scalarTypeName(out));
}

}  // namespace wick
