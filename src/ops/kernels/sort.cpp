// Ordering ops along one dim: aten::sort (and .stable), argsort, topk, kthvalue, median,
// nanmedian.dim and mode.
// Every line along the dim is copied out as (value, position) pairs and ordered by the
// standard algorithm PyTorch's CPU kernel runs on the same sequence (std::sort unless a
// stable sort is asked for; topk's partial sort or nth_element), NaN ordered above every
// number, so that even equal values come out in PyTorch's order.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "ops/kernels/error_naming.h"
#include "ops/kernels/iter_loops.h"
#include "ops/kernels/reduce_util.h"
#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using reduce::compute_t;
using reduce::isNan;

template <class C>
struct Entry {
  C v;
  int64_t i;
};

// Strict orders with NaN as the largest value (PyTorch's comparators); ties are left to the
// algorithm.
template <class C>
bool ascending(const Entry<C>& a, const Entry<C>& b) {
  if (isNan(a.v)) return false;
  return isNan(b.v) || a.v < b.v;
}
template <class C>
bool descending(const Entry<C>& a, const Entry<C>& b) {
  if (isNan(b.v)) return false;
  return isNan(a.v) || a.v > b.v;
}

// The (outer, n, inner) decomposition of a contiguous tensor around `dim`.
struct Lines {
  int64_t outer = 1, n = 1, inner = 1;
};
Lines linesOf(IntArrayRef sizes, int64_t dim) {
  Lines l;
  if (sizes.empty()) return l;
  l.n = sizes[static_cast<size_t>(dim)];
  for (int64_t d = 0; d < dim; ++d) l.outer *= sizes[static_cast<size_t>(d)];
  for (size_t d = static_cast<size_t>(dim) + 1; d < sizes.size(); ++d) l.inner *= sizes[d];
  return l;
}

// For each line of x: fills entries (the line's values and positions), calls
// order(entries) which arranges the first `k` results, and writes those k results into
// values/indices, whose dim has size k.
template <class T, class Order>
void forEachLine(const T* x, const Lines& l, int64_t k, T* values, int64_t* indices,
                 const Order& order) {
  using C = compute_t<T>;
  int64_t lines = l.outer * l.inner;
  int64_t grain = std::max<int64_t>(1, reduce::kGrain / std::max<int64_t>(1, l.n));
  parallelFor(0, lines, grain, [&](int64_t b, int64_t e) {
    std::vector<Entry<C>> entries(static_cast<size_t>(l.n));
    for (int64_t line = b; line < e; ++line) {
      int64_t o = line / l.inner, j = line % l.inner;
      const T* xs = x + o * l.n * l.inner + j;
      for (int64_t d = 0; d < l.n; ++d) {
        entries[static_cast<size_t>(d)] = {static_cast<C>(xs[d * l.inner]), d};
      }
      order(entries);
      T* vs = values ? values + o * k * l.inner + j : nullptr;
      int64_t* is = indices ? indices + o * k * l.inner + j : nullptr;
      for (int64_t d = 0; d < k; ++d) {
        if (vs) vs[d * l.inner] = T(entries[static_cast<size_t>(d)].v);
        if (is) is[d * l.inner] = entries[static_cast<size_t>(d)].i;
      }
    }
  });
}

// Runs `order` over every line of `self` along `dim`, producing outputs with k elements on
// that dim (keepdim false drops it, for kthvalue/median).
template <class MakeOrder>
std::tuple<Tensor, Tensor> lineOp(const Tensor& self, int64_t dim, int64_t k, bool keep_dim,
                                  const char* op, const MakeOrder& make_order) {
  int64_t d = wrapDim(dim, self.dim(), op);
  Tensor x = reduce::contiguousOf(canonicalBools(self));
  DimVector shape(x.impl()->sizes());
  if (!shape.empty()) shape[static_cast<size_t>(d)] = k;
  if (!keep_dim && !shape.empty()) shape.erase(static_cast<size_t>(d));
  Tensor values = emptyTensor(shape, x.dtype());
  Tensor indices = emptyTensor(shape, kLong);
  Lines l = linesOf(x.impl()->sizes(), self.dim() == 0 ? 0 : d);
  if (l.outer * l.inner * k == 0) return {values, indices};
  WICK_DISPATCH_ALL(x.dtype(), op, {
    using T = scalar_t;
    forEachLine(static_cast<const T*>(x.data_ptr()), l, k, values.data_ptr<T>(),
                indices.data_ptr<int64_t>(), make_order.template operator()<compute_t<T>>());
  });
  return {values, indices};
}

// stable=false is PyTorch's std::sort over the line's (value, position) pairs in order, so
// equal values come out in the same (unstable) order as there.
std::tuple<Tensor, Tensor> sortImpl(const Tensor& self, int64_t dim, bool descending_order,
                                    bool stable) {
  int64_t d = wrapDim(dim, self.dim(), "sort");
  int64_t n = self.dim() == 0 ? 1 : self.impl()->sizes()[static_cast<size_t>(d)];
  auto make = [descending_order, stable]<class C>() {
    return [descending_order, stable](std::vector<Entry<C>>& e) {
      auto run = [&](auto order) {
        if (stable) {
          std::stable_sort(e.begin(), e.end(), order);
        } else {
          std::sort(e.begin(), e.end(), order);
        }
      };
      if (descending_order) {
        run(descending<C>);
      } else {
        run(ascending<C>);
      }
    };
  };
  return lineOp(self, dim, n, true, "sort", make);
}

