// Advanced indexing: aten::index.Tensor, index_put_ and index_put (x[idx], x[mask],
// x[idx] = v, x[idx] += v with accumulate). Index tensors broadcast together; boolean masks
// turn into the indices of their true elements; the result puts the indexed dimensions where
// PyTorch does (in place when they are adjacent, in front otherwise).
#include <numeric>

#include "ops/kernels/shape_util.h"
#include "ops/parallel.h"
#include "wick/core/warning.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using IndexList = std::vector<std::optional<Tensor>>;

// Where the indexed block sits and what the index tensors select. `src` is self, permuted so
// that the indexed dimensions are adjacent; they are [first, first + indices.size()).
struct IndexPlan {
  Tensor src;
  int64_t first = 0;
  std::vector<Tensor> indices;  // Long, broadcast to index_shape (expanded views)
  DimVector index_shape;
  DimVector result_shape;
  // Per position of the (row-major) index space: element offset into src, and each index
  // tensor's offset for iteratorOutputStrides.
  std::vector<int64_t> src_offsets;
};

void checkIndexTypes(const char* op, const Tensor& self, const IndexList& indices) {
  WICK_CHECK_INDEX(indices.size() <= static_cast<size_t>(self.dim()), op,
                   ": too many indices for tensor of dimension ", self.dim(), " (got ",
                   indices.size(), ")");
  for (const auto& idx : indices) {
    if (!idx) continue;
    DType t = idx->dtype();
    WICK_CHECK_INDEX(t == kLong || t == kByte || t == kBool, op,
                     ": tensors used as indices must be long, byte or bool tensors");
  }
}

// Boolean (and legacy uint8) masks become one Long index per masked dimension: the
// coordinates of their true elements.
IndexList expandMasks(const char* op, const Tensor& self, const IndexList& indices) {
  IndexList out;
  for (const auto& idx : indices) {
    if (!idx || (idx->dtype() != kBool && idx->dtype() != kByte)) {
      out.push_back(idx);
      continue;
    }
    if (idx->dtype() == kByte) {
      warn(Warning::Kind::Deprecation,
           "indexing with dtype torch.uint8 is now deprecated, please use a dtype torch.bool "
           "instead.");
    }
    WICK_CHECK(idx->dim() > 0, op,
               ": a 0-dim boolean index is only supported by Python-style "
               "indexing (Tensor::index({mask}))");
    for (int64_t j = 0; j < idx->dim(); ++j) {
      auto src_dim = static_cast<int64_t>(out.size()) + j;
      WICK_CHECK_INDEX(src_dim < self.dim(), op, ": too many indices for tensor of dimension ",
                       self.dim(), " (got ", src_dim + 1, ")");
      WICK_CHECK_INDEX(idx->impl()->sizes()[j] == self.impl()->sizes()[src_dim], op,
                       ": The shape of the mask ", idx->impl()->sizes(), " at index ", j,
                       " does not match the shape of the indexed tensor ", self.impl()->sizes(),
                       " at index ", src_dim);
    }
    Tensor coords = nonzero(*idx);
    for (int64_t j = 0; j < idx->dim(); ++j) out.push_back(select_int(coords, 1, j));
  }
  return out;
}

DimVector broadcastIndices(const char* op, const IndexList& indices) {
  DimVector shape;
  bool ok = true;
  for (const auto& idx : indices) {
    if (!idx) continue;
    IntArrayRef s = idx->impl()->sizes();
    size_t n = std::max(shape.size(), s.size());
    DimVector next(n);
    for (size_t i = 0; i < n && ok; ++i) {
      int64_t a = i < n - shape.size() ? 1 : shape[i - (n - shape.size())];
      int64_t b = i < n - s.size() ? 1 : s[i - (n - s.size())];
      ok = a == b || a == 1 || b == 1;
      next[i] = a == 1 ? b : a;
    }
    shape = next;
  }
  if (!ok) {
    std::string shapes;
    for (const auto& idx : indices) {
      if (!idx) continue;
      shapes += (shapes.empty() ? "" : ", ") + sizesStr(idx->impl()->sizes());
    }
    WICK_CHECK_INDEX(false, op,
                     ": shape mismatch: indexing tensors could not be broadcast "
                     "together with shapes ",
                     shapes);
  }
  return shape;
}

