// Matrix products: mm, bmm, addmm, addmv, mv, dot, baddbmm, addbmm, outer. Shapes, dtype
// rules and error wording follow PyTorch 1.13; the arithmetic is in ops/dnnl/gemm.h.
#include "ops/kernels/linalg_util.h"

#include <cmath>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/dnnl/gemm.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace linalg {

using dense::checkExpandable;
using dense::shapeX;

// PyTorch 1.13's CPU matrix products take every dtype but bool and float16; wick computes
// float16 in float32 (as it does its convolutions) and rejects bool with the message PyTorch
// gives, which names its kernel ("addmm_impl_cpu_", "bmm", "addmv_impl_cpu", "dot", ...).
void checkGemmDType(const Tensor& t, std::string_view op, const char* kernel) {
  WICK_CHECK(dense::gemmSupports(t.dtype()), op, ": \"", kernel, "\" not implemented for '",
             dense::scalarTypeName(t.dtype()), "'");
}

void checkMatrix(const Tensor& t, std::string_view op, std::string_view what) {
  WICK_CHECK(t.dim() == 2, op, ": ", what, " must be a matrix, got ", t.dim(), "-D tensor");
}

Tensor mmImpl(const Tensor& a, const Tensor& b, std::string_view op) {
  WICK_CHECK(a.dim() == 2, op, ": self must be a matrix");
  WICK_CHECK(b.dim() == 2, op, ": mat2 must be a matrix");
  WICK_CHECK(dense::sizeAt(a, 1) == dense::sizeAt(b, 0), op,
             ": mat1 and mat2 shapes cannot be multiplied (", shapeX(a.sizes()), " and ",
             shapeX(b.sizes()), ")");
  dense::checkSameDType(a, b, op);
  checkGemmDType(a, op, "addmm_impl_cpu_");
  Tensor out = emptyTensor({dense::sizeAt(a, 0), dense::sizeAt(b, 1)}, a.dtype());
  dense::gemmInto(out, a, b);
  return out;
}

void checkBmmShapes(const Tensor& a, const Tensor& b, std::string_view op) {
  WICK_CHECK(a.dim() == 3, op, ": batch1 must be a 3D tensor");
  WICK_CHECK(b.dim() == 3, op, ": batch2 must be a 3D tensor");
  int64_t bs = dense::sizeAt(a, 0), k = dense::sizeAt(a, 2);
  WICK_CHECK(dense::sizeAt(b, 0) == bs && dense::sizeAt(b, 1) == k, op,
             ": Expected size for first two dimensions of batch2 tensor to be: [", bs, ", ", k,
             "] but got: [", dense::sizeAt(b, 0), ", ", dense::sizeAt(b, 1), "].");
}

Tensor bmmImpl(const Tensor& a, const Tensor& b, std::string_view op) {
  checkBmmShapes(a, b, op);
  dense::checkSameDType(a, b, op);
  checkGemmDType(a, op, "bmm");
  Tensor out =
      emptyTensor({dense::sizeAt(a, 0), dense::sizeAt(a, 1), dense::sizeAt(b, 2)}, a.dtype());
  dense::batchedGemmInto(out, a, b);
  return out;
}

void checkMv(const Tensor& self, const Tensor& mat, const Tensor& vec, std::string_view op) {
  WICK_CHECK(mat.dim() == 2 && vec.dim() == 1 && self.dim() <= 1, op,
             ": vector + matrix @ vector expected, got ", self.dim(), ", ", mat.dim(), ", ",
             vec.dim());
  int64_t self_n = self.impl()->numel();
  WICK_CHECK(dense::sizeAt(mat, 1) == dense::sizeAt(vec, 0) &&
                 (dense::sizeAt(mat, 0) == self_n || self_n == 1),
             op, ": size mismatch, got ", self.dim() == 0 ? 1 : dense::sizeAt(self, 0), ", ",
             shapeX(mat.sizes()), ",", dense::sizeAt(vec, 0));
}

Tensor mvImpl(const Tensor& mat, const Tensor& vec, std::string_view op) {
  if (mat.dim() != 2 || vec.dim() != 1) {
    WICK_FAIL(op, ": vector + matrix @ vector expected, got 1, ", mat.dim(), ", ", vec.dim());
  }
  WICK_CHECK(dense::sizeAt(mat, 1) == dense::sizeAt(vec, 0), op, ": size mismatch, got ",
             dense::sizeAt(mat, 0), ", ", shapeX(mat.sizes()), ",", dense::sizeAt(vec, 0));
  dense::checkSameDType(mat, vec, op);
  checkGemmDType(mat, op, "addmv_impl_cpu");
  Tensor out = emptyTensor({dense::sizeAt(mat, 0)}, mat.dtype());
  dense::gemm(mat.dtype(), dense::sizeAt(mat, 0), 1, dense::sizeAt(mat, 1), 1, dense::matOf(mat),
              dense::MatRef{vec.data_ptr(), vec.strides()[0], 1}, 0, out.data_ptr(), 1);
  return out;
}

