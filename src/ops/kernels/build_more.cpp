// Constructions, integrals and small products, each as PyTorch 1.13 computes it: argwhere,
// tril_indices/triu_indices, combinations, trapezoid/trapz, renorm, addr/ger, narrow_copy and
// hsplit/vsplit/dsplit. Most are compositions of other kernels in PyTorch's order of
// operations, so results round as there; errors carry PyTorch's wording under this op's name.
#include <algorithm>
#include <cmath>
#include <vector>

#include "ops/kernels/error_naming.h"
#include "ops/kernels/iter_loops.h"
#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// The number of (r, c) with c <= r + offset in a row x col matrix (PyTorch's get_tril_size).
int64_t trilSize(int64_t row, int64_t col, int64_t offset) {
  if (row == 0 || col == 0) return 0;
  int64_t first = offset > 0 ? std::min<int64_t>(col, 1 + offset) : (row + offset > 0 ? 1 : 0);
  int64_t last = std::max<int64_t>(0, std::min<int64_t>(col, row + offset));
  int64_t rows = std::max<int64_t>(0, std::min<int64_t>(row, row + offset));
  int64_t trapezoid_rows = last - first + 1;
  int64_t size = (first + last) * trapezoid_rows >> 1;
  if (rows - trapezoid_rows > 0) size += (rows - trapezoid_rows) * col;
  return size;
}

// A [2, n] tensor of the (row, col) pairs of the lower (upper) triangle, row by row.
Tensor triangleIndices(const char* op, int64_t row, int64_t col, int64_t offset, bool lower,
                       std::optional<DType> dtype, std::optional<Layout> layout,
                       std::optional<Device> device, std::optional<bool> pin_memory) {
  DType t = factoryDType(op, dtype, kLong, layout, device, pin_memory);
  WICK_CHECK(row >= 0, op, ": row must be non-negative, got", row);
  WICK_CHECK(col >= 0, op, ": col must be non-negative, got", col);
  iter::requireKernelType(t == kLong || t == kInt, op, lower ? "tril_indices" : "triu_indices", t);
  int64_t n = lower ? trilSize(row, col, offset) : row * col - trilSize(row, col, offset - 1);
  Tensor pairs = emptyTensor({2, n}, kLong);
  int64_t* rows = pairs.data_ptr<int64_t>();
  int64_t* cols = rows + n;
  int64_t k = 0;
  for (int64_t r = 0; r < row && k < n; ++r) {
    int64_t begin = lower ? 0 : std::max<int64_t>(0, r + offset);
    int64_t end = lower ? std::min<int64_t>(col, std::max<int64_t>(0, r + offset + 1)) : col;
    for (int64_t c = begin; c < end; ++c, ++k) {
      rows[k] = r;
      cols[k] = c;
    }
  }
  return t == kLong ? pairs : castContiguous(pairs, t);
}

// trapezoid with sample spacing dx between neighbours along dim.
Tensor trapezoidSpacing(const char* op, const Tensor& y, double dx, int64_t dim) {
  int64_t d = wrapDim(dim, y.dim(), op);
  if (y.impl()->sizes()[d] == 0) {
    DimVector shape(y.impl()->sizes());
    shape.erase(static_cast<size_t>(d));
    return zeros(shape, y.dtype(), std::nullopt, std::nullopt, std::nullopt);
  }
  WICK_CHECK(y.dtype() != kBool, op,
             ": trapezoid: received a bool input for `y`, but bool is not supported");
  return namingErrors(op, [&] {
    Tensor ends = add_Tensor(select_int(y, d, 0), select_int(y, d, -1), Scalar(int64_t(1)));
    Tensor sum = sum_dim_IntList(y, IntArrayRef{d}, false, std::nullopt);
    return mul_Scalar(sub_Tensor(sum, mul_Scalar(ends, Scalar(0.5)), Scalar(int64_t(1))),
                      Scalar(dx));
  });
}

