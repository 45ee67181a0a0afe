// Checks and building blocks shared by the linear-algebra kernels (linalg*.cpp). Each takes
// the name of the op the user called, so that matmul's errors say aten::matmul even when a
// folded mm raised them.
#pragma once

#include <optional>
#include <string_view>

#include "wick/core/scalar.h"
#include "wick/core/tensor.h"

namespace wick::linalg {

// Raises for dtypes the matrix kernels do not implement (bool).
void checkGemmDType(const Tensor& t, std::string_view op, const char* kernel);
// "mat1 must be a matrix, got 1-D tensor".
void checkMatrix(const Tensor& t, std::string_view op, std::string_view what);
// The 3-d and batch/inner-size checks of bmm and baddbmm.
void checkBmmShapes(const Tensor& a, const Tensor& b, std::string_view op);
// addmv's checks (self is the added vector; for mv it is the result).
void checkMv(const Tensor& self, const Tensor& mat, const Tensor& vec, std::string_view op);

Tensor mmImpl(const Tensor& a, const Tensor& b, std::string_view op);
Tensor bmmImpl(const Tensor& a, const Tensor& b, std::string_view op);
Tensor mvImpl(const Tensor& mat, const Tensor& vec, std::string_view op);
Tensor dotImpl(const Tensor& a, const Tensor& b, std::string_view op);

// matmul and linear with the error messages naming `op`.
Tensor matmulImpl(const Tensor& a, const Tensor& b, std::string_view op);
Tensor linearImpl(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                  std::string_view op);

// out = self broadcast to out's shape (raising PyTorch's expand error), skipped when beta is
// zero so that NaNs in self do not propagate.
void initFromSelf(const Tensor& out, const Tensor& self, const Scalar& beta, std::string_view op);

}  // namespace wick::linalg
