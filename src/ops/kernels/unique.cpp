// torch.unique and torch.unique_consecutive: aten::_unique, _unique2, unique_dim,
// unique_consecutive and unique_dim_consecutive, with PyTorch 1.13's CPU results.
//
// Values are grouped by ==, so NaNs are never equal to anything and -0 equals 0 (the first
// occurrence supplies the value). Sorted unique orders values ascending with NaNs last.
// PyTorch's sorted unique looks inverse indices and counts up in hash maps keyed by value,
// where a NaN key is never found: a NaN input gets inverse index 0 and a NaN output count 0.
// That is reproduced, since it is what PyTorch returns. `sorted=False` also gives sorted
// results (PyTorch's order is then its hash set's, which the documentation leaves undefined).
#include <algorithm>
#include <numeric>
#include <vector>

#include "ops/kernels/reduce_util.h"
#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using reduce::compute_t;
using reduce::isNan;

void checkDType(const Tensor& self, const char* op, const char* kernel) {
  WICK_CHECK(self.dtype() != kHalf, op, ": \"", kernel, "\" not implemented for 'Half'");
}

Tensor emptyLong() { return emptyTensor({0}, kLong); }

// ---- flattened ----

struct Flat {
  Tensor output, inverse, counts;
};

// Unique values of the flattened `self`: sorted (grouping equal values anywhere) or
// consecutive (grouping runs).
Flat flatUnique(const Tensor& self, bool consecutive, bool return_inverse, bool return_counts,
                const char* op) {
  checkDType(self, op, "unique");
  Tensor x = reduce::contiguousOf(canonicalBools(self));
  int64_t n = x.impl()->numel();
  Flat r;
  Tensor inverse = emptyTensor(x.impl()->sizes(), kLong);
  std::vector<int64_t> counts;
  WICK_DISPATCH_ALL(x.dtype(), op, {
    using T = scalar_t;
    using C = compute_t<T>;
    const T* xs = static_cast<const T*>(x.data_ptr());
    int64_t* inv = inverse.data_ptr<int64_t>();
    std::vector<T> values;
    if (consecutive) {
      for (int64_t i = 0; i < n; ++i) {
        C v = static_cast<C>(xs[i]);
        if (values.empty() || !(static_cast<C>(values.back()) == v)) {
          values.push_back(xs[i]);
          counts.push_back(0);
        }
        inv[i] = static_cast<int64_t>(values.size()) - 1;
        ++counts.back();
      }
    } else {
      std::vector<int64_t> order(static_cast<size_t>(n));
      std::iota(order.begin(), order.end(), int64_t{0});
      std::stable_sort(order.begin(), order.end(), [xs](int64_t a, int64_t b) {
        C va = static_cast<C>(xs[a]), vb = static_cast<C>(xs[b]);
        if (isNan(va)) return false;
        return isNan(vb) || va < vb;
      });
      for (int64_t i : order) {
        C v = static_cast<C>(xs[i]);
        bool nan = isNan(v);
        if (values.empty() || nan || !(static_cast<C>(values.back()) == v)) {
          values.push_back(xs[i]);
          counts.push_back(0);
        }
        // PyTorch's hash lookups miss NaN keys (see the top of the file).
        inv[i] = nan ? 0 : static_cast<int64_t>(values.size()) - 1;
        if (!nan) ++counts.back();
      }
    }
    r.output = emptyTensor({static_cast<int64_t>(values.size())}, x.dtype());
    std::copy(values.begin(), values.end(), r.output.data_ptr<T>());
  });
  // Sorted unique fills the inverse indices whenever it counts, and returns them then too.
  r.inverse = return_inverse || (return_counts && !consecutive) ? inverse : emptyLong();
  if (return_counts) {
    r.counts = emptyTensor({static_cast<int64_t>(counts.size())}, kLong);
    std::copy(counts.begin(), counts.end(), r.counts.data_ptr<int64_t>());
  } else {
    r.counts = emptyLong();
  }
  return r;
}

// ---- along a dim ----