// trapezoid over sample points x: x is 1-d (one per sample along dim), or broadcasts with y
// after its differences are taken, as in NumPy.
Tensor trapezoidPoints(const char* op, const Tensor& y, const Tensor& x, int64_t dim) {
  int64_t d = wrapDim(dim, y.dim(), op);
  if (y.impl()->sizes()[d] == 0) {
    DimVector shape(y.impl()->sizes());
    shape.erase(static_cast<size_t>(d));
    return zeros(shape, y.dtype(), std::nullopt, std::nullopt, std::nullopt);
  }
  WICK_CHECK(y.dtype() != kBool && x.dtype() != kBool, op,
             ": trapezoid: received a bool input for `x` or `y`, but bool is not supported");
  Tensor xs = x;
  if (x.dim() == 1) {
    WICK_CHECK(x.impl()->sizes()[0] == y.impl()->sizes()[d], op,
               ": trapezoid: There must be one `x` value for each sample point");
    DimVector shape(static_cast<size_t>(y.dim()), 1);
    shape[d] = x.impl()->sizes()[0];
    xs = view(x, shape);
  } else if (x.dim() < y.dim()) {
    DimVector shape(static_cast<size_t>(y.dim() - x.dim()), 1);
    for (int64_t s : x.impl()->sizes()) shape.push_back(s);
    xs = view(x, shape);
  }
  return namingErrors(op, [&] {
    Tensor dx = sub_Tensor(slice_Tensor(xs, d, 1, std::nullopt, 1), slice_Tensor(xs, d, 0, -1, 1),
                           Scalar(int64_t(1)));
    Tensor pairs = add_Tensor(slice_Tensor(y, d, 1, std::nullopt, 1), slice_Tensor(y, d, 0, -1, 1),
                              Scalar(int64_t(1)));
    return div_Scalar(sum_dim_IntList(mul_Tensor(dx, pairs), IntArrayRef{d}, false, std::nullopt),
                      Scalar(2.0));
  });
}

// The factor renorm multiplies each slice by: maxnorm / (norm + 1e-7) where the slice's p-norm
// exceeds maxnorm, else 1 (computed in float for 16-bit inputs, in the input's dtype
// otherwise), in the input's dtype.
Tensor renormFactor(const char* op, const Tensor& self, const Scalar& p, int64_t dim,
                    const Scalar& maxnorm) {
  WICK_CHECK(p.toDouble() > 0.0, op, ": renorm: non-positive-norm not supported");
  WICK_CHECK(maxnorm.toDouble() >= 0.0, op, ": renorm: expected maxnorm to be >= 0 but got ",
             maxnorm.toDouble());
  WICK_CHECK(self.dim() > 1, op, ": renorm: input needs at least 2 dimensions, got ", self.dim(),
             " dimensions");
  int64_t d = wrapDim(dim, self.dim(), op);
  DimVector reduce_dims;
  for (int64_t i = 0; i < self.dim(); ++i) {
    if (i != d) reduce_dims.push_back(i);
  }
  bool reduced = self.dtype() == kHalf || self.dtype() == kBFloat16;
  Tensor norm = namingErrors(op, [&] {
    return linalg_vector_norm(self, Scalar(p.toDouble()), IntArrayRef(reduce_dims), true,
                              reduced ? std::optional<DType>(kFloat) : std::nullopt);
  });
  Tensor factor = emptyTensor(norm.impl()->sizes(), self.dtype());
  WICK_ITER_DISPATCH_FLOATING(self.dtype(), op, {
    using M = iter::opmath_t<scalar_t>;
    const M limit = static_cast<M>(maxnorm.toDouble());
    const M* n = static_cast<const M*>(norm.data_ptr());
    scalar_t* f = factor.data_ptr<scalar_t>();
    for (int64_t i = 0; i < norm.impl()->numel(); ++i) {
      f[i] = static_cast<scalar_t>(n[i] > limit ? limit / (n[i] + static_cast<M>(1e-7)) : M(1));
    }
  });
  return factor;
}

// PyTorch's addr scalar checks: a bool beta/alpha only for bool results, and no floating
// beta/alpha for integral ones.
void checkAddrScalar(const char* op, DType t, const Scalar& s, const char* label) {
  WICK_CHECK(!s.isBoolean() || t == kBool, op, ": Boolean ", label,
             " only supported for Boolean results.");
  WICK_CHECK(isFloatingType(t) || !s.isFloatingPoint(), op,
             ": For integral input tensors, argument ", label,
             " must not be a floating point number.");
}

// x * y and x + y rounded to T (16-bit floats too), integers wrapping as in PyTorch.
template <class T, class M>
M roundedMul(M x, M y) {
  if constexpr (std::is_same_v<M, bool>) {
    return x && y;
  } else if constexpr (std::is_integral_v<M>) {
    using U = std::make_unsigned_t<M>;
    return static_cast<M>(static_cast<U>(x) * static_cast<U>(y));
  } else {
    return static_cast<M>(static_cast<T>(x * y));
  }
}
template <class T, class M>
M roundedAdd(M x, M y) {
  if constexpr (std::is_same_v<M, bool>) {
    return x || y;
  } else if constexpr (std::is_integral_v<M>) {
    using U = std::make_unsigned_t<M>;
    return static_cast<M>(static_cast<U>(x) + static_cast<U>(y));
  } else {
    return static_cast<M>(static_cast<T>(x + y));
  }
}

