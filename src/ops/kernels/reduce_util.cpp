#include "ops/kernels/reduce_util.h"

#include "ops/kernels/iter_loops.h"

#include <type_traits>

namespace wick::kernels::reduce {

DimMask dimMask(IntArrayRef dims, int64_t ndim, const char* op) {
  WICK_CHECK(ndim <= 64, op, ": only tensors with up to 64 dims are supported, got ", ndim);
  if (dims.empty()) return allDims(ndim);
  DimMask mask = 0;
  for (int64_t d : dims) {
    int64_t w = wrapDim(d, ndim, op);
    // A 0-dim tensor's dim 0 stands for no dim at all; it may still not repeat.
    WICK_CHECK(!hasDim(mask, w), op, ": dim ", w, " appears multiple times in the list of dims");
    mask |= DimMask(1) << w;
  }
  return ndim == 0 ? 0 : mask;
}

DimMask singleDimMask(int64_t dim, int64_t ndim, const char* op) {
  WICK_CHECK(ndim <= 64, op, ": only tensors with up to 64 dims are supported, got ", ndim);
  int64_t w = wrapDim(dim, ndim, op);
  return ndim == 0 ? 0 : DimMask(1) << w;
}

DimVector reducedShape(IntArrayRef sizes, DimMask mask, bool keepdim) {
  DimVector out;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (!hasDim(mask, static_cast<int64_t>(d))) {
      out.push_back(sizes[d]);
    } else if (keepdim) {
      out.push_back(1);
    }
  }
  return out;
}

void checkNonEmpty(const Tensor& self, DimMask mask, bool all_dims, const char* op) {
  if (self.impl()->numel() != 0) return;
  if (all_dims) {
    WICK_CHECK_INDEX(false, op, "(): Expected reduction dim to be specified for input.numel() == 0",
                     (std::string_view(op) == "argmax" || std::string_view(op) == "argmin"
                          ? ""
                          : ". Specify the reduction dim with the 'dim' argument"));
  }
  IntArrayRef sizes = self.impl()->sizes();
  for (size_t d = 0; d < sizes.size(); ++d) {
    WICK_CHECK_INDEX(!hasDim(mask, static_cast<int64_t>(d)) || sizes[d] != 0, op,
                     "(): Expected reduction dim ", d, " to have non-zero size");
  }
}

namespace {
// Merges neighbouring dims whose elements are laid out as one row-major run.
void coalesce(DimVector& sizes, DimVector& strides) {
  DimVector s, st;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == 1) continue;
    if (!s.empty() && st.back() == sizes[i] * strides[i]) {
      s.back() *= sizes[i];
      st.back() = strides[i];
    } else {
      s.push_back(sizes[i]);
      st.push_back(strides[i]);
    }
  }
  sizes = s;
  strides = st;
}
}  // namespace

Plan makePlan(const TensorImpl& x, DimMask mask) {
  Plan p;
  IntArrayRef sizes = x.sizes(), strides = x.strides();
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (hasDim(mask, static_cast<int64_t>(d))) {
      p.inner_sizes.push_back(sizes[d]);
      p.inner_strides.push_back(strides[d]);
      p.n_red *= sizes[d];
    } else {
      p.outer_sizes.push_back(sizes[d]);
      p.outer_strides.push_back(strides[d]);
      p.n_out *= sizes[d];
    }
  }
  coalesce(p.outer_sizes, p.outer_strides);
  coalesce(p.inner_sizes, p.inner_strides);
  if (p.n_red == 0) p.inner_sizes.assign(1, 0), p.inner_strides.assign(1, 1);
  return p;
}

namespace {

using iter::convertValue;  // PyTorch's element conversions, without undefined behaviour

// dst[i] = src[i] for two tensors of the same shape, converting the element type.
void copyConvert(const TensorImpl& src, const TensorImpl& dst) {
  int64_t n = src.numel();
  if (n == 0) return;
  WICK_DISPATCH_ALL(src.dtype(), "copy", {
    using S = scalar_t;
    const S* sp = static_cast<const S*>(src.data());
    WICK_DISPATCH_ALL(dst.dtype(), "copy", {
      using D = scalar_t;
      D* dp = static_cast<D*>(dst.data());
      OffsetCounter si(src.sizes(), src.strides(), 0), di(dst.sizes(), dst.strides(), 0);
      for (int64_t i = 0; i < n; ++i, si.next(), di.next()) {
        dp[di.offset()] = convertValue<D>(loadElement(sp + si.offset()));
      }
    });
  });
}
}  // namespace

Tensor castTo(const Tensor& x, DType dtype) {
  if (x.dtype() == dtype) return x;
  Tensor out = emptyTensor(x.impl()->sizes(), dtype);
  copyConvert(*x.impl(), *out.impl());
  return out;
}

Tensor contiguousOf(const Tensor& x) {
  if (x.is_contiguous()) return x;
  Tensor out = emptyTensor(x.impl()->sizes(), x.dtype());
  copyConvert(*x.impl(), *out.impl());
  return out;
}

void copyToOut(const Tensor& result, const Tensor& out, const char* op) {
  WICK_CHECK(out.defined(), op, ": the out= tensor is undefined");
  TensorImpl* o = out.impl();
  IntArrayRef sizes = result.impl()->sizes();
  if (!(o->sizes() == sizes)) {
    int64_t need = (o->offset() + result.impl()->numel()) * static_cast<int64_t>(o->itemSize());
    if (static_cast<int64_t>(o->storage()->nbytes()) < need) {
      o->setStorage(
          StorageImpl::allocate(static_cast<size_t>(result.impl()->numel()) * o->itemSize()));
      o->setSizesAndStrides(sizes, contiguousStrides(sizes), 0);
    } else {
      o->setSizesAndStrides(sizes, contiguousStrides(sizes), o->offset());
    }
  }
  copyConvert(*result.impl(), *o);
  o->storage()->bumpVersion();
}

}  // namespace wick::kernels::reduce
