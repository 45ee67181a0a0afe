// Sliding-window patches (aten::im2col, nn.Unfold) and their inverse, the sum of patches back
// into an image (aten::col2im, nn.Fold), with PyTorch 1.13's shape checks and messages
// (Im2Col.cpp, Col2Im.cpp, im2col_shape_check.h). col2im adds overlapping patch elements in
// PyTorch's loop order, so sums round as PyTorch's do.
#include <algorithm>

#include "ops/dnnl/dense_util.h"
#include "ops/kernels/iter.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// Floor division, as PyTorch's div_rtn (sizes can go negative before the check).
int64_t divFloor(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

struct Window {
  int64_t kh, kw, dh, dw, ph, pw, sh, sw;
};

Window windowOf(const char* op, IntArrayRef kernel_size, IntArrayRef dilation, IntArrayRef padding,
                IntArrayRef stride) {
  WICK_CHECK(kernel_size.size() == 2, op, ": It is expected kernel_size equals to 2, but got size ",
             kernel_size.size());
  WICK_CHECK(dilation.size() == 2, op, ": It is expected dilation equals to 2, but got size ",
             dilation.size());
  WICK_CHECK(padding.size() == 2, op, ": It is expected padding equals to 2, but got size ",
             padding.size());
  WICK_CHECK(stride.size() == 2, op, ": It is expected stride equals to 2, but got size ",
             stride.size());
  return {kernel_size[0], kernel_size[1], dilation[0], dilation[1],
          padding[0],     padding[1],     stride[0],   stride[1]};
}

// Blocks along one spatial dim of an image of `size`.
int64_t blocksAlong(int64_t size, int64_t pad, int64_t dil, int64_t k, int64_t stride) {
  return divFloor(size + 2 * pad - (dil * (k - 1) + 1), stride) + 1;
}

void checkKernelSize(const char* op, const Window& w) {
  WICK_CHECK(w.kw > 0 && w.kh > 0, op,
             ": kernel size should be greater than zero, but got kernel_height: ", w.kh,
             " kernel_width: ", w.kw);
}

// Where each patch element comes from: calls f(column offset, image offset or -1 for padding)
// in PyTorch's order (channel-kernel row, block row, block column).
template <class F>
void forEachPatchElement(const Window& w, int64_t planes, int64_t height, int64_t width,
                         int64_t blocks_h, int64_t blocks_w, F&& f) {
  int64_t rows = planes * w.kh * w.kw;
  for (int64_t c_col = 0; c_col < rows; ++c_col) {
    int64_t w_off = c_col % w.kw;
    int64_t h_off = (c_col / w.kw) % w.kh;
    int64_t c_im = c_col / w.kh / w.kw;
    for (int64_t h_col = 0; h_col < blocks_h; ++h_col) {
      int64_t h_im = h_col * w.sh - w.ph + h_off * w.dh;
      for (int64_t w_col = 0; w_col < blocks_w; ++w_col) {
        int64_t w_im = w_col * w.sw - w.pw + w_off * w.dw;
        int64_t col = (c_col * blocks_h + h_col) * blocks_w + w_col;
        bool inside = h_im >= 0 && w_im >= 0 && h_im < height && w_im < width;
        f(col, inside ? (c_im * height + h_im) * width + w_im : -1);
      }
    }
  }
}

Tensor im2colInto(const char* op, const Tensor& self, const Window& w, const Tensor* out) {
  checkKernelSize(op, w);
  WICK_CHECK(w.dw > 0 && w.dh > 0, op,
             ": dilation should be greater than zero, but got dilation_height: ", w.dh,
             " dilation_width: ", w.dw);
  WICK_CHECK(w.pw >= 0 && w.ph >= 0, op,
             ": padding should be non-negative, but got pad_height: ", w.ph, " pad_width: ", w.pw);
  WICK_CHECK(w.sw > 0 && w.sh > 0, op,
             ": stride should be greater than zero, but got stride_height: ", w.sh,
             " stride_width: ", w.sw);
  int64_t ndim = self.dim();
  IntArrayRef s = dense::shapeOf(self);
  bool valid = (ndim == 3 && s[0] != 0 && s[1] != 0 && s[2] != 0) ||
               (ndim == 4 && s[1] != 0 && s[2] != 0 && s[3] != 0);
  WICK_CHECK(
      valid, op,
      ": Expected 3D or 4D (batch mode) tensor input with possible 0 batch size and non-zero "
      "dimensions, but got: ",
      s);
  bool batched = ndim == 4;
  int64_t batch = batched ? s[0] : 1, planes = s[ndim - 3], height = s[ndim - 2],
          width = s[ndim - 1];
  int64_t blocks_h = blocksAlong(height, w.ph, w.dh, w.kh, w.sh);
  int64_t blocks_w = blocksAlong(width, w.pw, w.dw, w.kw, w.sw);
  if (blocks_h < 1 || blocks_w < 1) {
    WICK_FAIL(op, ": Given input with spatial size (", height, ", ", height, "), kernel_size=(",
              w.kh, ", ", w.kw, "), dilation=(", w.dh, ", ", w.dw, "), padding=(", w.ph, ", ", w.pw,
              "), calculated shape of the array of sliding blocks as (", blocks_h, ", ", blocks_w,
              "), but its components must be at least one.");
  }
  WICK_CHECK(isFloatingType(self.dtype()), op, ": \"im2col_out_cpu\" not implemented for '",
             graphName(self.dtype()), "'");
  int64_t rows = planes * w.kh * w.kw, length = blocks_h * blocks_w;
  DimVector shape = batched ? DimVector{batch, rows, length} : DimVector{rows, length};
  Tensor result = emptyTensor(shape, self.dtype());
  Tensor x = dense::contiguous(self);
  int64_t image = planes * height * width, cols = rows * length;
  WICK_DISPATCH_FLOATING(self.dtype(), "im2col_out_cpu", {
    const scalar_t* src = static_cast<const scalar_t*>(x.data_ptr());
    scalar_t* dst = static_cast<scalar_t*>(result.data_ptr());
    for (int64_t b = 0; b < batch; ++b) {
      const scalar_t* im = src + b * image;
      scalar_t* col = dst + b * cols;
      forEachPatchElement(w, planes, height, width, blocks_h, blocks_w,
                          [&](int64_t c, int64_t i) { col[c] = i < 0 ? scalar_t(0) : im[i]; });
    }
  });
  if (out == nullptr) return result;
  iter::resizeOutput("aten::im2col.out", *out, shape);
  iter::copyInto("aten::im2col.out", *out, result);
  return *out;
}

Tensor col2imInto(const char* op, const Tensor& self, IntArrayRef output_size, const Window& w,
                  const Tensor* out) {
  WICK_CHECK(output_size.size() == 2, op, ": It is expected output_size equals to 2, but got size ",
             output_size.size());
  int64_t out_h = output_size[0], out_w = output_size[1];
  checkKernelSize(op, w);
  WICK_CHECK(w.sw > 0 && w.sh > 0, op,
             ": stride should be greater than zero, but got stride_height: ", w.sh,
             " stride_width: ", w.sw);
  WICK_CHECK(w.dw > 0 && w.dh > 0, op,
             ": dilation should be greater than zero, but got dilation_height: ", w.dh,
             " dilation_width: ", w.dw);
  WICK_CHECK(w.pw >= 0 && w.ph >= 0, op,
             ": padding should be non-negative, but got pad_height: ", w.ph, " pad_width: ", w.pw);
  int64_t ndim = self.dim();
  IntArrayRef s = dense::shapeOf(self);
  bool valid = (ndim == 2 && s[0] != 0 && s[1] != 0) || (ndim == 3 && s[1] != 0 && s[2] != 0);
  WICK_CHECK(valid, op,
             ": Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and "
             "non-zero dimensions for input, but got: ",
             s);
  bool batched = ndim == 3;
  int64_t rows = s[ndim - 2], length = s[ndim - 1];
  if (rows % (w.kw * w.kh) != 0) {
    WICK_FAIL(op,
              ": Expected size of input's dimension 1 to be divisible by the product of "
              "kernel_size, but got input.size(1)=",
              rows, " and kernel_size=(", w.kh, ", ", w.kw, ").");
  }
  int64_t blocks_h = blocksAlong(out_h, w.ph, w.dh, w.kh, w.sh);
  int64_t blocks_w = blocksAlong(out_w, w.pw, w.dw, w.kw, w.sw);
  if (length != blocks_h * blocks_w) {
    WICK_FAIL(op, ": Given output_size=(", out_h, ", ", out_w, "), kernel_size=(", w.kh, ", ", w.kw,
              "), dilation=(", w.dh, ", ", w.dw, "), padding=(", w.ph, ", ", w.pw, "), stride=(",
              w.sh, ", ", w.sw,
              "), expected size of input's dimension 2 to match the calculated number of sliding "
              "blocks ",
              blocks_h, " * ", blocks_w, " = ", blocks_h * blocks_w,
              ", but got input.size(2)=", length, ".");
  }
  WICK_CHECK(blocks_h >= 1 && blocks_w >= 1, op, ": Given output_size=(", out_h, ", ", out_w,
             "), kernel_size=(", w.kh, ", ", w.kw, "), dilation=(", w.dh, ", ", w.dw,
             "), padding=(", w.ph, ", ", w.pw, "), stride=(", w.sh, ", ", w.sw,
             "), calculated shape of the array of sliding blocks as (", blocks_h, ", ", blocks_w,
             "), which is too small (non-positive)");
  WICK_CHECK(out_w >= 1 && out_h >= 1, op,
             ": Expected output spatial size to be positive, but got: output_size=(", out_h, ", ",
             out_w, ").");
  DType dt = self.dtype();
  WICK_CHECK(isFloatingType(dt), op, ": \"col2im_out_cpu\" not implemented for '", graphName(dt),
             "'");
  int64_t batch = batched ? s[0] : 1, planes = rows / (w.kh * w.kw);
  DimVector shape =
      batched ? DimVector{batch, planes, out_h, out_w} : DimVector{planes, out_h, out_w};
  Tensor result = emptyTensor(shape, dt);
  Tensor x = dense::contiguous(self);
  int64_t image = planes * out_h * out_w, cols = rows * length;
  WICK_DISPATCH_FLOATING(dt, "col2im_out_cpu", {
    const scalar_t* src = static_cast<const scalar_t*>(x.data_ptr());
    scalar_t* dst = static_cast<scalar_t*>(result.data_ptr());
    std::fill(dst, dst + batch * image, scalar_t(0));
    for (int64_t b = 0; b < batch; ++b) {
      const scalar_t* col = src + b * cols;
      scalar_t* im = dst + b * image;
      forEachPatchElement(w, planes, out_h, out_w, blocks_h, blocks_w, [&](int64_t c, int64_t i) {
        if (i >= 0) im[i] = static_cast<scalar_t>(im[i] + col[c]);
      });
    }
  });
  if (out == nullptr) return result;
  iter::resizeOutput("aten::col2im.out", *out, shape);
  iter::copyInto("aten::col2im.out", *out, result);
  return *out;
}

}  // namespace

