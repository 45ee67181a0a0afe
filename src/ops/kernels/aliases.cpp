// Kernels of PyTorch's alternative op names (NumPy-style aliases such as absolute, arccos, clip,
// divide, greater, swapaxes, moveaxis, concat, row_stack), plus ravel, fliplr and flipud, which
// PyTorch also defines through other ops. Each forwards to the existing kernel; errors are
// re-raised under the name the user called, so "aten::absolute" is reported rather than the
// "aten::abs" that did the work.
#include "ops/kernels/error_naming.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

// ---- unary math ----
Tensor absolute(const Tensor& self) {
  return asAlias("aten::absolute", [&] { return kernels::abs(self); });
}
Tensor absolute_(const Tensor& self) {
  return asAlias("aten::absolute_", [&] { return kernels::abs_(self); });
}
Tensor arccos(const Tensor& self) {
  return asAlias("aten::arccos", [&] { return kernels::acos(self); });
}
Tensor arccos_(const Tensor& self) {
  return asAlias("aten::arccos_", [&] { return kernels::acos_(self); });
}
Tensor arcsin(const Tensor& self) {
  return asAlias("aten::arcsin", [&] { return kernels::asin(self); });
}
Tensor arcsin_(const Tensor& self) {
  return asAlias("aten::arcsin_", [&] { return kernels::asin_(self); });
}
Tensor arctan(const Tensor& self) {
  return asAlias("aten::arctan", [&] { return kernels::atan(self); });
}
Tensor arctan_(const Tensor& self) {
  return asAlias("aten::arctan_", [&] { return kernels::atan_(self); });
}
Tensor arccosh(const Tensor& self) {
  return asAlias("aten::arccosh", [&] { return kernels::acosh(self); });
}
Tensor arccosh_(const Tensor& self) {
  return asAlias("aten::arccosh_", [&] { return kernels::acosh_(self); });
}
Tensor arcsinh(const Tensor& self) {
  return asAlias("aten::arcsinh", [&] { return kernels::asinh(self); });
}
Tensor arcsinh_(const Tensor& self) {
  return asAlias("aten::arcsinh_", [&] { return kernels::asinh_(self); });
}
Tensor arctanh(const Tensor& self) {
  return asAlias("aten::arctanh", [&] { return kernels::atanh(self); });
}
Tensor arctanh_(const Tensor& self) {
  return asAlias("aten::arctanh_", [&] { return kernels::atanh_(self); });
}
Tensor negative(const Tensor& self) {
  return asAlias("aten::negative", [&] { return kernels::neg(self); });
}
Tensor negative_(const Tensor& self) {
  return asAlias("aten::negative_", [&] { return kernels::neg_(self); });
}
Tensor fix(const Tensor& self) {
  return asAlias("aten::fix", [&] { return kernels::trunc(self); });
}
Tensor fix_(const Tensor& self) {
  return asAlias("aten::fix_", [&] { return kernels::trunc_(self); });
}

// ---- binary math ----
Tensor arctan2(const Tensor& self, const Tensor& other) {
  return asAlias("aten::arctan2", [&] { return kernels::atan2(self, other); });
}
Tensor arctan2_(const Tensor& self, const Tensor& other) {
  return asAlias("aten::arctan2_", [&] { return kernels::atan2_(self, other); });
}