// The k-th smallest (1-based) of each line, with the position it came from. For median a
// NaN in the line is the answer (its first occurrence), as in PyTorch.
std::tuple<Tensor, Tensor> kthImpl(const Tensor& self, int64_t k, int64_t dim, bool keepdim,
                                   const char* op, bool nan_wins = false) {
  auto make = [k, nan_wins]<class C>() {
    return [k, nan_wins](std::vector<Entry<C>>& e) {
      std::stable_sort(e.begin(), e.end(), ascending<C>);
      auto first_nan =
          std::find_if(e.begin(), e.end(), [](const Entry<C>& x) { return isNan(x.v); });
      e[0] = nan_wins && first_nan != e.end() ? *first_nan : e[static_cast<size_t>(k - 1)];
    };
  };
  return lineOp(self, dim, 1, keepdim || self.dim() == 0, op, make);
}

// Moves the k-th smallest (0-based) of e into e[k] with the quickselect PyTorch's kthvalue
// runs (TH's, after Sedgewick 1978: the median of the first, middle and last elements as the
// pivot, a Hoare partition, NaN above every number). Equal values are not kept in order, and
// which position is reported among them depends on this exact sequence of swaps.
template <class C>
void quickSelect(std::vector<Entry<C>>& e, int64_t k) {
  auto above = [](const Entry<C>& x, const Entry<C>& y) { return descending<C>(x, y); };
  auto swap = [&](int64_t a, int64_t b) {
    std::swap(e[static_cast<size_t>(a)], e[static_cast<size_t>(b)]);
  };
  auto at = [&](int64_t i) -> const Entry<C>& { return e[static_cast<size_t>(i)]; };
  int64_t lo = 0, hi = static_cast<int64_t>(e.size()) - 1;
  while (hi > lo) {
    if (hi == lo + 1) {
      if (above(at(lo), at(hi))) swap(lo, hi);
      return;
    }
    swap((lo + hi) >> 1, lo + 1);
    if (above(at(lo + 1), at(hi))) swap(lo + 1, hi);
    if (above(at(lo), at(hi))) swap(lo, hi);
    if (above(at(lo + 1), at(lo))) swap(lo + 1, lo);
    int64_t i = lo + 1, j = hi;
    const Entry<C> pivot = at(lo);
    while (true) {
      do {
        ++i;
      } while (above(pivot, at(i)));
      do {
        --j;
      } while (above(at(j), pivot));
      if (j < i) break;
      swap(i, j);
    }
    swap(lo, j);
    if (j <= k) lo = i;
    if (j >= k) hi = j - 1;
  }
}

}  // namespace

std::tuple<Tensor, Tensor> sort(const Tensor& self, int64_t dim, bool descending) {
  return sortImpl(self, dim, descending, false);
}
std::tuple<Tensor, Tensor> sort_stable(const Tensor& self, std::optional<bool> stable, int64_t dim,
                                       bool descending) {
  WICK_CHECK(stable.has_value(),
             "aten::sort: sort(): c10::optional<bool> for stable has to have value.");
  return sortImpl(self, dim, descending, *stable);
}
Tensor argsort(const Tensor& self, int64_t dim, bool descending) {
  return std::get<1>(sortImpl(self, dim, descending, false));
}
Tensor argsort_stable(const Tensor& self, bool stable, int64_t dim, bool descending) {
  return std::get<1>(sortImpl(self, dim, descending, stable));
}

std::tuple<Tensor, Tensor> topk(const Tensor& self, int64_t k, int64_t dim, bool largest,
                                bool sorted) {
  int64_t d = wrapDim(dim, self.dim(), "topk");
  int64_t n = self.dim() == 0 ? 1 : self.impl()->sizes()[static_cast<size_t>(d)];
  WICK_CHECK(k >= 0 && k <= n, "topk: selected index k out of range (k = ", k, ", dimension size ",
             n, ")");
  auto make = [k, largest, sorted]<class C>() {
    return [k, largest, sorted](std::vector<Entry<C>>& e) {
      if (k == 0) return;
      // PyTorch's selection, step for step, so that equal values come out in the same order
      // (which of several equal scores survives matters to detection models): a partial sort
      // when k is small against the line, otherwise the k-th element is placed first and,
      // when sorted, the k - 1 before it are sorted. Neither is stable.
      auto select = [&](auto order) {
        if (k * 64 <= static_cast<int64_t>(e.size())) {
          std::partial_sort(e.begin(), e.begin() + k, e.end(), order);
          return;
        }
        std::nth_element(e.begin(), e.begin() + k - 1, e.end(), order);
        if (sorted) std::sort(e.begin(), e.begin() + k - 1, order);
      };
      if (largest) {
        select(descending<C>);
      } else {
        select(ascending<C>);
      }
    };
  };
  return lineOp(self, dim, k, true, "topk", make);
}

