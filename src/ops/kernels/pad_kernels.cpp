// nn.ReflectionPad1d/2d/3d and nn.ReplicationPad1d/2d/3d as their own ops
// (aten::reflection_padNd, aten::replication_padNd and their .out forms).
//
// The six ops grew apart in PyTorch 1.13: each checks its input rank, empty dimensions, pad
// sizes and output size in its own order and words (some read sizes before checking the rank
// and so raise IndexError, some print the whole tensor, reflection_pad1d/2d ignore surplus pad
// values), and each accepts its own dtypes. This file reproduces those checks per op; the
// values come from aten::pad's reflect / replicate kernel (kernels/pad.cpp), which follows the
// same index formulas, negative pads included.
#include <cstdint>
#include <sstream>
#include <string>

#include "ops/dnnl/dense_util.h"
#include "ops/kernels/iter.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// t.size(d) with the IndexError PyTorch's Tensor::size raises for a missing dimension (several
// of these ops read sizes before they check the rank).
int64_t sizeChecked(const char* op, const Tensor& t, int64_t d) {
  int64_t n = t.dim();
  WICK_CHECK_INDEX(n > 0, op, ": Dimension specified as ", d, " but tensor has no dimensions");
  WICK_CHECK_INDEX(d < n, op, ": Dimension out of range (expected to be in range of [", -n, ", ",
                   n - 1, "], but got ", d, ")");
  return dense::sizeAt(t, d);
}

// How reflection_pad1d/2d print their input in the rank error. PyTorch prints the whole tensor;
// its last line, "[ torch.FloatTensor{2,0,4} ]", is all it prints for an empty one.
std::string describeTensor(const Tensor& t) {
  std::ostringstream os;
  os << "[ " << dense::legacyTypeName(t.dtype()) << "{";
  IntArrayRef s = dense::shapeOf(t);
  for (size_t i = 0; i < s.size(); ++i) os << (i ? "," : "") << s[i];
  os << "} ]";
  return os.str();
}

// reflection_pad1d/2d read padding[0..2k) without checking the list length; a shorter list
// makes PyTorch read past its end, so wick refuses it.
void checkPadCount(const char* op, IntArrayRef padding, size_t k) {
  WICK_CHECK(padding.size() >= 2 * k, op, ": padding size is expected to be ", 2 * k,
             ", but got: ", padding.size());
}

// The batch form keeps the batch size, the other leading dimension is the planes.
DimVector paddedShape(const Tensor& self, IntArrayRef padding, int64_t k) {
  DimVector shape(dense::shapeOf(self));
  int64_t nd = self.dim();
  for (int64_t i = 0; i < k; ++i) shape[nd - 1 - i] += padding[2 * i] + padding[2 * i + 1];
  return shape;
}

// PyTorch allocates the structured ops' outputs with empty(), which rejects negative sizes.
void checkNonNegative(const char* op, IntArrayRef shape) {
  for (int64_t s : shape) {
    WICK_CHECK(s >= 0, op, ": Trying to create tensor with negative dimension ", s, ": ", shape);
  }
}

void checkDType(const char* op, const Tensor& self, const char* kernel, bool reduced_floats) {
  DType dt = self.dtype();
  bool ok = dt == kFloat || dt == kDouble || (reduced_floats && (dt == kHalf || dt == kBFloat16));
  WICK_CHECK(ok, op, ": \"", kernel, "\" not implemented for '", dense::scalarTypeName(dt), "'");
}

// "Argument #4: Padding size should be less than ..." (reflection only: a reflected border
// must lie inside the input).
void checkReflectPads(const char* op, int64_t arg, int64_t l, int64_t r, int64_t size, int64_t dim,
                      const std::string& input) {
  WICK_CHECK(l < size && r < size, op, ": Argument #", arg,
             ": Padding size should be less than the corresponding input dimension, but got: "
             "padding (",
             l, ", ", r, ") at dimension ", dim, " of input ", input);
}

std::string sizesText(const Tensor& t) {
  std::ostringstream os;
  os << dense::shapeOf(t);
  return os.str();
}

// ---- the per-op checks; each returns the output shape ----