Tensor dotImpl(const Tensor& a, const Tensor& b, std::string_view op) {
  WICK_CHECK(a.dim() == 1 && b.dim() == 1, op, ": 1D tensors expected, but got ", a.dim(), "D and ",
             b.dim(), "D tensors");
  WICK_CHECK(a.dtype() == b.dtype(), op,
             ": dot : expected both vectors to have same dtype, but found ",
             dense::scalarTypeName(a.dtype()), " and ", dense::scalarTypeName(b.dtype()));
  WICK_CHECK(dense::sizeAt(a, 0) == dense::sizeAt(b, 0), op,
             ": inconsistent tensor size, expected tensor [", dense::sizeAt(a, 0), "] and src [",
             dense::sizeAt(b, 0), "] to have the same number of elements, but got ",
             dense::sizeAt(a, 0), " and ", dense::sizeAt(b, 0), " elements respectively");
  checkGemmDType(a, op, "dot");
  Tensor out = emptyTensor({}, a.dtype());
  // A 1 x n by n x 1 product: the float path runs the vectorised GEMV kernel.
  dense::gemm(a.dtype(), 1, 1, dense::sizeAt(a, 0), 1,
              dense::MatRef{a.data_ptr(), 0, a.strides()[0]},
              dense::MatRef{b.data_ptr(), b.strides()[0], 0}, 0, out.data_ptr(), 1);
  return out;
}

// out = beta * self (broadcast to out's shape, cast to out's dtype); nothing when beta == 0.
void initFromSelf(const Tensor& out, const Tensor& self, const Scalar& beta, std::string_view op) {
  checkExpandable(self.sizes(), out.sizes(), op);
  if (beta.toDouble() == 0 && !beta.isBoolean()) return;
  dense::copyInto(out, dense::expanded(self, out.sizes()));
}

}  // namespace linalg

namespace kernels {

using namespace linalg;

Tensor mm(const Tensor& self, const Tensor& mat2) { return mmImpl(self, mat2, "aten::mm"); }

Tensor bmm(const Tensor& self, const Tensor& mat2) { return bmmImpl(self, mat2, "aten::bmm"); }

Tensor mv(const Tensor& self, const Tensor& vec) { return mvImpl(self, vec, "aten::mv"); }

Tensor dot(const Tensor& self, const Tensor& tensor) { return dotImpl(self, tensor, "aten::dot"); }

Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta,
             const Scalar& alpha) {
  constexpr std::string_view op = "aten::addmm";
  checkMatrix(mat1, op, "mat1");
  checkMatrix(mat2, op, "mat2");
  WICK_CHECK(self.dtype() == mat2.dtype() && mat1.dtype() == mat2.dtype(), op,
             ": self and mat2 must have the same dtype");
  Tensor out = emptyTensor({dense::sizeAt(mat1, 0), dense::sizeAt(mat2, 1)}, mat1.dtype());
  initFromSelf(out, self, beta, op);
  WICK_CHECK(dense::sizeAt(mat1, 1) == dense::sizeAt(mat2, 0), op,
             ": mat1 and mat2 shapes cannot be multiplied (", shapeX(mat1.sizes()), " and ",
             shapeX(mat2.sizes()), ")");
  checkGemmDType(mat1, op, "addmm_impl_cpu_");
  dense::gemmInto(out, mat1, mat2, alpha, beta);
  return out;
}

Tensor addmv(const Tensor& self, const Tensor& mat, const Tensor& vec, const Scalar& beta,
             const Scalar& alpha) {
  constexpr std::string_view op = "aten::addmv";
  checkMv(self, mat, vec, op);
  dense::checkSameDType(mat, vec, op);
  dense::checkSameDType(mat, self, op);
  checkGemmDType(mat, op, "addmv_impl_cpu");
  Tensor out = emptyTensor({dense::sizeAt(mat, 0)}, mat.dtype());
  initFromSelf(out, self, beta, op);
  dense::gemm(mat.dtype(), dense::sizeAt(mat, 0), 1, dense::sizeAt(mat, 1), alpha,
              dense::matOf(mat), dense::MatRef{vec.data_ptr(), vec.strides()[0], 1}, beta,
              out.data_ptr(), 1);
  return out;
}

