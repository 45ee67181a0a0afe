// Square-matrix linear algebra on an LU factorisation with partial pivoting, computed as
// PyTorch 1.13 computes it on the CPU through LAPACK (getrf, getrs): det, slogdet, logdet,
// inverse, solve and matrix powers. Values match PyTorch's up to rounding; shapes, strides,
// pivots, infos and messages match exactly, and so do the inf/nan results of singular inputs
// whose elimination is exact (rank-deficient matrices whose last pivot is rounding noise
// cannot be matched bit for bit: see getrf).
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "ops/kernels/error_naming.h"
#include "ops/kernels/shape_util.h"
#include "wick/core/tensor_impl.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// Note [LU of the transpose]
// PyTorch factors A^T rather than A when A is contiguous: the row-major storage of A is then
// the column-major storage LAPACK wants, and det(A^T) = det(A). So _linalg_det and
// _linalg_slogdet return the LU factors and pivots of A^T for a contiguous A, and solve (and
// the inverse, a solve against the identity) runs getrs with trans='T' on them. Singular inputs
// give inf/nan patterns that depend on the matrix factored and on the order of getrs' loops,
// so wick makes the same choice and follows the reference BLAS loops (below).

// ---- checks, with PyTorch's messages after "<op>: " ----

void checkMatrix(const char* op, const char* fn, const Tensor& t, const char* arg) {
  WICK_CHECK(t.dim() >= 2, op, ": ", fn, ": The input tensor ", arg,
             " must have at least 2 dimensions.");
}

// squareCheckInputs.
void checkSquare(const char* op, const char* fn, const Tensor& A) {
  checkMatrix(op, fn, A, "A");
  IntArrayRef s = A.impl()->sizes();
  WICK_CHECK(s[s.size() - 2] == s.back(), op, ": ", fn,
             ": A must be batches of square matrices, but they are ", s[s.size() - 2], " by ",
             s.back(), " matrices");
}

// checkFloatingOrComplex.
void checkFloating(const char* op, const char* fn, const Tensor& A, bool allow_low_precision) {
  DType t = A.dtype();
  WICK_CHECK(isFloatingType(t), op, ": ", fn,
             ": Expected a floating point or complex tensor as input. Got ", graphName(t));
  WICK_CHECK(allow_low_precision || t == kFloat || t == kDouble, op, ": ", fn,
             ": Low precision dtypes not supported. Got ", graphName(t));
}

// _linalg_check_errors for the infos of getrf: raises for the first singular matrix.
void checkInfos(const char* op, const char* api, const Tensor& info, bool is_matrix,
                bool inversion) {
  const auto* p = static_cast<const int32_t*>(info.data_ptr());
  for (int64_t b = 0; b < info.impl()->numel(); ++b) {
    if (p[b] == 0) continue;
    std::string batch = is_matrix ? "" : ": (Batch element " + std::to_string(b) + ")";
    if (inversion) {
      WICK_FAIL(op, ": ", api, batch, ": The diagonal element ", p[b],
                " is zero, the inversion could not be completed because the input matrix is "
                "singular.");
    }
    WICK_FAIL(op, ": ", api, batch, ": The solver failed because the input matrix is singular.");
  }
}

// ---- geometry ----

// PyTorch's batched_matrix_contiguous_strides: a C-contiguous batch of C-contiguous matrices,
// or of F-contiguous (column-major) ones.
DimVector batchedMatrixStrides(IntArrayRef sizes, bool column_major) {
  DimVector strides = contiguousStrides(sizes);
  size_t d = sizes.size();
  if (column_major && d >= 2) {
    strides[d - 1] = std::max<int64_t>(sizes[d - 2], 1);
    strides[d - 2] = 1;
  }
  return strides;
}

DimVector dropLast(IntArrayRef sizes, size_t k) {
  return DimVector(sizes.slice(0, sizes.size() - k));
}

