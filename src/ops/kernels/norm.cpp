// Batch and instance normalisation: batch_norm, native_batch_norm, instance_norm. Training
// mode normalises with the batch statistics and updates the running statistics in place
// (momentum, unbiased variance), exactly as PyTorch 1.13's CPU kernels do.
#include <cmath>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/kernels/norm_util.h"
#include "ops/parallel.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace norm {

using dense::shapeOf;
using dense::sizeAt;

ChannelView channelView(const Tensor& x) {
  ChannelView v;
  v.channels_last = dense::suggestChannelsLast(x) && x.dim() == 4;
  v.x = v.channels_last ? dense::channelsLast(x) : dense::contiguous(x);
  v.n = sizeAt(x, 0);
  v.c = sizeAt(x, 1);
  v.inner = x.impl()->numel() / std::max<int64_t>(v.n * v.c, 1);
  return v;
}

namespace {

// Per-channel sums over (N, spatial) of f(x) in double, for either layout.
template <class T, class F>
std::vector<double> channelSums(const ChannelView& v, const F& f) {
  const T* x = static_cast<const T*>(v.x.data_ptr());
  int64_t c_n = v.c;
  std::vector<double> sums(static_cast<size_t>(c_n), 0.0);
  if (!v.channels_last) {
    parallelFor(0, c_n, 1, [&](int64_t c0, int64_t c1) {
      for (int64_t c = c0; c < c1; ++c) {
        double s = 0;
        for (int64_t n = 0; n < v.n; ++n) {
          const T* p = x + (n * c_n + c) * v.inner;
          for (int64_t i = 0; i < v.inner; ++i) s += f(c, static_cast<double>(p[i]));
        }
        sums[c] = s;
      }
    });
    return sums;
  }
  // Channels-last: rows of C values; each thread sums its rows, then the partials add up.
  int64_t rows = v.n * v.inner;
  int threads = rows * c_n > 65536 ? getNumThreads() : 1;
  std::vector<std::vector<double>> partial(static_cast<size_t>(threads),
                                           std::vector<double>(static_cast<size_t>(c_n), 0.0));
  parallelFor(0, threads, 1, [&](int64_t t0, int64_t t1) {
    for (int64_t t = t0; t < t1; ++t) {
      int64_t per = (rows + threads - 1) / threads;
      int64_t r0 = t * per, r1 = std::min(rows, r0 + per);
      double* acc = partial[t].data();
      for (int64_t r = r0; r < r1; ++r) {
        const T* p = x + r * c_n;
        for (int64_t c = 0; c < c_n; ++c) acc[c] += f(c, static_cast<double>(p[c]));
      }
    }
  });
  for (const auto& p : partial)
    for (int64_t c = 0; c < c_n; ++c) sums[c] += p[c];
  return sums;
}

// y = x * scale[c] + shift[c] in the input's layout.
template <class T>
void applyAffine(const ChannelView& v, const std::vector<double>& scale,
                 const std::vector<double>& shift, const Tensor& out) {
  using C = dense::compute_t<T>;
  const T* x = static_cast<const T*>(v.x.data_ptr());
  T* y = static_cast<T*>(out.data_ptr());
  std::vector<C> sc(scale.begin(), scale.end()), sh(shift.begin(), shift.end());
  int64_t c_n = v.c;
  if (!v.channels_last) {
    int64_t planes = v.n * c_n;
    parallelFor(0, planes, std::max<int64_t>(1, 32768 / std::max<int64_t>(v.inner, 1)),
                [&](int64_t p0, int64_t p1) {
                  for (int64_t p = p0; p < p1; ++p) {
                    C a = sc[p % c_n], b = sh[p % c_n];
                    const T* xp = x + p * v.inner;
                    T* yp = y + p * v.inner;
                    for (int64_t i = 0; i < v.inner; ++i) yp[i] = T(C(xp[i]) * a + b);
                  }
                });
    return;
  }
  int64_t rows = v.n * v.inner;
  parallelFor(0, rows, std::max<int64_t>(1, 32768 / std::max<int64_t>(c_n, 1)),
              [&](int64_t r0, int64_t r1) {
                for (int64_t r = r0; r < r1; ++r) {
                  const T* xp = x + r * c_n;
                  T* yp = y + r * c_n;
                  for (int64_t c = 0; c < c_n; ++c) yp[c] = T(C(xp[c]) * sc[c] + sh[c]);
                }
              });
}

std::vector<double> toDoubles(const std::optional<Tensor>& t, int64_t n, double fill) {
  if (!t) return std::vector<double>(static_cast<size_t>(n), fill);
  return dense::contiguousAs(*t, kDouble).to_vector<double>();
}

void checkParam(const std::optional<Tensor>& t, int64_t c, const char* what, std::string_view op) {
  if (!t) return;
  WICK_CHECK(t->impl()->numel() == c, op, ": ", what, " should contain ", c, " elements not ",
             t->impl()->numel());
}

// Writes `values` (double) into a parameter-dtype tensor in place.
void storeInPlace(const Tensor& t, const std::vector<double>& values) {
  Tensor src = emptyTensor({static_cast<int64_t>(values.size())}, kDouble);
  std::copy(values.begin(), values.end(), static_cast<double*>(src.data_ptr()));
  dense::copyInto(t, dense::viewAs(src, shapeOf(t)));
  t.impl()->storage()->bumpVersion();
}

}  // namespace

