// Searching sorted data and collapsing runs: searchsorted, bucketize and unique_consecutive.
#include <algorithm>
#include <cstring>

#include "ops/kernels/index_util.h"
#include "ops/kernels/iter.h"
#include "ops/kernels/iter_loops.h"
#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// The first position in [start, end) whose boundary is >= val (right: > val), written so that
// NaN sorts last, as PyTorch's binary search does. `sort` maps positions through the sorter.
template <class T>
int64_t boundSearch(int64_t start, int64_t end, T val, const T* bd, const int64_t* sort,
                    bool right) {
  int64_t base = sort ? start : 0;
  while (start < end) {
    int64_t mid = start + ((end - start) >> 1);
    T m = sort ? bd[sort[mid] + base] : bd[mid];
    bool go_right = right ? !(m > val) : !(m >= val);
    if (go_right) {
      start = mid + 1;
    } else {
      end = mid;
    }
  }
  return start;
}

Tensor searchsortedImpl(const char* op, const Tensor& boundaries, const Tensor& input,
                        bool out_int32, bool right, std::optional<std::string_view> side,
                        const std::optional<Tensor>& sorter_opt) {
  if (side) {
    WICK_CHECK(*side == "left" || *side == "right", op,
               ": torch.searchsorted(): side can only be 'left' or 'right' but got ", *side);
    WICK_CHECK(!right || *side == "right", op,
               ": torch.searchsorted(): side and right can't be set to opposites, got side of ",
               *side, " while right was True");
  }
  bool has_sorter = sorter_opt.has_value() && sorter_opt->defined();
  if (has_sorter) {
    const Tensor& s = *sorter_opt;
    WICK_CHECK(s.impl()->sizes() == boundaries.impl()->sizes(), op,
               ": torch.searchsorted(): boundary and sorter must have the same size, but got "
               "boundary tensor ",
               boundaries.impl()->sizes(), "and got sorter tensor ", s.impl()->sizes());
    WICK_CHECK(s.dtype() == kLong, op,
               ": torch.searchsorted(): sorter must be a tensor of long dtype but got dtype ",
               scalarTypeName(s.dtype()));
  }
  WICK_CHECK(boundaries.dim() != 0, op,
             ": torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 "
             "dimension");
  IntArrayRef bs = boundaries.impl()->sizes(), is = input.impl()->sizes();
  if (input.dim() == 0) {
    WICK_CHECK(boundaries.dim() == 1, op,
               ": torch.searchsorted(): input value can be a scalar only when boundaries tensor "
               "dimension is 1, but we got boundaries tensor dim(",
               boundaries.dim(), ") and input value's dim(", input.dim(), ") numel(",
               input.impl()->numel(), ")");
  } else {
    bool batch_ok =
        boundaries.dim() == input.dim() && std::equal(bs.begin(), bs.end() - 1, is.begin());
    WICK_CHECK(boundaries.dim() == 1 || batch_ok, op,
               ": torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
               "dimensions of boundaries tensor and input value tensor must match, but we got "
               "boundaries tensor ",
               bs, " and input value tensor ", is);
  }
  bool upper = right || (side && *side == "right");
  DType common = resultType(boundaries, input);
  WICK_CHECK(common != kBool, op, ": \"searchsorted_out_cpu\" not implemented for 'Bool'");
  Tensor bd = castContiguous(boundaries, common), in = castContiguous(input, common);
  Tensor sorter = has_sorter ? contiguousOrSelf(*sorter_opt) : Tensor();
  const int64_t* sort = has_sorter ? static_cast<const int64_t*>(sorter.data_ptr()) : nullptr;
  if (has_sorter) {
    // PyTorch reads out of bounds for a bad sorter; wick refuses it instead.
    for (int64_t v : readIndices(sorter))
      WICK_CHECK(v >= 0 && v < bs.back(), op, ": sorter index ", v, " is out of range");
  }
  Tensor out = emptyTensor(is, out_int32 ? kInt : kLong);
  int64_t n = in.impl()->numel();
  int64_t row_in = boundaries.dim() == 1 ? std::max<int64_t>(n, 1) : is.back();
  int64_t row_bd = bs.back();
  WICK_DISPATCH_NUMERIC(common, op, {
    using M = iter::opmath_t<scalar_t>;
    const auto* b = static_cast<const scalar_t*>(bd.data_ptr());
    const auto* v = static_cast<const scalar_t*>(in.data_ptr());
    // 16-bit floats compare as float: convert the boundaries once.
    std::vector<M> bm(b, b + bd.impl()->numel());
    for (int64_t i = 0; i < n; ++i) {
      int64_t start = boundaries.dim() == 1 ? 0 : (i / row_in) * row_bd;
      int64_t pos =
          boundSearch<M>(start, start + row_bd, static_cast<M>(v[i]), bm.data(), sort, upper) -
          start;
      if (out_int32) {
        static_cast<int32_t*>(out.data_ptr())[i] = static_cast<int32_t>(pos);
      } else {
        static_cast<int64_t*>(out.data_ptr())[i] = pos;
      }
    }
  });
  return out;
}

