// Statistics and norms: aten::var/std (and var_mean/std_mean) with unbiased or correction
// arguments, norm, linalg_vector_norm, frobenius_norm and logsumexp. Everything accumulates
// in double: variance with Welford's update (merged with Chan's formula across lanes and
// threads), norms as sums of |x|^p, logsumexp as a running (max, scaled sum) pair.
#include <cmath>
#include <limits>
#include <sstream>

#include "ops/kernels/reduce_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using reduce::compute_t;
using reduce::DimMask;

struct Welford {
  double mean = 0;
  double m2 = 0;
  int64_t n = 0;
};

// Writes variance or standard deviation, and optionally the mean.
template <class T>
struct VarOp {
  using acc_t = Welford;
  T* out;
  T* mean_out;
  double correction;
  bool take_sqrt;
  acc_t identity() const { return {}; }
  acc_t step(acc_t a, T x, int64_t) const {
    double v = static_cast<double>(static_cast<compute_t<T>>(x));
    a.n += 1;
    double d = v - a.mean;
    a.mean += d / static_cast<double>(a.n);
    a.m2 += d * (v - a.mean);
    return a;
  }
  acc_t combine(acc_t a, acc_t b) const {
    if (a.n == 0) return b;
    if (b.n == 0) return a;
    double na = static_cast<double>(a.n), nb = static_cast<double>(b.n), n = na + nb;
    double d = b.mean - a.mean;
    return {a.mean + d * nb / n, a.m2 + b.m2 + d * d * na * nb / n, a.n + b.n};
  }
  void write(int64_t o, acc_t a) const {
    double divisor = std::max(0.0, static_cast<double>(a.n) - correction);
    double var = a.m2 / divisor;
    out[o] = T(static_cast<compute_t<T>>(take_sqrt ? std::sqrt(var) : var));
    if (mean_out) {
      double m = a.n == 0 ? std::numeric_limits<double>::quiet_NaN() : a.mean;
      mean_out[o] = T(static_cast<compute_t<T>>(m));
    }
  }
};

std::tuple<Tensor, Tensor> varImpl(const Tensor& self, DimMask mask, double correction,
                                   bool keepdim, bool take_sqrt, bool with_mean) {
  WICK_CHECK(isFloatingType(self.dtype()),
             "std and var only support floating point and complex dtypes (got ", self.dtype(), ")");
  DimVector shape = reduce::reducedShape(self.impl()->sizes(), mask, keepdim);
  Tensor out = emptyTensor(shape, self.dtype());
  Tensor mean = with_mean ? emptyTensor(shape, self.dtype()) : Tensor();
  reduce::Plan plan = reduce::makePlan(*self.impl(), mask);
  WICK_DISPATCH_FLOATING(self.dtype(), "var", {
    using T = scalar_t;
    VarOp<T> op{out.data_ptr<T>(), with_mean ? mean.data_ptr<T>() : nullptr, correction, take_sqrt};
    reduce::run(op, plan, static_cast<const T*>(self.data_ptr()));
  });
  return {out, mean};
}

DimMask optMask(const Tensor& self, const std::optional<IntArrayRef>& dim, const char* op) {
  return reduce::dimMask(dim ? *dim : IntArrayRef(), self.dim(), op);
}

double correctionOf(std::optional<int64_t> correction) {
  return static_cast<double>(correction.value_or(1));
}

// ---- norms ----

enum class NormKind { Zero, One, Two, Inf, NegInf, General };

struct NormSpec {
  NormKind kind;
  double p;
};

NormSpec normSpec(double p) {
  if (p == 0) return {NormKind::Zero, p};
  if (p == 1) return {NormKind::One, p};
  if (p == 2) return {NormKind::Two, p};
  if (std::isinf(p)) return {p > 0 ? NormKind::Inf : NormKind::NegInf, p};
  return {NormKind::General, p};
}

