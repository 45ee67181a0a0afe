// The reduction engine shared by the reduction, norm and statistics kernels: dim-list
// normalisation with PyTorch's errors, the iteration plan over a strided input (kept dims
// outside, reduced dims inside, each coalesced), and a parallel driver that runs a
// reduction "op" over it.
//
// Note [Reduction ops]
// An op is a small struct with
//   using acc_t = ...;                            // the running state
//   acc_t identity() const;                       // state of an empty reduction
//   acc_t step(acc_t a, T x, int64_t i) const;    // fold in element x (i: its position in
//                                                 // the reduced dims, row-major)
//   acc_t combine(acc_t a, acc_t b) const;        // merge two partial states
//   void write(int64_t o, acc_t a) const;         // store the result of output element o
// and optionally acc_t foldContiguous(acc_t a, const T* p, int64_t n, int64_t i) const for a
// hand-vectorised fold of a contiguous run (used where the compiler cannot vectorise step).
// The driver keeps 16 independent states per contiguous run so the compiler can vectorise
// the loop without reassociating floating-point sums (no -ffast-math needed), then merges
// them. Ops whose result depends on the position (argmax) must break ties on `i` in
// combine, because merged states cover interleaved positions.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/bool_bytes.h"
#include "ops/parallel.h"
#include "wick/core/tensor.h"

namespace wick::kernels::reduce {

// A set of dims as a bit mask (reductions support up to 64 dims, as PyTorch's do).
using DimMask = uint64_t;

// The dims `dims` name, wrapped; raises PyTorch's errors for out-of-range and repeated dims.
// An empty list means every dim.
DimMask dimMask(IntArrayRef dims, int64_t ndim, const char* op);
// One dim, wrapped (0-dim tensors accept 0 and -1).
DimMask singleDimMask(int64_t dim, int64_t ndim, const char* op);
inline DimMask allDims(int64_t ndim) {
  return ndim >= 64 ? ~DimMask(0) : ((DimMask(1) << ndim) - 1);
}
inline bool hasDim(DimMask m, int64_t d) { return (m >> d) & 1; }
// The result shape: reduced dims dropped, or kept as size 1 with keepdim.
DimVector reducedShape(IntArrayRef sizes, DimMask mask, bool keepdim);
// Raises "<op>(): Expected reduction dim d to have non-zero size." for reductions without an
// identity (max, argmax, ...), or the numel() == 0 message when reducing every dim.
void checkNonEmpty(const Tensor& self, DimMask mask, bool all_dims, const char* op);

// Where the elements of a strided tensor are, split into the kept dims (one output element
// per index, row-major, matching a contiguous output) and the reduced dims.
struct Plan {
  int64_t n_out = 1;
  int64_t n_red = 1;
  DimVector outer_sizes, outer_strides;
  DimVector inner_sizes, inner_strides;
};
Plan makePlan(const TensorImpl& x, DimMask mask);

// The tensor's values converted to `dtype` (a contiguous copy; the input itself when it
// already has that dtype).
Tensor castTo(const Tensor& x, DType dtype);
// x itself when contiguous, else a contiguous copy.
Tensor contiguousOf(const Tensor& x);
// Copies `result` into the .out argument of an out= variant, resizing `out` when its shape
// differs (as PyTorch does) and converting to out's dtype.
void copyToOut(const Tensor& result, const Tensor& out, const char* op);

// Walks the row-major indices of `sizes` keeping the element offset up to date.
class OffsetCounter {
 public:
  OffsetCounter(IntArrayRef sizes, IntArrayRef strides, int64_t start)
      : sizes_(sizes), strides_(strides), idx_(sizes.size(), 0) {
    for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0 && start > 0; --d) {
      idx_[d] = start % sizes[d];
      start /= sizes[d];
      offset_ += idx_[d] * strides[d];
    }
  }
  int64_t offset() const { return offset_; }
  void next() {
    for (int64_t d = static_cast<int64_t>(sizes_.size()) - 1; d >= 0; --d) {
      offset_ += strides_[d];
      if (++idx_[d] < sizes_[d]) return;
      offset_ -= idx_[d] * strides_[d];
      idx_[d] = 0;
    }
  }
  // Advances past the whole last dim (the caller consumed it as one run).
  void nextRun() {
    if (sizes_.empty()) return;
    for (int64_t d = static_cast<int64_t>(sizes_.size()) - 2; d >= 0; --d) {
      offset_ += strides_[d];
      if (++idx_[d] < sizes_[d]) return;
      offset_ -= idx_[d] * strides_[d];
      idx_[d] = 0;
    }
  }

 private:
  IntArrayRef sizes_, strides_;
  DimVector idx_;
  int64_t offset_ = 0;
};

inline constexpr int kLanes = 16;
// Elements per thread below which a reduction stays on one thread.
inline constexpr int64_t kGrain = 32768;

// Folds n elements p[0], p[stride], ... (positions i0, i0+1, ...) into `a`.
template <class Op, class T>
typename Op::acc_t foldRun(const Op& op, typename Op::acc_t a, const T* p, int64_t n,
                           int64_t stride, int64_t i0) {
  using A = typename Op::acc_t;
  if constexpr (requires { op.foldContiguous(a, p, n, i0); }) {
    if (stride == 1) return op.foldContiguous(a, p, n, i0);
  }
  int64_t i = 0;
  if (n >= 2 * kLanes) {
    A lanes[kLanes];
    for (int j = 0; j < kLanes; ++j) lanes[j] = op.identity();
    if (stride == 1) {
      for (; i + kLanes <= n; i += kLanes) {
        for (int j = 0; j < kLanes; ++j)
          lanes[j] = op.step(lanes[j], loadElement(p + i + j), i0 + i + j);
      }
    } else {
      for (; i + kLanes <= n; i += kLanes) {
        for (int j = 0; j < kLanes; ++j) {
          lanes[j] = op.step(lanes[j], loadElement(p + (i + j) * stride), i0 + i + j);
        }
      }
    }
    for (int w = kLanes / 2; w >= 1; w /= 2) {
      for (int j = 0; j < w; ++j) lanes[j] = op.combine(lanes[j], lanes[j + w]);
    }
    a = op.combine(a, lanes[0]);
  }
  for (; i < n; ++i) a = op.step(a, loadElement(p + i * stride), i0 + i);
  return a;
}

