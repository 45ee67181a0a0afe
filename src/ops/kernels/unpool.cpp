// nn.MaxUnpool2d / nn.MaxUnpool3d: aten::max_unpool2d, aten::max_unpool3d and their .out
// forms. Each input value is written to the flat position its int64 index names inside its
// (batch, channel) output plane; the rest of the output is zero. Checks, their order and their
// words are PyTorch 1.13's (its invalid-index message has no closing parenthesis).
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "ops/dnnl/dense_util.h"
#include "ops/kernels/iter.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// What the checks leave for the scatter.
struct Unpool {
  DimVector shape;             // output sizes
  int64_t out_plane = 1;       // output elements per (batch, channel) plane
  bool channels_last = false;  // 4-d input that PyTorch keeps channels-last
};

// Sizes printed as PyTorch prints the output volume: 3x3 or 4x4x4.
std::string volumeText(IntArrayRef output_size) {
  std::string s;
  for (size_t i = 0; i < output_size.size(); ++i) {
    s += (i ? "x" : "") + std::to_string(output_size[i]);
  }
  return s;
}

// The shape of the result: planes of output_size after the input's leading dimensions.
// PyTorch resize_s a placeholder to it, which words negative sizes this way.
DimVector outputShape(const char* op, const Tensor& self, IntArrayRef output_size) {
  int64_t spatial = static_cast<int64_t>(output_size.size());
  DimVector shape(dense::shapeOf(self).slice(0, static_cast<size_t>(self.dim() - spatial)));
  for (int64_t s : output_size) {
    WICK_CHECK(s >= 0, op, ": numel: integer multiplication overflow");
    shape.push_back(s);
  }
  return shape;
}

void checkIndicesShape(const char* op, const Tensor& self, const Tensor& indices) {
  WICK_CHECK(dense::shapeOf(self) == dense::shapeOf(indices), op,
             ": Expected shape of indices to be same as that of the input tensor (",
             dense::shapeOf(self),
             ") but got indices tensor with shape: ", dense::shapeOf(indices));
}

// Batch (or, unbatched, channel) dimension 0 may be empty; the others may not.
void checkNonEmpty(const char* op, const Tensor& self, const char* fn) {
  for (int64_t i = 1; i < self.dim(); ++i) {
    WICK_CHECK(dense::sizeAt(self, i) > 0, op, ": ", fn,
               "(): Expected input to have non-zero size for non-batch dimensions, but got ",
               dense::shapeOf(self), " with dimension ", i, " being empty.");
  }
}

Unpool check2d(const char* op, const Tensor& self, const Tensor& indices, IntArrayRef output_size) {
  WICK_CHECK(indices.dtype() == kLong, op, ": elements in indices should be type int64 but got: ",
             dense::scalarTypeName(indices.dtype()));
  WICK_CHECK(output_size.size() == 2, op,
             ": There should be exactly two elements (height, width) in output_size, but got ",
             output_size.size(), " elements.");
  WICK_CHECK(self.dim() == 3 || self.dim() == 4, op,
             ": Input to max_unpooling2d should be a 3d or 4d Tensor, but got a tensor with ",
             self.dim(), " dimensions.");
  checkIndicesShape(op, self, indices);
  checkNonEmpty(op, self, "max_unpooling2d_forward_out_cpu");
  Unpool u;
  u.shape = outputShape(op, self, output_size);
  u.out_plane = output_size[0] * output_size[1];
  u.channels_last = self.dim() == 4 && dense::suggestChannelsLast(self);
  return u;
}

Unpool check3d(const char* op, const Tensor& self, const Tensor& indices, IntArrayRef output_size,
               IntArrayRef stride, IntArrayRef padding) {
  WICK_CHECK(indices.dtype() == kLong, op, ": elements in indices should be type int64");
  WICK_CHECK(self.dim() == 4 || self.dim() == 5, op,
             ": Input to max_unpooling3d should be a 4d or 5d Tensor, but got a tensor with ",
             self.dim(), " dimensions.");
  WICK_CHECK(output_size.size() == 3, op,
             ": There should be exactly three elements (depth, height, width) in output_size, "
             "but got ",
             output_size.size(), " elements.");
  WICK_CHECK(stride.size() == 3, op,
             ": There should be exactly three elements (depth, height, width) in stride, but "
             "got: ",
             stride.size(), " elements.");
  WICK_CHECK(padding.size() == 3, op,
             ": There should be exactly three elements (depth, height, width) in padding, but "
             "got: ",
             padding.size(), " elements.");
  checkIndicesShape(op, self, indices);
  checkNonEmpty(op, self, "max_unpooling3d_forward_out_cpu");
  // stride and padding are only checked: the indices already say where each value goes.
  WICK_CHECK(stride[0] > 0 && stride[1] > 0 && stride[2] > 0, op,
             ": strides should be greater than zero, but got stride: ", stride);
  Unpool u;
  u.shape = outputShape(op, self, output_size);
  u.out_plane = output_size[0] * output_size[1] * output_size[2];
  return u;
}

