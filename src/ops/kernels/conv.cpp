// Convolution ops: conv1d/2d/3d (and their str-padding forms), conv_transpose1d/2d/3d,
// convolution and _convolution. Argument and shape checks follow PyTorch 1.13's wording;
// float32/bfloat16 run on oneDNN (ops/dnnl/conv.h), other dtypes on an im2col fallback.
#include <functional>
#include <sstream>

#include "ops/dnnl/conv.h"
#include "ops/dnnl/dense_util.h"
#include "ops/kernels/conv_util.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace conv {

namespace {

using dense::shapeOf;
using dense::sizeAt;

std::string joined(IntArrayRef v, const char* sep) {
  std::ostringstream os;
  for (size_t i = 0; i < v.size(); ++i) os << (i ? sep : "") << v[i];
  return os.str();
}

void checkTransposedOutputPadding(const ConvArgs& a, std::string_view op) {
  static const char* kNames3[] = {"depth", "height", "width"};
  size_t n = a.stride.size();
  bool ok = true;
  for (size_t i = 0; i < n; ++i) {
    if (!(a.output_padding[i] < a.stride[i] || a.output_padding[i] < a.dilation[i])) ok = false;
  }
  if (ok) return;
  std::ostringstream os;
  auto part = [&](const char* what, const DimVector& v) {
    for (size_t i = 0; i < n; ++i) {
      os << " " << what;
      if (n > 1) os << "_" << kNames3[3 - n + i];
      os << ": " << v[i];
    }
  };
  part("output_padding", a.output_padding);
  part("stride", a.stride);
  part("dilation", a.dilation);
  WICK_FAIL(op, ": output padding must be smaller than either stride or dilation, but got",
            os.str());
}

// float32/bfloat16 on oneDNN; returns an undefined tensor when oneDNN cannot run it.
Tensor convolutionOneDnn(const Tensor& input, const Tensor& weight,
                         const std::optional<Tensor>& bias, const ConvArgs& a,
                         IntArrayRef out_sizes, bool channels_last) {
  onednn::ConvConfig cfg =
      oneDnnConfig(input, weight, bias.has_value(), a, out_sizes, channels_last);
  auto prim = onednn::convPrimitive(cfg);
  if (!prim) return Tensor();
  Tensor x = channels_last ? dense::channelsLast(input) : dense::contiguous(input);
  Tensor out = dense::emptyWithFormat(out_sizes, input.dtype(), channels_last);
  std::optional<Tensor> b;
  if (bias) b = dense::contiguousAs(*bias, kFloat);
  Tensor packed = onednn::cachedConvWeight(*prim, cfg, weight);
  onednn::runConv(*prim, cfg, x, packed, b, out);
  return out;
}

Tensor computeConvolution(const Tensor& input, const Tensor& weight,
                          const std::optional<Tensor>& bias, const ConvArgs& a,
                          IntArrayRef out_sizes) {
  bool channels_last = channelsLastOutput(input, weight, a);
  DType dt = input.dtype();
  if (dense::product(out_sizes) == 0) return dense::emptyWithFormat(out_sizes, dt, channels_last);
  if (dt == kHalf) {
    // float16 computes in float32 (PyTorch 1.13 has no CPU kernel for it).
    std::optional<Tensor> b32;
    if (bias) b32 = dense::contiguousAs(*bias, kFloat);
    Tensor r = computeConvolution(dense::contiguousAs(input, kFloat),
                                  dense::contiguousAs(weight, kFloat), b32, a, out_sizes);
    Tensor out = dense::emptyWithFormat(out_sizes, kHalf, channels_last);
    dense::copyInto(out, r);
    return out;
  }
  bool empty_reduction = sizeAt(input, 1) == 0 || dense::product(shapeOf(weight)) == 0;
  if (onednn::computes(dt) && !empty_reduction) {
    Tensor r = convolutionOneDnn(input, weight, bias, a, out_sizes, channels_last);
    if (r.defined()) return r;
  }
  Tensor r = convolutionFallback(input, weight, bias, a, out_sizes);
  if (!channels_last) return r;
  Tensor out = dense::emptyWithFormat(out_sizes, dt, true);
  dense::copyInto(out, r);
  return out;
}

}  // namespace

bool channelsLastOutput(const Tensor& input, const Tensor& weight, const ConvArgs& a) {
  // PyTorch 1.13 keeps channels-last only for 2-d convolutions (its 3-d and transposed
  // kernels return contiguous outputs).
  return !a.transposed && input.dim() == 4 &&
         (dense::suggestChannelsLast(input) || dense::suggestChannelsLast(weight));
}

