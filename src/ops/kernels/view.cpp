// View kernels that change a tensor's geometry without touching its elements: view, reshape,
// permute/transpose, flatten/unflatten, squeeze/unsqueeze, expand, as_strided, movedim,
// diagonal, unfold. Results share the input's storage unless PyTorch copies (reshape and
// flatten of non-viewable inputs).
#include <algorithm>
#include <numeric>

#include "ops/dnnl/dense_util.h"
#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// The geometry (sizes, strides, offset) must stay inside the storage: checked with PyTorch's
// messages, in PyTorch's order.
void checkInStorage(const char* op, const Tensor& self, IntArrayRef size, IntArrayRef stride,
                    int64_t offset) {
  WICK_CHECK(size.size() == stride.size(), op, ": mismatch in length of strides and shape");
  for (int64_t s : stride)
    WICK_CHECK(s >= 0, op,
               ": Negative strides are not supported at the moment, got strides: ", stride);
  // Bytes needed: 1 + sum((size - 1) * stride) elements, or nothing for an empty tensor.
  bool empty = false;
  unsigned __int128 extent = 1;
  for (size_t d = 0; d < size.size(); ++d) {
    WICK_CHECK(size[d] >= 0, op, ": Storage size calculation overflowed with sizes=", size,
               " and strides=", stride);
    if (size[d] == 0) empty = true;
    extent += static_cast<unsigned __int128>(size[d] > 0 ? size[d] - 1 : 0) *
              static_cast<unsigned __int128>(stride[d]);
  }
  if (!empty) {
    auto item = static_cast<__int128>(self.element_size());
    __int128 need = static_cast<__int128>(extent) * item + static_cast<__int128>(offset) * item;
    auto have = static_cast<__int128>(self.impl()->storage()->nbytes());
    WICK_CHECK(need <= have, op, ": setStorage: sizes ", size, ", strides ", stride,
               ", storage offset ", offset, ", and itemsize ", self.element_size(),
               " requiring a storage size of ", static_cast<int64_t>(need),
               " are out of bounds for storage of size ", static_cast<int64_t>(have));
  }
  WICK_CHECK(offset >= 0, op, ": Tensor: invalid storage offset ", offset);
}

Tensor viewImpl(const char* op, const Tensor& self, IntArrayRef size) {
  DimVector shape = inferSize(op, size, self.impl()->numel());
  auto strides = computeViewStrides(self.impl()->sizes(), self.strides(), shape);
  WICK_CHECK(strides.has_value(), op,
             ": view size is not compatible with input tensor's size and stride (at least one "
             "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
  return makeView(self, shape, *strides, self.storage_offset());
}

Tensor reshapeImpl(const char* op, const Tensor& self, IntArrayRef proposed) {
  DimVector shape = inferSize(op, proposed, self.impl()->numel());
  if (auto strides = computeViewStrides(self.impl()->sizes(), self.strides(), shape))
    return makeView(self, shape, *strides, self.storage_offset());
  Tensor copy = contiguousCopy(self);
  return makeView(copy, shape, contiguousStrides(shape), 0);
}

}  // namespace

Tensor view(const Tensor& self, IntArrayRef size) { return viewImpl("aten::view", self, size); }

Tensor view_dtype(const Tensor& self, DType dtype) {
  size_t from = self.element_size(), to = elementSize(dtype);
  IntArrayRef sizes = self.impl()->sizes();
  DimVector new_sizes(sizes), new_strides(self.strides());
  int64_t offset = self.storage_offset();
  auto what = [&] {
    return detail::str("to view ", graphName(self.dtype()), " as ", graphName(dtype),
                       " (different element sizes)");
  };
  if (from != to) {
    WICK_CHECK(self.dim() != 0, "aten::view: self.dim() cannot be 0 ", what());
    int64_t last = self.dim() - 1;
    if (from > to) {
      auto ratio = static_cast<int64_t>(from / to);
      WICK_CHECK(self.stride(-1) == 1, "aten::view: self.stride(-1) must be 1 ", what(),
                 ", but got ", self.stride(-1));
      new_sizes[last] *= ratio;
      for (int64_t d = 0; d < last; ++d) new_strides[d] *= ratio;
      offset *= ratio;
    } else {
      auto ratio = static_cast<int64_t>(to / from);
      WICK_CHECK(sizes[last] % ratio == 0, "aten::view: self.size(-1) must be divisible by ", ratio,
                 " ", what(), ", but got ", sizes[last]);
      WICK_CHECK(offset % ratio == 0, "aten::view: self.storage_offset() must be divisible by ",
                 ratio, " ", what(), ", but got ", offset);
      WICK_CHECK(self.stride(-1) == 1, "aten::view: self.stride(-1) must be 1 ", what(),
                 ", but got ", self.stride(-1));
      for (int64_t d = 0; d < last; ++d) {
        WICK_CHECK(new_strides[d] % ratio == 0, "aten::view: self.stride(", d,
                   ") must be divisible by ", ratio, " ", what(), ", but got ", new_strides[d]);
        new_strides[d] /= ratio;
      }
      new_sizes[last] /= ratio;
      offset /= ratio;
    }
  }
  return makeTensor(self.impl()->storagePtr(), dtype, new_sizes, new_strides, offset);
}

