// Products and distances built the way PyTorch builds them: kron (a broadcast multiply of
// interleaved views), cross, cdist (direct p-norms, or the matmul form for large Euclidean
// problems), tensordot (permute + mm), vdot and inner.
#include <algorithm>
#include <cmath>
#include <limits>

#include "ops/kernels/error_naming.h"
#include "ops/kernels/iter.h"
#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// One component of a cross product, a*b - c*d, rounded after each operation as PyTorch's
// kernel does in the element type (16-bit floats compute each step in float).
template <class T>
T crossTerm(T a, T b, T c, T d) {
  if constexpr (std::is_same_v<T, BFloat16> || std::is_same_v<T, Half>) {
    T ab = T(static_cast<float>(a) * static_cast<float>(b));
    T cd = T(static_cast<float>(c) * static_cast<float>(d));
    return T(static_cast<float>(ab) - static_cast<float>(cd));
  } else {
    return static_cast<T>(a * b - c * d);
  }
}

// The p-norm of the difference of two rows of c elements, accumulated in double.
template <class T>
double rowDistance(const T* a, const T* b, int64_t c, double p) {
  double agg = 0;
  for (int64_t k = 0; k < c; ++k) {
    double diff = std::abs(static_cast<double>(a[k]) - static_cast<double>(b[k]));
    if (p == 0) {
      agg += diff != 0 ? 1 : 0;
    } else if (p == 1) {
      agg += diff;
    } else if (p == 2) {
      agg += diff * diff;
    } else if (std::isinf(p)) {
      agg = std::max(agg, diff);
    } else {
      agg += std::pow(diff, p);
    }
  }
  if (p == 0 || p == 1 || std::isinf(p)) return agg;
  if (p == 2) return std::sqrt(agg);
  return std::pow(agg, 1.0 / p);
}

// PyTorch's _euclidean_dist: sqrt(clamp(|x1|^2 + |x2|^2 - 2 x1.x2, 0)) through one matmul.
Tensor euclideanDist(const Tensor& x1, const Tensor& x2) {
  DimVector last{-1};
  Tensor x1_norm =
      sum_dim_IntList(pow_Tensor_Scalar(x1, Scalar(int64_t{2})), last, true, std::nullopt);
  Tensor x2_norm =
      sum_dim_IntList(pow_Tensor_Scalar(x2, Scalar(int64_t{2})), last, true, std::nullopt);
  Tensor x1_pad = emptyTensor(x1_norm.impl()->sizes(), x1.dtype());
  Tensor x2_pad = emptyTensor(x2_norm.impl()->sizes(), x2.dtype());
  fillTensor(x1_pad, Scalar(int64_t{1}));
  fillTensor(x2_pad, Scalar(int64_t{1}));
  Tensor a = cat(std::vector<Tensor>{mul_Scalar(x1, Scalar(int64_t{-2})), x1_norm, x1_pad}, -1);
  Tensor b = cat(std::vector<Tensor>{x2, x2_pad, x2_norm}, -1);
  Tensor result = matmul(a, transpose_int(b, -2, -1));
  clamp_min_(result, Scalar(int64_t{0}));
  sqrt_(result);
  return result;
}

