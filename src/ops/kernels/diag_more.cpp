// Diagonal ops: diag, diag_embed, diagflat, trace, fill_diagonal_, and the in-place triangles
// tril_ and triu_.
#include <algorithm>

#include "ops/kernels/iter.h"
#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// A zero-filled square matrix with the 1-d tensor v on its k-th diagonal.
Tensor diagFromVector(const char* op, const Tensor& v, int64_t k) {
  int64_t n = v.impl()->sizes()[0] + (k < 0 ? -k : k);
  Tensor out = emptyTensor(DimVector{n, n}, v.dtype());
  fillTensor(out, Scalar(int64_t{0}));
  iter::copyInto(op, diagonal(out, k, 0, 1), v);
  return out;
}

// The accumulation PyTorch's trace uses: double for floating types, int64 for integers.
template <class T>
using TraceAcc = std::conditional_t<std::is_integral_v<T>, int64_t, double>;

// Whether PyTorch zeroes the other triangle of self where it lies: a contiguous self, any self
// of at most 3 dims, or batch dims laid out as a contiguous batch of matrices (a leading
// size-1 or stride-0 dim allowed). Otherwise it works on a contiguous copy.
bool trianglesInPlace(const Tensor& self) {
  const TensorImpl* t = self.impl();
  if (t->isContiguous() || t->dim() <= 3) return true;
  IntArrayRef sizes = t->sizes(), strides = t->strides();
  int64_t nd = t->dim();
  int64_t expected = sizes[nd - 1] * sizes[nd - 2];
  for (int64_t i = nd - 3; i >= 0; --i) {
    if (i == 0 && (strides[0] == 0 || sizes[0] == 1)) continue;
    if (strides[i] != expected) return false;
    expected *= sizes[i];
  }
  return true;
}

Tensor triangleInPlace(const char* op, const Tensor& self, int64_t k, bool lower) {
  wrapDim(-2, self.dim(), op);
  if (self.impl()->numel() == 0) return self;
  if (trianglesInPlace(self)) {
    // Only zeros are written, row by row, so elements shared by several rows (stride 0)
    // end up zero if any of those rows clears them, as in PyTorch.
    int64_t rows = self.impl()->sizes()[static_cast<size_t>(self.dim() - 2)];
    int64_t cols = self.impl()->sizes()[static_cast<size_t>(self.dim() - 1)];
    for (int64_t i = 0; i < rows; ++i) {
      int64_t begin = lower ? std::clamp(i + k + 1, int64_t{0}, cols) : 0;
      int64_t end = lower ? cols : std::clamp(i + k, int64_t{0}, cols);
      if (begin >= end) continue;
      fillTensor(narrow(select_int(self, -2, i), -1, begin, end - begin), Scalar(int64_t{0}));
    }
  } else {
    // A contiguous copy gets the triangle and is written back in row-major order, so a self
    // with overlapping elements ends up with the last value written to each.
    Tensor result = lower ? tril(self, k) : triu(self, k);
    copyStrided(self, result);
  }
  iter::bumpVersion(self);
  return self;
}

}  // namespace

Tensor diag(const Tensor& self, int64_t diagonal_) {
  const char* op = "aten::diag";
  WICK_CHECK(self.dim() == 1 || self.dim() == 2, op, ": matrix or a vector expected");
  if (self.dim() == 1) return diagFromVector(op, self, diagonal_);
  int64_t rows = self.impl()->sizes()[0], cols = self.impl()->sizes()[1];
  int64_t len =
      diagonal_ >= 0 ? std::min(rows, cols - diagonal_) : std::min(rows + diagonal_, cols);
  // PyTorch sizes the result before checking the offset, so an offset past the matrix fails
  // in the allocation.
  WICK_CHECK(len >= 0, op, ": numel: integer multiplication overflow");
  return contiguousCopy(diagonal(self, diagonal_, 0, 1));
}