// beta * self + alpha * vec1 (x) vec2, each product and the sum rounded to the result dtype
// as PyTorch's kernel computes them (beta == 0 ignores self, so NaN there does not spread).
Tensor addrImpl(const char* op, const iter::Dest& dest, const Tensor& self, const Tensor& vec1,
                const Tensor& vec2, const Scalar& beta, const Scalar& alpha) {
  WICK_CHECK(vec1.dim() == 1, op, ": addr: Expected 1-D argument vec1, but got ", vec1.dim(), "-D");
  WICK_CHECK(vec2.dim() == 1, op, ": addr: Expected 1-D argument vec2, but got ", vec2.dim(), "-D");
  int64_t n = vec1.impl()->sizes()[0], m = vec2.impl()->sizes()[0];
  Tensor base = namingErrors(op, [&] { return expand(self, IntArrayRef{n, m}, false); });
  iter::Iter it(op);
  it.output(dest).input(base).input(view(vec1, IntArrayRef{n, 1})).input(vec2).promote();
  it.build();
  DType t = it.computeDType();
  checkAddrScalar(op, t, beta, "beta");
  checkAddrScalar(op, t, alpha, "alpha");
  WICK_ITER_DISPATCH_ALL(t, op, {
    using T = scalar_t;
    using M = iter::opmath_t<T>;
    if constexpr (std::is_same_v<T, bool>) {
      const bool b = beta.toBool(), a = alpha.toBool();
      iter::pointwise<T, T, T, T>(it, [b, a](bool s, bool x, bool y) {
        return b ? ((b && s) || (a && x && y)) : (a && x && y);
      });
    } else {
      const M b = static_cast<M>(scalarAs<T>(beta)), a = static_cast<M>(scalarAs<T>(alpha));
      const bool drop_self = b == M(0);
      iter::pointwise<T, T, T, T>(it, [=](M s, M x, M y) {
        M product = roundedMul<T>(roundedMul<T>(a, x), y);
        return drop_self ? product : roundedAdd<T>(roundedMul<T>(b, s), product);
      });
    }
  });
  return it.finish();
}

// hsplit/vsplit/dsplit: tensor_split along dim 1 (0 for 1-d), 0 or 2.
std::vector<Tensor> splitAlong(const char* name, const Tensor& self, int64_t min_dim, int64_t dim,
                               const int64_t* sections, IntArrayRef indices) {
  std::string op = std::string("aten::") + name;
  WICK_CHECK(self.dim() >= min_dim, op, ": torch.", name, " requires a tensor with at least ",
             min_dim, " dimension, but got a tensor with ", self.dim(), " dimensions!");
  if (sections) {
    int64_t size = self.impl()->sizes()[dim];
    WICK_CHECK(*sections != 0 && size % *sections == 0, op, ": torch.", name,
               " attempted to split along dimension ", dim, ", but the size of the dimension ",
               size, " is not divisible by the split_size ", *sections, "!");
    return namingErrors(op.c_str(), [&] { return tensor_split_sections(self, *sections, dim); });
  }
  return namingErrors(op.c_str(), [&] { return tensor_split_indices(self, indices, dim); });
}

}  // namespace

Tensor argwhere(const Tensor& self) { return nonzero(self); }

Tensor tril_indices(int64_t row, int64_t col, int64_t offset, std::optional<DType> dtype,
                    std::optional<Layout> layout, std::optional<Device> device,
                    std::optional<bool> pin_memory) {
  return triangleIndices("aten::tril_indices", row, col, offset, true, dtype, layout, device,
                         pin_memory);
}

Tensor triu_indices(int64_t row, int64_t col, int64_t offset, std::optional<DType> dtype,
                    std::optional<Layout> layout, std::optional<Device> device,
                    std::optional<bool> pin_memory) {
  return triangleIndices("aten::triu_indices", row, col, offset, false, dtype, layout, device,
                         pin_memory);
}

