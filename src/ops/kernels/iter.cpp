#include "ops/kernels/iter.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <sstream>

#include "ops/kernels/shape_util.h"
#include "wick/core/warning.h"

namespace wick::iter {

// ---- broadcasting ----

DimVector broadcastShapes(const char* op, IntArrayRef a, IntArrayRef b) {
  size_t ndim = std::max(a.size(), b.size());
  DimVector out(ndim);
  for (size_t i = ndim; i-- > 0;) {
    size_t from_end = ndim - 1 - i;
    int64_t sa = from_end < a.size() ? a[a.size() - 1 - from_end] : 1;
    int64_t sb = from_end < b.size() ? b[b.size() - 1 - from_end] : 1;
    WICK_CHECK(sa == sb || sa == 1 || sb == 1, op, ": The size of tensor a (", sa,
               ") must match the size of tensor b (", sb, ") at non-singleton dimension ", i);
    out[i] = sa == 1 ? sb : sa;
  }
  return out;
}

DimVector broadcastStrides(const TensorImpl* t, IntArrayRef shape) {
  IntArrayRef sizes = t->sizes(), strides = t->strides();
  size_t offset = shape.size() - sizes.size();
  DimVector out(shape.size(), 0);
  for (size_t i = 0; i < sizes.size(); ++i) {
    out[offset + i] = (sizes[i] == 1 && shape[offset + i] != 1) ? 0 : strides[i];
  }
  return out;
}

Tensor expandTo(const Tensor& t, IntArrayRef shape) {
  if (t.impl()->sizes() == shape) return t;
  DimVector strides = broadcastStrides(t.impl(), shape);
  return makeTensor(t.impl()->storagePtr(), t.dtype(), shape, strides, t.impl()->offset());
}

// ---- layouts and aliasing ----

bool isNonOverlappingAndDense(const TensorImpl* t) {
  if (t->isContiguous()) return true;
  int64_t nd = t->dim();
  IntArrayRef sizes = t->sizes(), strides = t->strides();
  DimVector order(static_cast<size_t>(nd));
  std::iota(order.begin(), order.end(), int64_t(0));
  // Sizes of 1 can have any stride; they go first so they do not break the chain.
  std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    if (sizes[a] < 2 || sizes[b] < 2) return sizes[a] < 2 && sizes[b] >= 2;
    return strides[a] < strides[b];
  });
  int64_t expected = 1;
  for (int64_t d : order) {
    if (sizes[d] == 1) continue;
    if (strides[d] != expected) return false;
    expected *= sizes[d];
  }
  return true;
}

namespace {
// Dense in the given order of dims (innermost first); size-1 dims may have any stride.
bool denseInOrder(const TensorImpl* t, std::initializer_list<int> order) {
  IntArrayRef sizes = t->sizes(), strides = t->strides();
  int64_t expected = 1;
  for (int d : order) {
    if (sizes[d] == 1) continue;
    if (strides[d] != expected) return false;
    expected *= sizes[d];
  }
  return true;
}
}  // namespace

bool isChannelsLastContiguous(const TensorImpl* t) {
  return t->dim() == 4 && denseInOrder(t, {1, 3, 2, 0});
}

bool isContiguousIn(const TensorImpl* t, MemoryFormat format) {
  switch (format) {
    case MemoryFormat::ChannelsLast: return isChannelsLastContiguous(t);
    case MemoryFormat::ChannelsLast3d: return t->dim() == 5 && denseInOrder(t, {1, 4, 3, 2, 0});
    default: return t->isContiguous();
  }
}

DimVector channelsLastStrides(IntArrayRef sizes) {
  DimVector s(sizes.size(), 1);
  if (sizes.size() == 4) {
    s[1] = 1;
    s[3] = sizes[1];
    s[2] = s[3] * sizes[3];
    s[0] = s[2] * sizes[2];
  } else if (sizes.size() == 5) {
    s[1] = 1;
    s[4] = sizes[1];
    s[3] = s[4] * sizes[4];
    s[2] = s[3] * sizes[3];
    s[0] = s[2] * sizes[2];
  } else {
    return contiguousStrides(sizes);
  }
  return s;
}