Tensor reshape(const Tensor& self, IntArrayRef shape) {
  return reshapeImpl("aten::reshape", self, shape);
}

Tensor _reshape_alias(const Tensor& self, IntArrayRef size, IntArrayRef stride) {
  checkInStorage("aten::_reshape_alias", self, size, stride, self.storage_offset());
  return makeView(self, size, stride, self.storage_offset());
}

Tensor alias(const Tensor& self) {
  return makeView(self, self.impl()->sizes(), self.strides(), self.storage_offset());
}

Tensor view_as(const Tensor& self, const Tensor& other) {
  return viewImpl("aten::view_as", self, other.impl()->sizes());
}

Tensor reshape_as(const Tensor& self, const Tensor& other) {
  return reshapeImpl("aten::reshape_as", self, other.impl()->sizes());
}

Tensor permute(const Tensor& self, IntArrayRef dims) {
  int64_t nd = self.dim();
  WICK_CHECK(static_cast<int64_t>(dims.size()) == nd,
             "aten::permute: number of dimensions in the tensor input does not match the length "
             "of the desired ordering of dimensions i.e. input.dim() = ",
             nd, " is not equal to len(dims) = ", dims.size());
  DimVector sizes(dims.size()), strides(dims.size());
  std::vector<bool> seen(dims.size(), false);
  for (size_t i = 0; i < dims.size(); ++i) {
    int64_t d = wrapDim(dims[i], nd, "aten::permute");
    WICK_CHECK(!seen[d], "aten::permute: duplicate dims are not allowed");
    seen[d] = true;
    sizes[i] = self.impl()->sizes()[d];
    strides[i] = self.strides()[d];
  }
  return makeView(self, sizes, strides, self.storage_offset());
}

Tensor transpose_int(const Tensor& self, int64_t dim0, int64_t dim1) {
  int64_t nd = self.dim();
  int64_t a = wrapDim(dim0, nd, "aten::transpose"), b = wrapDim(dim1, nd, "aten::transpose");
  DimVector sizes(self.impl()->sizes()), strides(self.strides());
  if (nd > 0) {
    std::swap(sizes[a], sizes[b]);
    std::swap(strides[a], strides[b]);
  }
  return makeView(self, sizes, strides, self.storage_offset());
}

Tensor t(const Tensor& self) {
  WICK_CHECK(self.dim() <= 2, "aten::t: t() expects a tensor with <= 2 dimensions, but self is ",
             self.dim(), "D");
  return transpose_int(self, 0, self.dim() < 2 ? 0 : 1);
}

Tensor flatten_using_ints(const Tensor& self, int64_t start_dim, int64_t end_dim) {
  int64_t nd = self.dim();
  int64_t s = wrapDim(start_dim, nd, "aten::flatten"), e = wrapDim(end_dim, nd, "aten::flatten");
  WICK_CHECK(s <= e,
             "aten::flatten: flatten() has invalid args: start_dim cannot come after end_dim");
  if (nd == 0) {
    int64_t one[1] = {1};
    return reshapeImpl("aten::flatten", self, IntArrayRef(one, 1));
  }
  // As in PyTorch, flattening a single dimension returns the input itself, not a view of it.
  if (s == e) return self;
  IntArrayRef sizes = self.impl()->sizes();
  DimVector shape;
  for (int64_t d = 0; d < s; ++d) shape.push_back(sizes[d]);
  int64_t n = 1;
  for (int64_t d = s; d <= e; ++d) n *= sizes[d];
  shape.push_back(n);
  for (int64_t d = e + 1; d < nd; ++d) shape.push_back(sizes[d]);
  return reshapeImpl("aten::flatten", self, shape);
}

