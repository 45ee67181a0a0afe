#include "ops/dnnl/dense_util.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <sstream>
#include <type_traits>

#include "ops/dnnl/dtype_visit.h"
#include "ops/parallel.h"

namespace wick::dense {

// ---- memory formats ----

// Note [Channels-last heuristic]
// PyTorch decides whether strides "look" channels-last by walking the dims in the order
// C, W, H, N (C, W, H, D, N for 5-d) and requiring non-decreasing strides, with two tie
// breaks that keep ambiguous layouts contiguous: a zero channel stride, and an N whose
// stride equals C's (an N111 tensor). Sizes of 0 never count as channels-last.
bool isChannelsLastStrides(IntArrayRef sizes, IntArrayRef strides) {
  static constexpr int64_t kOrder4[] = {1, 3, 2, 0};
  static constexpr int64_t kOrder5[] = {1, 4, 3, 2, 0};
  IntArrayRef order;
  if (sizes.size() == 4) {
    order = IntArrayRef(kOrder4, 4);
  } else if (sizes.size() == 5) {
    order = IntArrayRef(kOrder5, 5);
  } else {
    return false;
  }
  if (strides[1] == 0) return false;
  int64_t min = 0;
  for (int64_t d : order) {
    if (sizes[d] == 0 || strides[d] < min) return false;
    if (d == 0 && min == strides[1]) return false;
    min = strides[d];
    if (sizes[d] > 1) min *= sizes[d];
  }
  return true;
}

bool suggestChannelsLast(const Tensor& t) {
  return (t.dim() == 4 || t.dim() == 5) && isChannelsLastStrides(t.sizes(), t.strides());
}

DimVector channelsLastStrides(IntArrayRef sizes) {
  WICK_INTERNAL_ASSERT(sizes.size() == 4 || sizes.size() == 5);
  DimVector strides(sizes.size());
  auto nz = [](int64_t s) { return s > 1 ? s : 1; };
  int64_t c = sizes[1];
  strides[1] = 1;
  int64_t s = nz(c);
  for (size_t d = sizes.size() - 1; d >= 2; --d) {
    strides[d] = s;
    s *= nz(sizes[d]);
  }
  strides[0] = s;
  return strides;
}

Tensor emptyWithFormat(IntArrayRef sizes, DType dtype, bool channels_last) {
  if (!channels_last || (sizes.size() != 4 && sizes.size() != 5)) return emptyTensor(sizes, dtype);
  Tensor t = emptyTensor(sizes, dtype);
  DimVector strides = channelsLastStrides(sizes);
  t.impl()->setSizesAndStrides(sizes, strides, 0);
  return t;
}

bool isNonOverlappingAndDense(const Tensor& t) {
  if (t.is_contiguous()) return true;
  int64_t nd = t.dim();
  std::vector<int64_t> perm(static_cast<size_t>(nd));
  std::iota(perm.begin(), perm.end(), 0);
  IntArrayRef sizes = t.sizes(), strides = t.strides();
  std::sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) {
    if (sizes[a] < 2) return false;
    if (sizes[b] < 2) return true;
    return strides[a] < strides[b];
  });
  int64_t expected = 1;
  for (int64_t d : perm) {
    if (sizes[d] == 1) continue;
    if (strides[d] != expected) return false;
    expected *= sizes[d];
  }
  return true;
}

// ---- views ----

Tensor asStrided(const Tensor& t, IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
  return makeTensor(t.impl()->storagePtr(), t.dtype(), sizes, strides, offset);
}

Tensor viewAs(const Tensor& t, IntArrayRef sizes) {
  WICK_INTERNAL_ASSERT(t.is_contiguous() && product(sizes) == t.impl()->numel());
  return asStrided(t, sizes, contiguousStrides(sizes), t.storage_offset());
}

Tensor transposed(const Tensor& t, int64_t d0, int64_t d1) {
  DimVector sizes(t.sizes()), strides(t.strides());
  std::swap(sizes[d0], sizes[d1]);
  std::swap(strides[d0], strides[d1]);
  return asStrided(t, sizes, strides, t.storage_offset());
}

Tensor permuted(const Tensor& t, IntArrayRef dims) {
  DimVector sizes, strides;
  for (int64_t d : dims) {
    sizes.push_back(sizeAt(t, d));
    strides.push_back(t.strides()[d]);
  }
  return asStrided(t, sizes, strides, t.storage_offset());
}

Tensor unsqueezed(const Tensor& t, int64_t dim) {
  DimVector sizes(t.sizes()), strides(t.strides());
  int64_t st = dim < t.dim() ? sizes[dim] * strides[dim] : 1;
  sizes.insert(static_cast<size_t>(dim), 1);
  strides.insert(static_cast<size_t>(dim), st);
  return asStrided(t, sizes, strides, t.storage_offset());
}

