// embedding_bag: rows of a 2-d weight gathered by a 1-d index tensor and reduced per bag (sum,
// mean or max), with PyTorch 1.13's four results (EmbeddingBag.cpp): the reduced rows, the
// bag of every index (offset2bag; empty when PyTorch's fast sum path skips it), the bag sizes
// and the max positions. Where PyTorch leaves values undefined (empty bags in max mode, bag
// sizes in sum mode), wick writes zeros, which is what PyTorch's fresh allocations show.
// Bad offsets and indices that PyTorch turns into out-of-bounds reads are errors here.
#include <algorithm>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

constexpr int64_t kSum = 0, kMean = 1, kMax = 2;
constexpr std::string_view kFrom = "embedding_bag";

void checkIndexType(const char* op, const Tensor& t, const char* name) {
  WICK_CHECK_TYPE(
      t.dtype() == kLong || t.dtype() == kInt, op, ": Expected tensor for argument #1 '", name,
      "' to have one of the following scalar types: Long, Int; but got ",
      dense::legacyTypeName(t.dtype()), " instead (while checking arguments for ", kFrom, ")");
}

std::vector<int64_t> toInt64(const Tensor& t) {
  Tensor c = dense::contiguousAs(t, kLong);
  const int64_t* p = static_cast<const int64_t*>(c.data_ptr());
  return std::vector<int64_t>(p, p + c.impl()->numel());
}

Tensor fromInt64(const std::vector<int64_t>& v, IntArrayRef shape, DType dtype) {
  Tensor t = emptyTensor(shape, dtype);
  if (dtype == kLong) {
    std::copy(v.begin(), v.end(), static_cast<int64_t*>(t.data_ptr()));
  } else {
    int32_t* p = static_cast<int32_t*>(t.data_ptr());
    for (size_t i = 0; i < v.size(); ++i) p[i] = static_cast<int32_t>(v[i]);
  }
  return t;
}

struct Bags {
  int64_t count;                    // number of bags
  std::vector<int64_t> begin, end;  // index range of each bag
};

