// View kernels that pick parts of a tensor: select, slice, narrow and the splitting family
// (split, split_with_sizes, chunk, unbind, tensor_split). Every result shares the input's
// storage.
#include <algorithm>
#include <limits>

#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

Tensor sliceImpl(const Tensor& self, int64_t dim, int64_t start, int64_t end, int64_t step) {
  DimVector sizes(self.impl()->sizes()), strides(self.strides());
  int64_t n = sizes[dim];
  if (start < 0) start += n;
  if (end < 0) end += n;
  start = std::clamp<int64_t>(start, 0, n);
  end = std::clamp<int64_t>(end, start, n);
  int64_t offset = self.storage_offset() + start * strides[dim];
  int64_t len = end - start;
  sizes[dim] = len == 0 ? 0 : (len - 1) / step + 1;
  strides[dim] *= step;
  return makeView(self, sizes, strides, offset);
}

int64_t sizeAt(const Tensor& self, int64_t dim, const char* op) {
  return self.impl()->sizes()[wrapDim(dim, self.dim(), op)];
}

}  // namespace

Tensor select_int(const Tensor& self, int64_t dim, int64_t index) {
  WICK_CHECK_INDEX(self.dim() != 0, "aten::select: select() cannot be applied to a 0-dim tensor");
  int64_t d = wrapDim(dim, self.dim(), "aten::select");
  int64_t n = self.impl()->sizes()[d];
  WICK_CHECK_INDEX(index >= -n && index < n, "aten::select: select(): index ", index,
                   " out of range for tensor of size ", self.impl()->sizes(), " at dimension ", d);
  if (index < 0) index += n;
  DimVector sizes(self.impl()->sizes()), strides(self.strides());
  int64_t offset = self.storage_offset() + index * strides[d];
  sizes.erase(static_cast<size_t>(d));
  strides.erase(static_cast<size_t>(d));
  return makeView(self, sizes, strides, offset);
}

Tensor slice_Tensor(const Tensor& self, int64_t dim, std::optional<int64_t> start,
                    std::optional<int64_t> end, int64_t step) {
  WICK_CHECK_INDEX(self.dim() != 0, "aten::slice: slice() cannot be applied to a 0-dim tensor");
  int64_t d = wrapDim(dim, self.dim(), "aten::slice");
  WICK_CHECK(step > 0, "aten::slice: slice step must be positive");
  return sliceImpl(self, d, start.value_or(0), end.value_or(std::numeric_limits<int64_t>::max()),
                   step);
}

Tensor narrow(const Tensor& self, int64_t dim, int64_t start, int64_t length) {
  WICK_CHECK(self.dim() > 0, "aten::narrow: narrow() cannot be applied to a 0-dim tensor");
  int64_t d = wrapDim(dim, self.dim(), "aten::narrow");
  int64_t n = self.impl()->sizes()[d];
  // start == size is a valid (empty) start even though it is not a valid index.
  if (start != n) {
    int64_t lim = std::max<int64_t>(n, 1);
    WICK_CHECK_INDEX(start >= -lim && start < lim,
                     "aten::narrow: start out of range (expected to be in range of [", -lim, ", ",
                     lim - 1, "], but got ", start, ")");
    if (start < 0) start += lim;
  }
  WICK_CHECK(length >= 0 && start <= n - length, "aten::narrow: start (", start, ") + length (",
             length, ") exceeds dimension size (", n, ").");
  return sliceImpl(self, d, start, start + length, 1);
}

Tensor narrow_Tensor(const Tensor& self, int64_t dim, const Tensor& start, int64_t length) {
  WICK_CHECK(start.dim() == 0 && isIntegralType(start.dtype(), false),
             "aten::narrow: start must be an 0-dim integral Tensor.");
  int64_t s = readIndices(start)[0];
  return narrow(self, dim, s, length);
}

std::vector<Tensor> split_Tensor(const Tensor& self, int64_t split_size, int64_t dim) {
  WICK_CHECK(self.dim() != 0, "aten::split: split expects at least a 1-dimensional tensor");
  WICK_CHECK(
      split_size >= 0,
      "aten::split: split expects split_size be non-negative, but got split_size=", split_size);
  int64_t d = wrapDim(dim, self.dim(), "aten::split");
  int64_t n = self.impl()->sizes()[d];
  WICK_CHECK(split_size > 0 || n == 0,
             "aten::split: split_size can only be 0 if dimension size is 0, but got dimension "
             "size of ",
             n);
  // A split_size larger than the dimension still gives one (shorter) piece.
  int64_t pieces = split_size == 0 ? 1 : std::max<int64_t>((n + split_size - 1) / split_size, 1);
  std::vector<Tensor> out;
  out.reserve(static_cast<size_t>(pieces));
  for (int64_t i = 0; i < pieces; ++i) {
    int64_t start = i * split_size;
    int64_t len = i + 1 < pieces ? split_size : n - start;
    out.push_back(sliceImpl(self, d, start, start + len, 1));
  }
  return out;
}

