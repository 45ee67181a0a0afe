#include "ops/kernels/shape_util.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "ops/kernels/iter_loops.h"
#include "ops/parallel.h"

namespace wick::kernels {

std::string sizesStr(IntArrayRef sizes) {
  std::ostringstream os;
  os << sizes;
  return os.str();
}

Tensor makeView(const Tensor& self, IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
  Tensor out = makeTensor(self.impl()->storagePtr(), self.dtype(), sizes, strides, offset);
  return out;
}

DimVector inferSize(const char* op, IntArrayRef shape, int64_t numel) {
  DimVector res(shape);
  int64_t known = 1;
  std::optional<size_t> infer;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == -1) {
      WICK_CHECK(!infer, op, ": only one dimension can be inferred");
      infer = d;
    } else {
      WICK_CHECK(shape[d] >= 0, op, ": invalid shape dimension ", shape[d]);
      known *= shape[d];
    }
  }
  bool fits = numel == known || (infer && known > 0 && numel % known == 0);
  WICK_CHECK(fits, op, ": shape '", shape, "' is invalid for input of size ", numel);
  if (infer) {
    // With zero known elements any size would do, so PyTorch refuses to guess.
    WICK_CHECK(known != 0, op, ": cannot reshape tensor of 0 elements into shape ", shape,
               " because the unspecified dimension size -1 can be any value and is ambiguous");
    res[*infer] = numel / known;
  }
  return res;
}

// Note [View strides]
// A view is possible when every dimension of the new shape lies inside one "chunk" of the old
// tensor: a run of old dimensions whose memory is contiguous relative to each other (size-1
// dimensions never break a chunk). Walking both shapes from the innermost dimension, each chunk's
// element count must be matched exactly by a run of new dimensions, which then get strides that
// are multiples of the chunk's innermost stride. New size-1 dimensions take the stride the next
// dimension outward would have, as PyTorch assigns them, so traced types print the same strides.
std::optional<DimVector> computeViewStrides(IntArrayRef sizes, IntArrayRef strides,
                                            IntArrayRef new_sizes) {
  DimVector out(new_sizes.size(), 1);
  if (sizes.empty()) return out;
  int64_t numel = 1;
  for (int64_t s : sizes) numel *= s;
  if (numel == 0) {
    if (sizes == new_sizes) return DimVector(strides);
    return contiguousStrides(new_sizes);
  }
  int64_t view_d = static_cast<int64_t>(new_sizes.size()) - 1;
  int64_t chunk_stride = strides.back();
  int64_t chunk_numel = 1, view_numel = 1;
  for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
    chunk_numel *= sizes[d];
    bool chunk_ends = d == 0 || (sizes[d - 1] != 1 && strides[d - 1] != chunk_numel * chunk_stride);
    if (!chunk_ends) continue;
    while (view_d >= 0 && (view_numel < chunk_numel || new_sizes[view_d] == 1)) {
      out[view_d] = view_numel * chunk_stride;
      view_numel *= new_sizes[view_d];
      --view_d;
    }
    if (view_numel != chunk_numel) return std::nullopt;
    if (d > 0) {
      chunk_stride = strides[d - 1];
      chunk_numel = 1;
      view_numel = 1;
    }
  }
  if (view_d != -1) return std::nullopt;
  return out;
}