Tensor4 embeddingBag(const char* op, const Tensor& weight, const Tensor& indices,
                     const Tensor& offsets, int64_t mode,
                     const std::optional<Tensor>& per_sample_weights, bool include_last_offset,
                     int64_t padding_idx) {
  WICK_CHECK(indices.dim() == 1, op,
             ": embedding_bag: input has to be a 1D Tensor (F.embedding_bag flattens ",
             "2-D input and makes the offsets), but got Tensor of dimension ", indices.dim());
  WICK_CHECK(offsets.dim() == 1, op,
             ": offsets has to be a 1D Tensor, but got Tensor of dimension ", offsets.dim());
  WICK_CHECK(weight.dim() == 2, op, ": weight has to be a 2D Tensor, but got Tensor of dimension ",
             weight.dim());
  checkIndexType(op, indices, "indices");
  checkIndexType(op, offsets, "offsets");
  DType wt = weight.dtype();
  WICK_CHECK_TYPE(wt == kHalf || wt == kFloat || wt == kDouble, op,
                  ": Expected tensor for argument #1 'weight' to have one of the following scalar "
                  "types: Half, Float, Double; but got ",
                  dense::legacyTypeName(wt), " instead (while checking arguments for ", kFrom, ")");
  WICK_CHECK(mode == kSum || mode == kMean || mode == kMax, op,
             ": embedding_bag: mode must be 0 (sum), 1 (mean) or 2 (max), but got ", mode);
  // Mixed Int/Long indices and offsets are both read as Long, as PyTorch promotes them.
  DType index_type = indices.dtype() == offsets.dtype() ? indices.dtype() : kLong;
  std::vector<int64_t> idx = toInt64(indices), off = toInt64(offsets);
  int64_t n = static_cast<int64_t>(idx.size());
  int64_t n_off = static_cast<int64_t>(off.size());
  if (n_off > 0) {
    WICK_CHECK(off[0] == 0, op,
               ": offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start "
               "from position 0. However, got ",
               off[0]);
    WICK_CHECK(off[n_off - 1] <= n, op, ": offsets[-1] can not be greater than input's length ", n,
               " but got offsets[-1] of ", off[n_off - 1]);
  }
  for (int64_t i = 1; i < n_off; ++i) {
    WICK_CHECK(off[i] >= off[i - 1], op,
               ": embedding_bag: offsets must be non-decreasing, but offsets[", i, "] = ", off[i],
               " is less than offsets[", i - 1, "] = ", off[i - 1]);
  }
  bool weighted = per_sample_weights.has_value() && per_sample_weights->defined();
  if (weighted) {
    const Tensor& psw = *per_sample_weights;
    WICK_CHECK(mode == kSum, op,
               ": embedding_bag: per_sample_weights only supported with mode='sum'");
    WICK_CHECK_TYPE(psw.dtype() == wt, op,
                    ": Expected tensor for argument #1 'weight' to have the same type as tensor "
                    "for argument #1 'per_sample_weights'; but type ",
                    dense::legacyTypeName(wt), " does not equal ",
                    dense::legacyTypeName(psw.dtype()), " (while checking arguments for ", kFrom,
                    ")");
    WICK_CHECK(psw.dim() == 1, op,
               ": Expected per_sample_weights.value().dim() == 1 to be true, but ", "got false.");
    WICK_CHECK(psw.impl()->numel() == n, op,
               ": Expected per_sample_weights.value().numel() == indices.numel() to be true, but "
               "got false.");
  }
  if (include_last_offset) {
    WICK_CHECK(n_off >= 1, op, ": include_last_offset: number of offset should be at least 1");
  }
  int64_t rows = dense::sizeAt(weight, 0), dim = dense::sizeAt(weight, 1);
  for (int64_t v : idx) {
    WICK_CHECK_INDEX(v >= 0 && v < rows, op,
                     ": embedding_bag: Expected idx >= 0 && idx < num_embeddings but found idx to "
                     "be ",
                     v);
  }

  Bags bags;
  bags.count = include_last_offset ? n_off - 1 : n_off;
  for (int64_t b = 0; b < bags.count; ++b) {
    bags.begin.push_back(off[b]);
    bags.end.push_back(b + 1 < n_off ? off[b + 1] : n);
  }
  // PyTorch's fast path for sums and means (float or half weight with unit column stride, no
  // padding index) adds half rows in float and rounds once; in sum mode it also skips
  // offset2bag.
  bool fast = mode != kMax && (wt == kFloat || wt == kHalf) && weight.stride(1) == 1 &&
              padding_idx < 0 && (!weighted || per_sample_weights->stride(0) == 1);
  bool fast_sum = fast && mode == kSum;

  std::vector<int64_t> offset2bag;
  if (!fast_sum) {
    // offset2bag[i] = (number of offsets at or before i) - 1, over every offset given.
    std::vector<int64_t> marks(static_cast<size_t>(n) + 1, 0);
    for (int64_t o : off) ++marks[static_cast<size_t>(o)];
    int64_t running = -1;
    offset2bag.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) offset2bag[i] = running += marks[i];
  }
  std::vector<int64_t> bag_size;
  if (mode != kSum) {
    for (int64_t b = 0; b < bags.count; ++b) {
      bag_size.push_back(b + 1 < bags.count ? off[b + 1] - off[b] : n - off[b]);
    }
  } else {
    bag_size.assign(static_cast<size_t>(n_off), 0);
  }
  std::vector<int64_t> max_index;
  if (mode == kMax) max_index.assign(static_cast<size_t>(bags.count * dim), 0);

  Tensor output = emptyTensor(DimVector{bags.count, dim}, wt);
  Tensor w = dense::contiguous(weight);
  std::optional<Tensor> psw;
  if (weighted) psw = dense::contiguous(*per_sample_weights);
  WICK_DISPATCH_FLOATING(wt, op, {
    using T = scalar_t;
    // Half sums on the fast path add in float and round once; elsewhere each add rounds.
    using Acc = std::conditional_t<std::is_same_v<T, double>, double, float>;
    const T* wp = static_cast<const T*>(w.data_ptr());
    const T* sp = weighted ? static_cast<const T*>(psw->data_ptr()) : nullptr;
    T* op = static_cast<T*>(output.data_ptr());
    std::fill(op, op + bags.count * dim, T(0));
    std::vector<Acc> acc(static_cast<size_t>(dim));
    for (int64_t b = 0; b < bags.count; ++b) {
      T* out_row = op + b * dim;
      bool first = true;
      std::fill(acc.begin(), acc.end(), Acc(0));
      for (int64_t i = bags.begin[b]; i < bags.end[b]; ++i) {
        int64_t r = idx[i];
        if (r == padding_idx) {
          if (mode != kSum) --bag_size[b];
          continue;
        }
        const T* row = wp + r * dim;
        if (mode == kMax) {
          for (int64_t d = 0; d < dim; ++d) {
            if (first || row[d] > out_row[d]) {
              out_row[d] = row[d];
              max_index[b * dim + d] = r;
            }
          }
          first = false;
        } else if (fast) {
          Acc scale = sp ? static_cast<Acc>(sp[i]) : Acc(1);
          for (int64_t d = 0; d < dim; ++d) acc[d] += scale * static_cast<Acc>(row[d]);
        } else {
          for (int64_t d = 0; d < dim; ++d) {
            T term =
                sp ? static_cast<T>(static_cast<Acc>(sp[i]) * static_cast<Acc>(row[d])) : row[d];
            out_row[d] = static_cast<T>(static_cast<Acc>(out_row[d]) + static_cast<Acc>(term));
          }
        }
      }
      if (fast) {
        for (int64_t d = 0; d < dim; ++d) out_row[d] = static_cast<T>(acc[d]);
      }
      if (mode == kMean) {
        T count = static_cast<T>(static_cast<Acc>(std::max<int64_t>(bag_size[b], 1)));
        for (int64_t d = 0; d < dim; ++d) {
          out_row[d] = static_cast<T>(static_cast<Acc>(out_row[d]) / static_cast<Acc>(count));
        }
      }
    }
  });
  int64_t n_sizes = static_cast<int64_t>(bag_size.size());
  Tensor offset2bag_t =
      fromInt64(offset2bag, DimVector{static_cast<int64_t>(offset2bag.size())}, index_type);
  Tensor bag_size_t = fromInt64(bag_size, DimVector{n_sizes}, index_type);
  Tensor max_indices_t = mode == kMax ? fromInt64(max_index, DimVector{bags.count, dim}, index_type)
                                      : fromInt64(bag_size, DimVector{n_sizes}, index_type);
  return {output, offset2bag_t, bag_size_t, max_indices_t};
}

}  // namespace

