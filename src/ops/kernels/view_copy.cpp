// Kernels that rearrange elements into a new tensor: roll, repeat, flip, tril and triu. Each
// is a copy through a cleverly strided view of the input or of the output.
#include <algorithm>

#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// One dimension of roll: the first n - s elements move to [s, n), the rest to [0, s).
void rollDim(const Tensor& out, const Tensor& in, int64_t d, int64_t shift) {
  int64_t n = in.impl()->sizes()[d];
  int64_t s = n == 0 ? 0 : ((shift % n) + n) % n;
  if (s == 0) {
    copyStrided(out, in);
    return;
  }
  copyStrided(narrow(out, d, s, n - s), narrow(in, d, 0, n - s));
  copyStrided(narrow(out, d, 0, s), narrow(in, d, n - s, s));
}

}  // namespace

Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims) {
  const char* op = "aten::roll";
  WICK_CHECK(!shifts.empty(), op, ": `shifts` required");
  if (dims.empty() && shifts.size() == 1) {
    // No dims: roll the flattened tensor and restore the shape.
    Tensor flat = reshape(self, DimVector(1, -1));
    Tensor out = emptyTensor(flat.impl()->sizes(), self.dtype());
    rollDim(out, flat, 0, shifts[0]);
    return view(out, self.impl()->sizes());
  }
  WICK_CHECK(shifts.size() == dims.size(), op,
             ": shifts and dimensions must align. shifts: ", shifts.size(), ", dims:", dims.size());
  WICK_CHECK_INDEX(self.dim() > 0, op, ": dimension specified as ", dims[0],
                   " but tensor has no dimensions");
  Tensor cur = self;
  for (size_t i = 0; i < dims.size(); ++i) {
    int64_t d = wrapDim(dims[i], self.dim(), op);
    Tensor out = emptyTensor(self.impl()->sizes(), self.dtype());
    rollDim(out, cur, d, shifts[i]);
    cur = out;
  }
  if (cur.is_same(self)) return contiguousCopy(self);
  return cur;
}

Tensor repeat(const Tensor& self, IntArrayRef repeats) {
  const char* op = "aten::repeat";
  auto nd = static_cast<int64_t>(repeats.size());
  WICK_CHECK(nd >= self.dim(), op,
             ": Number of dimensions of repeat dims can not be smaller "
             "than number of dimensions of tensor");
  // The input padded with leading 1s, and the result's sizes.
  int64_t lead = nd - self.dim();
  DimVector padded(static_cast<size_t>(lead), 1), shape(static_cast<size_t>(nd));
  for (int64_t s : self.impl()->sizes()) padded.push_back(s);
  for (int64_t d = 0; d < nd; ++d) shape[d] = padded[d] * repeats[d];
  checkFactorySizes(op, shape);
  Tensor out = emptyTensor(shape, self.dtype());
  if (out.impl()->numel() == 0) return out;
  // View the output as [r0, s0, r1, s1, ...] and copy the input broadcast along each r_i.
  DimVector out_sizes, out_strides, in_sizes, in_strides;
  DimVector contiguous = contiguousStrides(shape);
  Tensor in = reshape(self, padded);
  for (int64_t d = 0; d < nd; ++d) {
    out_sizes.push_back(repeats[d]);
    out_strides.push_back(contiguous[d] * padded[d]);
    out_sizes.push_back(padded[d]);
    out_strides.push_back(contiguous[d]);
    in_strides.push_back(0);
    in_strides.push_back(in.strides()[d]);
  }
  Tensor dst = makeView(out, out_sizes, out_strides, 0);
  Tensor src =
      makeTensor(in.impl()->storagePtr(), in.dtype(), out_sizes, in_strides, in.storage_offset());
  copyStrided(dst, src);
  return out;
}

Tensor flip(const Tensor& self, IntArrayRef dims) {
  const char* op = "aten::flip";
  std::vector<bool> flipped(static_cast<size_t>(std::max<int64_t>(self.dim(), 1)), false);
  for (int64_t d : dims) {
    int64_t w = wrapDim(d, self.dim(), op);
    WICK_CHECK(!flipped[w], op, ": dim ", w, " appears multiple times in the list of dims");
    flipped[w] = true;
  }
  Tensor out =
      emptyWithStrides(self.impl()->sizes(), likeStrides(self, std::nullopt), self.dtype());
  if (out.impl()->numel() == 0) return out;
  // Read the input through a view that walks flipped dimensions backwards.
  DimVector strides(self.strides());
  int64_t offset = self.storage_offset();
  for (int64_t d = 0; d < self.dim(); ++d) {
    if (!flipped[d]) continue;
    offset += (self.impl()->sizes()[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  Tensor src =
      makeTensor(self.impl()->storagePtr(), self.dtype(), self.impl()->sizes(), strides, offset);
  copyConverting(out, src);  // (same dtype; bools are written as 0 or 1, as PyTorch's flip)
  return out;
}

namespace {

// Zeroes the elements of each matrix of `out` (contiguous) above (lower=true) or below the
// k-th diagonal.
void zeroTriangle(const Tensor& out, int64_t k, bool lower) {
  int64_t rows = out.impl()->sizes()[out.dim() - 2], cols = out.impl()->sizes()[out.dim() - 1];
  int64_t batch = rows * cols == 0 ? 0 : out.impl()->numel() / (rows * cols);
  k = std::clamp<int64_t>(k, -rows - 1, cols + 1);  // keeps i + k from overflowing
  WICK_DISPATCH_ALL(out.dtype(), "aten::tril", {
    scalar_t* p = static_cast<scalar_t*>(out.data_ptr());
    scalar_t zero = scalarAs<scalar_t>(Scalar(0));
    for (int64_t b = 0; b < batch; ++b) {
      for (int64_t i = 0; i < rows; ++i) {
        scalar_t* row = p + (b * rows + i) * cols;
        // tril keeps j <= i + k; triu keeps j >= i + k.
        int64_t edge = std::clamp<int64_t>(lower ? i + k + 1 : i + k, 0, cols);
        if (lower) {
          std::fill(row + edge, row + cols, zero);
        } else {
          std::fill(row, row + edge, zero);
        }
      }
    }
  });
}

Tensor triangle(const char* op, const Tensor& self, int64_t k, bool lower) {
  wrapDim(-2, self.dim(), op);
  Tensor out = contiguousCopy(self);
  zeroTriangle(out, k, lower);
  return out;
}

}  // namespace

Tensor tril(const Tensor& self, int64_t diagonal) {
  return triangle("aten::tril", self, diagonal, true);
}

Tensor triu(const Tensor& self, int64_t diagonal) {
  return triangle("aten::triu", self, diagonal, false);
}

}  // namespace wick::kernels