template <class T, NormKind K>
struct NormOp {
  using acc_t = double;
  T* out;
  double p;
  acc_t identity() const {
    if constexpr (K == NormKind::NegInf) return std::numeric_limits<double>::infinity();
    return 0;
  }
  acc_t step(acc_t a, T x, int64_t) const {
    double v = std::abs(static_cast<double>(static_cast<compute_t<T>>(x)));
    if constexpr (K == NormKind::Zero) return a + (v != 0);
    if constexpr (K == NormKind::One) return a + v;
    if constexpr (K == NormKind::Two) return a + v * v;
    if constexpr (K == NormKind::Inf) return v > a || v != v ? v : a;
    if constexpr (K == NormKind::NegInf) return v < a || v != v ? v : a;
    if constexpr (K == NormKind::General) return a + std::pow(v, p);
  }
  acc_t combine(acc_t a, acc_t b) const {
    if constexpr (K == NormKind::Inf || K == NormKind::NegInf) {
      return step(a, T(static_cast<compute_t<T>>(b)), 0);
    } else {
      return a + b;
    }
  }
  void write(int64_t o, acc_t a) const {
    double r = a;
    if constexpr (K == NormKind::Two) r = std::sqrt(a);
    if constexpr (K == NormKind::General) r = std::pow(a, 1.0 / p);
    out[o] = T(static_cast<compute_t<T>>(r));
  }
};

// The p-norm of a floating tensor over `mask`. Empty reductions give 0 (the old norm's
// behaviour); linalg_vector_norm checks its own empty cases first.
Tensor normImpl(const Tensor& x, double p, DimMask mask, bool keepdim) {
  Tensor out = emptyTensor(reduce::reducedShape(x.impl()->sizes(), mask, keepdim), x.dtype());
  reduce::Plan plan = reduce::makePlan(*x.impl(), mask);
  NormSpec spec = normSpec(p);
  if (plan.n_red == 0) spec = {NormKind::Zero, 0};
  WICK_DISPATCH_FLOATING(x.dtype(), "norm", {
    using T = scalar_t;
    const T* data = static_cast<const T*>(x.data_ptr());
    T* o = out.data_ptr<T>();
    switch (spec.kind) {
      case NormKind::Zero: reduce::run(NormOp<T, NormKind::Zero>{o, p}, plan, data); break;
      case NormKind::One: reduce::run(NormOp<T, NormKind::One>{o, p}, plan, data); break;
      case NormKind::Two: reduce::run(NormOp<T, NormKind::Two>{o, p}, plan, data); break;
      case NormKind::Inf: reduce::run(NormOp<T, NormKind::Inf>{o, p}, plan, data); break;
      case NormKind::NegInf: reduce::run(NormOp<T, NormKind::NegInf>{o, p}, plan, data); break;
      case NormKind::General: reduce::run(NormOp<T, NormKind::General>{o, p}, plan, data); break;
    }
  });
  return out;
}

Tensor oldNorm(const Tensor& self, const std::optional<Scalar>& p, DimMask mask, bool keepdim,
               std::optional<DType> dtype) {
  if (dtype) {
    WICK_CHECK(isFloatingType(*dtype),
               "norm(): the desired output dtype should be either floating point or complex. "
               "Got ",
               graphName(*dtype), " instead");
  } else {
    WICK_CHECK(isFloatingType(self.dtype()),
               "norm(): input dtype should be either floating point or complex. Got ",
               graphName(self.dtype()), " instead");
  }
  Tensor x = dtype ? reduce::castTo(self, *dtype) : self;
  return normImpl(x, p ? p->toDouble() : 2.0, mask, keepdim);
}

std::string ordText(double ord) {
  if (std::isinf(ord)) return ord > 0 ? "inf" : "-inf";
  std::ostringstream s;
  s << ord;
  return s.str();
}

// PyTorch refuses norms without an identity (negative and infinite orders) over empty dims.
void checkVectorNormEmpty(const Tensor& self, double ord, DimMask mask, bool all_dims) {
  if (self.impl()->numel() != 0 || !(ord < 0 || std::isinf(ord))) return;
  WICK_CHECK(!all_dims, "linalg.vector_norm cannot compute the ", ordText(ord),
             " norm on an empty tensor because the operation does not have an identity");
  IntArrayRef sizes = self.impl()->sizes();
  for (size_t d = 0; d < sizes.size(); ++d) {
    WICK_CHECK(!reduce::hasDim(mask, static_cast<int64_t>(d)) || sizes[d] != 0,
               "linalg.vector_norm cannot compute the ", ordText(ord), " norm on the dimension ", d,
               " because this dimension is empty and the operation does not have an identity");
  }
}

