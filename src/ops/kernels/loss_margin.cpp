// Multi-class margin losses as PyTorch 1.13's CPU kernels compute them
// (LossMultiMargin.cpp, LossMultiLabelMargin.cpp): per-frame sums in the input type, the
// reduction over frames in double. PyTorch reads past the weight when it has fewer than `dim`
// elements; wick checks its size.
#include <limits>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

constexpr int64_t kNone = 0, kMean = 1;

// (frames, classes) of a 0-d, 1-d or 2-d input, with PyTorch's message for others.
std::pair<int64_t, int64_t> framesAndClasses(const char* op, const Tensor& input) {
  int64_t nd = input.dim();
  bool ok = (nd == 2 && dense::sizeAt(input, 1) != 0) ||
            (nd == 1 && dense::sizeAt(input, 0) != 0) || nd == 0;
  WICK_CHECK(ok, op,
             ": Expected non-empty vector or matrix with optional 0-dim batch size, but got: ",
             dense::shapeOf(input));
  if (nd <= 1) return {1, nd == 0 ? 1 : dense::sizeAt(input, 0)};
  return {dense::sizeAt(input, 0), dense::sizeAt(input, 1)};
}

void checkLongTarget(const char* op, const Tensor& target) {
  WICK_CHECK_TYPE(target.dtype() == kLong, op, ": expected scalar type Long but found ",
                  dense::scalarTypeName(target.dtype()));
}

template <class T>
T multiMarginFrame(const T* x, const T* w, int p, T margin, int64_t dim, int64_t target) {
  const T xt = x[target];
  T sum = 0;
  for (int64_t d = 0; d < dim; ++d) {
    if (d == target) continue;
    T z = margin - xt + x[d];
    if (z > 0) {
      T h = p == 1 ? z : z * z;
      if (w != nullptr) h *= w[target];
      sum += h;
    }
  }
  return sum / static_cast<T>(dim);
}

template <class T>
T multilabelMarginFrame(const T* x, const int64_t* target, T* is_target, int64_t dim) {
  double sum = 0;
  for (int64_t i = 0; i < dim && target[i] >= 0; ++i) is_target[target[i]] = 1;
  for (int64_t i = 0; i < dim && target[i] >= 0; ++i) {
    T xt = x[target[i]];
    for (int64_t d = 0; d < dim; ++d) {
      if (is_target[d] == T(0)) {
        T z = 1 - xt + x[d];
        if (z > 0) sum += z;
      }
    }
  }
  return static_cast<T>(sum);
}

}  // namespace

Tensor multi_margin_loss(const Tensor& self, const Tensor& target, const Scalar& p,
                         const Scalar& margin, const std::optional<Tensor>& weight,
                         int64_t reduction) {
  const char* op = "aten::multi_margin_loss";
  auto [frames, dim] = framesAndClasses(op, self);
  WICK_CHECK(target.dim() <= 1 && target.impl()->numel() == frames, op,
             ": inconsistent target size, got: ", dense::shapeOf(target));
  bool weighted = weight.has_value() && weight->defined();
  if (weighted) {
    WICK_CHECK(weight->dim() <= 1 && weight->impl()->numel() == dim, op,
               ": inconsistent weight size, expected ", dim, " but got ", dense::shapeOf(*weight));
  }
  int64_t pv = p.toLong();
  WICK_CHECK(!p.isFloatingPoint() || p.toDouble() == static_cast<double>(pv), op,
             ": only p == 1 and p == 2 supported");
  WICK_CHECK(pv == 1 || pv == 2, op, ": only p == 1 and p == 2 supported");
  DType dt = self.dtype();
  WICK_CHECK_TYPE(dt == kFloat || dt == kDouble, op,
                  ": \"multi_margin_loss_cpu_kernel\" not implemented for '", graphName(dt), "'");
  checkLongTarget(op, target);
  if (weighted) {
    WICK_CHECK_TYPE(weight->dtype() == dt, op, ": expected scalar type ", dense::scalarTypeName(dt),
                    " but found ", dense::scalarTypeName(weight->dtype()));
  }
  bool per_frame = reduction == kNone && target.dim() > 0;
  Tensor out = emptyTensor(per_frame ? DimVector{frames} : DimVector{}, dt);
  Tensor x = dense::contiguous(self), t = dense::contiguous(target);
  std::optional<Tensor> w;
  if (weighted) w = dense::contiguous(*weight);
  const int64_t* tp = static_cast<const int64_t*>(t.data_ptr());
  for (int64_t f = 0; f < frames && self.impl()->numel() > 0; ++f) {
    WICK_CHECK_INDEX(tp[f] >= 0 && tp[f] < dim, op, ": target out of range");
  }
  WICK_DISPATCH_FLOATING(dt, op, {
    if constexpr (std::is_same_v<scalar_t, float> || std::is_same_v<scalar_t, double>) {
      const scalar_t* xp = static_cast<const scalar_t*>(x.data_ptr());
      const scalar_t* wp = w ? static_cast<const scalar_t*>(w->data_ptr()) : nullptr;
      scalar_t* op_data = static_cast<scalar_t*>(out.data_ptr());
      scalar_t m = margin.to<scalar_t>();
      int pi = static_cast<int>(pv);
      if (per_frame) {
        for (int64_t f = 0; f < frames; ++f) {
          op_data[f] = multiMarginFrame(xp + f * dim, wp, pi, m, dim, tp[f]);
        }
      } else if (self.impl()->numel() == 0) {
        // PyTorch leaves this result uninitialised; the mean of no frames is NaN.
        op_data[0] = static_cast<scalar_t>(
            reduction == kMean ? std::numeric_limits<double>::quiet_NaN() : 0.0);
      } else {
        double sum = 0;
        for (int64_t f = 0; f < frames; ++f) {
          sum += multiMarginFrame(xp + f * dim, wp, pi, m, dim, tp[f]);
        }
        if (reduction == kMean) sum /= static_cast<double>(frames);
        op_data[0] = static_cast<scalar_t>(sum);
      }
    }
  });
  return out;
}

