// Searching sorted data: searchsorted and bucketize.
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

}  // namespace wick::kernels