Tensor baddbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2, const Scalar& beta,
               const Scalar& alpha) {
  constexpr std::string_view op = "aten::baddbmm";
  checkBmmShapes(batch1, batch2, op);
  dense::checkSameDType(batch1, batch2, op);
  checkGemmDType(batch1, op, "baddbmm");
  Tensor out =
      emptyTensor({dense::sizeAt(batch1, 0), dense::sizeAt(batch1, 1), dense::sizeAt(batch2, 2)},
                  batch1.dtype());
  initFromSelf(out, self, beta, op);
  dense::batchedGemmInto(out, batch1, batch2, alpha, beta);
  return out;
}

Tensor addbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2, const Scalar& beta,
              const Scalar& alpha) {
  constexpr std::string_view op = "aten::addbmm";
  WICK_CHECK(batch1.dim() == 3, op, ": batch1 must be a 3D tensor");
  WICK_CHECK(batch2.dim() == 3, op, ": batch2 must be a 3D tensor");
  WICK_CHECK(dense::sizeAt(batch1, 0) == dense::sizeAt(batch2, 0), op,
             ": batch1 and batch2 must have same number of batches, got ", dense::sizeAt(batch1, 0),
             " and ", dense::sizeAt(batch2, 0));
  WICK_CHECK(dense::sizeAt(batch1, 2) == dense::sizeAt(batch2, 1), op,
             ": Incompatible matrix sizes for bmm (", dense::sizeAt(batch1, 1), "x",
             dense::sizeAt(batch1, 2), " and ", dense::sizeAt(batch2, 1), "x",
             dense::sizeAt(batch2, 2), ")");
  dense::checkSameDType(batch1, batch2, op);
  checkGemmDType(batch1, op, "addmm_impl_cpu_");
  Tensor out = emptyTensor({dense::sizeAt(batch1, 1), dense::sizeAt(batch2, 2)}, batch1.dtype());
  initFromSelf(out, self, beta, op);
  // The sum of the batch's products, accumulated into out one product at a time (beta
  // applies to the first only). An empty batch leaves beta * self (gemm with k == 0).
  int64_t nb = dense::sizeAt(batch1, 0);
  if (nb == 0) {
    dense::gemm(out.dtype(), dense::sizeAt(out, 0), dense::sizeAt(out, 1), 0, alpha, {}, {}, beta,
                out.data_ptr(), std::max<int64_t>(dense::sizeAt(out, 1), 1));
  }
  for (int64_t i = 0; i < nb; ++i) {
    dense::gemmInto(out, dense::selected(batch1, 0, i), dense::selected(batch2, 0, i), alpha,
                    i == 0 ? beta : Scalar(1));
  }
  return out;
}

Tensor outer(const Tensor& self, const Tensor& vec2) {
  constexpr std::string_view op = "aten::outer";
  WICK_CHECK(self.dim() == 1, op, ": outer: Expected 1-D argument self, but got ", self.dim(),
             "-D");
  WICK_CHECK(vec2.dim() == 1, op, ": outer: Expected 1-D argument vec2, but got ", vec2.dim(),
             "-D");
  DType dt = promoteTypes(self.dtype(), vec2.dtype());
  Tensor a = dense::contiguousAs(self, dt), b = dense::contiguousAs(vec2, dt);
  int64_t m = dense::sizeAt(a, 0), n = dense::sizeAt(b, 0);
  Tensor out = emptyTensor({m, n}, dt);
  dense::visitDType(dt, [&](auto tag) {
    using T = typename decltype(tag)::type;
    using C = dense::compute_t<T>;
    const T* ap = static_cast<const T*>(a.data_ptr());
    const T* bp = static_cast<const T*>(b.data_ptr());
    T* o = static_cast<T*>(out.data_ptr());
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        if constexpr (std::is_same_v<T, bool>) {
          o[i * n + j] = ap[i] && bp[j];
        } else if constexpr (std::is_integral_v<T>) {
          o[i * n + j] = static_cast<T>(static_cast<uint64_t>(static_cast<int64_t>(ap[i])) *
                                        static_cast<uint64_t>(static_cast<int64_t>(bp[j])));
        } else {
          o[i * n + j] = T(C(ap[i]) * C(bp[j]));
        }
      }
    }
  });
  return out;
}

}  // namespace kernels

}  // namespace wick