Tensor squeezed(const Tensor& t, int64_t dim) {
  DimVector sizes(t.sizes()), strides(t.strides());
  if (sizes[dim] != 1) return t;
  sizes.erase(static_cast<size_t>(dim));
  strides.erase(static_cast<size_t>(dim));
  return asStrided(t, sizes, strides, t.storage_offset());
}

Tensor selected(const Tensor& t, int64_t dim, int64_t index) {
  DimVector sizes(t.sizes()), strides(t.strides());
  int64_t offset = t.storage_offset() + index * strides[dim];
  sizes.erase(static_cast<size_t>(dim));
  strides.erase(static_cast<size_t>(dim));
  return asStrided(t, sizes, strides, offset);
}

Tensor narrowed(const Tensor& t, int64_t dim, int64_t start, int64_t length) {
  DimVector sizes(t.sizes());
  sizes[dim] = length;
  return asStrided(t, sizes, t.strides(), t.storage_offset() + start * t.strides()[dim]);
}

Tensor expanded(const Tensor& t, IntArrayRef sizes) {
  int64_t nd = static_cast<int64_t>(sizes.size()), td = t.dim();
  DimVector strides(sizes.size(), 0);
  for (int64_t i = 0; i < td; ++i) {
    int64_t o = nd - td + i;
    strides[o] = sizeAt(t, i) == sizes[o] ? t.strides()[i] : 0;
  }
  return asStrided(t, sizes, strides, t.storage_offset());
}

// ---- copies ----

namespace {

// The copy loop nest: dims ordered by destination stride, adjacent dims merged when both
// tensors allow it, so that common layouts collapse to one or two loops.
struct CopyPlan {
  DimVector sizes, dst_strides, src_strides;  // innermost last
};

CopyPlan planCopy(const Tensor& dst, const Tensor& src) {
  int64_t nd = dst.dim();
  std::vector<int64_t> dims;
  for (int64_t d = 0; d < nd; ++d)
    if (sizeAt(dst, d) != 1) dims.push_back(d);
  IntArrayRef ds = dst.strides();
  std::stable_sort(dims.begin(), dims.end(), [&](int64_t a, int64_t b) { return ds[a] > ds[b]; });
  CopyPlan p;
  for (int64_t d : dims) {
    int64_t sz = sizeAt(dst, d), dst_st = ds[d], src_st = src.strides()[d];
    if (!p.sizes.empty() && p.dst_strides.back() == dst_st * sz &&
        p.src_strides.back() == src_st * sz) {
      p.sizes.back() *= sz;
      p.dst_strides.back() = dst_st;
      p.src_strides.back() = src_st;
      continue;
    }
    p.sizes.push_back(sz);
    p.dst_strides.push_back(dst_st);
    p.src_strides.push_back(src_st);
  }
  if (p.sizes.empty()) {
    p.sizes.push_back(1);
    p.dst_strides.push_back(1);
    p.src_strides.push_back(1);
  }
  return p;
}

template <class D, class S>
void copyRows(const CopyPlan& p, D* dst, const S* src, int64_t row_begin, int64_t row_end) {
  size_t nd = p.sizes.size();
  int64_t inner = p.sizes[nd - 1], dsi = p.dst_strides[nd - 1], ssi = p.src_strides[nd - 1];
  for (int64_t row = row_begin; row < row_end; ++row) {
    int64_t rem = row, doff = 0, soff = 0;
    for (size_t d = nd - 1; d-- > 0;) {
      int64_t i = rem % p.sizes[d];
      rem /= p.sizes[d];
      doff += i * p.dst_strides[d];
      soff += i * p.src_strides[d];
    }
    D* o = dst + doff;
    const S* s = src + soff;
    if constexpr (std::is_same_v<D, S>) {
      if (dsi == 1 && ssi == 1) {
        std::memcpy(o, s, static_cast<size_t>(inner) * sizeof(D));
        continue;
      }
    }
    if (dsi == 1 && ssi == 1) {
      for (int64_t i = 0; i < inner; ++i) o[i] = castTo<D>(s[i]);
    } else {
      for (int64_t i = 0; i < inner; ++i) o[i * dsi] = castTo<D>(s[i * ssi]);
    }
  }
}

}  // namespace

void copyInto(const Tensor& dst, const Tensor& src) {
  WICK_INTERNAL_ASSERT(dst.sizes() == src.sizes(), "copyInto: ", dst.sizes(), " vs ", src.sizes());
  int64_t n = dst.impl()->numel();
  if (n == 0) return;
  CopyPlan plan = planCopy(dst, src);
  int64_t inner = plan.sizes.back();
  int64_t rows = n / inner;
  int64_t grain = std::max<int64_t>(1, 65536 / std::max<int64_t>(inner, 1));
  visitDType(dst.dtype(), [&](auto dtag) {
    using D = typename decltype(dtag)::type;
    visitDType(src.dtype(), [&](auto stag) {
      using S = typename decltype(stag)::type;
      D* o = static_cast<D*>(dst.data_ptr());
      const S* s = static_cast<const S*>(src.data_ptr());
      parallelFor(0, rows, grain, [&](int64_t b, int64_t e) { copyRows<D, S>(plan, o, s, b, e); });
    });
  });
}