std::vector<Tensor> split_with_sizes(const Tensor& self, IntArrayRef split_sizes, int64_t dim) {
  WICK_CHECK(self.dim() != 0,
             "aten::split_with_sizes: split expects at least a 1-dimensional tensor");
  int64_t d = wrapDim(dim, self.dim(), "aten::split_with_sizes");
  int64_t n = self.impl()->sizes()[d];
  std::vector<Tensor> out;
  out.reserve(split_sizes.size());
  int64_t start = 0;
  for (int64_t len : split_sizes) {
    WICK_CHECK(len >= 0,
               "aten::split_with_sizes: split_with_sizes expects split_sizes have only "
               "non-negative entries, but got split_sizes=",
               split_sizes);
    out.push_back(sliceImpl(self, d, start, start + len, 1));
    start += len;
  }
  WICK_CHECK(start == n,
             "aten::split_with_sizes: split_with_sizes expects split_sizes to sum exactly to ", n,
             " (input tensor's size at dimension ", dim, "), but got split_sizes=", split_sizes);
  return out;
}

std::vector<Tensor> split(const Tensor& self, IntArrayRef split_sizes, int64_t dim) {
  return split_with_sizes(self, split_sizes, dim);
}

std::vector<Tensor> split_sizes(const Tensor& self, IntArrayRef split_size, int64_t dim) {
  return split_with_sizes(self, split_size, dim);
}

std::vector<Tensor> chunk(const Tensor& self, int64_t chunks, int64_t dim) {
  WICK_CHECK(self.dim() > 0, "aten::chunk: chunk expects at least a 1-dimensional tensor");
  WICK_CHECK(chunks > 0, "aten::chunk: chunk expects `chunks` to be greater than 0, got: ", chunks);
  int64_t n = sizeAt(self, dim, "aten::chunk");
  int64_t split_size = (n + chunks - 1) / chunks;
  // An empty dimension still yields `chunks` empty pieces.
  if (split_size == 0 && n == 0)
    return split_with_sizes(self, DimVector(static_cast<size_t>(chunks), 0), dim);
  return split_Tensor(self, split_size, dim);
}

std::vector<Tensor> unbind_int(const Tensor& self, int64_t dim) {
  WICK_CHECK_INDEX(self.dim() > 0, "aten::unbind: dimension specified as ", dim,
                   " but tensor has no dimensions");
  int64_t d = wrapDim(dim, self.dim(), "aten::unbind");
  int64_t n = self.impl()->sizes()[d];
  std::vector<Tensor> out;
  out.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) out.push_back(select_int(self, d, i));
  return out;
}

std::vector<Tensor> tensor_split_sections(const Tensor& self, int64_t sections, int64_t dim) {
  WICK_CHECK(self.dim() > 0,
             "aten::tensor_split: tensor_split expected at least a 1-dimensional "
             "tensor, but got a tensor with 0 dims");
  WICK_CHECK(sections > 0, "aten::tensor_split: number of sections must be larger than 0, got ",
             sections);
  int64_t d = wrapDim(dim, self.dim(), "aten::tensor_split");
  int64_t n = self.impl()->sizes()[d];
  // The first n % sections pieces get one extra element.
  int64_t base = n / sections, extra = n % sections, start = 0;
  std::vector<Tensor> out;
  for (int64_t i = 0; i < sections; ++i) {
    int64_t len = base + (i < extra ? 1 : 0);
    out.push_back(sliceImpl(self, d, start, start + len, 1));
    start += len;
  }
  return out;
}

std::vector<Tensor> tensor_split_indices(const Tensor& self, IntArrayRef indices, int64_t dim) {
  WICK_CHECK(self.dim() > 0,
             "aten::tensor_split: tensor_split expected at least a 1-dimensional "
             "tensor, but got a tensor with 0 dims");
  int64_t d = wrapDim(dim, self.dim(), "aten::tensor_split");
  std::vector<Tensor> out;
  int64_t start = 0;
  for (int64_t end : indices) {
    out.push_back(sliceImpl(self, d, start, end, 1));
    start = end;
  }
  out.push_back(sliceImpl(self, d, start, self.impl()->sizes()[d], 1));
  return out;
}

std::vector<Tensor> tensor_split_tensor_indices_or_sections(
    const Tensor& self, const Tensor& tensor_indices_or_sections, int64_t dim) {
  const Tensor& t = tensor_indices_or_sections;
  WICK_CHECK(self.dim() > 0,
             "aten::tensor_split: tensor_split expected at least a 1-dimensional "
             "tensor, but got a tensor with 0 dims");
  WICK_CHECK(t.dtype() == kLong,
             "aten::tensor_split: tensor_split expected "
             "tensor_indices_or_sections to have dtype of long, but got ",
             graphName(t.dtype()));
  WICK_CHECK(t.dim() <= 1,
             "aten::tensor_split: tensor_split expected tensor_indices_or_sections "
             "to be a zero-dimensional or one-dimensional tensor, but got a tensor with ",
             t.dim(), " dims");
  std::vector<int64_t> values = readIndices(t);
  if (t.dim() == 0) return tensor_split_sections(self, values[0], dim);
  return tensor_split_indices(self, values, dim);
}

}  // namespace wick::kernels