IndexPlan makePlan(const char* op, const Tensor& self, const IndexList& raw) {
  checkIndexTypes(op, self, raw);
  IndexList indices = expandMasks(op, self, raw);
  std::vector<int64_t> defined;
  for (size_t i = 0; i < indices.size(); ++i)
    if (indices[i]) defined.push_back(static_cast<int64_t>(i));
  WICK_CHECK(!defined.empty(), op, ": at least one index tensor is required");
  IndexPlan plan;
  plan.index_shape = broadcastIndices(op, indices);
  bool adjacent = defined.back() - defined.front() + 1 == static_cast<int64_t>(defined.size());
  if (adjacent) {
    plan.src = self;
    plan.first = defined.front();
  } else {
    // Non-adjacent indexed dimensions move to the front, as in NumPy.
    DimVector perm;
    for (int64_t d : defined) perm.push_back(d);
    for (int64_t d = 0; d < self.dim(); ++d)
      if (d >= static_cast<int64_t>(indices.size()) || !indices[d]) perm.push_back(d);
    plan.src = permute(self, perm);
    plan.first = 0;
  }
  for (int64_t d : defined) plan.indices.push_back(expand(*indices[d], plan.index_shape, false));
  IntArrayRef sizes = plan.src.impl()->sizes();
  int64_t after = plan.first + static_cast<int64_t>(defined.size());
  for (int64_t d = 0; d < plan.first; ++d) plan.result_shape.push_back(sizes[d]);
  for (int64_t s : plan.index_shape) plan.result_shape.push_back(s);
  for (int64_t d = after; d < plan.src.dim(); ++d) plan.result_shape.push_back(sizes[d]);
  // An empty indexed dimension cannot be indexed by a non-empty index.
  bool empty_dim = false, empty_index = false;
  for (int64_t d = plan.first; d < after; ++d) empty_dim |= sizes[d] == 0;
  for (int64_t s : plan.index_shape) empty_index |= s == 0;
  WICK_CHECK_INDEX(!empty_dim || empty_index, op,
                   ": index is out of bounds for dimension with size 0");
  return plan;
}

// Offsets into src of every index position; bounds are checked (only when elements are
// actually read or written, as in PyTorch).
void computeOffsets(const char* op, IndexPlan& plan, bool check) {
  int64_t n = 1;
  for (int64_t s : plan.index_shape) n *= s;
  plan.src_offsets.assign(static_cast<size_t>(n), 0);
  for (size_t j = 0; j < plan.indices.size(); ++j) {
    auto d = plan.first + static_cast<int64_t>(j);
    int64_t size = plan.src.impl()->sizes()[d], stride = plan.src.strides()[d];
    std::vector<int64_t> values = readIndices(plan.indices[j]);
    for (int64_t p = 0; p < n; ++p) {
      int64_t v = values[p];
      if (check) {
        WICK_CHECK_INDEX(v >= -size && v < size, op, ": index ", v,
                         " is out of bounds for dimension ", j, " with size ", size);
      }
      plan.src_offsets[p] += (v < 0 ? v + size : v) * stride;
    }
  }
}

// The strides of src (or any tensor of the plan's result shape) split into the dims before and
// after the index block.
struct Split {
  DimVector pre_sizes, pre_strides, post_sizes, post_strides;
};
Split splitDims(const IndexPlan& plan, IntArrayRef strides_before, IntArrayRef strides_after) {
  Split s;
  IntArrayRef sizes = plan.src.impl()->sizes();
  int64_t after = plan.first + static_cast<int64_t>(plan.indices.size());
  for (int64_t d = 0; d < plan.first; ++d) {
    s.pre_sizes.push_back(sizes[d]);
    s.pre_strides.push_back(strides_before[d]);
  }
  for (int64_t d = after; d < plan.src.dim(); ++d) {
    s.post_sizes.push_back(sizes[d]);
    s.post_strides.push_back(strides_after[d - after]);
  }
  return s;
}

// Offsets of each index position in a tensor of the result shape with the given strides.
std::vector<int64_t> resultIndexOffsets(const IndexPlan& plan, IntArrayRef result_strides) {
  auto k = static_cast<int64_t>(plan.index_shape.size());
  IntArrayRef st = result_strides.slice(static_cast<size_t>(plan.first), static_cast<size_t>(k));
  std::vector<int64_t> out;
  StridedWalk<1> walk(plan.index_shape, {st});
  out.reserve(plan.src_offsets.size());
  walk.run([&](const std::array<int64_t, 1>& off) { out.push_back(off[0]); });
  return out;
}

