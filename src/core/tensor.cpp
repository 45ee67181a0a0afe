#include "wick/core/tensor.h"

#include <cstring>

#include "core/bool_bytes.h"
#include "wick/core/tracing_hooks.h"

namespace wick {

int64_t wrapDim(int64_t dim, int64_t ndim, const char* op) {
  // A 0-dim tensor accepts dim 0 and -1, as in PyTorch.
  int64_t n = ndim > 0 ? ndim : 1;
  WICK_CHECK_INDEX(dim >= -n && dim < n, op,
                   ": Dimension out of range (expected to be in range of [", -n, ", ", n - 1,
                   "], but got ", dim, ")");
  return dim < 0 ? dim + n : dim;
}

SymInt Tensor::size(int64_t dim, SourceLocation loc) const {
  const TensorImpl* t = checkedImpl();
  int64_t d = wrapDim(dim, t->dim(), "size");
  if (auto* tr = detail::tracer(); tr && tr->isTraced(t)) return tr->sizeOf(t, d, loc);
  return SymInt(t->sizes()[d]);
}

int64_t Tensor::stride(int64_t dim) const {
  const TensorImpl* t = checkedImpl();
  return t->strides()[wrapDim(dim, t->dim(), "stride")];
}

SymInt Tensor::numel(SourceLocation loc) const {
  const TensorImpl* t = checkedImpl();
  if (auto* tr = detail::tracer(); tr && tr->isTraced(t)) return tr->numelOf(t, loc);
  return SymInt(t->numel());
}

Tensor& Tensor::requires_grad_(bool r) {
  TensorImpl* t = impl_.get();
  WICK_CHECK(t, "requires_grad_: the tensor is undefined");
  WICK_CHECK(!r || isFloatingType(t->dtype()),
             "only Tensors of floating point dtype can require gradients (got ", t->dtype(), ")");
  t->setRequiresGrad(r);
  return *this;
}

std::string Tensor::toString() const { return "CPU" + std::string(graphName(dtype())) + "Type"; }

namespace {
Scalar readScalar(const TensorImpl* t) {
  Scalar out;
  WICK_DISPATCH_ALL(t->dtype(), "item", {
    scalar_t v = loadElement(static_cast<const scalar_t*>(t->data()));
    if constexpr (std::is_same_v<scalar_t, bool>) {
      out = Scalar(v);
    } else if constexpr (std::is_integral_v<scalar_t>) {
      out = Scalar(static_cast<int64_t>(v));
    } else if constexpr (std::is_same_v<scalar_t, double>) {
      out = Scalar(v);
    } else {
      out = Scalar(static_cast<double>(static_cast<float>(v)));
    }
  });
  return out;
}
}  // namespace

Scalar Tensor::item(SourceLocation loc) const {
  const TensorImpl* t = checkedImpl();
  WICK_CHECK(t->numel() == 1, "a Tensor with ", t->numel(),
             " elements cannot be converted to Scalar");
  if (auto* tr = detail::tracer(); tr && tr->isTraced(t)) {
    tr->conversionWarning(isFloatingType(t->dtype()) ? "a C++ float"
                          : t->dtype() == kBool      ? "a C++ boolean"
                                                     : "a C++ integer",
                          loc);
  }
  return readScalar(t);
}

bool Tensor::is_nonzero(SourceLocation loc) const {
  const TensorImpl* t = checkedImpl();
  WICK_CHECK(t->numel() == 1, "Boolean value of Tensor with ",
             t->numel() == 0 ? "no values" : "more than one value", " is ambiguous");
  if (auto* tr = detail::tracer(); tr && tr->isTraced(t)) {
    tr->conversionWarning("a C++ boolean", loc);
  }
  return readScalar(t).toBool();
}

namespace {
// Visits the elements of t in row-major order, calling f(const char* element).
template <class F>
void forEachElement(const TensorImpl* t, F&& f) {
  int64_t n = t->numel();
  if (n == 0) return;
  const char* base = static_cast<const char*>(t->data());
  size_t item = t->itemSize();
  IntArrayRef sizes = t->sizes(), strides = t->strides();
  int64_t nd = t->dim();
  DimVector idx(static_cast<size_t>(nd), 0);
  for (int64_t k = 0; k < n; ++k) {
    int64_t off = 0;
    for (int64_t d = 0; d < nd; ++d) off += idx[d] * strides[d];
    f(base + off * static_cast<int64_t>(item));
    for (int64_t d = nd - 1; d >= 0; --d) {
      if (++idx[d] < sizes[d]) break;
      idx[d] = 0;
    }
  }
}
}  // namespace

template <class T>
std::vector<T> Tensor::to_vector(SourceLocation loc) const {
  const TensorImpl* t = checkedImpl();
  if (auto* tr = detail::tracer(); tr && tr->isTraced(t))
    tr->conversionWarning("a C++ vector", loc);
  std::vector<T> out;
  out.reserve(static_cast<size_t>(t->numel()));
  WICK_DISPATCH_ALL(t->dtype(), "to_vector", {
    forEachElement(t, [&](const char* p) {
      if constexpr (std::is_same_v<scalar_t, bool>) {
        // A bool tensor viewed from other bytes (view(torch.bool), from_blob) can hold any
        // byte; every non-zero one reads as true, and loading it as a C++ bool would be UB.
        uint8_t byte;
        std::memcpy(&byte, p, 1);
        out.push_back(static_cast<T>(byte != 0));
        return;
      }
      scalar_t v;
      std::memcpy(&v, p, sizeof(scalar_t));
      if constexpr (std::is_same_v<scalar_t, Half> || std::is_same_v<scalar_t, BFloat16>) {
        out.push_back(static_cast<T>(static_cast<float>(v)));
      } else {
        out.push_back(static_cast<T>(v));
      }
    });
  });
  return out;
}

#define WICK_DTYPE(E, T, N, S, G, P) \
  template std::vector<T> Tensor::to_vector<T>(SourceLocation) const;
#include "wick/core/dtypes.def"
#undef WICK_DTYPE

Tensor makeTensor(IntrusivePtr<StorageImpl> storage, DType dtype, IntArrayRef sizes,
                  IntArrayRef strides, int64_t offset) {
  return Tensor(makeIntrusive<TensorImpl>(std::move(storage), dtype, sizes, strides, offset));
}

Tensor emptyTensor(IntArrayRef sizes, DType dtype) {
  int64_t n = checkedNumel(sizes, "empty");
  WICK_CHECK(n <= (int64_t(1) << 50) / static_cast<int64_t>(elementSize(dtype)),
             "cannot allocate a tensor of size ", sizes, ": too large");
  auto storage = StorageImpl::allocate(static_cast<size_t>(n) * elementSize(dtype));
  return makeTensor(std::move(storage), dtype, sizes, contiguousStrides(sizes), 0);
}

Tensor scalarTensor(const Scalar& s, DType dtype) {
  Tensor t = emptyTensor({}, dtype);
  WICK_DISPATCH_ALL(dtype, "scalar_tensor", {
    if constexpr (std::is_same_v<scalar_t, bool>) {
      *static_cast<bool*>(t.data_ptr()) = s.toBool();
    } else if constexpr (std::is_integral_v<scalar_t>) {
      *static_cast<scalar_t*>(t.data_ptr()) = static_cast<scalar_t>(s.toLong());
    } else if constexpr (std::is_same_v<scalar_t, double>) {
      *static_cast<double*>(t.data_ptr()) = s.toDouble();
    } else {
      *static_cast<scalar_t*>(t.data_ptr()) =
          static_cast<scalar_t>(static_cast<float>(s.toDouble()));
    }
  });
  return t;
}

Tensor wrappedScalarTensor(const Scalar& s) {
  Tensor t = scalarTensor(s, s.dtype());
  t.impl()->setWrappedNumber(true);
  return t;
}

}  // namespace wick
