// Layer and group normalisation: layer_norm, native_layer_norm, group_norm,
// native_group_norm. Statistics accumulate in double (two passes), so results match
// PyTorch's float kernels to rounding.
#include <cmath>
#include <sstream>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/kernels/norm_util.h"
#include "ops/parallel.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace {

using dense::shapeOf;
using dense::sizeAt;

std::optional<Tensor> defined(const std::optional<Tensor>& t) {
  return t && t->defined() ? t : std::nullopt;
}

DType statDType(DType x) { return x == kBFloat16 || x == kHalf ? kFloat : x; }

// Mean and 1/sqrt(var + eps) of `len` values read by at(i).
template <class F>
std::pair<double, double> moments(int64_t len, double eps, const F& at) {
  double s = 0;
  for (int64_t i = 0; i < len; ++i) s += at(i);
  double mean = len > 0 ? s / static_cast<double>(len) : 0.0;
  double ss = 0;
  for (int64_t i = 0; i < len; ++i) {
    double d = at(i) - mean;
    ss += d * d;
  }
  double var = len > 0 ? ss / static_cast<double>(len) : 0.0;
  return {mean, 1.0 / std::sqrt(var + eps)};
}

std::vector<double> paramValues(const std::optional<Tensor>& t, int64_t n, double fill) {
  if (!t) return std::vector<double>(static_cast<size_t>(n), fill);
  return dense::contiguousAs(*t, kDouble).to_vector<double>();
}

Tensor fromDoubles(const std::vector<double>& v, IntArrayRef shape, DType dtype) {
  Tensor t = emptyTensor({static_cast<int64_t>(v.size())}, kDouble);
  std::copy(v.begin(), v.end(), static_cast<double*>(t.data_ptr()));
  return dense::viewAs(dense::contiguousAs(t, dtype), shape);
}

Tensor3 layerNorm(const Tensor& input, IntArrayRef normalized_shape,
                  const std::optional<Tensor>& weight, const std::optional<Tensor>& bias,
                  double eps, std::string_view op) {
  size_t k = normalized_shape.size();
  WICK_CHECK(k >= 1, op,
             ": Expected normalized_shape to be at least 1-dimensional, i.e., containing at "
             "least one element, but got normalized_shape = ",
             normalized_shape);
  WICK_CHECK(!weight || shapeOf(*weight) == normalized_shape, op,
             ": Expected weight to be of same shape as normalized_shape, but got weight of shape ",
             shapeOf(*weight), " and normalized_shape = ", normalized_shape);
  WICK_CHECK(!bias || shapeOf(*bias) == normalized_shape, op,
             ": Expected bias to be of same shape as normalized_shape, but got bias of shape ",
             shapeOf(*bias), " and normalized_shape = ", normalized_shape);
  IntArrayRef is = shapeOf(input);
  bool ok = is.size() >= k && is.slice(is.size() - k) == normalized_shape;
  if (!ok) {
    std::ostringstream want;
    for (int64_t v : normalized_shape) want << ", " << v;
    WICK_FAIL(op, ": Given normalized_shape=", normalized_shape, ", expected input with shape [*",
              want.str(), "], but got input of size", is);
  }
  norm::checkNormDType(input, op, "LayerNormKernelImpl");
  norm::checkParamDType(input, weight, op);
  norm::checkParamDType(input, bias, op);
  int64_t n = dense::product(normalized_shape);
  int64_t m = n == 0 ? 0 : input.impl()->numel() / n;
  Tensor x = dense::contiguous(input);
  Tensor out = emptyTensor(is, input.dtype());
  std::vector<double> w = paramValues(weight, n, 1), b = paramValues(bias, n, 0);
  std::vector<double> means(static_cast<size_t>(m)), rstds(static_cast<size_t>(m));
  dense::visitDType(input.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (isFloatingType(dtypeOf<T>)) {
      const T* xp = static_cast<const T*>(x.data_ptr());
      T* yp = static_cast<T*>(out.data_ptr());
      parallelFor(
          0, m, std::max<int64_t>(1, 16384 / std::max<int64_t>(n, 1)), [&](int64_t r0, int64_t r1) {
            for (int64_t r = r0; r < r1; ++r) {
              const T* row = xp + r * n;
              auto [mean, rstd] = moments(n, eps, [&](int64_t i) { return double(row[i]); });
              means[r] = mean;
              rstds[r] = rstd;
              T* o = yp + r * n;
              for (int64_t i = 0; i < n; ++i) {
                o[i] = T(
                    static_cast<dense::compute_t<T>>((double(row[i]) - mean) * rstd * w[i] + b[i]));
              }
            }
          });
    }
  });
  DimVector stat_shape(is.slice(0, is.size() - k));
  for (size_t i = 0; i < k; ++i) stat_shape.push_back(1);
  DType sd = statDType(input.dtype());
  return {out, fromDoubles(means, stat_shape, sd), fromDoubles(rstds, stat_shape, sd)};
}

