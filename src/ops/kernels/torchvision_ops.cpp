// torchvision's operators that scripted torchvision models call (ops.torchvision.nms and
// roi_align in their archive code), computed as torchvision 0.14's CPU kernels compute them.
// They are not ATen operators, but detection models (Faster R-CNN, Mask R-CNN, RetinaNet,
// SSD) cannot run without them.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "ops/kernels/iter.h"
#include "ops/kernels/iter_loops.h"
#include "ops/kernels/reduce_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

constexpr const char* kNms = "torchvision::nms: ";
constexpr const char* kRoiAlign = "torchvision::roi_align: ";

// ---- nms ----

template <class T>
std::vector<int64_t> nmsKept(const T* boxes, const T* scores, int64_t n, double threshold) {
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), int64_t{0});
  // Descending by score; equal scores keep their input order (PyTorch's sort is stable).
  std::stable_sort(order.begin(), order.end(),
                   [scores](int64_t a, int64_t b) { return scores[a] > scores[b]; });
  std::vector<T> areas(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const T* b = boxes + 4 * i;
    areas[static_cast<size_t>(i)] = (b[2] - b[0]) * (b[3] - b[1]);
  }
  std::vector<char> suppressed(static_cast<size_t>(n), 0);
  std::vector<int64_t> keep;
  for (size_t a = 0; a < order.size(); ++a) {
    int64_t i = order[a];
    if (suppressed[static_cast<size_t>(i)]) continue;
    keep.push_back(i);
    const T* bi = boxes + 4 * i;
    for (size_t c = a + 1; c < order.size(); ++c) {
      int64_t j = order[c];
      if (suppressed[static_cast<size_t>(j)]) continue;
      const T* bj = boxes + 4 * j;
      T w = std::max(T(0), std::min(bi[2], bj[2]) - std::max(bi[0], bj[0]));
      T h = std::max(T(0), std::min(bi[3], bj[3]) - std::max(bi[1], bj[1]));
      T inter = w * h;
      T iou = inter / (areas[static_cast<size_t>(i)] + areas[static_cast<size_t>(j)] - inter);
      if (iou > threshold) suppressed[static_cast<size_t>(j)] = 1;
    }
  }
  return keep;
}

// ---- roi_align ----

// Bilinear interpolation of one plane at (y, x), zero outside [-1, size]; computed in T.
template <class T, class In>
T bilinear(const In* plane, int64_t height, int64_t width, T y, T x) {
  if (y < -1.0 || y > height || x < -1.0 || x > width) return 0;
  if (y <= 0) y = 0;
  if (x <= 0) x = 0;
  int64_t y_low = static_cast<int64_t>(y), x_low = static_cast<int64_t>(x);
  int64_t y_high, x_high;
  if (y_low >= height - 1) {
    y_high = y_low = height - 1;
    y = static_cast<T>(y_low);
  } else {
    y_high = y_low + 1;
  }
  if (x_low >= width - 1) {
    x_high = x_low = width - 1;
    x = static_cast<T>(x_low);
  } else {
    x_high = x_low + 1;
  }
  T ly = y - static_cast<T>(y_low), lx = x - static_cast<T>(x_low);
  T hy = T(1) - ly, hx = T(1) - lx;
  T w1 = hy * hx, w2 = hy * lx, w3 = ly * hx, w4 = ly * lx;
  auto at = [plane, width](int64_t yy, int64_t xx) {
    return static_cast<T>(plane[yy * width + xx]);
  };
  return w1 * at(y_low, x_low) + w2 * at(y_low, x_high) + w3 * at(y_high, x_low) +
         w4 * at(y_high, x_high);
}

// C is the computation type (float for half inputs); In/Out the stored element type.
template <class In, class C>
void roiAlignForward(const In* input, const In* rois, In* out, int64_t channels, int64_t height,
                     int64_t width, int64_t num_rois, int64_t batch, double spatial_scale,
                     int64_t pooled_h, int64_t pooled_w, int64_t sampling_ratio, bool aligned) {
  int64_t plane = height * width;
  parallelFor(0, num_rois, 1, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const In* roi = rois + r * 5;
      int64_t b = static_cast<int64_t>(static_cast<C>(roi[0]));
      WICK_CHECK(b >= 0 && b < batch, kRoiAlign, "roi ", r, " names batch index ", b,
                 " but the input has ", batch);
      C offset = aligned ? C(0.5) : C(0);
      C scale = static_cast<C>(spatial_scale);
      C start_w = static_cast<C>(roi[1]) * scale - offset;
      C start_h = static_cast<C>(roi[2]) * scale - offset;
      C end_w = static_cast<C>(roi[3]) * scale - offset;
      C end_h = static_cast<C>(roi[4]) * scale - offset;
      C roi_w = end_w - start_w, roi_h = end_h - start_h;
      if (!aligned) {
        roi_w = std::max(roi_w, C(1));
        roi_h = std::max(roi_h, C(1));
      }
      C bin_h = roi_h / static_cast<C>(pooled_h), bin_w = roi_w / static_cast<C>(pooled_w);
      int64_t grid_h = sampling_ratio > 0
                           ? sampling_ratio
                           : static_cast<int64_t>(std::ceil(roi_h / static_cast<C>(pooled_h)));
      int64_t grid_w = sampling_ratio > 0
                           ? sampling_ratio
                           : static_cast<int64_t>(std::ceil(roi_w / static_cast<C>(pooled_w)));
      // torchvision sizes a table by this product; a negative one (an aligned box of
      // negative size with adaptive sampling) fails its allocation, and is an error here too.
      WICK_CHECK(grid_h * grid_w * pooled_h * pooled_w >= 0, kRoiAlign, "roi ", r,
                 " has a negative size, which adaptive sampling (sampling_ratio <= 0) with "
                 "aligned=True cannot pool");
      C count = static_cast<C>(std::max<int64_t>(grid_h * grid_w, 1));
      for (int64_t c = 0; c < channels; ++c) {
        const In* src = input + (b * channels + c) * plane;
        In* dst = out + (r * channels + c) * pooled_h * pooled_w;
        for (int64_t ph = 0; ph < pooled_h; ++ph) {
          for (int64_t pw = 0; pw < pooled_w; ++pw) {
            C sum = 0;
            for (int64_t iy = 0; iy < grid_h; ++iy) {
              C y = start_h + static_cast<C>(ph) * bin_h +
                    (static_cast<C>(iy) + C(0.5)) * bin_h / static_cast<C>(grid_h);
              for (int64_t ix = 0; ix < grid_w; ++ix) {
                C x = start_w + static_cast<C>(pw) * bin_w +
                      (static_cast<C>(ix) + C(0.5)) * bin_w / static_cast<C>(grid_w);
                sum += bilinear<C>(src, height, width, y, x);
              }
            }
            dst[ph * pooled_w + pw] = static_cast<In>(sum / count);
          }
        }
      }
    }
  });
}

}  // namespace