Tensor divide_Tensor(const Tensor& self, const Tensor& other) {
  return asAlias("aten::divide", [&] { return kernels::div_Tensor(self, other); });
}
Tensor divide_Scalar(const Tensor& self, const Scalar& other) {
  return asAlias("aten::divide", [&] { return kernels::div_Scalar(self, other); });
}
Tensor divide_Tensor_mode(const Tensor& self, const Tensor& other,
                          std::optional<std::string_view> rounding_mode) {
  return asAlias("aten::divide",
                 [&] { return kernels::div_Tensor_mode(self, other, rounding_mode); });
}
Tensor divide_Scalar_mode(const Tensor& self, const Scalar& other,
                          std::optional<std::string_view> rounding_mode) {
  return asAlias("aten::divide",
                 [&] { return kernels::div_Scalar_mode(self, other, rounding_mode); });
}
Tensor divide__Tensor(const Tensor& self, const Tensor& other) {
  return asAlias("aten::divide_", [&] { return kernels::div__Tensor(self, other); });
}
Tensor divide__Scalar(const Tensor& self, const Scalar& other) {
  return asAlias("aten::divide_", [&] { return kernels::div__Scalar(self, other); });
}
Tensor divide__Tensor_mode(const Tensor& self, const Tensor& other,
                           std::optional<std::string_view> rounding_mode) {
  return asAlias("aten::divide_",
                 [&] { return kernels::div__Tensor_mode(self, other, rounding_mode); });
}
Tensor divide__Scalar_mode(const Tensor& self, const Scalar& other,
                           std::optional<std::string_view> rounding_mode) {
  return asAlias("aten::divide_",
                 [&] { return kernels::div__Scalar_mode(self, other, rounding_mode); });
}

// true_divide is div without a rounding mode.
Tensor true_divide_Tensor(const Tensor& self, const Tensor& other) {
  return asAlias("aten::true_divide", [&] { return kernels::div_Tensor(self, other); });
}
Tensor true_divide_Scalar(const Tensor& self, const Scalar& other) {
  return asAlias("aten::true_divide", [&] { return kernels::div_Scalar(self, other); });
}
Tensor true_divide__Tensor(const Tensor& self, const Tensor& other) {
  return asAlias("aten::true_divide_", [&] { return kernels::div__Tensor(self, other); });
}
Tensor true_divide__Scalar(const Tensor& self, const Scalar& other) {
  return asAlias("aten::true_divide_", [&] { return kernels::div__Scalar(self, other); });
}

Tensor multiply_Tensor(const Tensor& self, const Tensor& other) {
  return asAlias("aten::multiply", [&] { return kernels::mul_Tensor(self, other); });
}
Tensor multiply_Scalar(const Tensor& self, const Scalar& other) {
  return asAlias("aten::multiply", [&] { return kernels::mul_Scalar(self, other); });
}
Tensor multiply__Tensor(const Tensor& self, const Tensor& other) {
  return asAlias("aten::multiply_", [&] { return kernels::mul__Tensor(self, other); });
}
Tensor multiply__Scalar(const Tensor& self, const Scalar& other) {
  return asAlias("aten::multiply_", [&] { return kernels::mul__Scalar(self, other); });
}

Tensor subtract_Tensor(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return asAlias("aten::subtract", [&] { return kernels::sub_Tensor(self, other, alpha); });
}
Tensor subtract_Scalar(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return asAlias("aten::subtract", [&] { return kernels::sub_Scalar(self, other, alpha); });
}
Tensor subtract__Tensor(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return asAlias("aten::subtract_", [&] { return kernels::sub__Tensor(self, other, alpha); });
}
Tensor subtract__Scalar(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return asAlias("aten::subtract_", [&] { return kernels::sub__Scalar(self, other, alpha); });
}

// ---- comparisons ----
#define WICK_COMPARE_ALIAS(alias, target)                                                        \
  Tensor alias##_Tensor(const Tensor& self, const Tensor& other) {                               \
    return asAlias("aten::" #alias, [&] { return kernels::target##_Tensor(self, other); });      \
  }                                                                                              \
  Tensor alias##_Scalar(const Tensor& self, const Scalar& other) {                               \
    return asAlias("aten::" #alias, [&] { return kernels::target##_Scalar(self, other); });      \
  }                                                                                              \
  Tensor alias##__Tensor(const Tensor& self, const Tensor& other) {                              \
    return asAlias("aten::" #alias "_", [&] { return kernels::target##__Tensor(self, other); }); \
  }                                                                                              \
  Tensor alias##__Scalar(const Tensor& self, const Scalar& other) {                              \
    return asAlias("aten::" #alias "_", [&] { return kernels::target##__Scalar(self, other); }); \
  }
