// Shape ops composed from views, copies and joins the way PyTorch composes them: tile,
// atleast_{1,2,3}d, column_stack, dstack, meshgrid, cartesian_prod, block_diag, rot90, diff and
// the *_scatter ops (slice_scatter, select_scatter, diagonal_scatter).
#include <cstdlib>

#include "ops/kernels/error_naming.h"
#include "ops/kernels/iter.h"
#include "ops/kernels/shape_util.h"
#include "wick/core/warning.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// atleast_1d/2d/3d return self itself when it already has enough dimensions.
Tensor atLeast1d(const Tensor& t) { return t.dim() == 0 ? reshape(t, DimVector{1}) : t; }

Tensor atLeast2d(const Tensor& t) {
  if (t.dim() == 0) return reshape(t, DimVector{1, 1});
  if (t.dim() == 1) return unsqueeze(t, 0);
  return t;
}

Tensor atLeast3d(const Tensor& t) {
  if (t.dim() == 0) return reshape(t, DimVector{1, 1, 1});
  if (t.dim() == 1) return unsqueeze(unsqueeze(t, 0), -1);
  if (t.dim() == 2) return unsqueeze(t, -1);
  return t;
}

template <class F>
std::vector<Tensor> mapTensors(TensorList tensors, F&& f) {
  std::vector<Tensor> out;
  out.reserve(tensors.size());
  for (const Tensor& t : tensors) out.push_back(f(t));
  return out;
}

// meshgrid with "ij" or "xy" indexing: each grid is a 1-d input viewed along its own
// dimension and expanded to the full grid (views, as in PyTorch).
std::vector<Tensor> meshgridImpl(const char* op, TensorList tensors, std::string_view indexing) {
  size_t n = tensors.size();
  WICK_CHECK(n > 0, op, ": meshgrid expects a non-empty TensorList");
  for (size_t i = 0; i + 1 < n; ++i)
    WICK_CHECK(tensors[i].dtype() == tensors[i + 1].dtype(), op,
               ": meshgrid expects all tensors to have the same dtype");
  std::vector<Tensor> refs(tensors.begin(), tensors.end());
  // "xy" swaps the first two inputs, builds the "ij" grids, then swaps the outputs back.
  bool swap = false;
  if (indexing == "xy") {
    swap = n >= 2;
    if (swap) std::swap(refs[0], refs[1]);
  } else {
    WICK_CHECK(
        indexing == "ij", op,
        ": torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: ", indexing);
  }
  DimVector shape(n, 1);
  for (size_t i = 0; i < n; ++i) {
    WICK_CHECK(refs[i].dim() <= 1, op,
               ": torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ", refs[i]);
    shape[i] = refs[i].impl()->numel();
  }
  std::vector<Tensor> grids;
  DimVector view_shape(n, 1);
  for (size_t i = 0; i < n; ++i) {
    view_shape[i] = -1;
    grids.push_back(expand(view(refs[i], view_shape), shape, false));
    view_shape[i] = 1;
  }
  if (swap) std::swap(grids[0], grids[1]);
  return grids;
}

// diff's check that prepend/append match self outside the differencing dimension.
void checkDiffOperand(const char* op, const Tensor& self, const Tensor& other, int64_t d) {
  WICK_CHECK(self.dim() == other.dim(), op,
             ": diff expects prepend or append to be the same dimension as input");
  for (int64_t i = 0; i < other.dim(); ++i) {
    int64_t a = self.impl()->sizes()[i], b = other.impl()->sizes()[i];
    WICK_CHECK(a == b || i == d, op,
               ": diff expects the shape of tensor to prepend or append to match that of input "
               "except along the differencing dimension; input.size(",
               i, ") = ", a, ", but got tensor.size(", i, ") = ", b);
  }
}

// The n-th difference along d: n rounds of x[1:] - x[:-1] (logical xor for bool).
Tensor diffRounds(const Tensor& self, int64_t n, int64_t d) {
  if (n == 0) return clone(self, std::nullopt);
  int64_t len = self.impl()->sizes()[d];
  int64_t out_len = len - 1;
  Tensor result = self;
  n = n >= len ? len : n;
  for (int64_t i = 0; i < n; ++i, --out_len) {
    Tensor hi = narrow(result, d, 1, out_len), lo = narrow(result, d, 0, out_len);
    result = self.dtype() == kBool ? logical_xor(hi, lo) : sub_Tensor(hi, lo, Scalar(int64_t{1}));
  }
  return result;
}