onednn::ConvConfig oneDnnConfig(const Tensor& input, const Tensor& weight, bool has_bias,
                                const ConvArgs& a, IntArrayRef out_sizes, bool channels_last) {
  onednn::ConvConfig cfg;
  cfg.in_sizes = DimVector(shapeOf(input));
  cfg.w_sizes = DimVector(shapeOf(weight));
  cfg.out_sizes = DimVector(out_sizes);
  cfg.stride = a.stride;
  cfg.pad_l = a.pad_l;
  cfg.pad_r = a.pad_r;
  // A transposed convolution's output padding extends the right edge: oneDNN sees it as
  // less right padding.
  for (size_t i = 0; i < cfg.pad_r.size(); ++i) {
    if (a.transposed) cfg.pad_r[i] -= a.output_padding[i];
  }
  cfg.dilation = a.dilation;
  cfg.groups = a.groups;
  cfg.transposed = a.transposed;
  cfg.dtype = input.dtype();
  cfg.channels_last = channels_last;
  cfg.has_bias = has_bias;
  return cfg;
}

ConvArgs makeArgs(int64_t spatial, IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                  bool transposed, IntArrayRef output_padding, int64_t groups,
                  std::string_view op) {
  WICK_CHECK(groups > 0, op, ": non-positive groups is not supported");
  ConvArgs a;
  size_t n = static_cast<size_t>(spatial);
  a.stride = dense::expandParam(stride, n, op, "stride");
  a.pad_l = dense::expandParam(padding, n, op, "padding");
  a.pad_r = a.pad_l;
  a.dilation = dense::expandParam(dilation, n, op, "dilation");
  a.output_padding =
      transposed ? dense::expandParam(output_padding, n, op, "output_padding") : DimVector(n, 0);
  a.groups = groups;
  a.transposed = transposed;
  for (size_t i = 0; i < n; ++i) {
    WICK_CHECK(a.pad_l[i] >= 0, op, ": negative padding is not supported");
    WICK_CHECK(a.output_padding[i] >= 0, op, ": negative output_padding is not supported");
    WICK_CHECK(a.stride[i] > 0, op, ": non-positive stride is not supported");
  }
  for (size_t i = 0; i < n; ++i) {
    WICK_CHECK(a.dilation[i] > 0, op, ": non-positive dilation is not supported");
  }
  return a;
}

DimVector checkShapes(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                      const ConvArgs& a, std::string_view op) {
  IntArrayRef ws = shapeOf(weight), is = shapeOf(input);
  int64_t k = input.dim(), wd = weight.dim(), g = a.groups;
  WICK_CHECK(wd == k, op, ": Expected ", wd, "-dimensional input for ", wd, "-dimensional weight ",
             ws, ", but got ", k, "-dimensional input of size ", is, " instead");
  WICK_CHECK(ws[0] >= g, op, ": Given groups=", g, ", expected weight to be at least ", g,
             " at dimension 0, but got weight of size ", ws, " instead");
  WICK_CHECK(ws[0] % g == 0, op, ": Given groups=", g, ", expected weight to be divisible by ", g,
             " at dimension 0, but got weight of size [", ws, "] instead");
  int64_t oc = a.transposed ? ws[1] * g : ws[0];
  if (!a.transposed) {
    WICK_CHECK(is[1] == ws[1] * g, op, ": Given groups=", g, ", weight of size ", ws,
               ", expected input", is, " to have ", ws[1] * g, " channels, but got ", is[1],
               " channels instead");
  } else {
    WICK_CHECK(is[1] == ws[0], op, ": Given transposed=1, weight of size ", ws, ", expected input",
               is, " to have ", ws[0], " channels, but got ", is[1], " channels instead");
  }
  if (bias) {
    WICK_CHECK(bias->dim() == 1 && sizeAt(*bias, 0) == oc, op, ": Given ",
               a.transposed ? "transposed=1, " : "", "weight of size ", ws,
               ", expected bias to be 1-dimensional with ", oc, " elements, but got bias of size ",
               shapeOf(*bias), " instead");
  }
  size_t n = static_cast<size_t>(k - 2);
  DimVector out{is[0], oc};
  DimVector padded, kernel, in_sp, out_sp;
  bool kernel_ok = true, out_ok = true;
  for (size_t i = 0; i < n; ++i) {
    int64_t eff_k = a.dilation[i] * (ws[i + 2] - 1) + 1;
    int64_t in = is[i + 2];
    if (!a.transposed) {
      padded.push_back(in + a.pad_l[i] + a.pad_r[i]);
      kernel.push_back(eff_k);
      if (padded.back() < eff_k) kernel_ok = false;
      out_sp.push_back((padded.back() - eff_k) / a.stride[i] + 1);
    } else {
      in_sp.push_back(in);
      out_sp.push_back((in - 1) * a.stride[i] - a.pad_l[i] - a.pad_r[i] + eff_k +
                       a.output_padding[i]);
      if (out_sp.back() < 1) out_ok = false;
    }
  }
  WICK_CHECK(kernel_ok, op, ": Calculated padded input size per channel: (", joined(padded, " x "),
             "). Kernel size: (", joined(kernel, " x "),
             "). Kernel size can't be greater than actual input size");
  if (a.transposed) {
    checkTransposedOutputPadding(a, op);
    WICK_CHECK(out_ok, op, ": Given input size per channel: (", joined(in_sp, " x "),
               "). Calculated output size per channel: (", joined(out_sp, " x "),
               "). Output size is too small");
  }
  for (int64_t s : out_sp) out.push_back(s);
  return out;
}