Tensor torchvision_nms(const Tensor& dets, const Tensor& scores, double iou_threshold) {
  WICK_CHECK(dets.dim() == 2, kNms, "boxes should be a 2d tensor, got ", dets.dim(), "D");
  WICK_CHECK(dets.size(1) == 4, kNms, "boxes should have 4 elements in dimension 1, got ",
             dets.size(1));
  WICK_CHECK(scores.dim() == 1, kNms, "scores should be a 1d tensor, got ", scores.dim(), "D");
  WICK_CHECK(dets.size(0) == scores.size(0), kNms,
             "boxes and scores should have same number of elements in dimension 0, got ",
             dets.size(0), " and ", scores.size(0));
  WICK_CHECK(dets.dtype() == scores.dtype(), kNms, "dets should have the same type as scores");
  DType dt = dets.dtype();
  WICK_CHECK(dt == kFloat || dt == kDouble, kNms, "\"nms_kernel\" not implemented for '",
             ::wick::scalarTypeName(dt), "'");
  int64_t n = dets.size(0);
  std::vector<int64_t> keep;
  if (n > 0) {
    Tensor b = reduce::contiguousOf(dets), s = reduce::contiguousOf(scores);
    if (dt == kFloat) {
      keep = nmsKept(b.data_ptr<float>(), s.data_ptr<float>(), n, iou_threshold);
    } else {
      keep = nmsKept(b.data_ptr<double>(), s.data_ptr<double>(), n, iou_threshold);
    }
  }
  Tensor out = emptyTensor({static_cast<int64_t>(keep.size())}, kLong);
  std::copy(keep.begin(), keep.end(), out.data_ptr<int64_t>());
  return out;
}

Tensor torchvision_roi_align(const Tensor& input, const Tensor& rois, double spatial_scale,
                             int64_t pooled_height, int64_t pooled_width, int64_t sampling_ratio,
                             bool aligned) {
  WICK_CHECK(rois.dim() == 2 && rois.size(1) == 5, kRoiAlign,
             "rois must have shape as Tensor[K, 5]");
  WICK_CHECK(input.dtype() == rois.dtype(), kRoiAlign,
             "Expected tensor for argument #1 'input' to have the same type as tensor for "
             "argument #2 'rois'; but type ",
             ::wick::scalarTypeName(input.dtype()), " does not equal ",
             ::wick::scalarTypeName(rois.dtype()),
             " (while checking arguments for roi_align_forward_kernel)");
  WICK_CHECK(input.dim() == 4, "torchvision::roi_align: input must be 4-D (N, C, H, W), got ",
             input.dim(), "-D");
  DType dt = input.dtype();
  WICK_CHECK(dt == kFloat || dt == kDouble || dt == kHalf, kRoiAlign,
             "\"roi_align_forward_kernel\" not implemented for '", ::wick::scalarTypeName(dt), "'");
  WICK_CHECK(pooled_height > 0 && pooled_width > 0,
             "torchvision::roi_align: pooled sizes must be positive, got ", pooled_height, "x",
             pooled_width);
  int64_t k = rois.size(0), c = input.size(1), h = input.size(2), w = input.size(3);
  Tensor out = emptyTensor({k, c, pooled_height, pooled_width}, dt);
  if (out.numel() == 0) return out;
  Tensor x = reduce::contiguousOf(input), r = reduce::contiguousOf(rois);
  auto run = [&]<class In, class C>() {
    roiAlignForward<In, C>(x.data_ptr<In>(), r.data_ptr<In>(), out.data_ptr<In>(), c, h, w, k,
                           input.size(0), spatial_scale, pooled_height, pooled_width,
                           sampling_ratio, aligned);
  };
  if (dt == kFloat) {
    run.template operator()<float, float>();
  } else if (dt == kDouble) {
    run.template operator()<double, double>();
  } else {
    run.template operator()<Half, float>();
  }
  return out;
}

}  // namespace wick::kernels