void checkNormDType(const Tensor& x, std::string_view op, const char* kernel) {
  WICK_CHECK(isFloatingType(x.dtype()), op, ": \"", kernel, "\" not implemented for '",
             dense::scalarTypeName(x.dtype()), "'");
}

void checkParamDType(const Tensor& x, const std::optional<Tensor>& p, std::string_view op) {
  if (!p) return;
  bool reduced = x.dtype() == kBFloat16 || x.dtype() == kHalf;
  WICK_CHECK(p->dtype() == x.dtype() || (reduced && p->dtype() == kFloat), op,
             ": mixed dtype (CPU): expect parameter to have scalar type of ",
             dense::scalarTypeName(reduced ? kFloat : x.dtype()));
}

void checkBatchNormArgs(const Tensor& input, const std::optional<Tensor>& weight,
                        const std::optional<Tensor>& bias,
                        const std::optional<Tensor>& running_mean,
                        const std::optional<Tensor>& running_var, bool training,
                        std::string_view op) {
  WICK_CHECK_INDEX(input.dim() >= 2, op, ": Dimension out of range (expected to be in range of [",
                   -std::max<int64_t>(input.dim(), 1), ", ", std::max<int64_t>(input.dim(), 1) - 1,
                   "], but got 1)");
  checkNormDType(input, op, "batch_norm");
  int64_t c = sizeAt(input, 1);
  checkParam(weight, c, "weight", op);
  checkParam(bias, c, "bias", op);
  checkParam(running_mean, c, "running_mean", op);
  checkParam(running_var, c, "running_var", op);
  for (const auto* p : {&weight, &bias, &running_mean, &running_var})
    checkParamDType(input, *p, op);
  if (!training) {
    WICK_CHECK(running_mean.has_value(), op, ": running_mean must be defined in evaluation mode");
    WICK_CHECK(running_var.has_value(), op, ": running_var must be defined in evaluation mode");
  }
}

BatchNormResult batchNorm(const Tensor& input, const std::optional<Tensor>& weight,
                          const std::optional<Tensor>& bias,
                          const std::optional<Tensor>& running_mean,
                          const std::optional<Tensor>& running_var, bool training, double momentum,
                          double eps, std::string_view op) {
  checkBatchNormArgs(input, weight, bias, running_mean, running_var, training, op);
  int64_t c = sizeAt(input, 1);
  ChannelView v = channelView(input);
  BatchNormResult r;
  r.out = dense::emptyWithFormat(shapeOf(input), input.dtype(), v.channels_last);
  std::vector<double> mean, var;
  int64_t count = v.n * v.inner;
  dense::visitDType(input.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (isFloatingType(dtypeOf<T>)) {
      if (training) {
        mean = channelSums<T>(v, [](int64_t, double x) { return x; });
        for (double& m : mean) m /= static_cast<double>(count);
        var = channelSums<T>(v,
                             [&](int64_t ch, double x) { return (x - mean[ch]) * (x - mean[ch]); });
      } else {
        mean = toDoubles(running_mean, c, 0);
        var = toDoubles(running_var, c, 1);
      }
      std::vector<double> w = toDoubles(weight, c, 1), b = toDoubles(bias, c, 0);
      std::vector<double> invstd(static_cast<size_t>(c)), scale(static_cast<size_t>(c)),
          shift(static_cast<size_t>(c));
      for (int64_t i = 0; i < c; ++i) {
        double biased = training ? var[i] / static_cast<double>(count) : var[i];
        invstd[i] = 1.0 / std::sqrt(biased + eps);
        scale[i] = w[i] * invstd[i];
        shift[i] = b[i] - mean[i] * scale[i];
      }
      if (r.out.impl()->numel() > 0) applyAffine<T>(v, scale, shift, r.out);
      r.mean = mean;
      r.invstd = invstd;
      r.var_sum = var;
    }
  });
  if (training && count > 0) {
    // Running statistics use the unbiased variance; n == 1 divides by zero as in PyTorch.
    if (running_mean) {
      std::vector<double> rm = toDoubles(running_mean, c, 0);
      for (int64_t i = 0; i < c; ++i) rm[i] = (1 - momentum) * rm[i] + momentum * mean[i];
      storeInPlace(*running_mean, rm);
    }
    if (running_var) {
      std::vector<double> rv = toDoubles(running_var, c, 1);
      double n = static_cast<double>(count);
      for (int64_t i = 0; i < c; ++i)
        rv[i] = (1 - momentum) * rv[i] + momentum * (var[i] / (n - 1));
      storeInPlace(*running_var, rv);
    }
  }
  return r;
}

}  // namespace norm