WICK_COMPARE_ALIAS(greater, gt)
WICK_COMPARE_ALIAS(greater_equal, ge)
WICK_COMPARE_ALIAS(less, lt)
WICK_COMPARE_ALIAS(less_equal, le)
WICK_COMPARE_ALIAS(not_equal, ne)
#undef WICK_COMPARE_ALIAS

// ---- clamping ----
Tensor clip(const Tensor& self, const std::optional<Scalar>& min,
            const std::optional<Scalar>& max) {
  return asAlias("aten::clip", [&] { return kernels::clamp(self, min, max); });
}
Tensor clip_Tensor(const Tensor& self, const std::optional<Tensor>& min,
                   const std::optional<Tensor>& max) {
  return asAlias("aten::clip", [&] { return kernels::clamp_Tensor(self, min, max); });
}
Tensor clip_(const Tensor& self, const std::optional<Scalar>& min,
             const std::optional<Scalar>& max) {
  return asAlias("aten::clip_", [&] { return kernels::clamp_(self, min, max); });
}
Tensor clip__Tensor(const Tensor& self, const std::optional<Tensor>& min,
                    const std::optional<Tensor>& max) {
  return asAlias("aten::clip_", [&] { return kernels::clamp__Tensor(self, min, max); });
}

// ---- shapes ----
Tensor swapaxes(const Tensor& self, int64_t axis0, int64_t axis1) {
  return asAlias("aten::swapaxes", [&] { return kernels::transpose_int(self, axis0, axis1); });
}
Tensor swapaxes_(const Tensor& self, int64_t axis0, int64_t axis1) {
  return asAlias("aten::swapaxes_", [&] { return kernels::transpose_(self, axis0, axis1); });
}
Tensor swapdims(const Tensor& self, int64_t dim0, int64_t dim1) {
  return asAlias("aten::swapdims", [&] { return kernels::transpose_int(self, dim0, dim1); });
}
Tensor swapdims_(const Tensor& self, int64_t dim0, int64_t dim1) {
  return asAlias("aten::swapdims_", [&] { return kernels::transpose_(self, dim0, dim1); });
}
Tensor moveaxis_int(const Tensor& self, int64_t source, int64_t destination) {
  return asAlias("aten::moveaxis", [&] { return kernels::movedim_int(self, source, destination); });
}
Tensor moveaxis_intlist(const Tensor& self, IntArrayRef source, IntArrayRef destination) {
  return asAlias("aten::moveaxis",
                 [&] { return kernels::movedim_intlist(self, source, destination); });
}

// A 1-d view of self when it is contiguous, else of a contiguous copy (PyTorch's
// contiguous().view(-1): a strided 1-d input is copied, where reshape would view it).
Tensor ravel(const Tensor& self) {
  return asAlias("aten::ravel", [&] {
    const int64_t flat[1] = {-1};
    return kernels::view(kernels::contiguous(self, MemoryFormat::Contiguous), IntArrayRef(flat, 1));
  });
}

Tensor fliplr(const Tensor& self) {
  WICK_CHECK(self.dim() >= 2, "aten::fliplr: Input must be >= 2-d.");
  const int64_t dims[1] = {1};
  return asAlias("aten::fliplr", [&] { return kernels::flip(self, IntArrayRef(dims, 1)); });
}
Tensor flipud(const Tensor& self) {
  WICK_CHECK(self.dim() >= 1, "aten::flipud: Input must be >= 1-d.");
  const int64_t dims[1] = {0};
  return asAlias("aten::flipud", [&] { return kernels::flip(self, IntArrayRef(dims, 1)); });
}

// ---- joins ----
Tensor concat(TensorList tensors, int64_t dim) {
  return asAlias("aten::concat", [&] { return kernels::cat(tensors, dim); });
}
Tensor concatenate(TensorList tensors, int64_t dim) {
  return asAlias("aten::concatenate", [&] { return kernels::cat(tensors, dim); });
}
Tensor row_stack(TensorList tensors) {
  return asAlias("aten::row_stack", [&] { return kernels::vstack(tensors); });
}

}  // namespace wick::kernels