// Folds reduced positions [begin, end) of the output element whose data starts at `base`.
template <class Op, class T>
typename Op::acc_t foldRange(const Op& op, const Plan& plan, const T* base, int64_t begin,
                             int64_t end) {
  typename Op::acc_t a = op.identity();
  if (begin >= end) return a;
  if (plan.inner_sizes.empty()) return op.step(a, base[0], 0);
  int64_t last = plan.inner_sizes.back();
  int64_t last_stride = plan.inner_strides.back();
  OffsetCounter c(plan.inner_sizes, plan.inner_strides, begin);
  int64_t i = begin;
  while (i < end) {
    int64_t in_run = i % last;
    int64_t n = std::min(last - in_run, end - i);
    a = foldRun(op, a, base + c.offset(), n, last_stride, i);
    i += n;
    if (in_run + n == last) {
      // c points at position in_run of the run; step back to its start, then to the next run.
      c = OffsetCounter(plan.inner_sizes, plan.inner_strides, i);
    }
  }
  return a;
}

// Reduces output elements [o_begin, o_end) whose kept-dim data is contiguous (stride 1 in the
// last outer dim): folds a block of neighbouring outputs together per reduced position, a
// loop over outputs that vectorises.
template <class Op, class T>
void foldColumns(const Op& op, const Plan& plan, const T* data, int64_t o_begin, int64_t o_end) {
  using A = typename Op::acc_t;
  constexpr int64_t kBlock = 64;
  int64_t last = plan.outer_sizes.back();
  OffsetCounter outer(plan.outer_sizes, plan.outer_strides, o_begin);
  int64_t o = o_begin;
  A acc[kBlock];
  while (o < o_end) {
    int64_t n = std::min({kBlock, o_end - o, last - o % last});
    const T* base = data + outer.offset();
    for (int64_t k = 0; k < n; ++k) acc[k] = op.identity();
    OffsetCounter inner(plan.inner_sizes, plan.inner_strides, 0);
    for (int64_t r = 0; r < plan.n_red; ++r, inner.next()) {
      const T* p = base + inner.offset();
      for (int64_t k = 0; k < n; ++k) acc[k] = op.step(acc[k], loadElement(p + k), r);
    }
    for (int64_t k = 0; k < n; ++k) op.write(o + k, acc[k]);
    for (int64_t k = 0; k < n; ++k) outer.next();
    o += n;
  }
}

// Runs `op` over the plan: every output element o gets op.write(o, fold of its elements).
template <class Op, class T>
void run(const Op& op, const Plan& plan, const T* data) {
  if (plan.n_out == 0) return;
  int threads = getNumThreads();
  bool columns = !plan.outer_sizes.empty() && plan.outer_strides.back() == 1 &&
                 !plan.inner_sizes.empty() && plan.inner_strides.back() != 1 && plan.n_red > 1;
  if (plan.n_out >= threads || plan.n_red * plan.n_out <= kGrain || threads <= 1) {
    int64_t grain = std::max<int64_t>(1, kGrain / std::max<int64_t>(1, plan.n_red));
    parallelFor(0, plan.n_out, grain, [&](int64_t b, int64_t e) {
      if (columns) {
        foldColumns(op, plan, data, b, e);
        return;
      }
      OffsetCounter outer(plan.outer_sizes, plan.outer_strides, b);
      for (int64_t o = b; o < e; ++o, outer.next()) {
        op.write(o, foldRange(op, plan, data + outer.offset(), 0, plan.n_red));
      }
    });
    return;
  }
  // Few outputs, long reductions: split each reduction across threads and merge in order.
  // (A wrapper struct, so that a bool state does not become std::vector<bool>.)
  struct Part {
    typename Op::acc_t a;
  };
  OffsetCounter outer(plan.outer_sizes, plan.outer_strides, 0);
  std::vector<Part> parts(static_cast<size_t>(threads));
  for (int64_t o = 0; o < plan.n_out; ++o, outer.next()) {
    const T* base = data + outer.offset();
    int64_t per = (plan.n_red + threads - 1) / threads;
    for (Part& p : parts) p.a = op.identity();
    parallelFor(0, threads, 1, [&](int64_t b, int64_t e) {
      for (int64_t t = b; t < e; ++t) {
        int64_t lo = t * per, hi = std::min(plan.n_red, lo + per);
        parts[static_cast<size_t>(t)].a = foldRange(op, plan, base, lo, hi);
      }
    });
    typename Op::acc_t a = parts[0].a;
    for (size_t t = 1; t < parts.size(); ++t) a = op.combine(a, parts[t].a);
    op.write(o, a);
  }
}

// The float type computation happens in for an element type: float for the 16-bit floats,
// the type itself otherwise.
template <class T>
using compute_t =
    std::conditional_t<std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>, float, T>;

// Whether a computation-type value is NaN (never, for integers and bool).
template <class C>
bool isNan(C v) {
  if constexpr (std::is_floating_point_v<C>) {
    return v != v;
  } else {
    return false;
  }
}

}  // namespace wick::kernels::reduce