Tensor tensordotImpl(const char* op, const Tensor& input1, const Tensor& input2, IntArrayRef dims1,
                     IntArrayRef dims2) {
  WICK_CHECK(dims1.size() == dims2.size(), op, ": both dimension lists should have same length");
  int64_t csize = 1;  // total size of the contracted dimensions
  Tensor t1 = input1, t2 = input2;
  for (size_t i = 0; i < dims1.size(); ++i) {
    // A 0-dim tensor has no dimension to contract (PyTorch asks it for size(dim)).
    WICK_CHECK_INDEX(input1.dim() > 0, op, ": Dimension specified as ", dims1[i],
                     " but tensor has no dimensions");
    WICK_CHECK_INDEX(input2.dim() > 0, op, ": Dimension specified as ", dims2[i],
                     " but tensor has no dimensions");
    int64_t s1 = input1.impl()->sizes()[wrapDim(dims1[i], input1.dim(), op)];
    int64_t s2 = input2.impl()->sizes()[wrapDim(dims2[i], input2.dim(), op)];
    // A size-1 dimension against a larger one is summed away first (broadcast contraction).
    if (s2 == 1) {
      t1 = sum_dim_IntList(t1, DimVector{dims1[i]}, true, std::nullopt);
    } else if (s1 == 1) {
      t2 = sum_dim_IntList(t2, DimVector{dims2[i]}, true, std::nullopt);
    } else {
      WICK_CHECK(s1 == s2, op, ": contracted dimensions need to match, but first has size ", s1,
                 " in dim ", dims1[i], " and second has size ", s2, " in dim ", dims2[i]);
      csize *= s1;
    }
  }
  auto contracted = [op](IntArrayRef dims, int64_t nd) {
    std::vector<bool> seen(static_cast<size_t>(std::max<int64_t>(nd, 1)), false);
    for (int64_t d : dims) {
      int64_t w = wrapDim(d, nd, op);
      WICK_CHECK(!seen[w], op, ": dim ", w, " appears multiple times in the list of dims");
      seen[w] = true;
    }
    return seen;
  };
  std::vector<bool> c1 = contracted(dims1, input1.dim()), c2 = contracted(dims2, input2.dim());
  DimVector p1, p2, rsizes;
  int64_t size1 = 1, size2 = 1;
  for (int64_t i = 0; i < input1.dim(); ++i) {
    if (c1[i]) continue;
    p1.push_back(i);
    size1 *= t1.impl()->sizes()[i];
    rsizes.push_back(t1.impl()->sizes()[i]);
  }
  for (int64_t d : dims1) p1.push_back(d);
  for (int64_t d : dims2) p2.push_back(d);
  for (int64_t i = 0; i < input2.dim(); ++i) {
    if (c2[i]) continue;
    p2.push_back(i);
    size2 *= t2.impl()->sizes()[i];
    rsizes.push_back(t2.impl()->sizes()[i]);
  }
  t1 = reshape(permute(t1, p1), DimVector{size1, csize});
  t2 = reshape(permute(t2, p2), DimVector{csize, size2});
  // PyTorch 1.13's CPU matrix multiply has no float16 kernel.
  WICK_CHECK(t1.dtype() != kHalf || t2.dtype() != kHalf, op,
             ": \"addmm_impl_cpu_\" not implemented for 'Half'");
  return namingErrors(op, [&] { return reshape(mm(t1, t2), rsizes); });
}

}  // namespace

Tensor kron(const Tensor& self, const Tensor& other) {
  const char* op = "aten::kron";
  // Interleave the dimensions: self as [a0, 1, a1, 1, ...], other as [1, b0, 1, b1, ...]; their
  // broadcast product viewed as [a0*b0, a1*b1, ...] is the Kronecker product.
  int64_t nd = std::max(self.dim(), other.dim());
  int64_t pad_a = nd - self.dim(), pad_b = nd - other.dim();
  DimVector a_shape, b_shape, r_shape;
  for (int64_t i = 0; i < nd; ++i) {
    int64_t a = i >= pad_a ? self.impl()->sizes()[i - pad_a] : 1;
    int64_t b = i >= pad_b ? other.impl()->sizes()[i - pad_b] : 1;
    a_shape.push_back(a);
    a_shape.push_back(1);
    b_shape.push_back(1);
    b_shape.push_back(b);
    r_shape.push_back(a * b);
  }
  return namingErrors(
      op, [&] { return view(mul_Tensor(view(self, a_shape), view(other, b_shape)), r_shape); });
}