std::tuple<Tensor, Tensor> kthvalue(const Tensor& self, int64_t k, int64_t dim, bool keepdim) {
  int64_t d = wrapDim(dim, self.dim(), "kthvalue");
  int64_t n = self.dim() == 0 ? 1 : self.impl()->sizes()[static_cast<size_t>(d)];
  WICK_CHECK(k >= 1 && k <= n, "kthvalue(): selected number k out of range for dimension ", d);
  auto make = [k]<class C>() {
    return [k](std::vector<Entry<C>>& e) {
      quickSelect(e, k - 1);
      e[0] = e[static_cast<size_t>(k - 1)];
    };
  };
  return lineOp(self, dim, 1, keepdim || self.dim() == 0, "kthvalue", make);
}

Tensor median(const Tensor& self) {
  int64_t n = self.impl()->numel();
  if (n == 0) {
    WICK_CHECK(isFloatingType(self.dtype()), "median(): cannot compute the median of an empty ",
               self.dtype(), " tensor");
    Tensor out = emptyTensor({}, self.dtype());
    WICK_DISPATCH_FLOATING(self.dtype(), "median", {
      *out.data_ptr<scalar_t>() = scalar_t(std::numeric_limits<float>::quiet_NaN());
    });
    return out;
  }
  Tensor flat = reduce::contiguousOf(self);
  Tensor line =
      makeTensor(flat.impl()->storagePtr(), flat.dtype(), {n}, {1}, flat.impl()->offset());
  return std::get<0>(kthImpl(line, (n + 1) / 2, 0, false, "median", true));
}

std::tuple<Tensor, Tensor> median_dim(const Tensor& self, int64_t dim, bool keepdim) {
  reduce::DimMask mask = reduce::singleDimMask(dim, self.dim(), "median");
  reduce::checkNonEmpty(self, mask, false, "median");
  int64_t d = wrapDim(dim, self.dim(), "median");
  int64_t n = self.dim() == 0 ? 1 : self.impl()->sizes()[static_cast<size_t>(d)];
  return kthImpl(self, std::max<int64_t>(1, (n + 1) / 2), dim, keepdim, "median", true);
}

// mode: the most frequent value of each line and a position holding it. As in PyTorch, the
// line's (value, position) pairs are sorted by value alone with std::sort, the first value
// with the longest run wins, and its position is that of the run's last pair.
std::tuple<Tensor, Tensor> mode(const Tensor& self, int64_t dim, bool keepdim) {
  const char* op = "aten::mode";
  int64_t d = wrapDim(dim, self.dim(), op);
  namingErrors(op, [&] {
    reduce::checkNonEmpty(self, reduce::singleDimMask(d, self.dim(), op), false, "mode");
  });
  auto make = []<class C>() {
    return [](std::vector<Entry<C>>& e) {
      std::sort(e.begin(), e.end(), [](const Entry<C>& a, const Entry<C>& b) { return a.v < b.v; });
      Entry<C> best{};
      int64_t run = 0, best_run = 0;
      for (size_t i = 0; i < e.size(); ++i) {
        ++run;
        if (i + 1 == e.size() || e[i].v != e[i + 1].v) {
          if (run > best_run) {
            best = e[i];
            best_run = run;
          }
          run = 0;
        }
      }
      e[0] = best;
    };
  };
  return lineOp(self, dim, 1, keepdim || self.dim() == 0, op, make);
}

// nanmedian.dim: the median of each line's non-NaN values. PyTorch runs std::nth_element on the
// positions ordered by value, then position, NaN last; the same on (value, position) pairs
// makes the same moves, so equal values report PyTorch's position (with only NaN, the first
// position nth_element leaves in front).
std::tuple<Tensor, Tensor> nanmedian_dim(const Tensor& self, int64_t dim, bool keepdim) {
  const char* op = "aten::nanmedian";
  int64_t d = wrapDim(dim, self.dim(), op);
  namingErrors(op, [&] {
    reduce::checkNonEmpty(self, reduce::singleDimMask(d, self.dim(), op), false, "median");
  });
  DType t = self.dtype();
  iter::requireKernelType(t != kHalf && t != kBFloat16 && t != kBool, op, "median_out", t);
  auto make = []<class C>() {
    return [](std::vector<Entry<C>>& e) {
      auto nans = std::count_if(e.begin(), e.end(), [](const Entry<C>& x) { return isNan(x.v); });
      auto nth = e.begin() + (static_cast<int64_t>(e.size()) - nans - 1) / 2;
      std::nth_element(e.begin(), nth, e.end(), [](const Entry<C>& a, const Entry<C>& b) {
        return a.v < b.v || (a.v == b.v && a.i < b.i) || (isNan(b.v) && !isNan(a.v));
      });
      e[0] = *nth;
    };
  };
  return lineOp(self, dim, 1, keepdim || self.dim() == 0, op, make);
}

}  // namespace wick::kernels
