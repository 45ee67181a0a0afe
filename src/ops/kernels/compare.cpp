// Comparisons (eq ne lt le gt ge), maximum/minimum, and the selection ops built on them:
// where, clamp (Scalar and Tensor bounds), clamp_min/clamp_max and masked_fill.
#include <limits>

#include "ops/kernels/iter_binary.h"
#include "wick/core/warning.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using iter::Dest;
using iter::Iter;
using iter::opmath_t;
using iter::Types;
using iter::wrapScalar;

// ---- comparisons ----

enum class Cmp { Eq, Ne, Lt, Le, Gt, Ge };

template <Cmp C>
Tensor compareImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote().resultDType(kBool).allowAnyOutputDType();
  it.build();
  iter::dispatchTypes<Types::All>(it.computeDType(), op, [&]<class T>() {
    using M = opmath_t<T>;
    iter::pointwise<bool, T, T>(it, [](M x, M y) {
      if constexpr (C == Cmp::Eq) return x == y;
      if constexpr (C == Cmp::Ne) return x != y;
      if constexpr (C == Cmp::Lt) return x < y;
      if constexpr (C == Cmp::Le) return x <= y;
      if constexpr (C == Cmp::Gt) return x > y;
      if constexpr (C == Cmp::Ge) return x >= y;
    });
  });
  return it.finish();
}

// ---- maximum / minimum (also clamp_min/clamp_max and one-sided clamp with tensors) ----

template <class M, bool kMax>
M extremum(M x, M y) {
  if constexpr (std::is_same_v<M, bool>) {
    return kMax ? (x || y) : (x && y);
  } else if constexpr (std::is_integral_v<M>) {
    return kMax ? std::max(x, y) : std::min(x, y);
  } else {
    // NaN in either operand gives NaN.
    if (x != x || y != y) return std::numeric_limits<M>::quiet_NaN();
    return kMax ? std::max(x, y) : std::min(x, y);
  }
}

template <bool kMax>
Tensor extremumImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  return iter::runBinary<Types::All>(it, []<class T>() {
    using M = opmath_t<T>;
    return [](M x, M y) { return extremum<M, kMax>(x, y); };
  });
}

// ---- where ----

Tensor whereImpl(const char* op, const Dest& d, const Tensor& condition, const Tensor& self,
                 const Tensor& other) {
  DType rt = resultType(self, other);
  WICK_CHECK(!d.tensor.defined() || d.tensor.dtype() == rt, op, ": Expected out type to be ",
             scalarTypeName(rt), " but got ", scalarTypeName(d.tensor.dtype()));
  Tensor cond = condition;
  if (cond.dtype() == kByte) {
    warn(Warning::Kind::User,
         std::string(op) +
             ": where received a uint8 condition tensor. This behavior is "
             "deprecated and will be removed in a future version of PyTorch. Use "
             "a boolean condition instead.");
    cond = iter::convertTo(cond, kBool);
  }
  WICK_CHECK(cond.dtype() == kBool, op,
             ": where expected condition to be a boolean tensor, but got a tensor with dtype ",
             scalarTypeName(cond.dtype()));
  Iter it(op);
  it.output(d).rawInput(cond).input(self).input(other).computeDType(rt);
  it.build();
  iter::dispatchTypes<Types::All>(rt, op, [&]<class T>() {
    using M = opmath_t<T>;
    iter::pointwise<T, bool, T, T>(it, [](bool c, M x, M y) { return c ? x : y; });
  });
  return it.finish();
}

// ---- clamp ----

// PyTorch's clamp promotes integral tensors with the bounds (int clamp(min=0.5) is float),
// but an in-place clamp may not change self's dtype.
DType clampResultType(const char* op, const Dest& d, const Tensor& self,
                      const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  WICK_CHECK(min || max, op, ": torch.clamp: At least one of 'min' or 'max' must not be None");
  DType rt = self.dtype();
  if (isFloatingType(rt)) return rt;
  ResultTypeState state;
  state.add(self);
  if (min) state.add(*min);
  if (max) state.add(*max);
  rt = state.result();
  WICK_CHECK(rt == self.dtype() || d.resizable, op, ": result type ", scalarTypeName(rt),
             " can't be cast to the desired output type ", scalarTypeName(self.dtype()));
  return rt;
}