Tensor contiguous(const Tensor& t) {
  if (t.is_contiguous()) return t;
  return cloneContiguous(t);
}

Tensor cloneContiguous(const Tensor& t) {
  Tensor out = emptyTensor(t.sizes(), t.dtype());
  copyInto(out, t);
  return out;
}

Tensor channelsLast(const Tensor& t) {
  WICK_INTERNAL_ASSERT(t.dim() == 4 || t.dim() == 5);
  DimVector want = channelsLastStrides(t.sizes());
  bool same = true;
  for (int64_t d = 0; d < t.dim(); ++d)
    if (sizeAt(t, d) != 1 && t.strides()[d] != want[d]) same = false;
  if (same) return t;
  Tensor out = emptyWithFormat(t.sizes(), t.dtype(), true);
  copyInto(out, t);
  return out;
}

Tensor contiguousAs(const Tensor& t, DType dtype) {
  if (t.dtype() == dtype) return contiguous(t);
  Tensor out = emptyTensor(t.sizes(), dtype);
  copyInto(out, t);
  return out;
}

void fill(const Tensor& t, double v) {
  if (t.impl()->numel() == 0) return;
  visitDType(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T value = castTo<T>(v);
    if (t.is_contiguous()) {
      T* p = static_cast<T*>(t.data_ptr());
      std::fill(p, p + t.impl()->numel(), value);
      return;
    }
    Tensor one = emptyTensor({}, t.dtype());
    *static_cast<T*>(one.data_ptr()) = value;
    copyInto(t, expanded(one, t.sizes()));
  });
}

Tensor reshape(const Tensor& t, IntArrayRef sizes) {
  Tensor c = contiguous(t);
  return viewAs(c, sizes);
}

// ---- shapes ----

DimVector broadcastShapes(IntArrayRef a, IntArrayRef b, std::string_view op) {
  size_t n = std::max(a.size(), b.size());
  DimVector out(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    WICK_CHECK(da == db || da == 1 || db == 1, op, ": The size of tensor a (", da,
               ") must match the size of tensor b (", db, ") at non-singleton dimension ", i);
    out[i] = da == 1 ? db : da;
  }
  return out;
}

void checkExpandable(IntArrayRef t, IntArrayRef sizes, std::string_view op) {
  WICK_CHECK(t.size() <= sizes.size(), op, ": the number of sizes provided (", sizes.size(),
             ") must be greater or equal to the number of dimensions in the tensor (", t.size(),
             ")");
  size_t off = sizes.size() - t.size();
  for (size_t i = t.size(); i-- > 0;) {
    WICK_CHECK(t[i] == sizes[off + i] || t[i] == 1, op, ": The expanded size of the tensor (",
               sizes[off + i], ") must match the existing size (", t[i],
               ") at non-singleton dimension ", off + i, ".  Target sizes: ", sizes,
               ".  Tensor sizes: ", t);
  }
}

int64_t product(IntArrayRef sizes) {
  int64_t p = 1;
  for (int64_t s : sizes) p *= s;
  return p;
}

std::string shapeX(IntArrayRef sizes) {
  std::ostringstream os;
  for (size_t i = 0; i < sizes.size(); ++i) os << (i ? "x" : "") << sizes[i];
  return os.str();
}

std::string legacyTypeName(DType t) {
  if (t == kBFloat16) return "CPUBFloat16Type";
  return "torch." + std::string(graphName(t)) + "Tensor";
}

std::string_view typeMetaName(DType t) {
  switch (t) {
    case kByte: return "unsigned char";
    case kChar: return "signed char";
    case kShort: return "short int";
    case kInt: return "int";
    case kLong: return "long int";
    case kHalf: return "c10::Half";
    case kFloat: return "float";
    case kDouble: return "double";
    case kBool: return "bool";
    case kBFloat16: return "c10::BFloat16";
  }
  return "?";
}

void checkSameDType(const Tensor& a, const Tensor& b, std::string_view op) {
  WICK_CHECK(a.dtype() == b.dtype(), op, ": expected scalar type ", scalarTypeName(a.dtype()),
             " but found ", scalarTypeName(b.dtype()));
}

DimVector expandParam(IntArrayRef values, size_t n, std::string_view op, std::string_view name) {
  if (values.size() == 1) return DimVector(n, values[0]);
  WICK_CHECK(values.size() == n, op, ": expected ", name,
             " to be a single integer value or a list of ", n,
             " values to match the convolution dimensions, but got ", name, "=", values);
  return DimVector(values);
}

}  // namespace wick::dense