// Scatters self into a zeroed output laid out as PyTorch lays it out. Elements are visited in
// the input's memory order (plane by plane, or position by position with channels innermost
// for channels-last inputs), so a repeated index keeps the value visited last and an error
// names the last invalid index, as PyTorch's single-threaded loop does.
// `out` (out= forms) has its dtype checked where PyTorch's kernel first touches its data.
Tensor unpoolValues(const char* op, const char* kernel, const Tensor& self, const Tensor& indices,
                    IntArrayRef output_size, const Unpool& u, const Tensor* out_arg) {
  Tensor out = dense::emptyWithFormat(u.shape, self.dtype(), u.channels_last);
  int64_t numel = dense::product(u.shape);
  if (numel == 0) return out;
  DType dt = self.dtype();
  WICK_CHECK(dt == kFloat || dt == kDouble, op, ": \"", kernel, "\" not implemented for '",
             dense::scalarTypeName(dt), "'");
  if (out_arg != nullptr) {
    WICK_CHECK(out_arg->dtype() == dt, op, ": expected scalar type ", dense::scalarTypeName(dt),
               " but found ", dense::scalarTypeName(out_arg->dtype()));
  }
  std::memset(out.data_ptr(), 0, static_cast<size_t>(numel) * out.element_size());
  Tensor src = u.channels_last ? dense::channelsLast(self) : dense::contiguous(self);
  Tensor idx = u.channels_last ? dense::channelsLast(indices) : dense::contiguous(indices);
  int64_t count = dense::product(dense::shapeOf(self));
  int64_t spatial = static_cast<int64_t>(output_size.size());
  int64_t in_plane = dense::product(dense::shapeOf(self).slice(
      static_cast<size_t>(self.dim() - spatial), static_cast<size_t>(spatial)));
  const int64_t* ip = static_cast<const int64_t*>(idx.data_ptr());
  std::optional<int64_t> bad;
  WICK_DISPATCH_FLOATING(dt, op, {
    const scalar_t* sp = static_cast<const scalar_t*>(src.data_ptr());
    scalar_t* op_ = static_cast<scalar_t*>(out.data_ptr());
    if (u.channels_last) {
      int64_t channels = dense::sizeAt(self, 1);
      int64_t positions = count / channels;
      for (int64_t pos = 0; pos < positions; ++pos) {
        scalar_t* base = op_ + (pos / in_plane) * u.out_plane * channels;
        for (int64_t c = 0; c < channels; ++c) {
          int64_t i = pos * channels + c, p = ip[i];
          if (p < 0 || p >= u.out_plane) {
            bad = p;
          } else {
            base[p * channels + c] = sp[i];
          }
        }
      }
    } else {
      for (int64_t i = 0; i < count; ++i) {
        int64_t p = ip[i];
        if (p < 0 || p >= u.out_plane) {
          bad = p;
        } else {
          op_[(i / in_plane) * u.out_plane + p] = sp[i];
        }
      }
    }
  });
  WICK_CHECK(!bad, op, ": Found an invalid max index: ", bad.value_or(0),
             " (output volumes are of size ", volumeText(output_size));
  return out;
}

// out= of both ops: PyTorch resize_s out (restriding a 4-d out of max_unpool2d to the input's
// memory format) and writes it.
Tensor writeOut(const char* op, const Tensor& out, const Tensor& result, bool restride) {
  if (restride) {
    iter::resizeOutput(op, out, dense::shapeOf(result), result.strides());
  } else {
    iter::resizeOutput(op, out, dense::shapeOf(result));
  }
  iter::copyInto(op, out, result);
  return out;
}

}  // namespace

Tensor max_unpool2d(const Tensor& self, const Tensor& indices, IntArrayRef output_size) {
  const char* op = "aten::max_unpool2d";
  Unpool u = check2d(op, self, indices, output_size);
  const char* kernel = u.channels_last ? "max_unpool2d_channels_last" : "max_unpool2d";
  return unpoolValues(op, kernel, self, indices, output_size, u, nullptr);
}

Tensor max_unpool2d_out(const Tensor& self, const Tensor& indices, IntArrayRef output_size,
                        const Tensor& out) {
  const char* op = "aten::max_unpool2d.out";
  Unpool u = check2d(op, self, indices, output_size);
  const char* kernel = u.channels_last ? "max_unpool2d_channels_last" : "max_unpool2d";
  Tensor result = unpoolValues(op, kernel, self, indices, output_size, u, &out);
  return writeOut(op, out, result, self.dim() == 4);
}

Tensor max_unpool3d(const Tensor& self, const Tensor& indices, IntArrayRef output_size,
                    IntArrayRef stride, IntArrayRef padding) {
  const char* op = "aten::max_unpool3d";
  Unpool u = check3d(op, self, indices, output_size, stride, padding);
  return unpoolValues(op, "max_unpool3d", self, indices, output_size, u, nullptr);
}

Tensor max_unpool3d_out(const Tensor& self, const Tensor& indices, IntArrayRef output_size,
                        IntArrayRef stride, IntArrayRef padding, const Tensor& out) {
  const char* op = "aten::max_unpool3d.out";
  // Checked before anything else: the kernel writes out's memory directly.
  WICK_CHECK(out.is_contiguous(), op, ": output must be contiguous");
  Unpool u = check3d(op, self, indices, output_size, stride, padding);
  Tensor result = unpoolValues(op, "max_unpool3d", self, indices, output_size, u, &out);
  return writeOut(op, out, result, false);
}

}  // namespace wick::kernels