Tensor cross(const Tensor& self, const Tensor& other, std::optional<int64_t> dim) {
  const char* op = "aten::cross";
  int64_t d0 = -1;
  if (dim) {
    d0 = *dim;
  } else {
    // The default is the first dimension of size 3.
    for (int64_t i = 0; i < self.dim() && d0 < 0; ++i)
      if (self.impl()->sizes()[i] == 3) d0 = i;
    WICK_CHECK(d0 >= 0, op, ": no dimension of size 3 in input");
  }
  int64_t d = wrapDim(d0, self.dim(), op);
  WICK_CHECK(self.dim() == other.dim(), op,
             ": linalg.cross: inputs must have the same number of dimensions.");
  int64_t sa = self.dim() == 0 ? 1 : self.impl()->sizes()[d];
  int64_t sb = other.dim() == 0 ? 1 : other.impl()->sizes()[d];
  WICK_CHECK(sa == 3 && sb == 3, op, ": linalg.cross: inputs dimension ", d,
             " must have length 3. Got ", sa, " and ", sb);
  DimVector shape = broadcastShapes(op, self.impl()->sizes(), other.impl()->sizes());
  WICK_CHECK(self.dtype() != kHalf && self.dtype() != kBool, op,
             ": \"cross\" not implemented for '", scalarTypeName(self.dtype()), "'");
  WICK_CHECK(self.dtype() == other.dtype(), op, ": expected scalar type ",
             scalarTypeName(self.dtype()), " but found ", scalarTypeName(other.dtype()));
  Tensor out = emptyTensor(shape, self.dtype());
  if (out.impl()->numel() == 0) return out;
  Tensor a = expand(self, shape, false), b = expand(other, shape, false);
  // Walk every position outside `d`; each holds one 3-vector of a, b and out.
  DimVector outer(shape);
  outer[d] = 1;
  int64_t so = out.strides()[d], sa_ = a.strides()[d], sb_ = b.strides()[d];
  WICK_DISPATCH_NUMERIC(self.dtype(), op, {
    auto* o = static_cast<scalar_t*>(out.data_ptr());
    const auto* pa = static_cast<const scalar_t*>(a.data_ptr());
    const auto* pb = static_cast<const scalar_t*>(b.data_ptr());
    StridedWalk<3>(outer, {out.strides(), a.strides(), b.strides()})
        .run([&](const std::array<int64_t, 3>& off) {
          const scalar_t* x = pa + off[1];
          const scalar_t* y = pb + off[2];
          scalar_t* r = o + off[0];
          r[0] = crossTerm<scalar_t>(x[sa_], y[2 * sb_], x[2 * sa_], y[sb_]);
          r[so] = crossTerm<scalar_t>(x[2 * sa_], y[0], x[0], y[2 * sb_]);
          r[2 * so] = crossTerm<scalar_t>(x[0], y[sb_], x[sa_], y[0]);
        });
  });
  return out;
}