Tensor unflatten_int(const Tensor& self, int64_t dim, IntArrayRef sizes) {
  int64_t d = wrapDim(dim, self.dim(), "aten::unflatten");
  WICK_CHECK(!sizes.empty(), "aten::unflatten: sizes must be non-empty");
  int64_t n = self.dim() == 0 ? 1 : self.impl()->sizes()[d];
  DimVector inferred;
  try {
    inferred = inferSize("aten::unflatten", sizes, n);
  } catch (const Error& e) {
    // Restate a size mismatch in terms of the dimension being split.
    if (std::string_view(e.what()).find("is invalid for input of size") == std::string_view::npos)
      throw;
    WICK_FAIL("aten::unflatten: Provided sizes ", sizes, " don't multiply up to the size of dim ",
              dim, " (", n, ") in the input tensor");
  }
  DimVector shape;
  IntArrayRef old = self.impl()->sizes();
  for (int64_t i = 0; i < d; ++i) shape.push_back(old[i]);
  for (int64_t s : inferred) shape.push_back(s);
  for (int64_t i = d + 1; i < self.dim(); ++i) shape.push_back(old[i]);
  return viewImpl("aten::unflatten", self, shape);
}

Tensor squeeze(const Tensor& self) {
  DimVector sizes, strides;
  for (int64_t d = 0; d < self.dim(); ++d) {
    if (self.impl()->sizes()[d] == 1) continue;
    sizes.push_back(self.impl()->sizes()[d]);
    strides.push_back(self.strides()[d]);
  }
  return makeView(self, sizes, strides, self.storage_offset());
}

Tensor squeeze_dim(const Tensor& self, int64_t dim) {
  int64_t d = wrapDim(dim, self.dim(), "aten::squeeze");
  DimVector sizes(self.impl()->sizes()), strides(self.strides());
  if (self.dim() > 0 && sizes[d] == 1) {
    sizes.erase(static_cast<size_t>(d));
    strides.erase(static_cast<size_t>(d));
  }
  return makeView(self, sizes, strides, self.storage_offset());
}

Tensor unsqueeze(const Tensor& self, int64_t dim) {
  int64_t d = wrapDim(dim, self.dim() + 1, "aten::unsqueeze");
  DimVector sizes(self.impl()->sizes()), strides(self.strides());
  // The new dimension's stride is what the dimension it precedes would span.
  int64_t stride = d >= self.dim() ? 1 : sizes[d] * strides[d];
  sizes.insert(static_cast<size_t>(d), 1);
  strides.insert(static_cast<size_t>(d), stride);
  return makeView(self, sizes, strides, self.storage_offset());
}

namespace {

// expand and the ops built on it; errors name `op`.
Tensor expandTo(const char* op, const Tensor& self, IntArrayRef size) {
  auto nd = static_cast<int64_t>(size.size());
  int64_t td = self.dim();
  WICK_CHECK(nd >= td, op, ": expand(", dense::legacyTypeName(self.dtype()), "{",
             self.impl()->sizes(), "}, size=", size, "): the number of sizes provided (", nd,
             ") must be greater or equal to the number of dimensions in the tensor (", td, ")");
  DimVector sizes(static_cast<size_t>(nd)), strides(static_cast<size_t>(nd));
  IntArrayRef old = self.impl()->sizes();
  for (int64_t i = nd - 1; i >= 0; --i) {
    int64_t d = td - nd + i;
    int64_t cur = d >= 0 ? old[d] : 1;
    // A new leading dimension strides over everything inside it; a 0-dim input has none.
    int64_t stride = d >= 0 ? self.strides()[d] : (i + 1 < nd ? sizes[i + 1] * strides[i + 1] : 0);
    int64_t target = size[i];
    if (target == -1) {
      WICK_CHECK(d >= 0, op,
                 ": The expanded size of the tensor (-1) isn't allowed in a "
                 "leading, non-existing dimension ",
                 i);
      target = cur;
    }
    if (target != cur) {
      WICK_CHECK(cur == 1 && target >= 0, op, ": The expanded size of the tensor (", target,
                 ") must match the existing size (", cur, ") at non-singleton dimension ", i,
                 ".  Target sizes: ", size, ".  Tensor sizes: ", old);
      cur = target;
      stride = 0;
    }
    sizes[i] = cur;
    strides[i] = stride;
  }
  if (td == 0) std::fill(strides.begin(), strides.end(), 0);
  return makeView(self, sizes, strides, self.storage_offset());
}

}  // namespace

Tensor expand(const Tensor& self, IntArrayRef size, bool /*implicit*/) {
  return expandTo("aten::expand", self, size);
}

Tensor expand_as(const Tensor& self, const Tensor& other) {
  return expandTo("aten::expand_as", self, other.impl()->sizes());
}

Tensor broadcast_to(const Tensor& self, IntArrayRef size) {
  return expandTo("aten::broadcast_to", self, size);
}