// The r-element combinations of a 1-d tensor's elements in lexicographic order of their
// positions (increasing, or non-decreasing with replacement), as rows of an [n, r] tensor.
Tensor combinations(const Tensor& self, int64_t r, bool with_replacement) {
  const char* op = "aten::combinations";
  WICK_CHECK(self.dim() == 1, op, ": Expect a 1D vector, but got shape ", self.sizes());
  WICK_CHECK(r >= 0, op, ": Expect a non-negative number, but got ", r);
  if (r == 0) return emptyTensor({0}, self.dtype());
  int64_t n = self.impl()->sizes()[0];
  std::vector<int64_t> positions;
  std::vector<int64_t> current(static_cast<size_t>(r), 0);
  // Walks every r-tuple of positions in row-major order, keeping the increasing ones.
  if (n > 0) {
    while (true) {
      bool keep = true;
      for (size_t k = 1; k < current.size() && keep; ++k) {
        keep = with_replacement ? current[k] >= current[k - 1] : current[k] > current[k - 1];
      }
      if (keep) positions.insert(positions.end(), current.begin(), current.end());
      int64_t k = r - 1;
      while (k >= 0 && ++current[static_cast<size_t>(k)] == n)
        current[static_cast<size_t>(k--)] = 0;
      if (k < 0) break;
    }
  }
  auto count = static_cast<int64_t>(positions.size()) / r;
  Tensor index = emptyTensor({count * r}, kLong);
  std::copy(positions.begin(), positions.end(), index.data_ptr<int64_t>());
  return view(index_select(self, 0, index), IntArrayRef{count, r});
}

Tensor trapezoid_x(const Tensor& y, const Tensor& x, int64_t dim) {
  return trapezoidPoints("aten::trapezoid", y, x, dim);
}
Tensor trapezoid_dx(const Tensor& y, const Scalar& dx, int64_t dim) {
  WICK_CHECK(!dx.isBoolean(),
             "aten::trapezoid: trapezoid: Currently, we only support dx as a real number.");
  return trapezoidSpacing("aten::trapezoid", y, dx.toDouble(), dim);
}
Tensor trapz_x(const Tensor& y, const Tensor& x, int64_t dim) {
  return trapezoidPoints("aten::trapz", y, x, dim);
}
Tensor trapz_dx(const Tensor& y, double dx, int64_t dim) {
  return trapezoidSpacing("aten::trapz", y, dx, dim);
}

Tensor renorm(const Tensor& self, const Scalar& p, int64_t dim, const Scalar& maxnorm) {
  const char* op = "aten::renorm";
  Tensor factor = renormFactor(op, self, p, dim, maxnorm);
  // A contiguous result whatever self's layout, as PyTorch allocates it.
  Tensor out = emptyTensor(self.impl()->sizes(), self.dtype());
  return mul_out(self, factor, out);
}

Tensor renorm_(const Tensor& self, const Scalar& p, int64_t dim, const Scalar& maxnorm) {
  const char* op = "aten::renorm_";
  Tensor factor = renormFactor(op, self, p, dim, maxnorm);
  return mul__Tensor(self, factor);
}

Tensor addr(const Tensor& self, const Tensor& vec1, const Tensor& vec2, const Scalar& beta,
            const Scalar& alpha) {
  return addrImpl("aten::addr", iter::Dest::fresh(), self, vec1, vec2, beta, alpha);
}

Tensor addr_(const Tensor& self, const Tensor& vec1, const Tensor& vec2, const Scalar& beta,
             const Scalar& alpha) {
  return addrImpl("aten::addr_", iter::Dest::self(self), self, vec1, vec2, beta, alpha);
}

Tensor ger(const Tensor& self, const Tensor& vec2) {
  return namingErrors("aten::ger", [&] { return outer(self, vec2); });
}

Tensor narrow_copy(const Tensor& self, int64_t dim, int64_t start, int64_t length) {
  return namingErrors("aten::narrow_copy", [&] {
    return clone(narrow(self, dim, start, length), MemoryFormat::Contiguous);
  });
}

std::vector<Tensor> hsplit_int(const Tensor& self, int64_t sections) {
  return splitAlong("hsplit", self, 1, self.dim() == 1 ? 0 : 1, &sections, {});
}
std::vector<Tensor> hsplit_array(const Tensor& self, IntArrayRef indices) {
  return splitAlong("hsplit", self, 1, self.dim() == 1 ? 0 : 1, nullptr, indices);
}
std::vector<Tensor> vsplit_int(const Tensor& self, int64_t sections) {
  return splitAlong("vsplit", self, 2, 0, &sections, {});
}
std::vector<Tensor> vsplit_array(const Tensor& self, IntArrayRef indices) {
  return splitAlong("vsplit", self, 2, 0, nullptr, indices);
}
std::vector<Tensor> dsplit_int(const Tensor& self, int64_t sections) {
  return splitAlong("dsplit", self, 3, 2, &sections, {});
}
std::vector<Tensor> dsplit_array(const Tensor& self, IntArrayRef indices) {
  return splitAlong("dsplit", self, 3, 2, nullptr, indices);
}

}  // namespace wick::kernels
