// In-place view ops (squeeze_, unsqueeze_, transpose_, t_): self keeps its storage and takes
// the sizes and strides its out-of-place view would have, as PyTorch's do. Scripted code uses
// them (F.dropout1d/3d on unbatched input). The data is untouched, so the version counter is
// not bumped; PyTorch leaves it alone too. Also _infer_size, the broadcast of two shapes.
#include <algorithm>

#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// Gives self the layout of `view` (a view of self's own storage).
Tensor restrideLike(const Tensor& self, const Tensor& view) {
  self.impl()->setSizesAndStrides(view.impl()->sizes(), view.strides(), view.storage_offset());
  return self;
}

}  // namespace

Tensor squeeze_(const Tensor& self) { return restrideLike(self, squeeze(self)); }

Tensor squeeze__dim(const Tensor& self, int64_t dim) {
  int64_t wrapped = wrapDim(dim, std::max<int64_t>(self.dim(), 1), "aten::squeeze_");
  return restrideLike(self, squeeze_dim(self, wrapped));
}

Tensor unsqueeze_(const Tensor& self, int64_t dim) {
  return restrideLike(self, unsqueeze(self, wrapDim(dim, self.dim() + 1, "aten::unsqueeze_")));
}

Tensor transpose_(const Tensor& self, int64_t dim0, int64_t dim1) {
  int64_t nd = std::max<int64_t>(self.dim(), 1);
  return restrideLike(self, transpose_int(self, wrapDim(dim0, nd, "aten::transpose_"),
                                          wrapDim(dim1, nd, "aten::transpose_")));
}

Tensor t_(const Tensor& self) {
  WICK_CHECK(self.dim() <= 2, "aten::t_: t_() expects a tensor with <= 2 dimensions, but self is ",
             self.dim(), "D");
  return restrideLike(self, t(self));
}

IValue _infer_size(IntArrayRef a, IntArrayRef b) {
  DimVector shape = broadcastShapes("aten::_infer_size", a, b);
  return IValue(IntArrayRef(shape));
}

}  // namespace wick::kernels