Tensor im2col(const Tensor& self, IntArrayRef kernel_size, IntArrayRef dilation,
              IntArrayRef padding, IntArrayRef stride) {
  const char* op = "aten::im2col";
  return im2colInto(op, self, windowOf(op, kernel_size, dilation, padding, stride), nullptr);
}

Tensor im2col_out(const Tensor& self, IntArrayRef kernel_size, IntArrayRef dilation,
                  IntArrayRef padding, IntArrayRef stride, const Tensor& out) {
  const char* op = "aten::im2col.out";
  return im2colInto(op, self, windowOf(op, kernel_size, dilation, padding, stride), &out);
}

Tensor col2im(const Tensor& self, IntArrayRef output_size, IntArrayRef kernel_size,
              IntArrayRef dilation, IntArrayRef padding, IntArrayRef stride) {
  const char* op = "aten::col2im";
  return col2imInto(op, self, output_size, windowOf(op, kernel_size, dilation, padding, stride),
                    nullptr);
}

Tensor col2im_out(const Tensor& self, IntArrayRef output_size, IntArrayRef kernel_size,
                  IntArrayRef dilation, IntArrayRef padding, IntArrayRef stride,
                  const Tensor& out) {
  const char* op = "aten::col2im.out";
  return col2imInto(op, self, output_size, windowOf(op, kernel_size, dilation, padding, stride),
                    &out);
}

}  // namespace wick::kernels