Tensor clampTensorImpl(const char* op, const Dest& d, const Tensor& self,
                       const std::optional<Tensor>& min, const std::optional<Tensor>& max) {
  WICK_CHECK(min || max, op, ": torch.clamp: At least one of 'min' or 'max' must not be None");
  if (!max) return extremumImpl<true>(op, d, self, *min);
  if (!min) return extremumImpl<false>(op, d, self, *max);
  Iter it(op);
  it.output(d).input(self).input(*min).input(*max).promote();
  it.build();
  iter::dispatchTypes<Types::Numeric>(it.computeDType(), op, [&]<class T>() {
    using M = opmath_t<T>;
    iter::pointwise<T, T, T, T>(it, [](M x, M lo, M hi) -> M {
      if constexpr (!std::is_integral_v<M>) {
        // A NaN bound gives NaN.
        if (lo != lo || hi != hi) return std::numeric_limits<M>::quiet_NaN();
      }
      return std::min(std::max(x, lo), hi);
    });
  });
  return it.finish();
}

// ---- masked_fill ----

void checkMask(const char* op, const Tensor& mask) {
  WICK_CHECK(mask.dtype() == kBool, op,
             ": masked_fill_ only supports boolean masks, but got mask with dtype ", mask.dtype());
}

Scalar valueOf(const char* op, const Tensor& value) {
  WICK_CHECK(value.dim() == 0, op,
             ": masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ",
             value.dim(), " dimension(s).");
  return value.item();
}

// Fills self where mask is true; mask broadcasts to self's shape.
Tensor maskedFillInplace(const char* op, const Tensor& self, const Tensor& mask,
                         const Scalar& value) {
  checkMask(op, mask);
  Iter it(op);
  it.inplace(self).input(self).rawInput(mask).computeDType(self.dtype());
  it.build();
  iter::dispatchTypes<Types::All>(self.dtype(), op, [&]<class T>() {
    using M = opmath_t<T>;
    M v = iter::scalarValue<T>(value, op);
    iter::pointwise<T, T, bool>(it, [v](M x, bool m) { return m ? v : x; });
  });
  return it.finish();
}

// The functional form: a contiguous copy of self broadcast with mask, then filled.
Tensor maskedFill(const char* op, const Tensor& self, const Tensor& mask, const Scalar& value) {
  checkMask(op, mask);
  DimVector shape = iter::broadcastShapes(op, self.impl()->sizes(), mask.impl()->sizes());
  Tensor result = emptyTensor(shape, self.dtype());
  iter::copyInto(op, result, self);
  return maskedFillInplace(op, result, mask, value);
}

Tensor maskedFillOut(const char* op, const Tensor& self, const Tensor& mask, const Scalar& value,
                     const Tensor& out) {
  Tensor r = maskedFill(op, self, mask, value);
  iter::resizeOutput(op, out, r.impl()->sizes());
  iter::copyInto(op, out, r);
  return out;
}

}  // namespace

// ---- comparisons ----

#define WICK_COMPARE_KERNELS(NAME, C)                                                     \
  Tensor NAME##_Tensor(const Tensor& self, const Tensor& other) {                         \
    return compareImpl<C>("aten::" #NAME, Dest::fresh(), self, other);                    \
  }                                                                                       \
  Tensor NAME##_Scalar(const Tensor& self, const Scalar& other) {                         \
    return compareImpl<C>("aten::" #NAME, Dest::fresh(), self, wrapScalar(other));        \
  }                                                                                       \
  Tensor NAME##_Tensor_out(const Tensor& self, const Tensor& other, const Tensor& out) {  \
    return compareImpl<C>("aten::" #NAME, Dest::out(out), self, other);                   \
  }                                                                                       \
  Tensor NAME##_Scalar_out(const Tensor& self, const Scalar& other, const Tensor& out) {  \
    return compareImpl<C>("aten::" #NAME, Dest::out(out), self, wrapScalar(other));       \
  }                                                                                       \
  Tensor NAME##__Tensor(const Tensor& self, const Tensor& other) {                        \
    return compareImpl<C>("aten::" #NAME "_", Dest::self(self), self, other);             \
  }                                                                                       \
  Tensor NAME##__Scalar(const Tensor& self, const Scalar& other) {                        \
    return compareImpl<C>("aten::" #NAME "_", Dest::self(self), self, wrapScalar(other)); \
  }