int64_t product(IntArrayRef sizes) {
  int64_t p = 1;
  for (int64_t s : sizes) p *= s;
  return p;
}

// For each element of the broadcast batch `batch` (row-major), the row-major index of the
// element of a batch of shape `own` that broadcasts to it.
std::vector<int64_t> broadcastIndex(IntArrayRef own, IntArrayRef batch) {
  int64_t count = product(batch);
  std::vector<int64_t> index(static_cast<size_t>(count));
  size_t pad = batch.size() - own.size();
  for (int64_t i = 0; i < count; ++i) {
    int64_t rest = i, at = 0, scale = 1;
    for (size_t d = batch.size(); d-- > pad;) {
      int64_t coord = rest % batch[d];
      rest /= batch[d];
      if (own[d - pad] != 1) at += coord * scale;
      scale *= own[d - pad];
    }
    index[static_cast<size_t>(i)] = at;
  }
  return index;
}

// Runs f(T{}) with T the element type; the LU kernels exist for float and double only.
template <class F>
void dispatchLu(DType t, F&& f) {
  if (t == kFloat) {
    f(float{});
  } else {
    WICK_INTERNAL_ASSERT(t == kDouble, "LU kernel called for ", t);
    f(double{});
  }
}

// ---- LAPACK's loops on one column-major n x n matrix ----

// getrf: LU with partial pivoting in place; piv gets 1-based row interchanges. Returns the
// info: 0, or the 1-based index of the first zero pivot (the factorisation goes on past it).
// Left-looking: each column is first updated with all the previous ones, each entry as a - s
// with s = sum l_ik u_kj accumulated by fused multiply-adds. Only rounding differs from the
// textbook right-looking order, but for rank-deficient matrices rounding decides whether a
// pivot comes out as an exact zero or as noise. Against PyTorch 1.13's LAPACK (MKL) on 400
// random rank-deficient integer matrices, this order left about 35 whose pivots, infos or
// inf/nan results differ, the right-looking order 98.
template <class T>
int32_t getrf(T* a, int64_t n, int32_t* piv) {
  auto at = [a, n](int64_t i, int64_t j) -> T& { return a[i + j * n]; };
  const T sfmin = std::numeric_limits<T>::min();
  int32_t info = 0;
  for (int64_t j = 0; j < n; ++j) {
    for (int64_t i = 0; i < n; ++i) {
      T s = 0;
      for (int64_t k = 0; k < std::min(i, j); ++k) s = std::fma(at(i, k), at(k, j), s);
      at(i, j) -= s;
    }
    // idamax: the first entry of largest magnitude.
    int64_t p = j;
    for (int64_t i = j + 1; i < n; ++i) {
      if (std::abs(at(i, j)) > std::abs(at(p, j))) p = i;
    }
    piv[j] = static_cast<int32_t>(p + 1);
    if (at(p, j) == T(0)) {
      if (info == 0) info = static_cast<int32_t>(j + 1);
      continue;
    }
    if (p != j) {
      for (int64_t k = 0; k < n; ++k) std::swap(at(j, k), at(p, k));
    }
    if (std::abs(at(j, j)) >= sfmin) {
      T r = T(1) / at(j, j);
      for (int64_t i = j + 1; i < n; ++i) at(i, j) *= r;
    } else {
      for (int64_t i = j + 1; i < n; ++i) at(i, j) /= at(j, j);
    }
  }
  return info;
}

