// Reading by index: index_select, gather, masked_select and nonzero.
#include "core/bool_bytes.h"
#include "ops/kernels/index_util.h"
#include "ops/kernels/shape_util.h"
#include "ops/parallel.h"
#include "wick/core/warning.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index) {
  const char* op = "aten::index_select";
  int64_t d = wrapDim(dim, self.dim(), op);
  WICK_CHECK_INDEX(index.dim() <= 1, op, ": index_select(): Index is supposed to be a vector");
  WICK_CHECK(index.dtype() == kLong || index.dtype() == kInt, op,
             ": index_select(): Expected dtype int32 or int64 for index");
  std::vector<int64_t> idx = readIndices(index);
  int64_t n = self.dim() == 0 ? 1 : self.impl()->sizes()[d];
  for (int64_t v : idx) WICK_CHECK_INDEX(v >= 0 && v < n, op, ": index out of range in self");
  DimVector sizes(self.impl()->sizes());
  if (self.dim() > 0) sizes[d] = static_cast<int64_t>(idx.size());
  Tensor out = emptyTensor(sizes, self.dtype());
  if (out.impl()->numel() == 0) return out;
  if (self.dim() == 0) {
    copyStrided(out, self);
    return out;
  }
  // Copy one slice of `self` along `d` per index: select() views, copied by copyStrided.
  for (size_t i = 0; i < idx.size(); ++i) {
    copyStrided(select_int(out, d, static_cast<int64_t>(i)), select_int(self, d, idx[i]));
  }
  return out;
}

Tensor gather(const Tensor& self, int64_t dim, const Tensor& index, bool /*sparse_grad*/) {
  const char* op = "aten::gather";
  int64_t d = wrapDim(dim, self.dim(), op);
  WICK_CHECK(index.dtype() == kLong, op, ": gather(): Expected dtype int64 for index");
  checkGatherShapes(op, self, d, index);
  Tensor out = emptyTensor(index.impl()->sizes(), self.dtype());
  if (out.impl()->numel() == 0) return out;
  ScatterGeometry g(self, d, index, &out);
  dispatchByItemSize(self.element_size(), [&](auto tag) {
    using T = decltype(tag);
    const T* s = static_cast<const T*>(self.data_ptr());
    T* o = static_cast<T*>(out.data_ptr());
    g.forEach(op, [&](int64_t self_off, int64_t other_off) { o[other_off] = s[self_off]; });
  });
  return out;
}

Tensor masked_select(const Tensor& self, const Tensor& mask) {
  const char* op = "aten::masked_select";
  WICK_CHECK(mask.dtype() == kBool || mask.dtype() == kByte, op,
             ": masked_select: expected BoolTensor or ByteTensor for mask");
  if (mask.dtype() == kByte) {
    warn(Warning::Kind::Deprecation,
         "masked_select received a mask with dtype torch.uint8, this behavior is now "
         "deprecated,please use a mask with dtype torch.bool instead.");
  }
  DimVector shape = broadcastShapes(op, mask.impl()->sizes(), self.impl()->sizes());
  Tensor s = expand(self, shape, false), m = expand(mask, shape, false);
  std::vector<int64_t> offsets;
  StridedWalk<2> walk(shape, {s.strides(), m.strides()});
  const char* mp = static_cast<const char*>(m.data_ptr());
  walk.run([&](const std::array<int64_t, 2>& off) {
    if (mp[off[1]] != 0) offsets.push_back(off[0]);
  });
  auto n = static_cast<int64_t>(offsets.size());
  Tensor out = emptyTensor(IntArrayRef(&n, 1), self.dtype());
  dispatchByItemSize(self.element_size(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = static_cast<const T*>(s.data_ptr());
    T* o = static_cast<T*>(out.data_ptr());
    for (int64_t i = 0; i < n; ++i) o[i] = src[offsets[i]];
  });
  return out;
}

Tensor nonzero(const Tensor& self) {
  int64_t nd = self.dim();
  std::vector<int64_t> coords;  // row-major coordinates of each nonzero element
  DimVector pos(static_cast<size_t>(nd), 0);
  int64_t count = 0;
  StridedWalk<1> walk(self.impl()->sizes(), {self.strides()});
  IntArrayRef sizes = self.impl()->sizes();
  WICK_DISPATCH_ALL(self.dtype(), "aten::nonzero", {
    const scalar_t* p = static_cast<const scalar_t*>(self.data_ptr());
    // The walk visits elements in row-major order; `pos` tracks their coordinates.
    walk.run([&](const std::array<int64_t, 1>& off) {
      bool nz;
      if constexpr (std::is_integral_v<scalar_t>) {
        nz = loadElement(p + off[0]) != 0;
      } else {
        nz = static_cast<double>(p[off[0]]) != 0.0;  // NaN counts as nonzero
      }
      if (nz) {
        coords.insert(coords.end(), pos.begin(), pos.end());
        ++count;
      }
      for (int64_t d = nd - 1; d >= 0; --d) {
        if (++pos[d] < sizes[d]) break;
        pos[d] = 0;
      }
    });
  });
  // PyTorch fills a [ndim, count] buffer and returns its transpose: strides (1, count).
  auto storage = StorageImpl::allocate(static_cast<size_t>(nd * count) * sizeof(int64_t));
  int64_t out_sizes[2] = {count, nd}, out_strides[2] = {1, count};
  Tensor out = makeTensor(std::move(storage), kLong, IntArrayRef(out_sizes, 2),
                          IntArrayRef(out_strides, 2), 0);
  auto* o = static_cast<int64_t*>(out.data_ptr());
  for (int64_t i = 0; i < count; ++i)
    for (int64_t d = 0; d < nd; ++d) o[d * count + i] = coords[static_cast<size_t>(i * nd + d)];
  return out;
}

// nonzero(...).unbind(1), as PyTorch's nonzero_numpy: one index tensor per dimension, views of
// the [ndim, count] buffer; a 0-dim input counts as one dimension.
std::vector<Tensor> nonzero_numpy(const Tensor& self) {
  Tensor nz = nonzero(self.dim() == 0 ? self.unsqueeze(0) : self);
  return unbind_int(nz, 1);
}

// torch.where(condition): the indices of its nonzero elements, per dimension.
std::vector<Tensor> where(const Tensor& condition) { return nonzero_numpy(condition); }

}  // namespace wick::kernels