Tensor multilabel_margin_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  const char* op = "aten::multilabel_margin_loss";
  auto [frames, dim] = framesAndClasses(op, self);
  if (self.dim() <= 1) {
    WICK_CHECK(target.dim() <= 1 && target.impl()->numel() == dim, op, ": inconsistent size ",
               dense::shapeOf(target), " for argument #2 'target'");
  } else {
    WICK_CHECK(
        target.dim() == 2 && dense::sizeAt(target, 0) == frames && dense::sizeAt(target, 1) == dim,
        op, ": inconsistent size ", dense::shapeOf(target), " for argument #2 'target'");
  }
  bool per_frame = reduction == kNone && target.dim() > 1;
  DType dt = self.dtype();
  Tensor out = emptyTensor(per_frame ? DimVector{frames} : DimVector{}, dt);
  if (self.impl()->numel() == 0) {
    WICK_DISPATCH_FLOATING(dt, op, {
      if (!per_frame) static_cast<scalar_t*>(out.data_ptr())[0] = scalar_t(0);
    });
    return out;
  }
  checkLongTarget(op, target);
  Tensor t = dense::contiguous(target);
  const int64_t* tp = static_cast<const int64_t*>(t.data_ptr());
  for (int64_t i = 0; i < frames * dim; ++i) {
    WICK_CHECK_INDEX(tp[i] >= -1 && tp[i] < dim, op, ": argument #2 'target' is out of range");
  }
  WICK_CHECK_TYPE(dt == kFloat || dt == kDouble, op,
                  ": \"multilabel_margin_loss_forward_out_frame\" not implemented for '",
                  graphName(dt), "'");
  Tensor x = dense::contiguous(self);
  WICK_DISPATCH_FLOATING(dt, op, {
    if constexpr (std::is_same_v<scalar_t, float> || std::is_same_v<scalar_t, double>) {
      const scalar_t* xp = static_cast<const scalar_t*>(x.data_ptr());
      scalar_t* op_data = static_cast<scalar_t*>(out.data_ptr());
      std::vector<scalar_t> is_target(static_cast<size_t>(frames * dim), scalar_t(0));
      if (per_frame) {
        for (int64_t f = 0; f < frames; ++f) {
          scalar_t s =
              multilabelMarginFrame(xp + f * dim, tp + f * dim, is_target.data() + f * dim, dim);
          op_data[f] = s / static_cast<scalar_t>(dim);
        }
      } else {
        double sum = 0;
        for (int64_t f = 0; f < frames; ++f) {
          sum += multilabelMarginFrame(xp + f * dim, tp + f * dim, is_target.data() + f * dim, dim);
        }
        sum /= static_cast<double>(dim);
        if (reduction == kMean) sum /= static_cast<double>(frames);
        op_data[0] = static_cast<scalar_t>(sum);
      }
    }
  });
  return out;
}

}  // namespace wick::kernels