Tensor cdist(const Tensor& x1, const Tensor& x2, double p, std::optional<int64_t> compute_mode) {
  const char* op = "aten::cdist";
  WICK_CHECK(x1.dim() >= 2, op, ": cdist only supports at least 2D tensors, X1 got: ", x1.dim(),
             "D");
  WICK_CHECK(x2.dim() >= 2, op, ": cdist only supports at least 2D tensors, X2 got: ", x2.dim(),
             "D");
  IntArrayRef s1 = x1.impl()->sizes(), s2 = x2.impl()->sizes();
  int64_t c1 = s1.back(), c2 = s2.back();
  WICK_CHECK(c1 == c2, op, ": X1 and X2 must have the same number of columns. X1: ", c1,
             " X2: ", c2);
  WICK_CHECK(isFloatingType(x1.dtype()), op,
             ": cdist only supports floating-point dtypes, X1 got: ", scalarTypeName(x1.dtype()));
  WICK_CHECK(isFloatingType(x2.dtype()), op,
             ": cdist only supports floating-point dtypes, X2 got: ", scalarTypeName(x2.dtype()));
  WICK_CHECK(p >= 0, op, ": cdist only supports non-negative p values");
  int64_t mode = compute_mode.value_or(0);
  WICK_CHECK(mode >= 0 && mode <= 2, op, ": possible modes: 0, 1, 2, but was: ", mode);
  int64_t r1 = s1[s1.size() - 2], r2 = s2[s2.size() - 2];
  DimVector batch = broadcastShapes(op, IntArrayRef(s1.data(), s1.size() - 2),
                                    IntArrayRef(s2.data(), s2.size() - 2));
  int64_t nbatch = 1;
  for (int64_t b : batch) nbatch *= b;
  DimVector out_shape(batch);
  out_shape.push_back(r1);
  out_shape.push_back(r2);
  if (r1 == 0 || r2 == 0 || nbatch == 0) return emptyTensor(out_shape, x1.dtype());
  WICK_CHECK(x1.dtype() == x2.dtype(), op, ": expected scalar type ", scalarTypeName(x1.dtype()),
             " but found ", scalarTypeName(x2.dtype()));
  if (c1 == 0) {
    Tensor out = emptyTensor(out_shape, x1.dtype());
    fillTensor(out, Scalar(int64_t{0}));
    return out;
  }
  DimVector e1(batch), e2(batch);
  e1.push_back(r1);
  e1.push_back(c1);
  e2.push_back(r2);
  e2.push_back(c2);
  bool euclidean = p == 2 && (mode == 1 || (mode == 0 && (r1 > 25 || r2 > 25)));
  if (euclidean) {
    // PyTorch 1.13 has no float16 matrix multiply on the CPU.
    WICK_CHECK(x1.dtype() != kHalf, op, ": \"addmm_impl_cpu_\" not implemented for 'Half'");
    return namingErrors(op, [&] {
      if (nbatch == 1) return euclideanDist(x1, x2);
      Tensor a = reshape(contiguousCopy(expand(x1, e1, false)), DimVector{nbatch, r1, c1});
      Tensor b = reshape(contiguousCopy(expand(x2, e2, false)), DimVector{nbatch, r2, c2});
      return view(euclideanDist(a, b), out_shape);
    });
  }
  WICK_CHECK(x1.dtype() == kFloat || x1.dtype() == kDouble, op, ": \"cdist\" not implemented for '",
             scalarTypeName(x1.dtype()), "'");
  Tensor a = contiguousCopy(expand(x1, e1, false));
  Tensor b = contiguousCopy(expand(x2, e2, false));
  Tensor out = emptyTensor(out_shape, x1.dtype());
  WICK_DISPATCH_FLOATING(x1.dtype(), op, {
    const auto* pa = static_cast<const scalar_t*>(a.data_ptr());
    const auto* pb = static_cast<const scalar_t*>(b.data_ptr());
    auto* o = static_cast<scalar_t*>(out.data_ptr());
    for (int64_t n = 0; n < nbatch; ++n)
      for (int64_t i = 0; i < r1; ++i)
        for (int64_t j = 0; j < r2; ++j)
          o[(n * r1 + i) * r2 + j] = static_cast<scalar_t>(
              rowDistance(pa + (n * r1 + i) * c1, pb + (n * r2 + j) * c1, c1, p));
  });
  return out;
}

Tensor tensordot(const Tensor& self, const Tensor& other, IntArrayRef dims_self,
                 IntArrayRef dims_other) {
  return tensordotImpl("aten::tensordot", self, other, dims_self, dims_other);
}

Tensor vdot(const Tensor& self, const Tensor& other) {
  const char* op = "aten::vdot";
  // For real dtypes vdot is dot, which PyTorch 1.13 has no float16 kernel for.
  WICK_CHECK(self.dtype() != kHalf || self.dim() != 1 || other.dim() != 1 || other.dtype() != kHalf,
             op, ": \"dot\" not implemented for 'Half'");
  WICK_CHECK(self.dtype() != kBool || self.dim() != 1 || other.dim() != 1 || other.dtype() != kBool,
             op, ": \"dot\" not implemented for 'Bool'");
  return namingErrors(op, [&] { return dot(self, other); });
}

Tensor inner(const Tensor& self, const Tensor& other) {
  const char* op = "aten::inner";
  if (self.dim() == 0 || other.dim() == 0) {
    return namingErrors(op, [&] { return mul_Tensor(self, other); });
  }
  WICK_CHECK(self.impl()->sizes().back() == other.impl()->sizes().back(), op,
             ": inner() the last dimension must match on both input tensors but got shapes ",
             self.impl()->sizes(), " and ", other.impl()->sizes());
  return tensordotImpl(op, self, other, DimVector{-1}, DimVector{-1});
}

}  // namespace wick::kernels