WICK_COMPARE_KERNELS(eq, Cmp::Eq)
WICK_COMPARE_KERNELS(ne, Cmp::Ne)
WICK_COMPARE_KERNELS(lt, Cmp::Lt)
WICK_COMPARE_KERNELS(le, Cmp::Le)
WICK_COMPARE_KERNELS(gt, Cmp::Gt)
WICK_COMPARE_KERNELS(ge, Cmp::Ge)
#undef WICK_COMPARE_KERNELS

// ---- maximum / minimum ----

Tensor maximum(const Tensor& self, const Tensor& other) {
  return extremumImpl<true>("aten::maximum", Dest::fresh(), self, other);
}
Tensor maximum_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return extremumImpl<true>("aten::maximum", Dest::out(out), self, other);
}
Tensor minimum(const Tensor& self, const Tensor& other) {
  return extremumImpl<false>("aten::minimum", Dest::fresh(), self, other);
}
Tensor minimum_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return extremumImpl<false>("aten::minimum", Dest::out(out), self, other);
}
// PyTorch's max.other / min.other call maximum / minimum, whose names their errors carry.
Tensor max_other(const Tensor& self, const Tensor& other) { return maximum(self, other); }
Tensor max_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return maximum_out(self, other, out);
}
Tensor min_other(const Tensor& self, const Tensor& other) { return minimum(self, other); }
Tensor min_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return minimum_out(self, other, out);
}

// ---- where ----

Tensor where_self(const Tensor& condition, const Tensor& self, const Tensor& other) {
  return whereImpl("aten::where", Dest::fresh(), condition, self, other);
}
Tensor where_self_out(const Tensor& condition, const Tensor& self, const Tensor& other,
                      const Tensor& out) {
  return whereImpl("aten::where", Dest::out(out), condition, self, other);
}
// Scalars become 0-dim tensors of the result type (not wrapped numbers), as in PyTorch.
Tensor where_ScalarSelf(const Tensor& condition, const Scalar& self, const Tensor& other) {
  DType rt = resultType(other, self);
  return whereImpl("aten::where", Dest::fresh(), condition, scalarTensor(self, rt), other);
}
Tensor where_ScalarOther(const Tensor& condition, const Tensor& self, const Scalar& other) {
  DType rt = resultType(self, other);
  return whereImpl("aten::where", Dest::fresh(), condition, self, scalarTensor(other, rt));
}
Tensor where_Scalar(const Tensor& condition, const Scalar& self, const Scalar& other) {
  DType rt = resultType(self, other);
  return whereImpl("aten::where", Dest::fresh(), condition, scalarTensor(self, rt),
                   scalarTensor(other, rt));
}

// ---- clamp ----

Tensor clamp(const Tensor& self, const std::optional<Scalar>& min,
             const std::optional<Scalar>& max) {
  return iter::clampScalar("aten::clamp", Dest::fresh(), self, min, max);
}
Tensor clamp_Tensor(const Tensor& self, const std::optional<Tensor>& min,
                    const std::optional<Tensor>& max) {
  return clampTensorImpl("aten::clamp", Dest::fresh(), self, min, max);
}
Tensor clamp_out(const Tensor& self, const std::optional<Scalar>& min,
                 const std::optional<Scalar>& max, const Tensor& out) {
  return iter::clampScalar("aten::clamp", Dest::out(out), self, min, max);
}
Tensor clamp_Tensor_out(const Tensor& self, const std::optional<Tensor>& min,
                        const std::optional<Tensor>& max, const Tensor& out) {
  return clampTensorImpl("aten::clamp", Dest::out(out), self, min, max);
}
Tensor clamp_(const Tensor& self, const std::optional<Scalar>& min,
              const std::optional<Scalar>& max) {
  return iter::clampScalar("aten::clamp_", Dest::self(self), self, min, max);
}
Tensor clamp__Tensor(const Tensor& self, const std::optional<Tensor>& min,
                     const std::optional<Tensor>& max) {
  return clampTensorImpl("aten::clamp_", Dest::self(self), self, min, max);
}