namespace {

// PyTorch's guess that a strided (possibly sliced) tensor is channels-last: walking C, then
// the spatial dims from the last, then N, strides never decrease (ties resolve to NCHW).
bool stridesLookChannelsLast(const TensorImpl* t) {
  IntArrayRef sizes = t->sizes(), strides = t->strides();
  static constexpr int kOrder4[] = {1, 3, 2, 0};
  static constexpr int kOrder5[] = {1, 4, 3, 2, 0};
  ArrayRef<int> order;
  if (sizes.size() == 4) {
    order = ArrayRef<int>(kOrder4, 4);
  } else if (sizes.size() == 5) {
    order = ArrayRef<int>(kOrder5, 5);
  } else {
    return false;
  }
  if (strides[1] == 0) return false;
  int64_t min = 0;
  for (int d : order) {
    if (sizes[d] == 0 || strides[d] < min) return false;
    if (d == 0 && min == strides[1]) return false;
    min = strides[d];
    if (sizes[d] > 1) min *= sizes[d];
  }
  return true;
}

int64_t storageElementsNeeded(IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
  int64_t extent = 1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == 0) return 0;
    extent += (sizes[i] - 1) * strides[i];
  }
  return offset + extent;
}

}  // namespace

MemoryFormat suggestMemoryFormat(const TensorImpl* t) {
  if (!stridesLookChannelsLast(t)) return MemoryFormat::Contiguous;
  return t->dim() == 4 ? MemoryFormat::ChannelsLast : MemoryFormat::ChannelsLast3d;
}

Tensor emptyStrided(IntArrayRef sizes, IntArrayRef strides, DType dtype) {
  int64_t n = checkedNumel(sizes, "empty_strided");
  int64_t needed = n == 0 ? 0 : storageElementsNeeded(sizes, strides, 0);
  auto storage = StorageImpl::allocate(static_cast<size_t>(needed) * elementSize(dtype));
  return makeTensor(std::move(storage), dtype, sizes, strides, 0);
}

Tensor emptyLike(const Tensor& t, DType dtype) {
  return emptyLike(t, dtype, MemoryFormat::Preserve);
}

Tensor emptyLike(const Tensor& t, DType dtype, MemoryFormat format) {
  const TensorImpl* impl = t.impl();
  if (format == MemoryFormat::Preserve) {
    if (isNonOverlappingAndDense(impl)) return emptyStrided(impl->sizes(), impl->strides(), dtype);
    // A strided input that is not dense keeps its dimension order, as in PyTorch.
    return emptyStrided(impl->sizes(), kernels::preservedStrides(t), dtype);
  }
  if (format == MemoryFormat::Contiguous) return emptyTensor(impl->sizes(), dtype);
  return emptyStrided(impl->sizes(), channelsLastStrides(impl->sizes()), dtype);
}

void checkNoInternalOverlap(const char* op, const Tensor& out) {
  const TensorImpl* t = out.impl();
  for (int64_t d = 0; d < t->dim(); ++d) {
    WICK_CHECK(!(t->sizes()[d] > 1 && t->strides()[d] == 0), op,
               ": unsupported operation: more than one element of the written-to tensor refers "
               "to a single memory location. Please clone() the tensor before performing the "
               "operation.");
  }
}

void checkNoPartialOverlap(const char* op, const Tensor& out, const Tensor& in) {
  const TensorImpl* a = out.impl();
  const TensorImpl* b = in.impl();
  if (a == b || a->numel() == 0 || b->numel() == 0) return;
  if (a->storage() != b->storage()) return;
  // Overlap of anything but dense blocks is too hard to judge; PyTorch allows it too.
  if (!isNonOverlappingAndDense(a) || !isNonOverlappingAndDense(b)) return;
  const char* a_begin = static_cast<const char*>(a->data());
  const char* a_end = a_begin + a->numel() * static_cast<int64_t>(a->itemSize());
  const char* b_begin = static_cast<const char*>(b->data());
  const char* b_end = b_begin + b->numel() * static_cast<int64_t>(b->itemSize());
  bool partial = (a_begin == b_begin && a_end == b_end) ? !(a->strides() == b->strides())
                                                        : (a_begin < b_end && b_begin < a_end);
  WICK_CHECK(!partial, op,
             ": unsupported operation: some elements of the input tensor and the written-to "
             "tensor refer to a single memory location. Please clone() the tensor before "
             "performing the operation.");
}