DimVector broadcastShapes(const char* op, IntArrayRef a, IntArrayRef b) {
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

namespace {
// PyTorch's heuristic for "strides look channels-last": walking C, then the spatial dims from
// the innermost, then N, strides must not decrease. Ambiguous cases fall back to NCHW.
bool stridesLikeChannelsLast(IntArrayRef sizes, IntArrayRef strides,
                             std::initializer_list<size_t> order) {
  if (strides[1] == 0) return false;
  int64_t min = 0;
  for (size_t d : order) {
    if (sizes[d] == 0 || strides[d] < min) return false;
    if (d == 0 && min == strides[1]) return false;
    min = strides[d];
    if (sizes[d] > 1) min *= sizes[d];
  }
  return true;
}
}  // namespace

bool isChannelsLast(const Tensor& t) { return suggestMemoryFormat(t) != MemoryFormat::Contiguous; }

MemoryFormat suggestMemoryFormat(const Tensor& t) {
  IntArrayRef sizes = t.impl()->sizes(), strides = t.impl()->strides();
  if (sizes.size() == 4 && stridesLikeChannelsLast(sizes, strides, {1, 3, 2, 0}))
    return MemoryFormat::ChannelsLast;
  if (sizes.size() == 5 && stridesLikeChannelsLast(sizes, strides, {1, 4, 3, 2, 0}))
    return MemoryFormat::ChannelsLast3d;
  return MemoryFormat::Contiguous;
}

DimVector stridesForFormat(IntArrayRef sizes, MemoryFormat format) {
  if (format == MemoryFormat::ChannelsLast || format == MemoryFormat::ChannelsLast3d) {
    size_t want = format == MemoryFormat::ChannelsLast ? 4 : 5;
    WICK_CHECK(sizes.size() == want, "required rank ", want, " tensor to use ",
               format == MemoryFormat::ChannelsLast ? "channels_last" : "channels_last_3d",
               " format");
    // Channels vary fastest, then the spatial dimensions from the innermost, then the batch.
    DimVector st(sizes.size());
    st[1] = 1;
    int64_t s = sizes[1];
    for (size_t d = sizes.size() - 1; d >= 2; --d) {
      st[d] = s;
      s *= sizes[d];
    }
    st[0] = s;
    return st;
  }
  return contiguousStrides(sizes);
}

bool isNonOverlappingAndDense(const Tensor& t) {
  return isNonOverlappingAndDense(t.impl()->sizes(), t.impl()->strides());
}

bool isNonOverlappingAndDense(IntArrayRef sizes, IntArrayRef strides) {
  // An empty tensor counts as contiguous, hence dense.
  for (int64_t s : sizes)
    if (s == 0) return true;
  size_t nd = sizes.size();
  std::vector<size_t> perm(nd);
  std::iota(perm.begin(), perm.end(), size_t(0));
  // Size-0/1 dimensions go last: they never decide density.
  std::stable_sort(perm.begin(), perm.end(), [&](size_t a, size_t b) {
    if (sizes[a] < 2) return false;
    if (sizes[b] < 2) return true;
    return strides[a] < strides[b];
  });
  int64_t required = 1;
  for (size_t d : perm) {
    if (sizes[d] == 1) continue;
    if (strides[d] != required) return false;
    required *= sizes[d];
  }
  return true;
}

DimVector preservedStrides(const Tensor& t) {
  IntArrayRef sizes = t.impl()->sizes(), strides = t.impl()->strides();
  if (isNonOverlappingAndDense(t)) return DimVector(strides);
  // Order dimensions by stride (innermost first), keeping zero strides where they are and
  // breaking ties by size, then lay the tensor out densely in that order.
  int64_t nd = static_cast<int64_t>(sizes.size());
  std::vector<int64_t> perm(static_cast<size_t>(nd));
  for (int64_t i = 0; i < nd; ++i) perm[i] = nd - 1 - i;
  auto order = [&](int64_t a, int64_t b) {
    if (strides[a] == 0 || strides[b] == 0) return 0;
    if (strides[a] != strides[b]) return strides[a] < strides[b] ? -1 : 1;
    return sizes[a] > sizes[b] ? 1 : 0;
  };
  for (int64_t i = 1; i < nd; ++i) {
    int64_t cur = i;
    for (int64_t j = i - 1; j >= 0; --j) {
      int c = order(perm[j], perm[cur]);
      if (c > 0) {
        std::swap(perm[j], perm[cur]);
        cur = j;
      } else if (c < 0) {
        break;
      }
    }
  }
  DimVector out(static_cast<size_t>(nd));
  int64_t s = 1;
  for (int64_t d : perm) {
    out[d] = s;
    if (sizes[d] > 1) s *= sizes[d];
  }
  return out;
}

Tensor emptyWithStrides(IntArrayRef sizes, IntArrayRef strides, DType dtype) {
  int64_t n = checkedNumel(sizes, "empty_strided");
  int64_t extent = n == 0 ? 0 : 1;
  if (n != 0)
    for (size_t d = 0; d < sizes.size(); ++d) extent += (sizes[d] - 1) * strides[d];
  auto storage = StorageImpl::allocate(static_cast<size_t>(extent) * elementSize(dtype));
  return makeTensor(std::move(storage), dtype, sizes, strides, 0);
}

namespace {
template <class T>
void copyWalk(char* dst, const char* src, const StridedWalk<2>& walk) {
  T* d = reinterpret_cast<T*>(dst);
  const T* s = reinterpret_cast<const T*>(src);
  walk.run([&](const std::array<int64_t, 2>& off) { d[off[0]] = s[off[1]]; });
}

void copyBytesWalk(char* dst, const char* src, size_t item, const StridedWalk<2>& walk) {
  switch (item) {
    case 1: return copyWalk<uint8_t>(dst, src, walk);
    case 2: return copyWalk<uint16_t>(dst, src, walk);
    case 4: return copyWalk<uint32_t>(dst, src, walk);
    case 8: return copyWalk<uint64_t>(dst, src, walk);
  }
  WICK_INTERNAL_ASSERT(false, "unexpected element size ", item);
}
}  // namespace

void copyStrided(const Tensor& dst, const Tensor& src) {
  WICK_INTERNAL_ASSERT(dst.dtype() == src.dtype() && dst.sizes() == src.sizes());
  int64_t n = dst.impl()->numel();
  if (n == 0) return;
  size_t item = dst.element_size();
  char* d = static_cast<char*>(dst.data_ptr());
  const char* s = static_cast<const char*>(src.data_ptr());
  if (dst.is_contiguous() && src.is_contiguous()) {
    parallelFor(0, n, int64_t(1) << 16, [&](int64_t b, int64_t e) {
      std::memcpy(d + b * item, s + b * item, static_cast<size_t>(e - b) * item);
    });
    return;
  }
  StridedWalk<2> walk(dst.impl()->sizes(), {dst.strides(), src.strides()});
  if (walk.sizes.size() < 2 || n < (int64_t(1) << 15)) {
    copyBytesWalk(d, s, item, walk);
    return;
  }
  // Split the outermost coalesced dimension across threads.
  StridedWalk<2> inner = walk;
  int64_t outer = inner.sizes[0];
  int64_t ds = inner.strides[0][0], ss = inner.strides[1][0];
  inner.sizes[0] = 1;
  parallelFor(0, outer, 1, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      copyBytesWalk(d + i * ds * static_cast<int64_t>(item),
                    s + i * ss * static_cast<int64_t>(item), item, inner);
    }
  });
}