// The output layout TensorIterator would give aten::index (see Note [TensorIterator output
// layout]): inputs are src with the index block restrided to 0, and each index tensor reshaped
// to the result's rank.
DimVector indexResultStrides(const IndexPlan& plan) {
  auto k = static_cast<int64_t>(plan.index_shape.size());
  auto nidx = static_cast<int64_t>(plan.indices.size());
  DimVector src_strides;
  for (int64_t d = 0; d < plan.first; ++d) src_strides.push_back(plan.src.strides()[d]);
  for (int64_t i = 0; i < k; ++i) src_strides.push_back(0);
  for (int64_t d = plan.first + nidx; d < plan.src.dim(); ++d)
    src_strides.push_back(plan.src.strides()[d]);
  std::vector<DimVector> idx_sizes, idx_strides;
  int64_t post = static_cast<int64_t>(plan.result_shape.size()) - plan.first - k;
  for (const Tensor& idx : plan.indices) {
    DimVector shape(static_cast<size_t>(plan.first), 1);
    for (int64_t s : plan.index_shape) shape.push_back(s);
    for (int64_t i = 0; i < post; ++i) shape.push_back(1);
    auto st = computeViewStrides(idx.impl()->sizes(), idx.strides(), shape);
    WICK_INTERNAL_ASSERT(st.has_value());
    idx_sizes.push_back(shape);
    idx_strides.push_back(*st);
  }
  std::vector<IterOperand> ops;
  ops.push_back({plan.result_shape, src_strides});
  for (size_t i = 0; i < idx_sizes.size(); ++i) ops.push_back({idx_sizes[i], idx_strides[i]});
  return iteratorOutputStrides(plan.result_shape, ops);
}

template <class T>
void gatherRows(T* out, const T* src, const IndexPlan& plan, const Split& s,
                const std::vector<int64_t>& out_idx, IntArrayRef out_pre, IntArrayRef out_post) {
  StridedWalk<2> pre(s.pre_sizes, {out_pre, s.pre_strides});
  StridedWalk<2> post(s.post_sizes, {out_post, s.post_strides});
  auto n = static_cast<int64_t>(plan.src_offsets.size());
  int64_t post_n = 1;
  for (int64_t v : s.post_sizes) post_n *= v;
  int64_t grain = std::max<int64_t>(1, 32768 / std::max<int64_t>(post_n, 1));
  pre.run([&](const std::array<int64_t, 2>& a) {
    parallelFor(0, n, grain, [&](int64_t b, int64_t e) {
      for (int64_t p = b; p < e; ++p) {
        T* o = out + a[0] + out_idx[p];
        const T* i = src + a[1] + plan.src_offsets[p];
        post.run([&](const std::array<int64_t, 2>& c) { o[c[0]] = i[c[1]]; });
      }
    });
  });
}

template <class T>
void dispatchBytes(size_t item, T&& f) {
  switch (item) {
    case 1: return f(uint8_t{});
    case 2: return f(uint16_t{});
    case 4: return f(uint32_t{});
    case 8: return f(uint64_t{});
  }
  WICK_INTERNAL_ASSERT(false, "unexpected element size ", item);
}

}  // namespace

Tensor index_Tensor(const Tensor& self, const IndexList& indices) {
  const char* op = "aten::index";
  IndexPlan plan = makePlan(op, self, indices);
  int64_t numel = checkedNumel(plan.result_shape, op);
  computeOffsets(op, plan, numel > 0);
  DimVector out_strides = indexResultStrides(plan);
  Tensor out = emptyWithStrides(plan.result_shape, out_strides, self.dtype());
  if (numel == 0) return out;
  auto k = plan.index_shape.size();
  IntArrayRef ost(out_strides);
  Split s = splitDims(plan, plan.src.strides(),
                      plan.src.strides().slice(plan.first + plan.indices.size()));
  std::vector<int64_t> out_idx = resultIndexOffsets(plan, ost);
  IntArrayRef out_pre = ost.slice(0, static_cast<size_t>(plan.first));
  IntArrayRef out_post = ost.slice(static_cast<size_t>(plan.first) + k);
  dispatchBytes(self.element_size(), [&](auto tag) {
    using T = decltype(tag);
    gatherRows(static_cast<T*>(out.data_ptr()), static_cast<const T*>(plan.src.data_ptr()), plan, s,
               out_idx, out_pre, out_post);
  });
  return out;
}

