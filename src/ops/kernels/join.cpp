// Joining kernels: cat, stack, hstack, vstack. Inputs of different dtypes are promoted as
// PyTorch promotes them; the result is contiguous unless every input is channels-last.
#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// PyTorch still accepts 1-d empty tensors of shape [0] in cat whatever the other shapes are,
// and leaves them out.
bool isLegacyEmpty(const Tensor& t) { return t.dim() == 1 && t.impl()->sizes()[0] == 0; }

// The layout of cat's result: the first input's, unless a later input disagrees with a
// non-contiguous first choice.
MemoryFormat catFormat(TensorList tensors) {
  MemoryFormat format = suggestMemoryFormat(tensors[0]);
  for (size_t i = 1; i < tensors.size(); ++i) {
    MemoryFormat f = suggestMemoryFormat(tensors[i]);
    if (f == format || format == MemoryFormat::Contiguous) continue;
    return MemoryFormat::Contiguous;
  }
  return format;
}

void checkCatShapes(const char* op, const Tensor& first, const Tensor& t, int64_t dim,
                    size_t index) {
  WICK_CHECK(first.dim() == t.dim(), op, ": Tensors must have same number of dimensions: got ",
             first.dim(), " and ", t.dim());
  for (int64_t d = 0; d < first.dim(); ++d) {
    if (d == dim) continue;
    int64_t want = first.impl()->sizes()[d], got = t.impl()->sizes()[d];
    WICK_CHECK(want == got, op, ": Sizes of tensors must match except in dimension ", dim,
               ". Expected size ", want, " but got size ", got, " for tensor number ", index,
               " in the list.");
  }
}

Tensor atLeast(const Tensor& t, int64_t ndim) {
  if (t.dim() >= ndim) return t;
  DimVector sizes(static_cast<size_t>(ndim - t.dim()), 1);
  for (int64_t s : t.impl()->sizes()) sizes.push_back(s);
  return reshape(t, sizes);
}

// cat and the ops built on it; errors name `op`.
Tensor catImpl(const char* op, TensorList tensors, int64_t dim) {
  WICK_CHECK(!tensors.empty(), op, ": torch.cat(): expected a non-empty list of Tensors");
  for (size_t i = 0; i < tensors.size(); ++i)
    WICK_CHECK(tensors[i].dim() > 0, op, ": zero-dimensional tensor (at position ", i,
               ") cannot be concatenated");
  DType dtype = tensors[0].dtype();
  for (const Tensor& t : tensors) dtype = promoteTypes(dtype, t.dtype());
  const Tensor* first = nullptr;
  for (const Tensor& t : tensors) {
    if (!isLegacyEmpty(t)) {
      first = &t;
      break;
    }
  }
  if (!first) return emptyTensor(tensors[0].impl()->sizes(), dtype);
  int64_t d = wrapDim(dim, first->dim(), op);
  int64_t total = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    if (isLegacyEmpty(tensors[i])) continue;
    checkCatShapes(op, *first, tensors[i], d, i);
    total += tensors[i].impl()->sizes()[d];
  }
  DimVector sizes(first->impl()->sizes());
  sizes[d] = total;
  Tensor out = emptyWithStrides(sizes, stridesForFormat(sizes, catFormat(tensors)), dtype);
  int64_t offset = 0;
  for (const Tensor& t : tensors) {
    if (isLegacyEmpty(t)) continue;
    int64_t n = t.impl()->sizes()[d];
    if (n == 0) continue;
    copyConverting(narrow(out, d, offset, n), t);
    offset += n;
  }
  return out;
}

}  // namespace

Tensor cat(TensorList tensors, int64_t dim) { return catImpl("aten::cat", tensors, dim); }

Tensor stack(TensorList tensors, int64_t dim) {
  WICK_CHECK(!tensors.empty(), "aten::stack: stack expects a non-empty TensorList");
  int64_t d = wrapDim(dim, tensors[0].dim() + 1, "aten::stack");
  for (size_t i = 1; i < tensors.size(); ++i) {
    WICK_CHECK(tensors[i].sizes() == tensors[0].sizes(),
               "aten::stack: stack expects each tensor to be equal size, but got ",
               tensors[0].impl()->sizes(), " at entry 0 and ", tensors[i].impl()->sizes(),
               " at entry ", i);
  }
  std::vector<Tensor> parts;
  parts.reserve(tensors.size());
  for (const Tensor& t : tensors) parts.push_back(unsqueeze(t, d));
  return catImpl("aten::stack", parts, d);
}

Tensor hstack(TensorList tensors) {
  WICK_CHECK(!tensors.empty(), "aten::hstack: hstack expects a non-empty TensorList");
  std::vector<Tensor> parts;
  for (const Tensor& t : tensors) parts.push_back(atLeast(t, 1));
  return catImpl("aten::hstack", parts, parts[0].dim() == 1 ? 0 : 1);
}

Tensor vstack(TensorList tensors) {
  WICK_CHECK(!tensors.empty(), "aten::vstack: vstack expects a non-empty TensorList");
  std::vector<Tensor> parts;
  for (const Tensor& t : tensors) parts.push_back(atLeast(t, 2));
  return catImpl("aten::vstack", parts, 0);
}

}  // namespace wick::kernels