DimVector reflection1dShape(const char* op, const Tensor& self, IntArrayRef padding) {
  checkPadCount(op, padding, 1);
  int64_t nd = self.dim();
  IntArrayRef s = dense::shapeOf(self);
  bool valid = (nd == 2 && s[1] != 0) || (nd == 3 && s[1] != 0 && s[2] != 0);
  WICK_CHECK(valid, op,
             ": 2D or 3D (batch mode) tensor expected for input, but got: ", describeTensor(self));
  int64_t dim_w = nd - 1, l = padding[0], r = padding[1], w = s[dim_w];
  checkReflectPads(op, 4, l, r, w, dim_w, sizesText(self));
  // PyTorch's check passes a stray 2 before the words, which ends up in the message.
  WICK_CHECK(w + l + r >= 1, op, ": 2input (W: ", w,
             ")is too small. Calculated output W: ", w + l + r);
  return paddedShape(self, padding, 1);
}

DimVector reflection2dShape(const char* op, const Tensor& self, IntArrayRef padding) {
  checkPadCount(op, padding, 2);
  int64_t nd = self.dim();
  bool valid_dims = sizeChecked(op, self, 1) != 0 && sizeChecked(op, self, 2) != 0;
  bool valid = (nd == 3 && valid_dims) || (nd == 4 && valid_dims && sizeChecked(op, self, 3) != 0);
  WICK_CHECK(valid, op,
             ": 3D or 4D (batch mode) tensor expected for input, but got: ", describeTensor(self));
  IntArrayRef s = dense::shapeOf(self);
  int64_t dim_w = nd - 1, dim_h = nd - 2, w = s[dim_w], h = s[dim_h];
  int64_t l = padding[0], r = padding[1], t = padding[2], b = padding[3];
  // This op prints the input's rank where the others print its sizes.
  std::string rank = std::to_string(nd);
  checkReflectPads(op, 4, l, r, w, dim_w, rank);
  checkReflectPads(op, 6, t, b, h, dim_h, rank);
  int64_t ow = w + l + r, oh = h + t + b;
  WICK_CHECK(ow >= 1 || oh >= 1, op, ": input (H: ", h, ", W: ", w,
             ")is too small. Calculated output H: ", oh, " W: ", ow);
  // Its output is resized rather than allocated, and resize_ words a negative size this way.
  WICK_CHECK(ow >= 0 && oh >= 0, op, ": numel: integer multiplication overflow");
  return paddedShape(self, padding, 2);
}

DimVector reflection3dShape(const char* op, const Tensor& self, IntArrayRef padding) {
  WICK_CHECK(padding.size() == 6, op, ": padding size is expected to be 6");
  int64_t nd = self.dim();
  bool valid_dims = sizeChecked(op, self, 1) != 0 && sizeChecked(op, self, 2) != 0 &&
                    sizeChecked(op, self, 3) != 0;
  bool valid_single = nd == 4 && dense::sizeAt(self, 0) != 0 && valid_dims;
  bool valid_batch = nd == 5 && valid_dims && dense::sizeAt(self, 4) != 0;
  WICK_CHECK(valid_single || valid_batch, op,
             ": Expected 4D or 5D (batch mode) tensor with possibly 0 batch size and other "
             "non-zero dimensions for input, but got: ",
             dense::shapeOf(self));
  IntArrayRef s = dense::shapeOf(self);
  int64_t dim_w = nd - 1, dim_h = nd - 2, dim_d = nd - 3;
  int64_t w = s[dim_w], h = s[dim_h], d = s[dim_d];
  std::string sizes = sizesText(self);
  checkReflectPads(op, 4, padding[0], padding[1], w, dim_w, sizes);
  checkReflectPads(op, 6, padding[2], padding[3], h, dim_h, sizes);
  checkReflectPads(op, 8, padding[4], padding[5], d, dim_d, sizes);
  int64_t ow = w + padding[0] + padding[1], oh = h + padding[2] + padding[3],
          od = d + padding[4] + padding[5];
  WICK_CHECK(ow >= 1 || oh >= 1 || od >= 1, op, ": input (D: ", d, " H: ", h, ", W: ", w,
             ") is too small. Calculated output D: ", od, " H: ", oh, " W: ", ow);
  DimVector shape = paddedShape(self, padding, 3);
  checkNonNegative(op, shape);
  return shape;
}