// getrs for one right-hand side x of length n: solves M x = b, or M^T x = b when trans, for
// the factors of M. The triangular solves follow the reference trsm loops (column sweeps for
// 'N', dot products for 'T'); with them singular inputs give PyTorch's inf/nan patterns.
template <class T>
void getrs(const T* lu, const int32_t* piv, int64_t n, T* x, bool trans) {
  auto at = [lu, n](int64_t i, int64_t j) { return lu[i + j * n]; };
  if (!trans) {
    for (int64_t j = 0; j < n; ++j) std::swap(x[j], x[piv[j] - 1]);
    for (int64_t k = 0; k < n; ++k) {
      if (x[k] == T(0)) continue;
      for (int64_t i = k + 1; i < n; ++i) x[i] -= x[k] * at(i, k);
    }
    // Unlike the reference trsm, no zero is skipped here: PyTorch's LAPACK divides 0 by a zero
    // pivot, so singular inputs give nan, not 0.
    for (int64_t k = n; k-- > 0;) {
      x[k] /= at(k, k);
      for (int64_t i = 0; i < k; ++i) x[i] -= x[k] * at(i, k);
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    T t = x[i];
    for (int64_t k = 0; k < i; ++k) t -= at(k, i) * x[k];
    x[i] = t / at(i, i);
  }
  for (int64_t i = n; i-- > 0;) {
    T t = x[i];
    for (int64_t k = i + 1; k < n; ++k) t -= at(k, i) * x[k];
    x[i] = t;
  }
  for (int64_t j = n; j-- > 0;) std::swap(x[j], x[piv[j] - 1]);
}

// ---- batches ----

struct LuFactors {
  Tensor lu;                  // (*, n, n), each matrix column-major, as getrf leaves it
  Tensor pivots;              // (*, n) int32
  Tensor info;                // (*) int32
  bool of_transpose = false;  // the factors are those of A^T (Note [LU of the transpose])
  int64_t n = 0;
};

// linalg_lu_factor_ex as _linalg_det, _linalg_slogdet and _linalg_solve_ex call it.
LuFactors luFactor(const char* op, const Tensor& A) {
  IntArrayRef sizes = A.impl()->sizes();
  LuFactors f;
  f.n = sizes.back();
  f.of_transpose = A.is_contiguous();
  f.lu = emptyWithStrides(sizes, batchedMatrixStrides(sizes, true), A.dtype());
  f.pivots = emptyTensor(dropLast(sizes, 1), kInt);
  f.info = emptyTensor(dropLast(sizes, 2), kInt);
  fillTensor(f.info, Scalar(int64_t{0}));
  if (A.impl()->numel() == 0) return f;  // PyTorch returns before the LAPACK kernel
  WICK_CHECK(A.dtype() == kFloat || A.dtype() == kDouble, op, ": \"lu_cpu\" not implemented for '",
             graphName(A.dtype()), "'");
  copyStrided(f.lu, f.of_transpose ? transpose_int(A, -2, -1) : A);
  int64_t n = f.n, count = f.info.impl()->numel();
  auto* piv = static_cast<int32_t*>(f.pivots.data_ptr());
  auto* info = static_cast<int32_t*>(f.info.data_ptr());
  dispatchLu(A.dtype(), [&](auto tag) {
    using T = decltype(tag);
    auto* lu = static_cast<T*>(f.lu.data_ptr());
    for (int64_t b = 0; b < count; ++b) info[b] = getrf(lu + b * n * n, n, piv + b * n);
  });
  return f;
}

// Solves in place the right-hand sides in w, a contiguous (count, k, n) tensor: block b holds
// k right-hand sides of length n for the factors a_index[b]; trans solves with M^T.
void luSolveInPlace(const LuFactors& f, const Tensor& w, const std::vector<int64_t>& a_index,
                    int64_t k, bool trans) {
  int64_t n = f.n;
  const auto* piv = static_cast<const int32_t*>(f.pivots.data_ptr());
  dispatchLu(w.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const auto* lu = static_cast<const T*>(f.lu.data_ptr());
    auto* x = static_cast<T*>(w.data_ptr());
    for (size_t b = 0; b < a_index.size(); ++b) {
      int64_t a = a_index[b];
      for (int64_t c = 0; c < k; ++c) {
        getrs(lu + a * n * n, piv + a * n, n, x + (static_cast<int64_t>(b) * k + c) * n, trans);
      }
    }
  });
}

