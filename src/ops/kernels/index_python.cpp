// Python-style indexing (x[1:, 0, None, ..., mask]) lowered to ops exactly as PyTorch's
// indexing code lowers it, so eager results and traced graphs agree: integers become
// aten::select, slices aten::slice, None aten::unsqueeze, tensors (and bools) are gathered into
// one aten::index call on the sliced view.
#include <limits>

#include "wick/core/tensor_index.h"
#include "wick/core/tracing_hooks.h"
#include "wick/ops/functions.h"

namespace wick {

namespace {

// Dimensions the indices account for: Ellipsis stands for the rest.
int64_t specifiedDims(std::initializer_list<TensorIndex> indices) {
  int64_t n = 0;
  for (const TensorIndex& i : indices) {
    if (i.is_integer() || i.is_slice()) {
      ++n;
    } else if (i.is_tensor()) {
      DType t = i.tensor().dtype();
      n += t == kBool || t == kByte ? i.tensor().dim() : 1;
    }
  }
  return n;
}

Tensor applySelect(const Tensor& self, int64_t dim, const SymInt& index, int64_t real_dim) {
  WICK_CHECK_INDEX(!(index.value() == 0 && dim == 0 && self.dim() == 0),
                   "invalid index of a 0-dim tensor. Use `tensor.item<T>()` in C++ to convert a "
                   "0-dim tensor to a number");
  int64_t size = self.impl()->sizes()[dim];
  WICK_CHECK_INDEX(index.value() >= -size && index.value() < size, "index ", index.value(),
                   " is out of bounds for dimension ", real_dim, " with size ", size);
  // A negative index stays negative, so that a trace does not fix it to this size.
  return self.select(dim, index);
}

Tensor applySlice(const Tensor& self, int64_t dim, const indexing::Slice& s) {
  int64_t length = self.impl()->sizes()[dim];
  // x[0:n] on a dimension of size n is x itself, except while tracing, where the slice must be
  // recorded because the trace may see other sizes.
  bool tracing = detail::tracer() != nullptr;
  WICK_CHECK_INDEX(self.dim() > 0, "slice() cannot be applied to a 0-dim tensor");
  if (!tracing && s.start().value() == 0 && s.stop().value() == length && s.step().value() == 1 &&
      !s.start().isTraced() && !s.stop().isTraced()) {
    return self;
  }
  return self.slice(dim, s.start(), s.stop(), s.step());
}

// The index tensor a bool index stands for: [0] for true, an empty index for false.
Tensor boolIndex(bool value) { return value ? zeros({1}, kLong) : empty({0}, kLong); }

void recordIndex(std::vector<std::optional<Tensor>>& out, int64_t& dim, const Tensor& t) {
  out.resize(static_cast<size_t>(dim + 1));
  out[dim] = t;
  ++dim;
}

Tensor applySlicing(const Tensor& self, std::initializer_list<TensorIndex> indices,
                    std::vector<std::optional<Tensor>>& tensor_indices) {
  int64_t specified = specifiedDims(indices);
  WICK_CHECK_INDEX(specified <= self.dim(), "too many indices for tensor of dimension ",
                   self.dim());
  Tensor result = self;
  int64_t dim = 0, real_dim = 0;
  for (const TensorIndex& index : indices) {
    if (index.is_integer()) {
      result = applySelect(result, dim, index.integer(), real_dim);
    } else if (index.is_slice()) {
      result = applySlice(result, dim++, index.slice());
    } else if (index.is_ellipsis()) {
      dim += self.dim() - specified;
    } else if (index.is_none()) {
      result = result.unsqueeze(dim++);
    } else if (index.is_boolean()) {
      result = result.unsqueeze(dim);
      recordIndex(tensor_indices, dim, boolIndex(index.boolean()));
    } else {
      const Tensor& t = index.tensor();
      DType dt = t.dtype();
      if (t.dim() == 0 && isIntegralType(dt, true)) {
        if (dt != kByte && dt != kBool) {
          result = applySelect(result, dim, t.item<int64_t>(), real_dim);
        } else {
          result = result.unsqueeze(dim);
          recordIndex(tensor_indices, dim, boolIndex(t.item<bool>()));
        }
      } else {
        recordIndex(tensor_indices, dim, t);
      }
    }
    ++real_dim;
  }
  return result;
}

}  // namespace

Tensor Tensor::index(std::initializer_list<TensorIndex> indices) const {
  if (indices.size() == 1) {
    const TensorIndex& index = *indices.begin();
    if (index.is_integer()) return applySelect(*this, 0, index.integer(), 0);
    if (index.is_slice()) {
      // A lone slice is always recorded, as PyTorch's single-index path does.
      const indexing::Slice& s = index.slice();
      return slice(0, s.start(), s.stop(), s.step());
    }
    if (index.is_none()) return unsqueeze(0);
    if (index.is_ellipsis()) return alias(*this);
    if (index.is_boolean()) {
      Tensor result = unsqueeze(0);
      return result.index(std::vector<std::optional<Tensor>>{boolIndex(index.boolean())});
    }
  }
  std::vector<std::optional<Tensor>> tensor_indices;
  Tensor sliced = applySlicing(*this, indices, tensor_indices);
  if (tensor_indices.empty()) return sliced.is_same(*this) ? alias(sliced) : sliced;
  return sliced.index(tensor_indices);
}

namespace {

// The sizes without their leading 1s: values broadcast into an indexed result ignore them.
std::vector<int64_t> withoutLeadingOnes(IntArrayRef sizes) {
  size_t first = 0;
  while (first < sizes.size() && sizes[first] == 1) ++first;
  return std::vector<int64_t>(sizes.begin() + first, sizes.end());
}

// dst = src for an indexed destination: a plain copy when the shapes agree (so a trace keeps
// them symbolic), a fill from a 0-dim value, otherwise a broadcast copy.
void copyTo(Tensor dst, const Tensor& src) {
  if (dst.sizes() == src.sizes()) {
    dst.copy_(src);
  } else if (src.dim() == 0) {
    dst.fill_(src);
  } else {
    Tensor view = src.view(withoutLeadingOnes(src.impl()->sizes()));
    dst.copy_(view.expand(dst.sizes()));
  }
}

}  // namespace

Tensor& Tensor::index_put_(std::initializer_list<TensorIndex> indices, const Tensor& value) {
  if (indices.size() == 1) {
    const TensorIndex& index = *indices.begin();
    if (index.is_boolean() && !index.boolean()) return *this;
    if (index.is_ellipsis()) {
      copyTo(*this, value);
      return *this;
    }
    if (index.is_none() || index.is_boolean()) {
      copyTo(unsqueeze(0), value);
      return *this;
    }
    if (index.is_integer()) {
      copyTo(applySelect(*this, 0, index.integer(), 0), value);
      return *this;
    }
    if (index.is_slice()) {
      copyTo(applySlice(*this, 0, index.slice()), value);
      return *this;
    }
  }
  std::vector<std::optional<Tensor>> tensor_indices;
  Tensor sliced = applySlicing(*this, indices, tensor_indices);
  if (tensor_indices.empty()) {
    copyTo(sliced, value);
    return *this;
  }
  std::vector<int64_t> trimmed = withoutLeadingOnes(value.impl()->sizes());
  Tensor values = IntArrayRef(trimmed) == value.impl()->sizes() ? value : value.view(trimmed);
  sliced.index_put_(tensor_indices, values);
  return *this;
}

Tensor& Tensor::index_put_(std::initializer_list<TensorIndex> indices, const Scalar& value) {
  // The number becomes a 0-dim tensor of this tensor's dtype, as in x[...] = 2.5.
  return index_put_(indices, scalarTensor(value, dtype()));
}

Tensor Tensor::operator[](int64_t index) const { return this->index({TensorIndex(index)}); }

Tensor Tensor::operator[](const Tensor& index) const { return this->index({TensorIndex(index)}); }

}  // namespace wick
