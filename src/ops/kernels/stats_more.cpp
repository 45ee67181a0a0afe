// Order statistics and histograms over whole tensors or built from other kernels: nanmedian
// (std::nth_element as PyTorch runs it), quantile/nanquantile and histc. quantile is built from
// sort, gather and lerp in the input's dtype, as PyTorch builds it, so ranks and weights round
// as there. (mode and nanmedian.dim work line by line and live with sort in sort.cpp.)
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "ops/kernels/error_naming.h"
#include "ops/kernels/iter_loops.h"
#include "ops/kernels/reduce_util.h"
#include "ops/kernels/shape_util.h"
#include "ops/type_promotion.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using reduce::compute_t;
using reduce::isNan;

// ---- quantile ----

enum class Interpolation { kLinear, kLower, kHigher, kMidpoint, kNearest };

Interpolation interpolationOf(const char* op, std::string_view name) {
  if (name == "linear") return Interpolation::kLinear;
  if (name == "lower") return Interpolation::kLower;
  if (name == "higher") return Interpolation::kHigher;
  if (name == "midpoint") return Interpolation::kMidpoint;
  if (name == "nearest") return Interpolation::kNearest;
  WICK_FAIL(op,
            ": quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, "
            "but got ",
            name);
}

// PyTorch's quantile_compute: sort along the reduced dim (or the flattened tensor), turn q
// into fractional ranks, and interpolate between the neighbouring sorted values.
Tensor quantileImpl(const char* op, const Tensor& self, const Tensor& q, std::optional<int64_t> dim,
                    bool keepdim, std::string_view interpolation, bool ignore_nan) {
  Interpolation mode = interpolationOf(op, interpolation);
  WICK_CHECK(self.impl()->numel() > 0, op, ": quantile() input tensor must be non-empty");
  WICK_CHECK(q.dim() <= 1, op, ": quantile() q must be a scalar or 1D tensor");
  WICK_CHECK(self.dtype() == kFloat || self.dtype() == kDouble, op,
             ": quantile() input tensor must be either float or double dtype");
  WICK_CHECK(self.dtype() == q.dtype(), op,
             ": quantile() q tensor must be same dtype as the input tensor");
  int64_t wrapped = wrapDim(dim.value_or(0), self.dim(), op);
  DimVector out_shape;
  if (dim && self.dim() > 0) {
    out_shape = reduce::reducedShape(self.impl()->sizes(),
                                     reduce::singleDimMask(wrapped, self.dim(), op), keepdim);
  } else if (keepdim) {
    out_shape.assign(static_cast<size_t>(self.dim()), 1);
  }
  if (q.dim() > 0) out_shape.insert(0, q.impl()->numel());
  return namingErrors(op, [&] {
    Tensor in_range =
        all(logical_and(ge_Scalar(q, Scalar(int64_t(0))), le_Scalar(q, Scalar(int64_t(1)))));
    WICK_CHECK(in_range.item<bool>(), op, ": quantile() q values must be in the range [0, 1]");
    Tensor sorted;
    if (!dim) {
      sorted = std::get<0>(sort(flatten_using_ints(self, 0, -1), -1, false));
    } else if (wrapped == self.dim() - 1) {
      sorted = std::get<0>(sort(self, -1, false));
    } else {
      sorted = std::get<0>(sort(transpose_int(unsqueeze(self, -1), wrapped, -1), -1, false));
    }
    // Lines of the sorted values in the output's layout (without q's dim), q's values last.
    DimVector in_shape;
    for (size_t i = q.dim() == 0 ? 0 : 1; i < out_shape.size(); ++i)
      in_shape.push_back(out_shape[i]);
    in_shape.push_back(sorted.impl()->sizes().back());
    sorted = view(sorted, in_shape);
    WICK_CHECK(sorted.impl()->sizes().back() <= (int64_t(1) << 24), op,
               ": quantile() input tensor is too large");
    Tensor q1 = q.dim() == 0 ? unsqueeze(q, 0) : q;
    Tensor ranks;
    if (ignore_nan) {
      // Ranks over the non-NaN values; a line of NaN gets rank 0 and so a NaN result.
      Tensor valid =
          sum_dim_IntList(logical_not(isnan(sorted)), IntArrayRef{-1}, true, std::nullopt);
      ranks = mul_Tensor(q1, sub_Scalar(valid, Scalar(int64_t(1)), Scalar(int64_t(1))));
      ranks = masked_fill_Scalar(ranks, lt_Scalar(ranks, Scalar(int64_t(0))), Scalar(int64_t(0)));
    } else {
      // A line holding NaN takes its last (NaN) value.
      int64_t last = sorted.impl()->sizes().back() - 1;
      Tensor scaled = mul_Scalar(q1, Scalar(last));
      Tensor has_nan = any_dim(isnan(sorted), -1, true);
      std::vector<Tensor> both = broadcast_tensors(std::vector<Tensor>{scaled, has_nan});
      ranks = masked_fill_Scalar(both[0], both[1], Scalar(last));
    }
    if (mode == Interpolation::kLower) ranks = floor(ranks);
    if (mode == Interpolation::kHigher) ranks = ceil(ranks);
    if (mode == Interpolation::kNearest) ranks = round(ranks);
    Tensor below = to_dtype(ranks, kLong, false, false, std::nullopt);
    Tensor values = gather(sorted, -1, below, false);
    if (mode == Interpolation::kLinear || mode == Interpolation::kMidpoint) {
      Tensor weights = mode == Interpolation::kMidpoint
                           ? full_like(ranks, Scalar(0.5), std::nullopt, std::nullopt, std::nullopt,
                                       std::nullopt, std::nullopt)
                           : sub_Tensor(ranks, below, Scalar(int64_t(1)));
      Tensor above = to_dtype(ceil(ranks), kLong, false, false, std::nullopt);
      values = lerp_Tensor(values, gather(sorted, -1, above, false), weights);
    }
    if (q.dim() == 0) {
      values = squeeze_dim(values, -1);
    } else {
      values = squeeze_dim(transpose_int(unsqueeze(values, 0), 0, -1), -1);
    }
    // (PyTorch returns this view as it is: with q a tensor, q's dim is the innermost.)
    return values;
  });
}