Tensor clamp_min(const Tensor& self, const Scalar& min) {
  return iter::clampScalar("aten::clamp_min", Dest::fresh(), self, min, std::nullopt);
}
Tensor clamp_min_Tensor(const Tensor& self, const Tensor& min) {
  return extremumImpl<true>("aten::clamp_min", Dest::fresh(), self, min);
}
Tensor clamp_min_out(const Tensor& self, const Scalar& min, const Tensor& out) {
  return iter::clampScalar("aten::clamp_min", Dest::out(out), self, min, std::nullopt);
}
Tensor clamp_min_Tensor_out(const Tensor& self, const Tensor& min, const Tensor& out) {
  return extremumImpl<true>("aten::clamp_min", Dest::out(out), self, min);
}
Tensor clamp_min_(const Tensor& self, const Scalar& min) {
  return iter::clampScalar("aten::clamp_min_", Dest::self(self), self, min, std::nullopt);
}
Tensor clamp_min__Tensor(const Tensor& self, const Tensor& min) {
  return extremumImpl<true>("aten::clamp_min_", Dest::self(self), self, min);
}

Tensor clamp_max(const Tensor& self, const Scalar& max) {
  return iter::clampScalar("aten::clamp_max", Dest::fresh(), self, std::nullopt, max);
}
Tensor clamp_max_Tensor(const Tensor& self, const Tensor& max) {
  return extremumImpl<false>("aten::clamp_max", Dest::fresh(), self, max);
}
Tensor clamp_max_out(const Tensor& self, const Scalar& max, const Tensor& out) {
  return iter::clampScalar("aten::clamp_max", Dest::out(out), self, std::nullopt, max);
}
Tensor clamp_max_Tensor_out(const Tensor& self, const Tensor& max, const Tensor& out) {
  return extremumImpl<false>("aten::clamp_max", Dest::out(out), self, max);
}
Tensor clamp_max_(const Tensor& self, const Scalar& max) {
  return iter::clampScalar("aten::clamp_max_", Dest::self(self), self, std::nullopt, max);
}
Tensor clamp_max__Tensor(const Tensor& self, const Tensor& max) {
  return extremumImpl<false>("aten::clamp_max_", Dest::self(self), self, max);
}

// ---- masked_fill ----

Tensor masked_fill_Scalar(const Tensor& self, const Tensor& mask, const Scalar& value) {
  return maskedFill("aten::masked_fill", self, mask, value);
}
Tensor masked_fill_Tensor(const Tensor& self, const Tensor& mask, const Tensor& value) {
  const char* op = "aten::masked_fill";
  return maskedFill(op, self, mask, valueOf(op, value));
}
Tensor masked_fill_Scalar_out(const Tensor& self, const Tensor& mask, const Scalar& value,
                              const Tensor& out) {
  return maskedFillOut("aten::masked_fill", self, mask, value, out);
}
Tensor masked_fill_Tensor_out(const Tensor& self, const Tensor& mask, const Tensor& value,
                              const Tensor& out) {
  const char* op = "aten::masked_fill";
  return maskedFillOut(op, self, mask, valueOf(op, value), out);
}
Tensor masked_fill__Scalar(const Tensor& self, const Tensor& mask, const Scalar& value) {
  return maskedFillInplace("aten::masked_fill_", self, mask, value);
}
Tensor masked_fill__Tensor(const Tensor& self, const Tensor& mask, const Tensor& value) {
  const char* op = "aten::masked_fill_";
  return maskedFillInplace(op, self, mask, valueOf(op, value));
}

}  // namespace wick::kernels

namespace wick::iter {

Tensor clampScalar(const char* op, const Dest& d, const Tensor& self,
                   const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  DType rt = kernels::clampResultType(op, d, self, min, max);
  Iter it(op);
  it.output(d).input(self).computeDType(rt).exactOutputDType();
  it.build();
  iter::dispatchTypes<Types::Numeric>(rt, op, [&]<class T>() {
    using M = opmath_t<T>;
    if (min && max) {
      M lo = iter::scalarValue<T>(*min, op), hi = iter::scalarValue<T>(*max, op);
      iter::pointwise<T, T>(it, [lo, hi](M x) { return std::min(std::max(x, lo), hi); });
    } else if (min) {
      M lo = iter::scalarValue<T>(*min, op);
      iter::pointwise<T, T>(it, [lo](M x) { return std::max(x, lo); });
    } else {
      M hi = iter::scalarValue<T>(*max, op);
      iter::pointwise<T, T>(it, [hi](M x) { return std::min(x, hi); });
    }
  });
  return it.finish();
}

}  // namespace wick::iter