DimVector replication1dShape(const char* op, const Tensor& self, IntArrayRef padding) {
  WICK_CHECK(padding.size() == 2, op, ": padding size is expected to be 2");
  int64_t nd = self.dim();
  IntArrayRef s = dense::shapeOf(self);
  bool valid = (nd == 2 && s[0] != 0 && s[1] != 0) || (nd == 3 && s[1] != 0 && s[2] != 0);
  WICK_CHECK(valid, op,
             ": Expected 2D or 3D (batch mode) tensor with possibly 0 batch size and other "
             "non-zero dimensions for input, but got: ",
             s);
  int64_t w = s[nd - 1], ow = w + padding[0] + padding[1];
  WICK_CHECK(ow >= 1, op, ": input (W: ", w, ") is too small. Calculated output W: ", ow);
  return paddedShape(self, padding, 1);
}

DimVector replication2dShape(const char* op, const Tensor& self, IntArrayRef padding) {
  WICK_CHECK(padding.size() == 4, op, ": padding size is expected to be 4");
  int64_t nd = self.dim();
  bool valid_dims = sizeChecked(op, self, 1) != 0 && sizeChecked(op, self, 2) != 0;
  bool valid = (nd == 3 && dense::sizeAt(self, 0) != 0 && valid_dims) ||
               (nd == 4 && valid_dims && dense::sizeAt(self, 3) != 0);
  WICK_CHECK(valid, op,
             ": Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other "
             "non-zero dimensions for input, but got: ",
             dense::shapeOf(self));
  IntArrayRef s = dense::shapeOf(self);
  int64_t w = s[nd - 1], h = s[nd - 2];
  int64_t ow = w + padding[0] + padding[1], oh = h + padding[2] + padding[3];
  WICK_CHECK(ow >= 1 || oh >= 1, op, ": input (H: ", h, ", W: ", w,
             " ) is too small. Calculated output H: ", oh, " W: ", ow);
  DimVector shape = paddedShape(self, padding, 2);
  checkNonNegative(op, shape);
  return shape;
}

DimVector replication3dShape(const char* op, const Tensor& self, IntArrayRef padding) {
  WICK_CHECK(padding.size() == 6, op, ": padding size is expected to be 6");
  int64_t nd = self.dim();
  bool valid_dims = sizeChecked(op, self, 1) != 0 && sizeChecked(op, self, 2) != 0 &&
                    sizeChecked(op, self, 3) != 0;
  bool valid = (nd == 4 && dense::sizeAt(self, 0) != 0 && valid_dims) ||
               (nd == 5 && valid_dims && dense::sizeAt(self, 4) != 0);
  WICK_CHECK(valid, op,
             ": Expected 4D or 5D (batch mode) tensor with possibly 0 batch size and other "
             "non-zero dimensions for input, but got: ",
             dense::shapeOf(self));
  IntArrayRef s = dense::shapeOf(self);
  int64_t w = s[nd - 1], h = s[nd - 2], d = s[nd - 3];
  int64_t ow = w + padding[0] + padding[1], oh = h + padding[2] + padding[3],
          od = d + padding[4] + padding[5];
  WICK_CHECK(ow >= 1 || oh >= 1 || od >= 1, op, ": input (D: ", d, " H: ", h, ", W: ", w,
             ") is too small. Calculated output D: ", od, " H: ", oh, " W: ", ow);
  DimVector shape = paddedShape(self, padding, 3);
  checkNonNegative(op, shape);
  return shape;
}

// ---- values and destinations ----

// The padded values of a checked input (a new contiguous tensor, as PyTorch returns for every
// input layout). aten::pad insists on non-empty outputs, so empty ones are made here.
Tensor padValues(const Tensor& self, IntArrayRef padding, int64_t k, std::string_view mode,
                 IntArrayRef shape) {
  if (dense::product(shape) == 0) return emptyTensor(shape, self.dtype());
  return pad(self, padding.slice(0, static_cast<size_t>(2 * k)), mode, std::nullopt);
}

// The structured ops' out=: the out dtype is checked before the kernel runs, then out is
// resized (warning when it had elements) and written.
void checkOutDType(const char* op, const Tensor& self, const Tensor& out) {
  WICK_CHECK(out.dtype() == self.dtype(), op, ": Expected out tensor to have dtype ",
             dense::typeMetaName(self.dtype()), ", but got ", dense::typeMetaName(out.dtype()),
             " instead");
}

Tensor writeOut(const char* op, const Tensor& out, const Tensor& result) {
  iter::resizeOutput(op, out, dense::shapeOf(result));
  iter::copyInto(op, out, result);
  return out;
}

}  // namespace

Tensor reflection_pad1d(const Tensor& self, IntArrayRef padding) {
  const char* op = "aten::reflection_pad1d";
  DimVector shape = reflection1dShape(op, self, padding);
  checkDType(op, self, "reflection_pad1d", false);
  return padValues(self, padding, 1, "reflect", shape);
}