Tensor convolution(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                   const ConvArgs& a, std::string_view op) {
  DimVector out_sizes = checkShapes(input, weight, bias, a, op);
  WICK_CHECK(input.dtype() == weight.dtype(), op, ": Input type (torch.", graphName(input.dtype()),
             "Tensor) and weight type (torch.", graphName(weight.dtype()),
             "Tensor) should be the same");
  if (bias) {
    WICK_CHECK(bias->dtype() == input.dtype(), op, ": Input type (",
               dense::typeMetaName(input.dtype()), ") and bias type (",
               dense::typeMetaName(bias->dtype()), ") should be the same");
  }
  WICK_CHECK(input.dtype() != kBool, op, ": convolution is not implemented for 'Bool'");
  return computeConvolution(input, weight, bias, a, out_sizes);
}

}  // namespace conv

namespace kernels {

namespace {

using dense::shapeOf;
using dense::sizeAt;

// The bias, if given and defined (a Tensor? argument may hold an undefined tensor).
std::optional<Tensor> biasOf(const std::optional<Tensor>& b) {
  return b && b->defined() ? b : std::nullopt;
}

// conv{1,2,3}d and conv_transpose{1,2,3}d accept an unbatched input one rank lower.
Tensor batchedCall(const Tensor& input, int64_t spatial, const char* name, std::string_view op,
                   const std::function<Tensor(const Tensor&)>& f) {
  int64_t d = input.dim();
  WICK_CHECK(d == spatial + 1 || d == spatial + 2, op, ": Expected ", spatial + 1,
             "D (unbatched) or ", spatial + 2, "D (batched) input to ", name,
             ", but got input of size: ", shapeOf(input));
  if (d == spatial + 2) return f(input);
  return dense::squeezed(f(dense::unsqueezed(input, 0)), 0);
}

Tensor convNd(int64_t spatial, const char* name, const Tensor& input, const Tensor& weight,
              const std::optional<Tensor>& bias, IntArrayRef stride, IntArrayRef padding,
              IntArrayRef dilation, int64_t groups) {
  std::string op = std::string("aten::") + name;
  return batchedCall(input, spatial, name, op, [&](const Tensor& x) {
    conv::ConvArgs a =
        conv::makeArgs(weight.dim() - 2, stride, padding, dilation, false, {}, groups, op);
    return conv::convolution(x, weight, biasOf(bias), a, op);
  });
}

Tensor convNdPadding(int64_t spatial, const char* name, const Tensor& input, const Tensor& weight,
                     const std::optional<Tensor>& bias, IntArrayRef stride,
                     std::string_view padding, IntArrayRef dilation, int64_t groups) {
  std::string op = std::string("aten::") + name;
  WICK_CHECK(padding == "same" || padding == "valid", op, ": Invalid padding string: '", padding,
             "'");
  return batchedCall(input, spatial, name, op, [&](const Tensor& x) {
    int64_t n = weight.dim() - 2;
    DimVector zeros(static_cast<size_t>(std::max<int64_t>(n, 1)), 0);
    conv::ConvArgs a = conv::makeArgs(n, stride, zeros, dilation, false, {}, groups, op);
    if (padding == "same") {
      for (int64_t s : a.stride) {
        WICK_CHECK(s == 1, op, ": padding='same' is not supported for strided convolutions");
      }
      for (size_t i = 0; i < a.pad_l.size(); ++i) {
        int64_t total = a.dilation[i] * (sizeAt(weight, static_cast<int64_t>(i) + 2) - 1);
        a.pad_l[i] = total / 2;
        a.pad_r[i] = total - total / 2;
      }
    }
    return conv::convolution(x, weight, biasOf(bias), a, op);
  });
}

Tensor convTransposeNd(int64_t spatial, const char* name, const Tensor& input, const Tensor& weight,
                       const std::optional<Tensor>& bias, IntArrayRef stride, IntArrayRef padding,
                       IntArrayRef output_padding, int64_t groups, IntArrayRef dilation) {
  std::string op = std::string("aten::") + name;
  return batchedCall(input, spatial, name, op, [&](const Tensor& x) {
    conv::ConvArgs a = conv::makeArgs(weight.dim() - 2, stride, padding, dilation, true,
                                      output_padding, groups, op);
    return conv::convolution(x, weight, biasOf(bias), a, op);
  });
}

Tensor convolutionOp(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                     IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool transposed,
                     IntArrayRef output_padding, int64_t groups, std::string_view op) {
  WICK_CHECK(weight.dim() >= 3, op, ": weight should have at least three dimensions");
  conv::ConvArgs a = conv::makeArgs(weight.dim() - 2, stride, padding, dilation, transposed,
                                    output_padding, groups, op);
  return conv::convolution(input, weight, biasOf(bias), a, op);
}

}  // namespace

Tensor conv1d(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
              IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  return convNd(1, "conv1d", input, weight, bias, stride, padding, dilation, groups);
}

Tensor conv2d(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
              IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  return convNd(2, "conv2d", input, weight, bias, stride, padding, dilation, groups);
}

Tensor conv3d(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
              IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  return convNd(3, "conv3d", input, weight, bias, stride, padding, dilation, groups);
}

// What conv{1,2,3}d with a padding string records in a trace (as PyTorch's tracer does).
Tensor _convolution_mode(const Tensor& input, const Tensor& weight,
                         const std::optional<Tensor>& bias, IntArrayRef stride,
                         std::string_view padding, IntArrayRef dilation, int64_t groups) {
  WICK_CHECK(weight.dim() >= 3 && weight.dim() <= 5,
             "aten::_convolution_mode: expected a 3-d, 4-d "
             "or 5-d weight, got ",
             weight.dim(), "-d");
  return convNdPadding(weight.dim() - 2, "_convolution_mode", input, weight, bias, stride, padding,
                       dilation, groups);
}

Tensor conv1d_padding(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                      IntArrayRef stride, std::string_view padding, IntArrayRef dilation,
                      int64_t groups) {
  return convNdPadding(1, "conv1d", input, weight, bias, stride, padding, dilation, groups);
}

Tensor conv2d_padding(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                      IntArrayRef stride, std::string_view padding, IntArrayRef dilation,
                      int64_t groups) {
  return convNdPadding(2, "conv2d", input, weight, bias, stride, padding, dilation, groups);
}

Tensor conv3d_padding(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                      IntArrayRef stride, std::string_view padding, IntArrayRef dilation,
                      int64_t groups) {
  return convNdPadding(3, "conv3d", input, weight, bias, stride, padding, dilation, groups);
}

Tensor conv_transpose1d(const Tensor& input, const Tensor& weight,
                        const std::optional<Tensor>& bias, IntArrayRef stride, IntArrayRef padding,
                        IntArrayRef output_padding, int64_t groups, IntArrayRef dilation) {
  return convTransposeNd(1, "conv_transpose1d", input, weight, bias, stride, padding,
                         output_padding, groups, dilation);
}

Tensor conv_transpose2d_input(const Tensor& input, const Tensor& weight,
                              const std::optional<Tensor>& bias, IntArrayRef stride,
                              IntArrayRef padding, IntArrayRef output_padding, int64_t groups,
                              IntArrayRef dilation) {
  return convTransposeNd(2, "conv_transpose2d", input, weight, bias, stride, padding,
                         output_padding, groups, dilation);
}

Tensor conv_transpose3d_input(const Tensor& input, const Tensor& weight,
                              const std::optional<Tensor>& bias, IntArrayRef stride,
                              IntArrayRef padding, IntArrayRef output_padding, int64_t groups,
                              IntArrayRef dilation) {
  return convTransposeNd(3, "conv_transpose3d", input, weight, bias, stride, padding,
                         output_padding, groups, dilation);
}

Tensor convolution(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                   IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool transposed,
                   IntArrayRef output_padding, int64_t groups) {
  return convolutionOp(input, weight, bias, stride, padding, dilation, transposed, output_padding,
                       groups, "aten::convolution");
}

Tensor _convolution(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                    IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool transposed,
                    IntArrayRef output_padding, int64_t groups, bool, bool, bool, bool) {
  return convolutionOp(input, weight, bias, stride, padding, dilation, transposed, output_padding,
                       groups, "aten::_convolution");
}

Tensor _convolution_deprecated(const Tensor& input, const Tensor& weight,
                               const std::optional<Tensor>& bias, IntArrayRef stride,
                               IntArrayRef padding, IntArrayRef dilation, bool transposed,
                               IntArrayRef output_padding, int64_t groups, bool, bool, bool) {
  return convolutionOp(input, weight, bias, stride, padding, dilation, transposed, output_padding,
                       groups, "aten::_convolution");
}

}  // namespace kernels

}  // namespace wick