Tensor bucketizeImpl(const Tensor& input, const Tensor& boundaries, bool out_int32, bool right) {
  const char* op = "aten::bucketize";
  WICK_CHECK(boundaries.dim() == 1, op, ": boundaries tensor must be 1 dimension, but got dim(",
             boundaries.dim(), ")");
  return searchsortedImpl(op, boundaries, input, out_int32, right, std::nullopt, std::nullopt);
}

// Whether two elements count as equal for unique_consecutive (NaN never equals itself).
template <class T>
bool sameValue(T a, T b) {
  return static_cast<iter::opmath_t<T>>(a) == static_cast<iter::opmath_t<T>>(b);
}

Tensor longTensor(int64_t n) { return emptyTensor(IntArrayRef(&n, 1), kLong); }

Tensor3 uniqueFlat(const Tensor& self, bool return_inverse, bool return_counts) {
  Tensor src = contiguousOrSelf(self);
  int64_t n = src.impl()->numel();
  std::vector<int64_t> inverse(static_cast<size_t>(n)), counts;
  Tensor values;
  WICK_DISPATCH_ALL(self.dtype(), "aten::unique_consecutive", {
    const auto* p = static_cast<const scalar_t*>(src.data_ptr());
    std::vector<scalar_t> kept;
    for (int64_t i = 0; i < n; ++i) {
      if (kept.empty() || !sameValue<scalar_t>(p[i], kept.back())) {
        kept.push_back(p[i]);
        counts.push_back(0);
      }
      ++counts.back();
      inverse[i] = static_cast<int64_t>(kept.size()) - 1;
    }
    values = emptyTensor(DimVector{static_cast<int64_t>(kept.size())}, self.dtype());
    std::copy(kept.begin(), kept.end(), static_cast<scalar_t*>(values.data_ptr()));
  });
  Tensor inv = return_inverse ? emptyTensor(self.impl()->sizes(), kLong) : longTensor(0);
  if (return_inverse)
    std::copy(inverse.begin(), inverse.end(), static_cast<int64_t*>(inv.data_ptr()));
  Tensor cnt = longTensor(return_counts ? static_cast<int64_t>(counts.size()) : 0);
  if (return_counts) std::copy(counts.begin(), counts.end(), static_cast<int64_t*>(cnt.data_ptr()));
  return {values, inv, cnt};
}