Tensor4 embedding_bag(const Tensor& weight, const Tensor& indices, const Tensor& offsets, bool,
                      int64_t mode, bool, const std::optional<Tensor>& per_sample_weights,
                      bool include_last_offset) {
  return embeddingBag("aten::embedding_bag", weight, indices, offsets, mode, per_sample_weights,
                      include_last_offset, -1);
}

Tensor4 embedding_bag_padding_idx(const Tensor& weight, const Tensor& indices,
                                  const Tensor& offsets, bool, int64_t mode, bool,
                                  const std::optional<Tensor>& per_sample_weights,
                                  bool include_last_offset, std::optional<int64_t> padding_idx) {
  int64_t pad = -1;
  if (padding_idx) {
    WICK_CHECK(weight.dim() == 2,
               "aten::embedding_bag: weight has to be a 2D Tensor, but got Tensor of dimension ",
               weight.dim());
    int64_t rows = dense::sizeAt(weight, 0);
    pad = *padding_idx;
    WICK_CHECK(pad >= -rows && pad < rows,
               "aten::embedding_bag: padding_idx must be within the number of embeddings, -", rows,
               " through ", rows - 1, ", but got ", pad);
    if (pad < 0) pad += rows;
  }
  return embeddingBag("aten::embedding_bag", weight, indices, offsets, mode, per_sample_weights,
                      include_last_offset, pad);
}

Tensor4 _embedding_bag(const Tensor& weight, const Tensor& indices, const Tensor& offsets, bool,
                       int64_t mode, bool, const std::optional<Tensor>& per_sample_weights,
                       bool include_last_offset, int64_t padding_idx) {
  return embeddingBag("aten::_embedding_bag", weight, indices, offsets, mode, per_sample_weights,
                      include_last_offset, padding_idx);
}

Tensor4 _embedding_bag_forward_only(const Tensor& weight, const Tensor& indices,
                                    const Tensor& offsets, bool, int64_t mode, bool,
                                    const std::optional<Tensor>& per_sample_weights,
                                    bool include_last_offset, int64_t padding_idx) {
  return embeddingBag("aten::_embedding_bag_forward_only", weight, indices, offsets, mode,
                      per_sample_weights, include_last_offset, padding_idx);
}

}  // namespace wick::kernels