Tensor scalarQ(const char* op, const Tensor& self, double q) {
  WICK_CHECK(q >= 0 && q <= 1, op, ": quantile() q must be in the range [0, 1] but got ", q);
  return scalar_tensor(Scalar(q), self.dtype(), std::nullopt, std::nullopt, std::nullopt);
}

}  // namespace

// ---- nanmedian: the median of the non-NaN values ----

Tensor nanmedian(const Tensor& self) {
  const char* op = "aten::nanmedian";
  iter::requireKernelType(
      self.dtype() != kHalf && self.dtype() != kBFloat16 && self.dtype() != kBool, op, "median_cpu",
      self.dtype());
  int64_t n = self.impl()->numel();
  Tensor out = emptyTensor({}, self.dtype());
  if (n == 0) {
    WICK_CHECK(isFloatingType(self.dtype()), op,
               ": nanmedian(): cannot compute the median of an empty ",
               scalarTypeName(self.dtype()), " tensor");
    fillTensor(out, Scalar(std::numeric_limits<double>::quiet_NaN()));
    return out;
  }
  Tensor flat = contiguousCopy(self);
  WICK_DISPATCH_ALL(self.dtype(), "median_cpu", {
    using T = scalar_t;
    T* first = static_cast<T*>(flat.data_ptr());
    T* last = first + n;
    int64_t nans = std::count_if(first, last, [](T v) { return isNan(v); });
    T* median = first + (n - nans - 1) / 2;
    std::nth_element(first, median, last,
                     [](T a, T b) { return a < b || (isNan(b) && !isNan(a)); });
    *out.data_ptr<T>() = *median;
  });
  return out;
}

// ---- quantile / nanquantile ----

Tensor quantile(const Tensor& self, const Tensor& q, std::optional<int64_t> dim, bool keepdim,
                std::string_view interpolation) {
  return quantileImpl("aten::quantile", self, q, dim, keepdim, interpolation, false);
}
Tensor quantile_scalar(const Tensor& self, double q, std::optional<int64_t> dim, bool keepdim,
                       std::string_view interpolation) {
  const char* op = "aten::quantile";
  return quantileImpl(op, self, scalarQ(op, self, q), dim, keepdim, interpolation, false);
}
Tensor nanquantile(const Tensor& self, const Tensor& q, std::optional<int64_t> dim, bool keepdim,
                   std::string_view interpolation) {
  return quantileImpl("aten::nanquantile", self, q, dim, keepdim, interpolation, true);
}
Tensor nanquantile_scalar(const Tensor& self, double q, std::optional<int64_t> dim, bool keepdim,
                          std::string_view interpolation) {
  const char* op = "aten::nanquantile";
  return quantileImpl(op, self, scalarQ(op, self, q), dim, keepdim, interpolation, true);
}

// ---- histc: equal-width bins between min and max (the data's range when both are equal) ----

Tensor histc(const Tensor& self, int64_t bins, const Scalar& min, const Scalar& max) {
  const char* op = "aten::histc";
  DType t = self.dtype();
  iter::requireKernelType(t == kFloat || t == kDouble, op, "histogram_cpu", t);
  WICK_CHECK(bins > 0, op, ": torch.histogram(): bins must be > 0, but got ", bins,
             " for dimension 0");
  double lo = min.toDouble(), hi = max.toDouble();
  if (lo == hi && self.impl()->numel() > 0) {
    auto [mn, mx] = aminmax(self, std::nullopt, false);
    lo = mn.item<double>();
    hi = mx.item<double>();
  }
  if (lo == hi) {
    lo -= 1;
    hi += 1;
  }
  WICK_CHECK(std::isfinite(lo) && std::isfinite(hi), op, ": torch.histc: range of [", lo, ", ", hi,
             "] is not finite");
  WICK_CHECK(lo < hi, op, ": torch.histc: max must be larger than min");
  Tensor hist = zeros(IntArrayRef{bins}, t, std::nullopt, std::nullopt, std::nullopt);
  Tensor x = reduce::contiguousOf(self);
  int64_t n = x.impl()->numel();
  auto count = [&]<class T>() {
    // The edges as the input's dtype holds them (PyTorch's linspace of bins + 1 edges).
    const T left = static_cast<T>(lo), right = static_cast<T>(hi);
    const T* data = static_cast<const T*>(x.data_ptr());
    T* h = hist.data_ptr<T>();
    for (int64_t i = 0; i < n; ++i) {
      T v = data[i];
      if (!(v >= left && v <= right)) continue;  // outside the range, or NaN
      auto pos = static_cast<int64_t>((v - left) * static_cast<T>(bins) / (right - left));
      if (pos == bins) pos -= 1;  // the right edge belongs to the last bin
      h[pos] += 1;
    }
  };
  if (t == kFloat) {
    count.operator()<float>();
  } else {
    count.operator()<double>();
  }
  return hist;
}

}  // namespace wick::kernels