// _linalg_det: det = sign of the permutation * product of U's diagonal.
Tensor3 detImpl(const char* op, const Tensor& A) {
  checkSquare(op, "linalg.det", A);
  checkFloating(op, "linalg.det", A, true);
  LuFactors f = luFactor(op, A);
  Tensor det = emptyTensor(f.info.impl()->sizes(), A.dtype());
  if (A.impl()->numel() == 0) {
    fillTensor(det, Scalar(int64_t{1}));  // the empty product
    return {det, f.lu, f.pivots};
  }
  int64_t n = f.n, count = det.impl()->numel();
  const auto* piv = static_cast<const int32_t*>(f.pivots.data_ptr());
  dispatchLu(A.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const auto* lu = static_cast<const T*>(f.lu.data_ptr());
    auto* out = static_cast<T*>(det.data_ptr());
    for (int64_t b = 0; b < count; ++b) {
      T prod = 1;
      int64_t swaps = 0;
      for (int64_t i = 0; i < n; ++i) {
        prod *= lu[b * n * n + i * (n + 1)];
        swaps += piv[b * n + i] != i + 1;
      }
      out[b] = (swaps % 2 ? T(-1) : T(1)) * prod;
    }
  });
  return {det, f.lu, f.pivots};
}

// _linalg_slogdet: sign = sign(P) * prod(sgn(diag(U))), logabsdet = sum(log|diag(U)|).
Tensor4 slogdetImpl(const char* op, const char* fn, const Tensor& A) {
  checkSquare(op, fn, A);
  checkFloating(op, fn, A, false);
  LuFactors f = luFactor(op, A);
  Tensor sign = emptyTensor(f.info.impl()->sizes(), A.dtype());
  Tensor logabsdet = emptyTensor(f.info.impl()->sizes(), A.dtype());
  int64_t n = f.n, count = sign.impl()->numel();
  const auto* piv = static_cast<const int32_t*>(f.pivots.data_ptr());
  dispatchLu(A.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const auto* lu = static_cast<const T*>(f.lu.data_ptr());
    auto* s = static_cast<T*>(sign.data_ptr());
    auto* l = static_cast<T*>(logabsdet.data_ptr());
    for (int64_t b = 0; b < count; ++b) {
      T sgn = 1, sum = 0;
      int64_t swaps = 0;
      for (int64_t i = 0; i < n; ++i) {
        T d = lu[b * n * n + i * (n + 1)];
        sgn *= static_cast<T>((T(0) < d) - (d < T(0)));
        sum += std::log(std::abs(d));
        swaps += piv[b * n + i] != i + 1;
      }
      s[b] = sgn * (swaps % 2 ? T(-1) : T(1));
      l[b] = sum;
    }
  });
  return {sign, logabsdet, f.lu, f.pivots};
}

// linalg_inv_ex: a solve against the identity. Returns (inverse, info).
Tensor2 invImpl(const char* op, const Tensor& A) {
  checkSquare(op, "linalg.inv", A);
  checkFloating(op, "linalg.inv", A, false);
  IntArrayRef sizes = A.impl()->sizes();
  Tensor result = emptyWithStrides(sizes, batchedMatrixStrides(sizes, true), A.dtype());
  LuFactors f = luFactor(op, A);
  if (A.impl()->numel() == 0) return {result, f.info};
  int64_t n = f.n, count = f.info.impl()->numel();
  Tensor w = emptyTensor(sizes, A.dtype());
  fillTensor(w, Scalar(int64_t{0}));
  fillTensor(diagonal(w, 0, -2, -1), Scalar(int64_t{1}));
  std::vector<int64_t> index(static_cast<size_t>(count));
  for (int64_t b = 0; b < count; ++b) index[static_cast<size_t>(b)] = b;
  // Row c of w is the c-th column of the identity; solving leaves the c-th column of A^-1.
  luSolveInPlace(f, w, index, n, /*trans=*/f.of_transpose);
  copyStrided(result, transpose_int(w, -2, -1));
  return {result, f.info};
}