// unique_consecutive along a dimension: runs of equal slices collapse to one. The result is a
// contiguous [unique, ...rest] block transposed back, as PyTorch builds it.
Tensor3 uniqueAlongDim(const Tensor& self, int64_t dim) {
  const char* op = "aten::unique_consecutive";
  WICK_CHECK_INDEX(self.dim() > 0, op, ": Dimension specified as ", dim,
                   " but tensor has no dimensions");
  int64_t d = wrapDim(dim, self.dim(), op);
  WICK_CHECK(self.dtype() != kHalf, op, ": \"unique_dim\" not implemented for 'Half'");
  IntArrayRef sizes = self.impl()->sizes();
  if (self.impl()->numel() == 0) {
    WICK_CHECK(std::count(sizes.begin(), sizes.end(), 0) == 1, op,
               ": Number of zero sized dimensions is more than one, so unique cannot be applied ");
    WICK_CHECK(sizes[d] == 0, op,
               ": There are 0 sized dimensions, and they aren't selected, so unique cannot be "
               "applied");
    return {emptyTensor(sizes, self.dtype()), longTensor(0), longTensor(0)};
  }
  Tensor moved = contiguousCopy(transpose_int(self, d, 0));
  DimVector tsizes(moved.impl()->sizes());
  int64_t rows = tsizes[0], width = moved.impl()->numel() / rows;
  std::vector<int64_t> starts, counts;
  std::vector<int64_t> inverse(static_cast<size_t>(rows));
  WICK_DISPATCH_ALL(self.dtype(), op, {
    const auto* p = static_cast<const scalar_t*>(moved.data_ptr());
    for (int64_t r = 0; r < rows; ++r) {
      bool same = !starts.empty();
      for (int64_t k = 0; same && k < width; ++k)
        same = sameValue<scalar_t>(p[r * width + k], p[starts.back() * width + k]);
      if (!same) {
        starts.push_back(r);
        counts.push_back(0);
      }
      ++counts.back();
      inverse[r] = static_cast<int64_t>(starts.size()) - 1;
    }
  });
  auto u = static_cast<int64_t>(starts.size());
  tsizes[0] = u;
  Tensor block = emptyTensor(tsizes, self.dtype());
  size_t row_bytes = static_cast<size_t>(width) * self.element_size();
  for (int64_t i = 0; i < u; ++i) {
    std::memcpy(static_cast<char*>(block.data_ptr()) + i * row_bytes,
                static_cast<const char*>(moved.data_ptr()) + starts[i] * row_bytes, row_bytes);
  }
  Tensor inv = longTensor(rows), cnt = longTensor(u);
  std::copy(inverse.begin(), inverse.end(), static_cast<int64_t*>(inv.data_ptr()));
  std::copy(counts.begin(), counts.end(), static_cast<int64_t*>(cnt.data_ptr()));
  return {transpose_int(block, 0, d), inv, cnt};
}

}  // namespace

Tensor searchsorted_Tensor(const Tensor& sorted_sequence, const Tensor& self, bool out_int32,
                           bool right, std::optional<std::string_view> side,
                           const std::optional<Tensor>& sorter) {
  return searchsortedImpl("aten::searchsorted", sorted_sequence, self, out_int32, right, side,
                          sorter);
}

Tensor searchsorted_Scalar(const Tensor& sorted_sequence, const Scalar& self, bool out_int32,
                           bool right, std::optional<std::string_view> side,
                           const std::optional<Tensor>& sorter) {
  return searchsortedImpl("aten::searchsorted", sorted_sequence, wrappedScalarTensor(self),
                          out_int32, right, side, sorter);
}

Tensor bucketize_Tensor(const Tensor& self, const Tensor& boundaries, bool out_int32, bool right) {
  return bucketizeImpl(self, boundaries, out_int32, right);
}

Tensor bucketize_Scalar(const Scalar& self, const Tensor& boundaries, bool out_int32, bool right) {
  return bucketizeImpl(wrappedScalarTensor(self), boundaries, out_int32, right);
}

Tensor3 unique_consecutive(const Tensor& self, bool return_inverse, bool return_counts,
                           std::optional<int64_t> dim) {
  if (dim) return uniqueAlongDim(self, *dim);
  WICK_CHECK(self.dtype() != kHalf, "aten::unique_consecutive",
             ": \"unique\" not implemented for 'Half'");
  return uniqueFlat(self, return_inverse, return_counts);
}

}  // namespace wick::kernels
