// Kernels of the transpose properties (x.T, x.H, x.mT, x.mH, adjoint) and of the ops that are
// no-ops on wick's real dtypes (real, conj, resolve_conj, resolve_neg, positive, prim::data).
// With no complex dtypes, conjugating is the identity: H, mH and adjoint just transpose.
// Results are views sharing self's storage; where PyTorch returns self itself (0-dim inputs of
// the matrix transposes, the no-ops), so does wick.
#include <atomic>

#include "wick/core/warning.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// x.T reverses all dims; PyTorch deprecates it for ranks other than 0 and 2 and, like its
// TORCH_WARN_ONCE, says so once per process.
Tensor reverseDims(const Tensor& self) {
  int64_t n = self.dim();
  if (n != 0 && n != 2) {
    static std::atomic<bool> warned{false};
    if (!warned.exchange(true)) {
      warn(Warning::Kind::Deprecation,
           "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
           "deprecated and it will throw an error in a future release. Consider `x.mT` to "
           "transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to "
           "reverse the dimensions of a tensor.");
    }
  }
  DimVector dims(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) dims[static_cast<size_t>(i)] = n - 1 - i;
  return kernels::permute(self, dims);
}

// Swaps the last two dims of a matrix or a batch of matrices; a 0-dim tensor is returned as
// it is. `what` is the property's name in PyTorch's message ("tensor.mT").
Tensor batchTranspose(const char* op, const char* what, const Tensor& self) {
  int64_t n = self.dim();
  if (n == 0) return self;
  WICK_CHECK(n >= 2, op, ": ", what, " is only supported on matrices or batches of matrices. Got ",
             n, "-D tensor.");
  return kernels::transpose_int(self, -2, -1);
}

// x.H: matrices only (and 0-dim tensors, returned as they are).
Tensor matrixTranspose(const Tensor& self) {
  int64_t n = self.dim();
  if (n == 0) return self;
  WICK_CHECK(n == 2, "aten::matrix_H: tensor.H is only supported on matrices (2-D tensors). Got ",
             n, "-D tensor.", n > 2 ? " For batches of matrices, consider using tensor.mH" : "");
  return kernels::transpose_int(self, 0, 1);
}

}  // namespace

Tensor numpy_T(const Tensor& self) { return reverseDims(self); }
Tensor numpy_T_a(const Tensor& self) { return reverseDims(self); }
Tensor matrix_H(const Tensor& self) { return matrixTranspose(self); }
Tensor matrix_H_a(const Tensor& self) { return matrixTranspose(self); }
Tensor mT(const Tensor& self) { return batchTranspose("aten::mT", "tensor.mT", self); }
Tensor mT_a(const Tensor& self) { return batchTranspose("aten::mT", "tensor.mT", self); }
Tensor mH(const Tensor& self) { return batchTranspose("aten::mH", "tensor.mH", self); }
Tensor mH_a(const Tensor& self) { return batchTranspose("aten::mH", "tensor.mH", self); }
Tensor adjoint(const Tensor& self) {
  return batchTranspose("aten::adjoint", "tensor.adjoint()", self);
}

// prim::data (x.data in TorchScript) is a new tensor over the same memory, without history.
Tensor prim_data(const Tensor& a) { return kernels::detach(a); }

Tensor real(const Tensor& self) { return self; }
Tensor conj(const Tensor& self) { return self; }
Tensor resolve_conj(const Tensor& self) { return self; }
Tensor resolve_neg(const Tensor& self) { return self; }

Tensor positive(const Tensor& self) {
  WICK_CHECK(self.dtype() != kBool,
             "aten::positive: The `+` operator, on a bool tensor is not supported.");
  return self;
}

}  // namespace wick::kernels