namespace {

template <class T>
void scatterRows(T* dst, const T* val, const IndexPlan& plan, const Split& s,
                 const std::vector<int64_t>& val_idx, IntArrayRef val_pre, IntArrayRef val_post,
                 bool accumulate) {
  StridedWalk<2> pre(s.pre_sizes, {s.pre_strides, val_pre});
  StridedWalk<2> post(s.post_sizes, {s.post_strides, val_post});
  auto n = static_cast<int64_t>(plan.src_offsets.size());
  pre.run([&](const std::array<int64_t, 2>& a) {
    for (int64_t p = 0; p < n; ++p) {
      T* o = dst + a[0] + plan.src_offsets[p];
      const T* v = val + a[1] + val_idx[p];
      if (accumulate) {
        post.run([&](const std::array<int64_t, 2>& c) { o[c[0]] = addElems(o[c[0]], v[c[1]]); });
      } else {
        post.run([&](const std::array<int64_t, 2>& c) { o[c[0]] = v[c[1]]; });
      }
    }
  });
}

// Writing through an expanded (stride-0) dimension stores several values in one place;
// PyTorch allows it with a deprecation warning.
void warnIfExpanded(const Tensor& t) {
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (t.strides()[d] == 0 && t.impl()->sizes()[d] > 1) {
      warn(Warning::Kind::Deprecation,
           "Use of index_put_ on expanded tensors is deprecated. Please clone() the tensor "
           "before performing this operation. This also applies to advanced indexing e.g. "
           "tensor[indices] = tensor");
      return;
    }
  }
}

}  // namespace

Tensor index_put_(const Tensor& self, const IndexList& indices, const Tensor& values,
                  bool accumulate) {
  const char* op = "aten::index_put_";
  warnIfExpanded(self);
  IndexPlan plan = makePlan(op, self, indices);
  // Values broadcast to the shape the same indices would select.
  bool fits = values.dim() <= static_cast<int64_t>(plan.result_shape.size());
  for (int64_t i = 1; fits && i <= values.dim(); ++i) {
    int64_t v = values.impl()->sizes()[values.dim() - i];
    fits = v == 1 || v == plan.result_shape[plan.result_shape.size() - i];
  }
  WICK_CHECK(fits, op, ": shape mismatch: value tensor of shape ", values.impl()->sizes(),
             " cannot be broadcast to indexing result of shape ", IntArrayRef(plan.result_shape));
  WICK_CHECK(values.dtype() == self.dtype(), op,
             ": Index put requires the source and destination dtypes match, got ",
             graphName(self.dtype()), " for the destination and ", graphName(values.dtype()),
             " for the source.");
  int64_t numel = checkedNumel(plan.result_shape, op);
  computeOffsets(op, plan, numel > 0);
  if (numel > 0) {
    Tensor v = expand(values, plan.result_shape, false);
    IntArrayRef vst = v.strides();
    auto k = plan.index_shape.size();
    Split s = splitDims(plan, plan.src.strides(),
                        plan.src.strides().slice(plan.first + plan.indices.size()));
    std::vector<int64_t> val_idx = resultIndexOffsets(plan, vst);
    IntArrayRef val_pre = vst.slice(0, static_cast<size_t>(plan.first));
    IntArrayRef val_post = vst.slice(static_cast<size_t>(plan.first) + k);
    WICK_DISPATCH_ALL(self.dtype(), op, {
      scatterRows(static_cast<scalar_t*>(plan.src.data_ptr()),
                  static_cast<const scalar_t*>(v.data_ptr()), plan, s, val_idx, val_pre, val_post,
                  accumulate);
    });
  }
  self.impl()->storage()->bumpVersion();
  return self;
}

Tensor index_put(const Tensor& self, const IndexList& indices, const Tensor& values,
                 bool accumulate) {
  Tensor out =
      emptyWithStrides(self.impl()->sizes(), likeStrides(self, std::nullopt), self.dtype());
  copyStrided(out, self);
  return index_put_(out, indices, values, accumulate);
}

}  // namespace wick::kernels