// ---- logsumexp ----

struct MaxSum {
  double m;
  double s;
};

template <class T, class Out>
struct LogSumExpOp {
  using acc_t = MaxSum;
  Out* out;
  acc_t identity() const { return {-std::numeric_limits<double>::infinity(), 0.0}; }
  acc_t step(acc_t a, T x, int64_t) const {
    double v = static_cast<double>(static_cast<compute_t<T>>(x));
    if (v == -std::numeric_limits<double>::infinity()) return a;
    if (v == a.m) return {a.m, a.s + 1};
    if (v > a.m) return {v, a.s * std::exp(a.m - v) + 1};
    return {a.m, a.s + std::exp(v - a.m)};  // also turns NaN into a NaN sum
  }
  acc_t combine(acc_t a, acc_t b) const {
    if (b.s == 0) return a;
    if (a.s == 0) return b;
    if (a.m == b.m) return {a.m, a.s + b.s};
    if (b.m > a.m) return {b.m, b.s + a.s * std::exp(a.m - b.m)};
    return {a.m, a.s + b.s * std::exp(b.m - a.m)};
  }
  void write(int64_t o, acc_t a) const {
    double r;
    if (a.s == 0) {
      r = -std::numeric_limits<double>::infinity();
    } else if (std::isinf(a.m) && a.s == a.s) {
      r = a.m;
    } else {
      r = a.m + std::log(a.s);
    }
    out[o] = Out(static_cast<compute_t<Out>>(r));
  }
};

}  // namespace

Tensor var(const Tensor& self, bool unbiased) {
  return std::get<0>(varImpl(self, reduce::allDims(self.dim()), unbiased, false, false, false));
}
Tensor var_dim(const Tensor& self, std::optional<IntArrayRef> dim, bool unbiased, bool keepdim) {
  return std::get<0>(varImpl(self, optMask(self, dim, "var"), unbiased, keepdim, false, false));
}
Tensor var_correction(const Tensor& self, std::optional<IntArrayRef> dim,
                      std::optional<int64_t> correction, bool keepdim) {
  return std::get<0>(
      varImpl(self, optMask(self, dim, "var"), correctionOf(correction), keepdim, false, false));
}
Tensor std(const Tensor& self, bool unbiased) {
  return std::get<0>(varImpl(self, reduce::allDims(self.dim()), unbiased, false, true, false));
}
Tensor std_dim(const Tensor& self, std::optional<IntArrayRef> dim, bool unbiased, bool keepdim) {
  return std::get<0>(varImpl(self, optMask(self, dim, "std"), unbiased, keepdim, true, false));
}
Tensor std_correction(const Tensor& self, std::optional<IntArrayRef> dim,
                      std::optional<int64_t> correction, bool keepdim) {
  return std::get<0>(
      varImpl(self, optMask(self, dim, "std"), correctionOf(correction), keepdim, true, false));
}
std::tuple<Tensor, Tensor> var_mean(const Tensor& self, bool unbiased) {
  return varImpl(self, reduce::allDims(self.dim()), unbiased, false, false, true);
}
std::tuple<Tensor, Tensor> var_mean_dim(const Tensor& self, std::optional<IntArrayRef> dim,
                                        bool unbiased, bool keepdim) {
  return varImpl(self, optMask(self, dim, "var_mean"), unbiased, keepdim, false, true);
}
std::tuple<Tensor, Tensor> var_mean_correction(const Tensor& self, std::optional<IntArrayRef> dim,
                                               std::optional<int64_t> correction, bool keepdim) {
  return varImpl(self, optMask(self, dim, "var_mean"), correctionOf(correction), keepdim, false,
                 true);
}
std::tuple<Tensor, Tensor> std_mean(const Tensor& self, bool unbiased) {
  return varImpl(self, reduce::allDims(self.dim()), unbiased, false, true, true);
}
std::tuple<Tensor, Tensor> std_mean_dim(const Tensor& self, std::optional<IntArrayRef> dim,
                                        bool unbiased, bool keepdim) {
  return varImpl(self, optMask(self, dim, "std_mean"), unbiased, keepdim, true, true);
}
std::tuple<Tensor, Tensor> std_mean_correction(const Tensor& self, std::optional<IntArrayRef> dim,
                                               std::optional<int64_t> correction, bool keepdim) {
  return varImpl(self, optMask(self, dim, "std_mean"), correctionOf(correction), keepdim, true,
                 true);
}