Tensor invChecked(const char* op, const Tensor& A) {
  auto [result, info] = invImpl(op, A);
  checkInfos(op, "linalg.inv", info, A.dim() == 2, /*inversion=*/true);
  return result;
}

// linalg_solve_is_vector_rhs: B is a (batch of) vector(s) rather than matrices.
bool isVectorRhs(const Tensor& A, const Tensor& B) {
  if (B.dim() == 1) return true;
  if (A.dim() - 1 != B.dim()) return false;
  IntArrayRef a = A.impl()->sizes(), b = B.impl()->sizes();
  return std::equal(b.begin(), b.end(), a.begin());
}

// _linalg_solve_ex followed by the singular check of linalg_solve.
Tensor solveImpl(const char* op, const Tensor& A, const Tensor& B, bool left) {
  const char* fn = "linalg.solve";
  checkFloating(op, fn, A, true);
  WICK_CHECK(A.dtype() == B.dtype(), op, ": ", fn,
             ": Expected A and B to have the same dtype, but found A of type ",
             graphName(A.dtype()), " and B of type ", graphName(B.dtype()), " instead");
  bool vector_case = isVectorRhs(A, B);
  Tensor B_ = vector_case ? unsqueeze(B, -1) : B;
  checkSquare(op, fn, A);
  checkMatrix(op, fn, B_, "B");
  IntArrayRef as = A.impl()->sizes(), bs = B_.impl()->sizes();
  int64_t n = as.back(), rows = bs[bs.size() - 2], cols = bs.back();
  WICK_CHECK(left ? n == rows : n == cols, op, ": ", fn,
             ": Incompatible shapes of A and B for the equation ", left ? "AX = B" : "XA = B", " (",
             n, "x", n, " and ", rows, "x", cols, ")");
  DimVector batch = broadcastShapes(op, dropLast(bs, 2), dropLast(as, 2));
  WICK_CHECK(left || !vector_case, op, ": ", fn,
             ": Vector broadcasting of the left hand side is not supported for left=False. In "
             "this case linalg.solve is equivalent to B / A.squeeze(-1)");
  DimVector rhs_shape = batch;
  rhs_shape.push_back(rows);
  rhs_shape.push_back(cols);
  DimVector result_shape = vector_case ? dropLast(rhs_shape, 1) : rhs_shape;
  Tensor result =
      emptyWithStrides(result_shape, batchedMatrixStrides(result_shape, left), B.dtype());
  LuFactors f = luFactor(op, A);
  if (result.impl()->numel() > 0) {
    // w holds the right-hand sides as rows: B^T when solving AX = B, B itself for XA = B
    // (which is A^T X^T = B^T).
    int64_t k = left ? cols : rows;
    DimVector w_shape = batch;
    w_shape.push_back(k);
    w_shape.push_back(n);
    Tensor w = emptyTensor(w_shape, A.dtype());
    Tensor w_as_b = left ? transpose_int(w, -2, -1) : w;
    copyStrided(w_as_b, expand(B_, rhs_shape, false));
    luSolveInPlace(f, w, broadcastIndex(dropLast(as, 2), batch), k,
                   /*trans=*/left == f.of_transpose);
    copyStrided(result, vector_case ? select_int(w_as_b, -1, 0) : w_as_b);
  }
  checkInfos(op, "torch.linalg.solve", f.info, A.dim() == 2, /*inversion=*/false);
  return result;
}