Tensor3 groupNorm(const Tensor& input, int64_t groups, const std::optional<Tensor>& weight,
                  const std::optional<Tensor>& bias, double eps, std::string_view op) {
  WICK_CHECK_INDEX(input.dim() >= 2, op, ": Dimension out of range (expected to be in range of [",
                   -std::max<int64_t>(input.dim(), 1), ", ", std::max<int64_t>(input.dim(), 1) - 1,
                   "], but got 1)");
  int64_t c = sizeAt(input, 1);
  WICK_CHECK(groups > 0 && c % groups == 0, op,
             ": Expected number of channels in input to be divisible by num_groups, but got "
             "input of shape ",
             shapeOf(input), " and num_groups=", groups);
  for (auto [p, what] : {std::pair{&weight, "weight"}, std::pair{&bias, "bias"}}) {
    WICK_CHECK(!*p || ((*p)->dim() == 1 && (*p)->impl()->numel() == c), op, ": Expected ", what,
               " to be a vector of size equal to the number of channels in input, but got ", what,
               " of shape ", shapeOf(**p), " and input of shape ", shapeOf(input));
  }
  norm::checkNormDType(input, op, "GroupNormKernelImpl");
  norm::checkParamDType(input, weight, op);
  norm::checkParamDType(input, bias, op);
  norm::ChannelView v = norm::channelView(input);
  int64_t cg = c / groups, ng = v.n * groups;
  Tensor out = dense::emptyWithFormat(shapeOf(input), input.dtype(), v.channels_last);
  std::vector<double> w = paramValues(weight, c, 1), b = paramValues(bias, c, 0);
  std::vector<double> means(static_cast<size_t>(ng)), rstds(static_cast<size_t>(ng));
  dense::visitDType(input.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (isFloatingType(dtypeOf<T>)) {
      const T* xp = static_cast<const T*>(v.x.data_ptr());
      T* yp = static_cast<T*>(out.data_ptr());
      // Offset of (n, channel, spatial i) in either layout.
      auto at = [&](int64_t n, int64_t ch, int64_t i) {
        return v.channels_last ? (n * v.inner + i) * c + ch : (n * c + ch) * v.inner + i;
      };
      int64_t len = cg * v.inner;
      parallelFor(
          0, ng, std::max<int64_t>(1, 16384 / std::max<int64_t>(len, 1)),
          [&](int64_t g0, int64_t g1) {
            for (int64_t gi = g0; gi < g1; ++gi) {
              int64_t n = gi / groups, c0 = (gi % groups) * cg;
              const T* group = xp + (n * c + c0) * v.inner;  // NCHW: contiguous
              auto [mean, rstd] = moments(len, eps, [&](int64_t j) {
                return v.channels_last ? double(xp[at(n, c0 + j % cg, j / cg)]) : double(group[j]);
              });
              means[gi] = mean;
              rstds[gi] = rstd;
              for (int64_t ch = c0; ch < c0 + cg; ++ch) {
                double scale = rstd * w[ch], shift = b[ch] - mean * scale;
                for (int64_t i = 0; i < v.inner; ++i) {
                  int64_t o = at(n, ch, i);
                  yp[o] = T(static_cast<dense::compute_t<T>>(double(xp[o]) * scale + shift));
                }
              }
            }
          });
    }
  });
  DType sd = statDType(input.dtype());
  return {out, fromDoubles(means, {v.n, groups}, sd), fromDoubles(rstds, {v.n, groups}, sd)};
}

}  // namespace

namespace kernels {

Tensor layer_norm(const Tensor& input, IntArrayRef normalized_shape,
                  const std::optional<Tensor>& weight, const std::optional<Tensor>& bias,
                  double eps, bool) {
  return std::get<0>(
      layerNorm(input, normalized_shape, defined(weight), defined(bias), eps, "aten::layer_norm"));
}

Tensor3 native_layer_norm(const Tensor& input, IntArrayRef normalized_shape,
                          const std::optional<Tensor>& weight, const std::optional<Tensor>& bias,
                          double eps) {
  return layerNorm(input, normalized_shape, defined(weight), defined(bias), eps,
                   "aten::native_layer_norm");
}

Tensor group_norm(const Tensor& input, int64_t num_groups, const std::optional<Tensor>& weight,
                  const std::optional<Tensor>& bias, double eps, bool) {
  return std::get<0>(
      groupNorm(input, num_groups, defined(weight), defined(bias), eps, "aten::group_norm"));
}

Tensor3 native_group_norm(const Tensor& input, const std::optional<Tensor>& weight,
                          const std::optional<Tensor>& bias, int64_t n, int64_t c, int64_t hxw,
                          int64_t group, double eps) {
  constexpr std::string_view op = "aten::native_group_norm";
  WICK_CHECK(input.impl()->numel() == n * c * hxw, op, ": Expected the input to have ", n * c * hxw,
             " elements (N=", n, ", C=", c, ", HxW=", hxw, "), but got input of shape ",
             shapeOf(input));
  return groupNorm(input, group, defined(weight), defined(bias), eps, op);
}

}  // namespace kernels

}  // namespace wick