void resizeOutput(const char* op, const Tensor& out, IntArrayRef sizes, IntArrayRef strides) {
  TensorImpl* t = out.impl();
  if (t->sizes() == sizes && strides.empty()) return;
  if (!(t->sizes() == sizes) && t->numel() != 0) {
    std::ostringstream msg;
    msg << op << ": An output with one or more elements was resized since it had shape "
        << t->sizes() << ", which does not match the required output shape " << sizes
        << ". This behavior is deprecated, and in a future PyTorch release outputs will not be "
           "resized unless they have zero elements. You can explicitly reuse an out tensor t "
           "by resizing it, inplace, to zero elements with t.resize_(0).";
    warn(Warning::Kind::User, msg.str());
  }
  int64_t n = checkedNumel(sizes, op);
  DimVector new_strides = strides.empty() || n == 0 ? contiguousStrides(sizes) : DimVector(strides);
  int64_t needed = n == 0 ? 0 : storageElementsNeeded(sizes, new_strides, t->offset());
  size_t bytes = static_cast<size_t>(needed) * t->itemSize();
  if (bytes > t->storage()->nbytes()) {
    WICK_CHECK(!t->storage()->isExternal(), op,
               ": cannot resize an output whose memory is not owned by wick");
    auto fresh = StorageImpl::allocate(bytes);
    std::memcpy(fresh->data(), t->storage()->data(), t->storage()->nbytes());
    t->setStorage(std::move(fresh));
  }
  t->setSizesAndStrides(sizes, new_strides, t->offset());
}

// ---- the iterator ----

Iter& Iter::output(const Tensor& out, bool resizable) {
  if (out.defined()) {
    out_ = out;
    has_out_ = true;
    resizable_ = resizable;
  }
  return *this;
}

Iter& Iter::input(const Tensor& t) {
  WICK_CHECK(t.defined(), op_, ": expected a defined tensor");
  inputs_.push_back({t, Tensor(), true, {}});
  return *this;
}

Iter& Iter::rawInput(const Tensor& t) {
  WICK_CHECK(t.defined(), op_, ": expected a defined tensor");
  inputs_.push_back({t, Tensor(), false, {}});
  return *this;
}

void Iter::build() {
  WICK_INTERNAL_ASSERT(static_cast<int>(inputs_.size()) < kMaxOperands, "too many operands");
  if (has_out_) {
    if (check_overlap_) checkNoInternalOverlap(op_, out_);
    for (const Operand& in : inputs_) checkNoPartialOverlap(op_, out_, in.tensor);
  }
  computeShape();
  computeDTypes();
  checkOutput();
  bool contiguous = contiguousOperands();
  if (contiguous) {
    perm_.resize(shape_.size());
    for (size_t i = 0; i < shape_.size(); ++i)
      perm_[i] = static_cast<int64_t>(shape_.size() - 1 - i);
  } else {
    computePermutation();
  }
  allocateOutput();
  convertInputs();
  if (contiguous && write_.impl()->isContiguous()) {
    planContiguous();
  } else {
    planLoop();
  }
}

// Every operand is contiguous at the loop's shape or a single value: one flat run.
void Iter::planContiguous() {
  nops_ = 1 + static_cast<int>(inputs_.size());
  ndim_ = 1;
  sizes_.assign(1, std::max<int64_t>(numel_, 1));
  data_[0] = static_cast<char*>(write_.impl()->data());
  strides_[0].assign(1, static_cast<int64_t>(write_.impl()->itemSize()));
  for (int k = 1; k < nops_; ++k) {
    Operand& in = inputs_[k - 1];
    if (!in.compute.defined()) {
      data_[k] = reinterpret_cast<char*>(in.element);
      strides_[k].assign(1, 0);
      continue;
    }
    const TensorImpl* t = in.compute.impl();
    data_[k] = static_cast<char*>(t->data());
    strides_[k].assign(1, t->dim() == 0 && numel_ != 1 ? 0 : static_cast<int64_t>(t->itemSize()));
  }
}

