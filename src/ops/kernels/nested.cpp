// Nested tensors as nn.TransformerEncoder's inference fast path makes and unmakes them
// (Note [Nested tensors] in wick/core/nested.h): _nested_tensor_from_mask_left_aligned,
// _nested_tensor_from_mask and to_padded_tensor. The mask given to the first two is the
// logical not of a src_key_padding_mask: true marks a real token. Error wording follows
// PyTorch 1.13's, with the shapes added.
#include <algorithm>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "ops/kernels/nested_util.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace nested {

using dense::shapeOf;
using dense::sizeAt;

Tensor bufferOf(const Tensor& nt) {
  return dense::asStrided(nt, shapeOf(nt), nt.strides(), nt.storage_offset());
}

Tensor wrap(const Tensor& buffer, std::shared_ptr<const NestedSizes> sizes) {
  WICK_INTERNAL_ASSERT(buffer.dim() == sizes->componentDim() + 1 &&
                       sizeAt(buffer, 0) == sizes->count());
  Tensor nt = bufferOf(buffer);
  nt.impl()->setNestedSizes(std::move(sizes));
  return nt;
}

Tensor component(const Tensor& buffer, const NestedSizes& sizes, int64_t i) {
  IntArrayRef strides = buffer.strides();
  return dense::asStrided(buffer, sizes.component(i), strides.slice(1),
                          buffer.storage_offset() + i * strides[0]);
}

Tensor keyPaddingMask(const NestedSizes& sizes, int64_t padded_len) {
  WICK_INTERNAL_ASSERT(sizes.componentDim() == 2);
  Tensor mask = emptyTensor({sizes.count(), padded_len}, kBool);
  bool* p = static_cast<bool*>(mask.data_ptr());
  for (int64_t i = 0; i < sizes.count(); ++i) {
    int64_t len = sizes.component(i)[0];
    for (int64_t j = 0; j < padded_len; ++j) p[i * padded_len + j] = j >= len;
  }
  return mask;
}

}  // namespace nested

namespace {

using dense::shapeOf;
using dense::sizeAt;

// The number of real tokens (true entries) in each row of a [N, L] mask, and whether every
// row is a run of true followed only by false.
struct MaskRows {
  std::vector<int64_t> lengths;
  bool left_aligned = true;
};

MaskRows readMask(const Tensor& t, const Tensor& mask, std::string_view op) {
  WICK_CHECK(mask.dtype() == kBool, op, ": Expected mask to be of ScalarType Bool, but got ",
             dense::scalarTypeName(mask.dtype()), " instead");
  WICK_CHECK(mask.dim() == 2, op, ": Padding mask should be 2D, got a mask of shape ",
             shapeOf(mask));
  WICK_CHECK(t.dim() == 3, op, ": Input should be a 3D tensor, N * L * D, got shape ", shapeOf(t));
  WICK_CHECK(sizeAt(mask, 0) == sizeAt(t, 0) && sizeAt(mask, 1) == sizeAt(t, 1), op,
             ": Mask size should match input size: mask is ", shapeOf(mask), ", input is ",
             shapeOf(t));
  int64_t n = sizeAt(mask, 0), len = sizeAt(mask, 1);
  WICK_CHECK(len > 0, op, ": expected a non-empty sequence dimension, got input of shape ",
             shapeOf(t));
  Tensor m = dense::contiguous(mask);
  // Read as bytes: a mask viewed from other bytes counts every non-zero one as true.
  const auto* p = static_cast<const uint8_t*>(m.data_ptr());
  MaskRows rows;
  rows.lengths.resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const uint8_t* row = p + i * len;
    int64_t count = len - std::count(row, row + len, uint8_t(0));
    int64_t lead = std::find(row, row + len, uint8_t(0)) - row;
    rows.lengths[i] = count;
    rows.left_aligned = rows.left_aligned && lead == count;
  }
  return rows;
}

}  // namespace

namespace kernels {

bool _nested_tensor_from_mask_left_aligned(const Tensor& t, const Tensor& mask) {
  return readMask(t, mask, "aten::_nested_tensor_from_mask_left_aligned").left_aligned;
}

// Component i is t[i, :length_i] with length_i the number of true entries of mask row i (the
// first length_i positions, as PyTorch takes them, even from a row with gaps when
// mask_check is off). The buffer is cut to the longest component; its padding is zeroed.
Tensor _nested_tensor_from_mask(const Tensor& t, const Tensor& mask, bool mask_check) {
  constexpr std::string_view op = "aten::_nested_tensor_from_mask";
  MaskRows rows = readMask(t, mask, op);
  WICK_CHECK(!mask_check || rows.left_aligned, op, ": Mask must be left-aligned without gaps");
  int64_t n = sizeAt(t, 0), d = sizeAt(t, 2);
  WICK_CHECK(n > 0, op, ": expected a non-empty batch, got input of shape ", shapeOf(t));
  int64_t longest = *std::max_element(rows.lengths.begin(), rows.lengths.end());
  Tensor buffer = emptyTensor({n, longest, d}, t.dtype());
  dense::fill(buffer, 0);
  std::vector<int64_t> sizes;
  sizes.reserve(static_cast<size_t>(2 * n));
  for (int64_t i = 0; i < n; ++i) {
    int64_t len = rows.lengths[i];
    Tensor dst = dense::narrowed(dense::selected(buffer, 0, i), 0, 0, len);
    dense::copyInto(dst, dense::narrowed(dense::selected(t, 0, i), 0, 0, len));
    sizes.push_back(len);
    sizes.push_back(d);
  }
  return nested::wrap(buffer, std::make_shared<const NestedSizes>(n, 2, std::move(sizes)));
}

Tensor to_padded_tensor(const Tensor& self, double padding,
                        std::optional<IntArrayRef> output_size) {
  constexpr std::string_view op = "aten::to_padded_tensor";
  WICK_CHECK(self.is_nested(), op, ": expected a nested tensor, got a dense tensor of shape ",
             shapeOf(self));
  const NestedSizes& sizes = *self.impl()->nestedSizes();
  DimVector out_sizes{sizes.count()};
  for (int64_t s : sizes.maxSizes()) out_sizes.push_back(s);
  if (output_size) {
    WICK_CHECK(output_size->size() == out_sizes.size(), op,
               ": Length of output_size does not match NestedTensor dims. Broadcasting is not "
               "supported. (output_size is ",
               *output_size, ", the nested tensor has ", out_sizes.size(), " dims)");
    for (size_t i = 0; i < out_sizes.size(); ++i) {
      WICK_CHECK((*output_size)[i] >= out_sizes[i], op,
                 ": Value in output_size is less than NestedTensor padded size. Truncation is "
                 "not supported. (output_size is ",
                 *output_size, ", the padded size is ", IntArrayRef(out_sizes), ")");
    }
    out_sizes = DimVector(*output_size);
  }
  Tensor out = emptyTensor(out_sizes, self.dtype());
  dense::fill(out, padding);
  Tensor buffer = nested::bufferOf(self);
  for (int64_t i = 0; i < sizes.count(); ++i) {
    Tensor src = nested::component(buffer, sizes, i);
    Tensor dst = dense::selected(out, 0, i);
    for (int64_t k = 0; k < sizes.componentDim(); ++k)
      dst = dense::narrowed(dst, k, 0, sizeAt(src, k));
    dense::copyInto(dst, src);
  }
  return out;
}

}  // namespace kernels

}  // namespace wick