// self's clone with `part` (a view of the clone chosen by `pick`) overwritten by src.
template <class Pick>
Tensor scatterInto(const char* op, const Tensor& self, const Tensor& src, Pick&& pick) {
  Tensor output = clone(self, std::nullopt);
  Tensor part = namingErrors(op, [&] { return pick(output); });
  WICK_CHECK(part.impl()->sizes() == src.impl()->sizes(), op,
             ": expected src to have a size equal to the slice of self. src size = ",
             src.impl()->sizes(), ", slice size = ", part.impl()->sizes());
  iter::copyInto(op, part, src);
  return output;
}

}  // namespace

Tensor tile(const Tensor& self, IntArrayRef dims) {
  // Fewer reps than dimensions are padded with leading 1s (numpy.tile); then it is repeat.
  DimVector reps;
  for (int64_t i = static_cast<int64_t>(dims.size()); i < self.dim(); ++i) reps.push_back(1);
  for (int64_t r : dims) reps.push_back(r);
  return namingErrors("aten::tile", [&] { return repeat(self, reps); });
}

Tensor atleast_1d(const Tensor& self) { return atLeast1d(self); }
Tensor atleast_2d(const Tensor& self) { return atLeast2d(self); }
Tensor atleast_3d(const Tensor& self) { return atLeast3d(self); }

std::vector<Tensor> atleast_1d_Sequence(TensorList tensors) {
  return mapTensors(tensors, atLeast1d);
}
std::vector<Tensor> atleast_2d_Sequence(TensorList tensors) {
  return mapTensors(tensors, atLeast2d);
}
std::vector<Tensor> atleast_3d_Sequence(TensorList tensors) {
  return mapTensors(tensors, atLeast3d);
}

Tensor column_stack(TensorList tensors) {
  const char* op = "aten::column_stack";
  WICK_CHECK(!tensors.empty(), op, ": column_stack expects a non-empty TensorList");
  // 0-d and 1-d inputs become columns; then they are joined side by side.
  std::vector<Tensor> cols = mapTensors(tensors, [](const Tensor& t) {
    return t.dim() <= 1 ? reshape(t, DimVector{t.impl()->numel(), 1}) : t;
  });
  return namingErrors(op, [&] { return cat(cols, 1); });
}

Tensor dstack(TensorList tensors) {
  const char* op = "aten::dstack";
  WICK_CHECK(!tensors.empty(), op, ": dstack expects a non-empty TensorList");
  std::vector<Tensor> parts = mapTensors(tensors, atLeast3d);
  return namingErrors(op, [&] { return cat(parts, 2); });
}

std::vector<Tensor> meshgrid(TensorList tensors) {
  warn(Warning::Kind::User,
       "torch.meshgrid: in an upcoming release, it will be required to pass the indexing "
       "argument.");
  return meshgridImpl("aten::meshgrid", tensors, "ij");
}

std::vector<Tensor> meshgrid_indexing(TensorList tensors, std::string_view indexing) {
  return meshgridImpl("aten::meshgrid", tensors, indexing);
}

Tensor cartesian_prod(TensorList tensors) {
  const char* op = "aten::cartesian_prod";
  for (const Tensor& t : tensors)
    WICK_CHECK(t.dim() == 1, op, ": Expect a 1D vector, but got shape ", t.impl()->sizes());
  if (tensors.size() == 1) return tensors[0];
  std::vector<Tensor> grids = meshgridImpl(op, tensors, "ij");
  for (Tensor& g : grids) g = flatten_using_ints(g, 0, -1);
  return stack(grids, 1);
}