// linalg_matrix_power_impl: the identity, a copy, the inverse, or products of powers by
// squaring, multiplied in PyTorch's order (so integer matrices overflow as they do there).
Tensor matrixPower(const char* op, const Tensor& self, int64_t n) {
  checkSquare(op, "linalg.matrix_power", self);
  if (n == 0) {
    Tensor out = emptyTensor(self.impl()->sizes(), self.dtype());
    fillTensor(out, Scalar(int64_t{0}));
    fillTensor(diagonal(out, 0, -2, -1), Scalar(int64_t{1}));
    return out;
  }
  if (n == 1) return clone(self, MemoryFormat::Contiguous);
  if (n == -1) return invChecked(op, self);
  Tensor a = n < 0 ? invChecked(op, self) : self;
  // PyTorch 1.13 has no float16 matrix multiply on the CPU.
  WICK_CHECK(a.dtype() != kHalf || a.impl()->numel() == 0, op, ": \"",
             a.dim() == 2 ? "addmm_impl_cpu_" : "bmm", "\" not implemented for 'Half'");
  uint64_t m = n < 0 ? uint64_t{0} - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  return namingErrors(op, [&] {
    if (m == 2) return matmul(a, a);
    if (m == 3) return matmul(matmul(a, a), a);
    Tensor z, result;
    while (m > 0) {
      bool bit = m % 2 == 1;
      m /= 2;
      z = z.defined() ? matmul(z, z) : a;
      if (bit) result = result.defined() ? matmul(result, z) : z;
    }
    return result;
  });
}

}  // namespace

Tensor3 _linalg_det(const Tensor& A) { return detImpl("aten::_linalg_det", A); }

Tensor linalg_det(const Tensor& A) { return std::get<0>(detImpl("aten::linalg_det", A)); }

Tensor det(const Tensor& self) { return std::get<0>(detImpl("aten::det", self)); }

Tensor4 _linalg_slogdet(const Tensor& A) {
  return slogdetImpl("aten::_linalg_slogdet", "linalg.slogdet", A);
}

Tensor2 linalg_slogdet(const Tensor& A) {
  auto [sign, logabsdet, lu, pivots] = slogdetImpl("aten::linalg_slogdet", "linalg.slogdet", A);
  return {sign, logabsdet};
}

Tensor2 slogdet(const Tensor& self) {
  auto [sign, logabsdet, lu, pivots] = slogdetImpl("aten::slogdet", "linalg.slogdet", self);
  return {sign, logabsdet};
}

Tensor logdet(const Tensor& self) {
  // PyTorch checks the input under the name logdet, then calls linalg_slogdet.
  Tensor4 factors = slogdetImpl("aten::logdet", "logdet", self);
  const Tensor& sign = std::get<0>(factors);
  const Tensor& logabsdet = std::get<1>(factors);
  // where(sign == -1, nan, logabsdet): a negative determinant has no real logarithm.
  dispatchLu(self.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const auto* s = static_cast<const T*>(sign.data_ptr());
    auto* l = static_cast<T*>(logabsdet.data_ptr());
    for (int64_t b = 0; b < sign.impl()->numel(); ++b) {
      if (s[b] == T(-1)) l[b] = std::numeric_limits<T>::quiet_NaN();
    }
  });
  return logabsdet;
}

Tensor2 linalg_inv_ex(const Tensor& A, bool check_errors) {
  const char* op = "aten::linalg_inv_ex";
  Tensor2 out = invImpl(op, A);
  if (check_errors) {
    checkInfos(op, "linalg.inv_ex", std::get<1>(out), A.dim() == 2, /*inversion=*/true);
  }
  return out;
}

Tensor linalg_inv(const Tensor& A) { return invChecked("aten::linalg_inv", A); }

Tensor inverse(const Tensor& self) { return invChecked("aten::inverse", self); }

Tensor linalg_solve(const Tensor& A, const Tensor& B, bool left) {
  return solveImpl("aten::linalg_solve", A, B, left);
}

Tensor matrix_power(const Tensor& self, int64_t n) {
  return matrixPower("aten::matrix_power", self, n);
}

Tensor linalg_matrix_power(const Tensor& self, int64_t n) {
  return matrixPower("aten::linalg_matrix_power", self, n);
}

}  // namespace wick::kernels