std::vector<Tensor> broadcast_tensors(TensorList tensors) {
  DimVector shape;
  for (const Tensor& t : tensors)
    shape = broadcastShapes("aten::broadcast_tensors", shape, t.impl()->sizes());
  std::vector<Tensor> out;
  out.reserve(tensors.size());
  for (const Tensor& t : tensors) out.push_back(expandTo("aten::broadcast_tensors", t, shape));
  return out;
}

Tensor as_strided(const Tensor& self, IntArrayRef size, IntArrayRef stride,
                  std::optional<int64_t> storage_offset) {
  int64_t offset = storage_offset.value_or(self.storage_offset());
  checkInStorage("aten::as_strided", self, size, stride, offset);
  return makeView(self, size, stride, offset);
}

Tensor unfold(const Tensor& self, int64_t dimension, int64_t size, int64_t step) {
  int64_t d = wrapDim(dimension, self.dim(), "aten::unfold");
  int64_t max_size = self.dim() == 0 ? 1 : self.impl()->sizes()[d];
  WICK_CHECK(size <= max_size, "aten::unfold: maximum size for tensor at dimension ", d, " is ",
             max_size, " but size is ", size);
  WICK_CHECK(size >= 0, "aten::unfold: size is ", size, " but must be >= 0");
  WICK_CHECK(step > 0, "aten::unfold: step is ", step, " but must be > 0");
  DimVector sizes(self.impl()->sizes()), strides(self.strides());
  sizes.push_back(size);
  strides.push_back(self.dim() == 0 ? 1 : strides[d]);
  if (self.dim() > 0) {
    sizes[d] = (sizes[d] - size) / step + 1;
    strides[d] *= step;
  }
  return makeView(self, sizes, strides, self.storage_offset());
}

Tensor movedim_intlist(const Tensor& self, IntArrayRef source, IntArrayRef destination) {
  int64_t nd = self.dim();
  WICK_CHECK(source.size() == destination.size(),
             "aten::movedim: Invalid source or destination dims: source (", source,
             " dims) should contain the same number of dims as destination (", destination,
             " dims)");
  auto normalise = [&](IntArrayRef dims, const char* which) {
    DimVector out;
    for (int64_t d : dims) out.push_back(wrapDim(d, nd, "aten::movedim"));
    DimVector sorted(out);
    std::sort(sorted.begin(), sorted.end());
    WICK_CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end(),
               "aten::movedim: repeated dim in `", which, "` (", dims, ")");
    return out;
  };
  DimVector src = normalise(source, "source"), dst = normalise(destination, "destination");
  if (nd <= 1) return makeView(self, self.impl()->sizes(), self.strides(), self.storage_offset());
  // Moved dims land at their destinations; the others keep their relative order in the gaps.
  DimVector order(static_cast<size_t>(nd), -1);
  std::vector<bool> moved(static_cast<size_t>(nd), false);
  for (size_t i = 0; i < src.size(); ++i) {
    order[dst[i]] = src[i];
    moved[src[i]] = true;
  }
  int64_t next = 0;
  for (int64_t pos = 0; pos < nd; ++pos) {
    if (order[pos] != -1) continue;
    while (moved[next]) ++next;
    order[pos] = next++;
  }
  return permute(self, order);
}

Tensor movedim_int(const Tensor& self, int64_t source, int64_t destination) {
  int64_t s[1] = {source}, d[1] = {destination};
  return movedim_intlist(self, IntArrayRef(s, 1), IntArrayRef(d, 1));
}

Tensor diagonal(const Tensor& self, int64_t offset, int64_t dim1, int64_t dim2) {
  int64_t nd = self.dim();
  int64_t a = wrapDim(dim1, nd, "aten::diagonal"), b = wrapDim(dim2, nd, "aten::diagonal");
  WICK_CHECK(a != b, "aten::diagonal: diagonal dimensions cannot be identical ", dim1, ", ", dim2);
  IntArrayRef sizes = self.impl()->sizes(), strides = self.strides();
  int64_t n =
      offset >= 0 ? std::min(sizes[a], sizes[b] - offset) : std::min(sizes[a] + offset, sizes[b]);
  n = std::max<int64_t>(n, 0);
  int64_t storage = self.storage_offset();
  if (n > 0) storage += offset >= 0 ? offset * strides[b] : -offset * strides[a];
  DimVector out_sizes, out_strides;
  for (int64_t d = 0; d < nd; ++d) {
    if (d == a || d == b) continue;
    out_sizes.push_back(sizes[d]);
    out_strides.push_back(strides[d]);
  }
  out_sizes.push_back(n);
  out_strides.push_back(strides[a] + strides[b]);
  return makeView(self, out_sizes, out_strides, storage);
}

}  // namespace wick::kernels