void Iter::computeShape() {
  // An output that cannot be resized (self of an in-place op, copy_'s destination) takes part
  // in broadcasting; a resizable one takes whatever shape the inputs give.
  WICK_INTERNAL_ASSERT((has_out_ && !resizable_) || !inputs_.empty(),
                       "an elementwise loop without operands");
  bool first = true;
  auto add = [&](IntArrayRef sizes) {
    if (first) {
      shape_ = sizes;
      first = false;
    } else if (!(sizes == shape_.ref())) {
      all_same_shape_ = false;
      shape_ = broadcastShapes(op_, shape_, sizes);
    }
  };
  if (has_out_ && !resizable_) add(out_.impl()->sizes());
  for (const Operand& in : inputs_) add(in.tensor.impl()->sizes());
  numel_ = 1;
  for (int64_t s : shape_) numel_ *= s;
}

void Iter::computeDTypes() {
  if (!has_compute_) {
    if (promote_) {
      ResultTypeState state;
      for (const Operand& in : inputs_)
        if (in.convert) state.add(in.tensor);
      compute_ = state.result();
      if (int_to_float_) compute_ = toFloatIfIntegral(compute_);
    } else {
      // The first converted input's dtype; else the first input's; else the output's.
      auto it =
          std::find_if(inputs_.begin(), inputs_.end(), [](const Operand& o) { return o.convert; });
      if (it == inputs_.end()) it = inputs_.begin();
      compute_ = it != inputs_.end() ? it->tensor.dtype() : out_.dtype();
    }
  }
  if (!has_result_) result_ = compute_;
}

void Iter::checkOutput() {
  if (!has_out_) return;
  if (check_cast_) checkCanCast(op_, result_, out_.dtype());
  WICK_CHECK(!exact_output_ || out_.dtype() == result_, op_, ": Found dtype ",
             scalarTypeName(out_.dtype()), " but expected ", scalarTypeName(result_));
  WICK_CHECK(resizable_ || out_.impl()->sizes() == shape_.ref(), op_, ": output with shape ",
             out_.impl()->sizes(), " doesn't match the broadcast shape ", shape_.ref());
}

// True when every operand whose layout counts is contiguous at the loop's shape or a 0-dim
// value: the plain row-major order is then the answer and the general search is skipped
// (the common case, and the one where per-op overhead matters).
bool Iter::contiguousOperands() const {
  if (has_out_ && out_.impl()->sizes() == shape_.ref() && !out_.impl()->isContiguous()) {
    return false;
  }
  for (const Operand& in : inputs_) {
    const TensorImpl* t = in.tensor.impl();
    if (t->dim() == 0) continue;
    if (!(t->sizes() == shape_.ref()) || !t->isContiguous()) return false;
  }
  return true;
}

void Iter::computePermutation() {
  size_t nd = shape_.size();
  perm_.resize(nd);
  for (size_t i = 0; i < nd; ++i) perm_[i] = static_cast<int64_t>(nd - 1 - i);
  // The operands whose layout counts: inputs, and an output that keeps its shape.
  std::vector<DimVector> strides;
  if (has_out_ && out_.impl()->sizes() == shape_.ref()) strides.push_back(out_.impl()->strides());
  for (const Operand& in : inputs_) strides.push_back(broadcastStrides(in.tensor.impl(), shape_));
  // 1 when dim0 should move after dim1, -1 when before, 0 when no operand decides.
  auto should_swap = [&](int64_t dim0, int64_t dim1) {
    for (const DimVector& s : strides) {
      int64_t s0 = s[dim0], s1 = s[dim1];
      if (s0 == 0 || s1 == 0) continue;
      if (s0 != s1) return s0 < s1 ? -1 : 1;
      if (shape_[dim0] > shape_[dim1]) return 1;
    }
    return 0;
  };
  // Note [Output layout]: insertion sort that tolerates undecided pairs, as TensorIterator
  // does, so outputs follow the inputs' dimension order (x.t() + 1 is column-major too).
  for (size_t i = 1; i < nd; ++i) {
    size_t dim1 = i;
    for (size_t dim0 = i; dim0-- > 0;) {
      int c = should_swap(perm_[dim0], perm_[dim1]);
      if (c > 0) {
        std::swap(perm_[dim0], perm_[dim1]);
        dim1 = dim0;
      } else if (c < 0) {
        break;
      }
    }
  }
}