Tensor contiguousCopy(const Tensor& t) {
  Tensor out = emptyTensor(t.impl()->sizes(), t.dtype());
  copyStrided(out, t);
  return out;
}

Tensor contiguousOrSelf(const Tensor& t) { return t.is_contiguous() ? t : contiguousCopy(t); }

Tensor canonicalBools(const Tensor& t) {
  if (t.dtype() != kBool) return t;
  const auto* s = static_cast<const uint8_t*>(t.data_ptr());
  if (t.is_contiguous() && boolBytesAreCanonical(s, t.impl()->numel())) return t;
  Tensor out = emptyTensor(t.impl()->sizes(), kBool);
  if (out.impl()->numel() == 0) return out;
  auto* d = static_cast<uint8_t*>(out.data_ptr());
  StridedWalk<2> walk(t.impl()->sizes(), {out.strides(), t.strides()});
  walk.run([&](const std::array<int64_t, 2>& off) { d[off[0]] = s[off[1]] != 0; });
  return out;
}

int64_t doubleToInt64(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (d <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

namespace {

// One element converted as PyTorch's static_cast_with_inter_type does.
template <class D, class S>
D convertElement(S v) {
  if constexpr (std::is_same_v<D, S>) {
    return v;
  } else if constexpr (std::is_same_v<D, bool>) {
    if constexpr (std::is_same_v<S, Half> || std::is_same_v<S, BFloat16>) {
      return static_cast<float>(v) != 0;
    } else {
      return v != 0;
    }
  } else if constexpr (std::is_same_v<S, Half> || std::is_same_v<S, BFloat16>) {
    return convertElement<D, float>(static_cast<float>(v));
  } else if constexpr (std::is_same_v<D, Half> || std::is_same_v<D, BFloat16>) {
    return D(static_cast<float>(v));
  } else if constexpr (std::is_integral_v<D> && std::is_floating_point_v<S>) {
    // Out-of-range floats have no defined integer value; saturate instead of invoking UB.
    return static_cast<D>(doubleToInt64(static_cast<double>(v)));
  } else {
    return static_cast<D>(v);
  }
}
}  // namespace

void copyConverting(const Tensor& dst, const Tensor& src) {
  // Bools are converted too: every non-zero byte is written as 1.
  if (dst.dtype() == src.dtype() && dst.dtype() != kBool) return copyStrided(dst, src);
  WICK_INTERNAL_ASSERT(dst.sizes() == src.sizes());
  StridedWalk<2> walk(dst.impl()->sizes(), {dst.strides(), src.strides()});
  WICK_DISPATCH_ALL(dst.dtype(), "copy", {
    using dst_t = scalar_t;
    dst_t* d = static_cast<dst_t*>(dst.data_ptr());
    WICK_DISPATCH_ALL(src.dtype(), "copy", {
      const scalar_t* s = static_cast<const scalar_t*>(src.data_ptr());
      walk.run([&](const std::array<int64_t, 2>& off) {
        d[off[0]] = convertElement<dst_t, scalar_t>(loadElement(s + off[1]));
      });
    });
  });
}

Tensor castContiguous(const Tensor& t, DType dtype) {
  if (t.dtype() == dtype) return contiguousOrSelf(t);
  Tensor out = emptyTensor(t.impl()->sizes(), dtype);
  copyConverting(out, t);
  return out;
}

void fillTensor(const Tensor& t, const Scalar& s) {
  int64_t n = t.impl()->numel();
  if (n == 0) return;
  WICK_DISPATCH_ALL(t.dtype(), "fill", {
    scalar_t v = scalarAs<scalar_t>(s);
    scalar_t* p = static_cast<scalar_t*>(t.data_ptr());
    if (t.is_contiguous()) {
      parallelFor(0, n, int64_t(1) << 16,
                  [&](int64_t b, int64_t e) { std::fill(p + b, p + e, v); });
    } else {
      StridedWalk<1> walk(t.impl()->sizes(), {t.strides()});
      walk.run([&](const std::array<int64_t, 1>& off) { p[off[0]] = v; });
    }
  });
}

void fillTensorChecked(const char* op, const Tensor& t, const Scalar& s) {
  WICK_DISPATCH_ALL(t.dtype(), op, {
    WICK_CHECK(!iter::scalarOverflows<scalar_t>(s), op, ": value cannot be converted to type ",
               iter::cppTypeName<scalar_t>(), " without overflow");
  });
  fillTensor(t, s);
}

std::vector<int64_t> readIndices(const Tensor& t) {
  std::vector<int64_t> out;
  out.reserve(static_cast<size_t>(t.impl()->numel()));
  StridedWalk<1> walk(t.impl()->sizes(), {t.strides()});
  WICK_DISPATCH_ALL(t.dtype(), "index", {
    const scalar_t* p = static_cast<const scalar_t*>(t.data_ptr());
    walk.run([&](const std::array<int64_t, 1>& off) {
      out.push_back(convertElement<int64_t, scalar_t>(loadElement(p + off[0])));
    });
  });
  return out;
}

DType factoryDType(const char* op, std::optional<DType> dtype, DType fallback,
                   std::optional<Layout> layout, std::optional<Device> device,
                   std::optional<bool> pin_memory) {
  WICK_CHECK(!layout || *layout == Layout::Strided, op, ": only the strided layout is supported");
  if (device) checkCpuDevice(*device, op);
  WICK_CHECK(!pin_memory.value_or(false), op,
             ": pinned memory requires CUDA; wick runs on the CPU only");
  return dtype.value_or(fallback);
}

void checkFactorySizes(const char* op, IntArrayRef sizes) {
  for (int64_t s : sizes)
    WICK_CHECK(s >= 0, op, ": Trying to create tensor with negative dimension ", s, ": ", sizes);
}

DimVector likeStrides(const Tensor& self, std::optional<MemoryFormat> memory_format) {
  MemoryFormat format = memory_format.value_or(MemoryFormat::Preserve);
  if (format == MemoryFormat::Preserve) return preservedStrides(self);
  return stridesForFormat(self.impl()->sizes(), format);
}

bool isChannelsLastContiguous(IntArrayRef sizes, IntArrayRef strides) {
  if (sizes.size() != 4 && sizes.size() != 5) return false;
  std::initializer_list<size_t> order4 = {1, 3, 2, 0}, order5 = {1, 4, 3, 2, 0};
  int64_t expected = 1;
  for (size_t d : sizes.size() == 4 ? order4 : order5) {
    if (sizes[d] == 1) continue;
    if (strides[d] != expected) return false;
    expected *= sizes[d];
  }
  return true;
}

namespace {
// Each input's strides over the loop shape: 0 where it is broadcast or missing.
std::vector<DimVector> broadcastStrides(IntArrayRef shape, ArrayRef<IterOperand> inputs) {
  std::vector<DimVector> out;
  size_t nd = shape.size();
  for (const IterOperand& op : inputs) {
    DimVector st(nd, 0);
    size_t lead = nd - op.sizes.size();
    for (size_t d = 0; d < op.sizes.size(); ++d)
      st[lead + d] = op.sizes[d] == 1 && shape[lead + d] != 1 ? 0 : op.strides[d];
    out.push_back(std::move(st));
  }
  return out;
}

bool isContiguousGeometry(IntArrayRef sizes, IntArrayRef strides) {
  int64_t expected = 1;
  for (size_t d = sizes.size(); d-- > 0;) {
    if (sizes[d] == 1) continue;
    if (strides[d] != expected) return false;
    expected *= sizes[d];
  }
  return true;
}

// The layout TensorIterator picks without reordering when every input has the loop's shape and
// they agree on a dense layout.
std::optional<DimVector> fastSetupStrides(IntArrayRef shape, ArrayRef<IterOperand> inputs) {
  bool contiguous = true, channels_last = true, dense = true;
  for (const IterOperand& op : inputs) {
    if (op.sizes != shape) return std::nullopt;
    contiguous &= isContiguousGeometry(op.sizes, op.strides);
    channels_last &= isChannelsLastContiguous(op.sizes, op.strides);
    dense &= isNonOverlappingAndDense(op.sizes, op.strides);
  }
  if (contiguous) return contiguousStrides(shape);
  if (channels_last)
    return stridesForFormat(
        shape, shape.size() == 4 ? MemoryFormat::ChannelsLast : MemoryFormat::ChannelsLast3d);
  if (!dense) return std::nullopt;
  for (const IterOperand& op : inputs)
    if (op.strides != inputs[0].strides) return std::nullopt;
  return DimVector(inputs[0].strides);
}
}  // namespace

// Note [TensorIterator output layout]
// Dimensions are sorted innermost-first by comparing the inputs' strides in order: the first
// input with two non-zero strides decides; equal strides put the smaller dimension inside; when
// no input decides, the pair keeps its order (the insertion sort then keeps comparing against
// earlier dimensions). The output is then packed densely in that order, multiplying by each size
// as is (no special case for 0 or 1).
std::vector<int64_t> iteratorOrder(IntArrayRef shape, ArrayRef<IterOperand> operands) {
  auto nd = static_cast<int64_t>(shape.size());
  std::vector<int64_t> perm(static_cast<size_t>(nd));
  for (int64_t i = 0; i < nd; ++i) perm[i] = nd - 1 - i;
  std::vector<DimVector> strides = broadcastStrides(shape, operands);
  auto should_swap = [&](int64_t a, int64_t b) {
    for (const DimVector& st : strides) {
      if (st[a] == 0 || st[b] == 0) continue;
      if (st[a] != st[b]) return st[a] < st[b] ? -1 : 1;
      if (shape[a] > shape[b]) return 1;
    }
    return 0;
  };
  for (int64_t i = 1; i < nd; ++i) {
    int64_t cur = i;
    for (int64_t j = i - 1; j >= 0; --j) {
      int c = should_swap(perm[j], perm[cur]);
      if (c > 0) {
        std::swap(perm[j], perm[cur]);
        cur = j;
      } else if (c < 0) {
        break;
      }
    }
  }
  std::reverse(perm.begin(), perm.end());
  return perm;
}

DimVector iteratorOutputStrides(IntArrayRef shape, ArrayRef<IterOperand> inputs) {
  if (auto fast = fastSetupStrides(shape, inputs)) return *fast;
  auto nd = static_cast<int64_t>(shape.size());
  if (nd <= 1) return contiguousStrides(shape);
  std::vector<int64_t> order = iteratorOrder(shape, inputs);
  bool identity = true;
  for (int64_t i = 0; i < nd; ++i) identity &= order[i] == i;
  if (identity) return contiguousStrides(shape);
  DimVector out(static_cast<size_t>(nd));
  int64_t next = 1;
  for (int64_t i = nd - 1; i >= 0; --i) {
    out[order[i]] = next;
    next *= shape[order[i]];
  }
  return out;
}

}  // namespace wick::kernels