Tensor block_diag(TensorList tensors) {
  const char* op = "aten::block_diag";
  if (tensors.empty()) return emptyTensor(DimVector{1, 0}, kFloat);
  DType dtype = resultType(tensors);
  int64_t rows = 0, cols = 0;
  std::vector<Tensor> blocks;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    WICK_CHECK(t.dim() <= 2, op,
               ": torch.block_diag: Input tensors must have 2 or fewer dimensions. Input ", i,
               " has ", t.dim(), " dimensions");
    Tensor b = t.dim() == 0   ? reshape(t, DimVector{1, 1})
               : t.dim() == 1 ? reshape(t, DimVector{1, t.impl()->sizes()[0]})
                              : t;
    rows += b.impl()->sizes()[0];
    cols += b.impl()->sizes()[1];
    blocks.push_back(b);
  }
  Tensor result = emptyTensor(DimVector{rows, cols}, dtype);
  fillTensor(result, Scalar(int64_t{0}));
  int64_t r = 0, c = 0;
  for (const Tensor& b : blocks) {
    int64_t h = b.impl()->sizes()[0], w = b.impl()->sizes()[1];
    iter::copyInto(op, narrow(narrow(result, 0, r, h), 1, c, w), b);
    r += h;
    c += w;
  }
  return result;
}

Tensor rot90(const Tensor& self, int64_t k, IntArrayRef dims) {
  const char* op = "aten::rot90";
  auto total_rot = static_cast<int64_t>(dims.size());
  int64_t total = self.dim();
  WICK_CHECK(total_rot == 2, op, ": expected total rotation dims == 2, but got dims = ", total_rot);
  WICK_CHECK(total >= 2, op, ": expected total dims >= 2, but got total dims = ", total);
  WICK_CHECK(dims[0] != dims[1] && std::abs(dims[0] - dims[1]) != total, op,
             ": expected rotation dims to be different, but got dim0 = ", dims[0],
             " and dim1 = ", dims[1]);
  WICK_CHECK(dims[0] < total && dims[0] >= -total, op,
             ": Rotation dim0 out of range, dim0 = ", dims[0]);
  WICK_CHECK(dims[1] < total && dims[1] >= -total, op,
             ": Rotation dim1 out of range, dim1 = ", dims[1]);
  k = (4 + (k % 4)) % 4;
  switch (k) {
    case 1: return transpose_int(flip(self, DimVector{dims[1]}), dims[0], dims[1]);
    case 2: return flip(self, dims);
    case 3: return transpose_int(flip(self, DimVector{dims[0]}), dims[0], dims[1]);
    default: return clone(self, MemoryFormat::Contiguous);
  }
}

Tensor diff(const Tensor& self, int64_t n, int64_t dim, const std::optional<Tensor>& prepend,
            const std::optional<Tensor>& append) {
  const char* op = "aten::diff";
  WICK_CHECK(self.dim() >= 1, op, ": diff expects input to be at least one-dimensional");
  int64_t d = wrapDim(dim, self.dim(), op);
  bool has_pre = prepend.has_value() && prepend->defined();
  bool has_app = append.has_value() && append->defined();
  if (has_pre) checkDiffOperand(op, self, *prepend, d);
  if (has_app) checkDiffOperand(op, self, *append, d);
  if ((!has_pre && !has_app) || n == 0) return diffRounds(self, n, d);
  std::vector<Tensor> parts;
  if (has_pre) parts.push_back(*prepend);
  parts.push_back(self);
  if (has_app) parts.push_back(*append);
  Tensor joined = namingErrors(op, [&] { return cat(parts, d); });
  return diffRounds(joined, n, d);
}

Tensor slice_scatter(const Tensor& self, const Tensor& src, int64_t dim,
                     std::optional<int64_t> start, std::optional<int64_t> end, int64_t step) {
  return scatterInto("aten::slice_scatter", self, src,
                     [&](const Tensor& out) { return slice_Tensor(out, dim, start, end, step); });
}

Tensor select_scatter(const Tensor& self, const Tensor& src, int64_t dim, int64_t index) {
  return scatterInto("aten::select_scatter", self, src,
                     [&](const Tensor& out) { return select_int(out, dim, index); });
}

Tensor diagonal_scatter(const Tensor& self, const Tensor& src, int64_t offset, int64_t dim1,
                        int64_t dim2) {
  return scatterInto("aten::diagonal_scatter", self, src,
                     [&](const Tensor& out) { return diagonal(out, offset, dim1, dim2); });
}

}  // namespace wick::kernels