namespace kernels {

namespace {

std::optional<Tensor> defined(const std::optional<Tensor>& t) {
  return t && t->defined() ? t : std::nullopt;
}

Tensor statTensor(const std::vector<double>& v, DType dtype) {
  Tensor t = emptyTensor({static_cast<int64_t>(v.size())}, kDouble);
  std::copy(v.begin(), v.end(), static_cast<double*>(t.data_ptr()));
  return dense::contiguousAs(t, dtype);
}

}  // namespace

Tensor batch_norm(const Tensor& input, const std::optional<Tensor>& weight,
                  const std::optional<Tensor>& bias, const std::optional<Tensor>& running_mean,
                  const std::optional<Tensor>& running_var, bool training, double momentum,
                  double eps, bool) {
  return norm::batchNorm(input, defined(weight), defined(bias), defined(running_mean),
                         defined(running_var), training, momentum, eps, "aten::batch_norm")
      .out;
}

Tensor3 native_batch_norm(const Tensor& input, const std::optional<Tensor>& weight,
                          const std::optional<Tensor>& bias,
                          const std::optional<Tensor>& running_mean,
                          const std::optional<Tensor>& running_var, bool training, double momentum,
                          double eps) {
  norm::BatchNormResult r =
      norm::batchNorm(input, defined(weight), defined(bias), defined(running_mean),
                      defined(running_var), training, momentum, eps, "aten::native_batch_norm");
  // Evaluation mode saves no statistics (empty tensors), as PyTorch's CPU kernel.
  DType stat_dtype = input.dtype() == kBFloat16 || input.dtype() == kHalf ? kFloat : input.dtype();
  if (!training) return {r.out, emptyTensor({0}, stat_dtype), emptyTensor({0}, stat_dtype)};
  return {r.out, statTensor(r.mean, stat_dtype), statTensor(r.invstd, stat_dtype)};
}

Tensor instance_norm(const Tensor& input, const std::optional<Tensor>& weight,
                     const std::optional<Tensor>& bias, const std::optional<Tensor>& running_mean,
                     const std::optional<Tensor>& running_var, bool use_input_stats,
                     double momentum, double eps, bool) {
  constexpr std::string_view op = "aten::instance_norm";
  auto rm = defined(running_mean), rv = defined(running_var);
  WICK_CHECK(use_input_stats || (rm && rv), op,
             ": Expected running_mean and running_var to be defined when use_input_stats is false");
  WICK_CHECK_INDEX(input.dim() >= 2, op, ": Dimension out of range (expected to be in range of [",
                   -std::max<int64_t>(input.dim(), 1), ", ", std::max<int64_t>(input.dim(), 1) - 1,
                   "], but got 1)");
  // Instance norm is batch norm of the [1, N*C, ...] view, with parameters repeated per
  // sample; the running statistics take the mean of the per-sample updates.
  int64_t n = dense::sizeAt(input, 0), c = dense::sizeAt(input, 1);
  DimVector shape(dense::shapeOf(input));
  DimVector folded{1, n * c};
  for (size_t i = 2; i < shape.size(); ++i) folded.push_back(shape[i]);
  Tensor x = dense::viewAs(dense::contiguous(input), folded);
  auto repeat = [&](const std::optional<Tensor>& t) -> std::optional<Tensor> {
    if (!t) return std::nullopt;
    Tensor base = dense::contiguous(*t);
    Tensor out = emptyTensor({n, c}, t->dtype());
    dense::copyInto(out, dense::expanded(dense::viewAs(base, {1, c}), {n, c}));
    return dense::viewAs(out, {n * c});
  };
  auto rm_rep = repeat(rm), rv_rep = repeat(rv);
  Tensor out = norm::batchNorm(x, repeat(defined(weight)), repeat(defined(bias)), rm_rep, rv_rep,
                               use_input_stats, momentum, eps, op)
                   .out;
  auto average_back = [&](const std::optional<Tensor>& rep, const std::optional<Tensor>& dst) {
    if (!use_input_stats || !rep) return;
    std::vector<double> vals = dense::contiguousAs(*rep, kDouble).to_vector<double>();
    std::vector<double> mean(static_cast<size_t>(c), 0.0);
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < c; ++j) mean[j] += vals[i * c + j] / static_cast<double>(n);
    Tensor m = statTensor(mean, kDouble);
    dense::copyInto(*dst, dense::viewAs(m, dense::shapeOf(*dst)));
    dst->impl()->storage()->bumpVersion();
  };
  average_back(rm_rep, rm);
  average_back(rv_rep, rv);
  return dense::viewAs(out, shape);
}

}  // namespace kernels

}  // namespace wick