Tensor reflection_pad1d_out(const Tensor& self, IntArrayRef padding, const Tensor& out) {
  const char* op = "aten::reflection_pad1d.out";
  DimVector shape = reflection1dShape(op, self, padding);
  checkOutDType(op, self, out);
  checkDType(op, self, "reflection_pad1d", false);
  return writeOut(op, out, padValues(self, padding, 1, "reflect", shape));
}

Tensor reflection_pad2d(const Tensor& self, IntArrayRef padding) {
  const char* op = "aten::reflection_pad2d";
  DimVector shape = reflection2dShape(op, self, padding);
  checkDType(op, self, "reflection_pad2d", false);
  return padValues(self, padding, 2, "reflect", shape);
}

Tensor reflection_pad2d_out(const Tensor& self, IntArrayRef padding, const Tensor& out) {
  const char* op = "aten::reflection_pad2d.out";
  DimVector shape = reflection2dShape(op, self, padding);
  // Not a structured op in 1.13: the input dtype is checked first, and a wrong out dtype is
  // only noticed when the kernel reads out's data.
  checkDType(op, self, "reflection_pad2d", false);
  WICK_CHECK(out.dtype() == self.dtype(), op, ": expected scalar type ",
             dense::scalarTypeName(self.dtype()), " but found ",
             dense::scalarTypeName(out.dtype()));
  return writeOut(op, out, padValues(self, padding, 2, "reflect", shape));
}

Tensor reflection_pad3d(const Tensor& self, IntArrayRef padding) {
  const char* op = "aten::reflection_pad3d";
  DimVector shape = reflection3dShape(op, self, padding);
  checkDType(op, self, "reflection_pad3d_cpu", true);
  return padValues(self, padding, 3, "reflect", shape);
}

Tensor reflection_pad3d_out(const Tensor& self, IntArrayRef padding, const Tensor& out) {
  const char* op = "aten::reflection_pad3d.out";
  DimVector shape = reflection3dShape(op, self, padding);
  checkOutDType(op, self, out);
  checkDType(op, self, "reflection_pad3d_cpu", true);
  return writeOut(op, out, padValues(self, padding, 3, "reflect", shape));
}

Tensor replication_pad1d(const Tensor& self, IntArrayRef padding) {
  const char* op = "aten::replication_pad1d";
  DimVector shape = replication1dShape(op, self, padding);
  checkDType(op, self, "replication_pad1d_cpu", false);
  return padValues(self, padding, 1, "replicate", shape);
}

Tensor replication_pad1d_out(const Tensor& self, IntArrayRef padding, const Tensor& out) {
  const char* op = "aten::replication_pad1d.out";
  DimVector shape = replication1dShape(op, self, padding);
  checkOutDType(op, self, out);
  checkDType(op, self, "replication_pad1d_cpu", false);
  return writeOut(op, out, padValues(self, padding, 1, "replicate", shape));
}

Tensor replication_pad2d(const Tensor& self, IntArrayRef padding) {
  const char* op = "aten::replication_pad2d";
  DimVector shape = replication2dShape(op, self, padding);
  checkDType(op, self, "replication_pad2d_cpu", false);
  return padValues(self, padding, 2, "replicate", shape);
}

Tensor replication_pad2d_out(const Tensor& self, IntArrayRef padding, const Tensor& out) {
  const char* op = "aten::replication_pad2d.out";
  DimVector shape = replication2dShape(op, self, padding);
  checkOutDType(op, self, out);
  checkDType(op, self, "replication_pad2d_cpu", false);
  return writeOut(op, out, padValues(self, padding, 2, "replicate", shape));
}

Tensor replication_pad3d(const Tensor& self, IntArrayRef padding) {
  const char* op = "aten::replication_pad3d";
  DimVector shape = replication3dShape(op, self, padding);
  checkDType(op, self, "replication_pad3d_cpu", false);
  return padValues(self, padding, 3, "replicate", shape);
}

Tensor replication_pad3d_out(const Tensor& self, IntArrayRef padding, const Tensor& out) {
  const char* op = "aten::replication_pad3d.out";
  DimVector shape = replication3dShape(op, self, padding);
  checkOutDType(op, self, out);
  checkDType(op, self, "replication_pad3d_cpu", false);
  return writeOut(op, out, padValues(self, padding, 3, "replicate", shape));
}

}  // namespace wick::kernels