Tensor diag_embed(const Tensor& self, int64_t offset, int64_t dim1, int64_t dim2) {
  const char* op = "aten::diag_embed";
  int64_t nd = self.dim() + 1;
  int64_t d1 = wrapDim(dim1, nd, op), d2 = wrapDim(dim2, nd, op);
  WICK_CHECK(d1 != d2, op, ": diagonal dimensions cannot be identical ", dim1, ", ", dim2);
  int64_t last = self.dim() == 0 ? 1 : self.impl()->sizes()[self.dim() - 1];
  int64_t n = (offset < 0 ? -offset : offset) + last;
  DimVector sizes(self.impl()->sizes());
  if (!sizes.empty()) sizes.pop_back();
  sizes.insert(static_cast<size_t>(std::min(d1, d2)), n);
  sizes.insert(static_cast<size_t>(std::max(d1, d2)), n);
  Tensor out = emptyTensor(sizes, self.dtype());
  fillTensor(out, Scalar(int64_t{0}));
  iter::copyInto(op, diagonal(out, offset, d1, d2), self);
  return out;
}

Tensor diagflat(const Tensor& self, int64_t offset) {
  Tensor flat = reshape(contiguousOrSelf(self), DimVector{-1});
  return diagFromVector("aten::diagflat", flat, offset);
}

Tensor trace(const Tensor& self) {
  const char* op = "aten::trace";
  DType dt = self.dtype();
  WICK_CHECK(dt != kHalf && dt != kBFloat16 && dt != kBool, op, ": \"trace\" not implemented for '",
             scalarTypeName(dt), "'");
  WICK_CHECK(self.dim() == 2, op, ": trace: expected a matrix, but got tensor with dim ",
             self.dim());
  DType out_dt = isIntegralType(dt, false) ? kLong : dt;
  Tensor out = emptyTensor(DimVector{}, out_dt);
  int64_t n = std::min(self.impl()->sizes()[0], self.impl()->sizes()[1]);
  int64_t step = self.strides()[0] + self.strides()[1];
  WICK_DISPATCH_NUMERIC(dt, op, {
    const auto* p = static_cast<const scalar_t*>(self.data_ptr());
    TraceAcc<scalar_t> sum = 0;
    for (int64_t i = 0; i < n; ++i) sum += static_cast<TraceAcc<scalar_t>>(p[i * step]);
    fillTensor(out, Scalar(sum));
  });
  return out;
}

Tensor tril_(const Tensor& self, int64_t diagonal_) {
  return triangleInPlace("aten::tril_", self, diagonal_, true);
}

Tensor triu_(const Tensor& self, int64_t diagonal_) {
  return triangleInPlace("aten::triu_", self, diagonal_, false);
}

Tensor fill_diagonal_(const Tensor& self, const Scalar& fill_value, bool wrap) {
  const char* op = "aten::fill_diagonal_";
  int64_t nd = self.dim();
  WICK_CHECK(nd >= 2, op, ": dimensions must larger than 1");
  IntArrayRef sizes = self.impl()->sizes();
  int64_t height = sizes[0], width = sizes[1];
  if (nd > 2) {
    for (int64_t i = 1; i < nd; ++i)
      WICK_CHECK(sizes[i] == height, op, ": all dimensions of input must be of equal length");
  }
  // The main diagonal steps by the sum of all strides.
  int64_t stride = 0;
  for (int64_t s : self.strides()) stride += s;
  int64_t len = std::min(height, width);
  fillTensorChecked(op, makeView(self, DimVector{len}, DimVector{stride}, self.storage_offset()),
                    fill_value);
  if (wrap && nd == 2 && height > width + 1) {
    // Tall matrices restart the diagonal every width + 1 rows, as numpy does.
    int64_t step = width + 1;
    int64_t wrap_len = (self.impl()->numel() + step - 1) / step - len;
    int64_t offset = self.storage_offset() + self.strides()[0] * (width + 1);
    fillTensorChecked(op, makeView(self, DimVector{wrap_len}, DimVector{stride}, offset),
                      fill_value);
  }
  iter::bumpVersion(self);
  return self;
}

}  // namespace wick::kernels