Tensor norm_Scalar(const Tensor& self, const Scalar& p) {
  return oldNorm(self, p, reduce::allDims(self.dim()), false, std::nullopt);
}
Tensor norm_ScalarOpt_dim(const Tensor& self, const std::optional<Scalar>& p, IntArrayRef dim,
                          bool keepdim) {
  return oldNorm(self, p, reduce::dimMask(dim, self.dim(), "norm"), keepdim, std::nullopt);
}
Tensor norm_ScalarOpt_dim_dtype(const Tensor& self, const std::optional<Scalar>& p, IntArrayRef dim,
                                bool keepdim, DType dtype) {
  return oldNorm(self, p, reduce::dimMask(dim, self.dim(), "norm"), keepdim, dtype);
}
Tensor norm_ScalarOpt_dtype(const Tensor& self, const std::optional<Scalar>& p, DType dtype) {
  return oldNorm(self, p, reduce::allDims(self.dim()), false, dtype);
}

Tensor linalg_vector_norm(const Tensor& self, const Scalar& ord, std::optional<IntArrayRef> dim,
                          bool keepdim, std::optional<DType> dtype) {
  WICK_CHECK(isFloatingType(self.dtype()),
             "linalg.vector_norm: Expected a floating point or complex tensor as input. Got ",
             graphName(self.dtype()));
  if (dtype) {
    WICK_CHECK(isFloatingType(*dtype),
               "linalg.vector_norm: dtype should be floating point or complex, but got ",
               graphName(*dtype));
  }
  bool all_dims = !dim || dim->empty();
  DimMask mask = optMask(self, dim, "linalg.vector_norm");
  double p = ord.toDouble();
  checkVectorNormEmpty(self, p, mask, all_dims);
  Tensor x = dtype ? reduce::castTo(self, *dtype) : self;
  return normImpl(x, p, mask, keepdim);
}

Tensor frobenius_norm(const Tensor& self) {
  return oldNorm(self, Scalar(2.0), reduce::allDims(self.dim()), false, std::nullopt);
}
Tensor frobenius_norm_dim(const Tensor& self, IntArrayRef dim, bool keepdim) {
  WICK_CHECK(dim.size() <= 2, "frobenius_norm: Expected at most 2 dimensions, but got ", dim.size(),
             " dimensions instead");
  return oldNorm(self, Scalar(2.0), reduce::dimMask(dim, self.dim(), "frobenius_norm"), keepdim,
                 std::nullopt);
}

Tensor logsumexp(const Tensor& self, IntArrayRef dim, bool keepdim) {
  if (dim.empty() && self.dim() > 0) {
    // PyTorch 1.13 cannot reduce over dim=[] here; it fails while writing its result.
    WICK_FAIL("logsumexp: output with shape [] doesn't match the broadcast shape ",
              IntArrayRef(DimVector(static_cast<size_t>(self.dim()), 1)));
  }
  DimMask mask = reduce::dimMask(dim, self.dim(), "logsumexp");
  // Integer inputs are reduced as float32, PyTorch's default dtype.
  Tensor x = isFloatingType(self.dtype()) ? self : reduce::castTo(self, kFloat);
  Tensor out = emptyTensor(reduce::reducedShape(x.impl()->sizes(), mask, keepdim), x.dtype());
  reduce::Plan plan = reduce::makePlan(*x.impl(), mask);
  WICK_DISPATCH_FLOATING(x.dtype(), "logsumexp", {
    using T = scalar_t;
    reduce::run(LogSumExpOp<T, T>{out.data_ptr<T>()}, plan, static_cast<const T*>(x.data_ptr()));
  });
  return out;
}

}  // namespace wick::kernels