void Iter::allocateOutput() {
  bool keeps_shape = has_out_ && out_.impl()->sizes() == shape_.ref();
  DimVector strides;
  bool fast = false;
  if (all_same_shape_ && !inputs_.empty()) {
    // Same-shape operands: contiguous, channels-last or one shared dense layout carries over.
    bool contiguous = true, channels_last = true, dense = true, same_strides = true;
    auto visit = [&](const TensorImpl* t) {
      contiguous &= t->isContiguous();
      channels_last &= isChannelsLastContiguous(t);
      dense &= isNonOverlappingAndDense(t);
      same_strides &= t->strides() == inputs_.back().tensor.impl()->strides();
    };
    if (keeps_shape) visit(out_.impl());
    for (const Operand& in : inputs_) visit(in.tensor.impl());
    if (contiguous) {
      strides = contiguousStrides(shape_);
      fast = true;
    } else if (channels_last) {
      strides = channelsLastStrides(shape_);
      fast = true;
    } else if (dense && same_strides) {
      strides = inputs_.back().tensor.impl()->strides();
      fast = true;
    }
  }
  if (!fast) {
    bool inverted = true;
    for (size_t i = 0; i < perm_.size(); ++i)
      inverted &= perm_[i] == static_cast<int64_t>(perm_.size() - 1 - i);
    if (inverted) {
      strides = contiguousStrides(shape_);
    } else {
      strides.resize(shape_.size());
      int64_t next = 1;
      for (int64_t d : perm_) {
        strides[d] = next;
        next *= shape_[d];
      }
    }
  }
  if (!has_out_) {
    out_ = emptyStrided(shape_, strides, result_);
  } else if (!keeps_shape) {
    resizeOutput(op_, out_, shape_, strides);
  }
  write_ = out_.dtype() == result_ ? out_ : emptyLike(out_, result_);
}

void Iter::convertInputs() {
  for (Operand& in : inputs_) {
    if (!in.convert || in.tensor.dtype() == compute_) {
      in.compute = in.tensor;
    } else if (in.tensor.dim() == 0) {
      convertElement(in.tensor.impl(), compute_, in.element);
    } else {
      in.compute = convertTo(in.tensor, compute_);
    }
  }
}

void Iter::planLoop() {
  nops_ = 1 + static_cast<int>(inputs_.size());
  std::array<DimVector, kMaxOperands> full;
  std::array<int64_t, kMaxOperands> item{};
  full[0] = broadcastStrides(write_.impl(), shape_);
  data_[0] = static_cast<char*>(write_.impl()->data());
  item[0] = static_cast<int64_t>(write_.impl()->itemSize());
  for (int k = 1; k < nops_; ++k) {
    Operand& in = inputs_[k - 1];
    if (!in.compute.defined()) {
      // A converted 0-dim input: every element reads the one converted value.
      full[k] = DimVector(shape_.size(), 0);
      data_[k] = reinterpret_cast<char*>(in.element);
      item[k] = static_cast<int64_t>(elementSize(compute_));
      continue;
    }
    const TensorImpl* t = in.compute.impl();
    full[k] = broadcastStrides(t, shape_);
    data_[k] = static_cast<char*>(t->data());
    item[k] = static_cast<int64_t>(t->itemSize());
  }
  // Walk dims fastest first, dropping size-1 dims and merging a dim into the previous one
  // when every operand steps through both as one run.
  sizes_.clear();
  for (int k = 0; k < nops_; ++k) strides_[k].clear();
  for (int64_t d : perm_) {
    int64_t size = shape_[d];
    if (size == 1) continue;
    bool merge = !sizes_.empty();
    for (int k = 0; k < nops_ && merge; ++k)
      merge = strides_[k].back() * sizes_.back() == full[k][d] * item[k];
    if (merge) {
      sizes_.back() *= size;
    } else {
      sizes_.push_back(size);
      for (int k = 0; k < nops_; ++k) strides_[k].push_back(full[k][d] * item[k]);
    }
  }
  if (sizes_.empty()) {
    sizes_.push_back(1);
    for (int k = 0; k < nops_; ++k) strides_[k].push_back(0);
  }
  ndim_ = static_cast<int>(sizes_.size());
}

const Tensor& Iter::finish() {
  if (!write_.is_same(out_)) copyInto(op_, out_, write_);
  if (has_out_) bumpVersion(out_);
  return out_;
}

}  // namespace wick::iter