// Unique slices of `self` along `dim` (each slice compared as the flattened values of the
// other dims, in order): sorted lexicographically, or consecutive runs. PyTorch returns the
// inverse indices and counts whether asked for or not.
Tensor3 dimUnique(const Tensor& self, int64_t dim, bool consecutive, const char* op) {
  checkDType(self, op, "unique_dim");
  WICK_CHECK_INDEX(self.dim() > 0, op, ": Dimension specified as ", dim,
                   " but tensor has no dimensions");
  int64_t d = wrapDim(dim, self.dim(), op);
  IntArrayRef sizes = self.impl()->sizes();
  int64_t n = sizes[static_cast<size_t>(d)];
  if (self.impl()->numel() == 0) {
    int64_t zero_dims = 0;
    for (int64_t s : sizes) zero_dims += s == 0;
    WICK_CHECK(zero_dims == 1, op,
               ": Number of zero sized dimensions is more than one, so unique cannot be applied ");
    WICK_CHECK(n == 0, op,
               ": There are 0 sized dimensions, and they aren't selected, so unique cannot be "
               "applied");
    return {emptyTensor(sizes, self.dtype()), emptyLong(), emptyLong()};
  }
  // PyTorch swaps `dim` to the front (a transpose, not a move), so a slice's values are
  // compared in the transposed order, and the result is that transpose of a contiguous block.
  Tensor moved = contiguousCopy(transpose_int(canonicalBools(self), d, 0));
  DimVector block_sizes(moved.impl()->sizes());
  int64_t m = moved.impl()->numel() / n;
  Tensor inverse = emptyTensor({n}, kLong);
  std::vector<int64_t> reps, counts;
  Tensor block;
  WICK_DISPATCH_ALL(self.dtype(), op, {
    using T = scalar_t;
    using C = compute_t<T>;
    const T* xs = static_cast<const T*>(moved.data_ptr());
    auto at = [&](int64_t row, int64_t k) { return static_cast<C>(xs[row * m + k]); };
    // Lexicographic <, where a position with NaN counts as equal (neither < nor >).
    auto less = [&](int64_t a, int64_t b) {
      for (int64_t k = 0; k < m; ++k) {
        C va = at(a, k), vb = at(b, k);
        if (va < vb) return true;
        if (vb < va) return false;
      }
      return false;
    };
    auto equal = [&](int64_t a, int64_t b) {
      for (int64_t k = 0; k < m; ++k)
        if (!(at(a, k) == at(b, k))) return false;
      return true;
    };
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), int64_t{0});
    if (!consecutive) std::stable_sort(order.begin(), order.end(), less);
    int64_t* inv = inverse.data_ptr<int64_t>();
    for (int64_t row : order) {
      if (reps.empty() || !equal(reps.back(), row)) {
        reps.push_back(row);
        counts.push_back(0);
      }
      inv[row] = static_cast<int64_t>(reps.size()) - 1;
      ++counts.back();
    }
    int64_t k = static_cast<int64_t>(reps.size());
    block_sizes[0] = k;
    block = emptyTensor(block_sizes, self.dtype());
    T* os = block.data_ptr<T>();
    for (int64_t g = 0; g < k; ++g) {
      const T* src = xs + reps[static_cast<size_t>(g)] * m;
      std::copy(src, src + m, os + g * m);
    }
  });
  Tensor output = transpose_int(block, 0, d);
  Tensor count_tensor = emptyTensor({static_cast<int64_t>(counts.size())}, kLong);
  std::copy(counts.begin(), counts.end(), count_tensor.data_ptr<int64_t>());
  return {output, inverse, count_tensor};
}

}  // namespace

Tensor2 _unique(const Tensor& self, bool sorted, bool return_inverse) {
  (void)sorted;  // results always come out sorted (see the top of the file)
  Flat r = flatUnique(self, /*consecutive=*/false, return_inverse, false, "aten::_unique");
  return {r.output, r.inverse};
}

Tensor3 _unique2(const Tensor& self, bool sorted, bool return_inverse, bool return_counts) {
  (void)sorted;
  Flat r = flatUnique(self, /*consecutive=*/false, return_inverse, return_counts, "aten::_unique2");
  return {r.output, r.inverse, r.counts};
}

Tensor3 unique_dim(const Tensor& self, int64_t dim, bool sorted, bool return_inverse,
                   bool return_counts) {
  (void)sorted, (void)return_inverse, (void)return_counts;
  return dimUnique(self, dim, /*consecutive=*/false, "aten::unique_dim");
}

Tensor3 unique_consecutive(const Tensor& self, bool return_inverse, bool return_counts,
                           std::optional<int64_t> dim) {
  const char* op = "aten::unique_consecutive";
  if (dim) return dimUnique(self, *dim, /*consecutive=*/true, op);
  Flat r = flatUnique(self, /*consecutive=*/true, return_inverse, return_counts, op);
  return {r.output, r.inverse, r.counts};
}

Tensor3 unique_dim_consecutive(const Tensor& self, int64_t dim, bool return_inverse,
                               bool return_counts) {
  (void)return_inverse, (void)return_counts;
  return dimUnique(self, dim, /*consecutive=*/true, "aten::unique_dim_consecutive");
}

}  // namespace wick::kernels
