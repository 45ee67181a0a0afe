// More binary elementwise kernels: fmax/fmin, hypot, logaddexp/logaddexp2, xlogy, heaviside,
// float_power, copysign, gcd/lcm; and the closeness, equality and membership tests isclose,
// allclose, equal and isin. Each follows PyTorch 1.13's dtype rules, including which dtypes
// its CPU kernel rejects (`"hypot_cpu" not implemented for 'Half'`).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "ops/kernels/iter_binary.h"
#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using iter::Dest;
using iter::Iter;
using iter::opmath_t;
using iter::pointwise;
using iter::requireKernelType;
using iter::Types;
using iter::wrapScalar;

template <Types K>
bool inTypes(DType t) {
  if constexpr (K == Types::Floating) return isFloatingType(t);
  if constexpr (K == Types::Integral) return isIntegralType(t, /*include_bool=*/false);
  if constexpr (K == Types::Numeric) return t != kBool;
  return true;
}

// Builds `it` (output and two inputs, set up by the caller), checks the compute dtype against
// the kernel's dtypes (K, and float16 only when half_ok), and writes out = f(a, b) with
// f = make.template operator()<T>() for the compute dtype's C++ type T.
template <Types K, class Make>
Tensor runBinary(Iter& it, const char* kernel, bool half_ok, const Make& make) {
  it.build();
  DType t = it.computeDType();
  requireKernelType(inTypes<K>(t) && (half_ok || t != kHalf), it.op(), kernel, t);
  iter::dispatchTypes<K>(t, it.op(), [&]<class T>() {
    pointwise<T, T, T>(it, make.template operator()<T>(), iter::kMathGrainSize);
  });
  return it.finish();
}

// ---- fmax / fmin: NaN-ignoring extrema (maximum/minimum for integers and bool) ----

template <bool kMax>
Tensor fextremumImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  return runBinary<Types::All>(it, "", true, []<class T>() {
    using M = opmath_t<T>;
    return [](M x, M y) -> M {
      if constexpr (std::is_same_v<M, bool>) {
        return kMax ? (x || y) : (x && y);
      } else if constexpr (std::is_integral_v<M>) {
        return kMax ? std::max(x, y) : std::min(x, y);
      } else {
        // C's fmax/fmin: a NaN operand yields the other; of two zeros the first is kept.
        if (kMax ? x >= y : x <= y) return x;
        if (kMax ? x < y : x > y) return y;
        return y != y ? x : y;
      }
    };
  });
}

// ---- floating binary math ----

Tensor hypotImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  return runBinary<Types::Floating>(it, "hypot_cpu", false, []<class T>() {
    return [](opmath_t<T> x, opmath_t<T> y) { return std::hypot(x, y); };
  });
}

// log(exp(x) + exp(y)) (kBase2: log2(2^x + 2^y)) from the larger operand; equal infinities
// give themselves instead of inf - inf.
template <bool kBase2>
Tensor logaddexpImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  return runBinary<Types::Floating>(
      it, kBase2 ? "logaddexp2_cpu" : "logaddexp_cpu", false, []<class T>() {
        using M = opmath_t<T>;
        return [](M x, M y) -> M {
          if (std::isinf(x) && x == y) return x;
          M m = x < y ? y : x;
          M gap = -std::abs(x - y);
          if constexpr (kBase2) {
            return m + std::log1p(std::exp2(gap)) * static_cast<M>(1.4426950408889634074);
          } else {
            return m + std::log1p(std::exp(gap));
          }
        };
      });
}

// x * log(y), 0 where x is 0 unless y is NaN. For bfloat16 the log rounds to bfloat16 before
// the product (PyTorch's bfloat16 log returns bfloat16).
Tensor xlogyImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promoteToFloat();
  return runBinary<Types::Floating>(it, "xlogy_cpu", true, []<class T>() {
    using M = opmath_t<T>;
    return [](M x, M y) -> M {
      if (y != y) return std::numeric_limits<M>::quiet_NaN();
      if (x == M(0)) return M(0);
      M log_y = std::log(y);
      if constexpr (std::is_same_v<T, BFloat16>) log_y = static_cast<M>(T(log_y));
      return x * log_y;
    };
  });
}

Tensor copysignImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promoteToFloat();
  return runBinary<Types::Floating>(it, "copysign_cpu", true, []<class T>() {
    return [](opmath_t<T> x, opmath_t<T> y) { return std::copysign(x, y); };
  });
}

// ---- heaviside: values where self is 0, else (self > 0); every dtype must be the same ----

Tensor heavisideImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& values) {
  WICK_CHECK(
      self.dtype() == values.dtype() && (!d.tensor.defined() || d.tensor.dtype() == self.dtype()),
      op, ": heaviside is not yet implemented for tensors with different dtypes.");
  Iter it(op);
  it.output(d).input(self).input(values).promote();
  return runBinary<Types::All>(it, "heaviside_cpu", true, []<class T>() {
    using M = opmath_t<T>;
    return [](M x, M v) -> M { return x == M(0) ? v : static_cast<M>(x > M(0)); };
  });
}

// ---- float_power: pow with both operands converted to float64 ----

void checkDoubleOut(const char* op, const Dest& d) {
  if (!d.tensor.defined()) return;
  WICK_CHECK(d.tensor.dtype() == kDouble, op, ": the ", d.resizable ? "output" : "base",
             " given to ", d.resizable ? "float_power" : "float_power_", " has dtype ",
             scalarTypeName(d.tensor.dtype()), " but the operation's result requires dtype Double");
}

Tensor floatPowerTensorImpl(const char* op, const Dest& d, const Tensor& self,
                            const Tensor& exponent) {
  checkDoubleOut(op, d);
  Iter it(op);
  it.output(d).input(self).input(exponent).computeDType(kDouble);
  it.build();
  pointwise<double, double, double>(
      it, [](double x, double y) { return std::pow(x, y); }, iter::kMathGrainSize);
  return it.finish();
}

// A scalar exponent: 0 gives 1 and 1 copies; the exponents PyTorch maps to cheaper functions
// (sqrt, squares, reciprocals) round as those do.
Tensor floatPowerScalarExpImpl(const char* op, const Dest& d, const Tensor& self,
                               const Scalar& exponent) {
  checkDoubleOut(op, d);
  const double e = exponent.toDouble();
  Iter it(op);
  it.output(d).input(self).computeDType(kDouble);
  it.build();
  pointwise<double, double>(
      it,
      [e](double x) {
        if (e == 0.0) return 1.0;
        if (e == 1.0) return x;
        if (e == 0.5) return std::sqrt(x);
        if (e == 2.0) return x * x;
        if (e == 3.0) return x * x * x;
        if (e == -0.5) return 1.0 / std::sqrt(x);
        if (e == -1.0) return 1.0 / x;
        if (e == -2.0) return 1.0 / (x * x);
        return std::pow(x, e);
      },
      iter::kMathGrainSize);
  return it.finish();
}

// A scalar base: the fresh result is contiguous (PyTorch's pow.Scalar allocates it so), and a
// base of 1 gives 1 everywhere.
Tensor floatPowerScalarBaseImpl(const char* op, const Dest& d, const Scalar& self,
                                const Tensor& exponent) {
  checkDoubleOut(op, d);
  const double b = self.toDouble();
  Tensor out = d.tensor.defined() ? d.tensor : emptyTensor(exponent.impl()->sizes(), kDouble);
  Iter it(op);
  it.output(out).input(exponent).computeDType(kDouble);
  it.build();
  pointwise<double, double>(
      it, [b](double y) { return b == 1.0 ? 1.0 : std::pow(b, y); }, iter::kMathGrainSize);
  return it.finish();
}

// ---- gcd / lcm ----

// Euclid on absolute values in C++'s arithmetic: types narrower than int compute in int, and
// abs of the minimum value wraps (gcd(-128, 0) is -128 in int8).
template <class T>
T gcdOf(T a, T b) {
  using P = decltype(a % b);
  P x = static_cast<P>(a), y = static_cast<P>(b);
  if constexpr (std::is_signed_v<P>) {
    x = x < 0 ? iter::wrapNeg(x) : x;
    y = y < 0 ? iter::wrapNeg(y) : y;
  }
  T ta = static_cast<T>(x), tb = static_cast<T>(y);
  while (ta != 0) {
    T c = ta;
    ta = static_cast<T>(tb % ta);
    tb = c;
  }
  return tb;
}

// |a / g * b| with g = gcd(a, b), wrapping in the promoted type as PyTorch's C++ does.
template <class T>
T lcmOf(T a, T b) {
  T g = gcdOf(a, b);
  if (g == 0) return 0;
  using P = decltype(a / g * b);
  // g can be -1 next to the minimum value (gcd(INT64_MIN, 7)): that quotient wraps.
  P q = iter::truncDiv(static_cast<P>(a), static_cast<P>(g), "aten::lcm");
  P r = iter::wrapMul(q, static_cast<P>(b));
  if constexpr (std::is_signed_v<P>) r = r < 0 ? iter::wrapNeg(r) : r;
  return static_cast<T>(r);
}

template <bool kLcm>
Tensor gcdLcmImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  return runBinary<Types::Integral>(it, kLcm ? "lcm_cpu" : "gcd_cpu", false, []<class T>() {
    return [](opmath_t<T> x, opmath_t<T> y) { return kLcm ? lcmOf(x, y) : gcdOf(x, y); };
  });
}

// ---- isclose / allclose / equal ----

// Rounds v to T's precision (the intermediate results PyTorch's separate ops store in T).
template <class T>
opmath_t<T> inT(opmath_t<T> v) {
  return static_cast<opmath_t<T>>(static_cast<T>(v));
}

// |self - other| <= atol + rtol * |other|, or exactly equal (NaNs too with equal_nan), as
// PyTorch composes it from tensor ops: integers and bools compute in float32.
Tensor iscloseImpl(const char* op, const Tensor& self, const Tensor& other, double rtol,
                   double atol, bool equal_nan) {
  WICK_CHECK(self.dtype() == other.dtype(), op, ": ", scalarTypeName(self.dtype()),
             " did not match ", scalarTypeName(other.dtype()));
  WICK_CHECK(rtol >= 0, op, ": rtol must be greater than or equal to zero, but got ", rtol);
  WICK_CHECK(atol >= 0, op, ": atol must be greater than or equal to zero, but got ", atol);
  const bool exact = rtol == 0 && atol == 0;
  Iter it(op);
  it.output(Dest::fresh()).input(self).input(other).computeDType(self.dtype()).resultDType(kBool);
  it.build();
  iter::dispatchTypes<Types::All>(it.computeDType(), op, [&]<class T>() {
    using M = opmath_t<T>;
    pointwise<bool, T, T>(it, [=](M x, M y) {
      bool close = x == y;
      if constexpr (std::is_floating_point_v<M>) {
        if (equal_nan && x != x && y != y) close = true;
      }
      if (close || exact) return close;
      if constexpr (std::is_same_v<M, bool> || std::is_integral_v<M>) {
        // PyTorch takes the difference of integers in float32 (no wrapping), against a
        // float32 tolerance.
        auto fx = static_cast<float>(x), fy = static_cast<float>(y);
        float allowed = static_cast<float>(atol) + std::abs(static_cast<float>(rtol) * fy);
        float diff = std::abs(fx - fy);
        return std::isfinite(diff) && diff <= allowed;
      } else {
        M diff = std::abs(inT<T>(x - y));
        M allowed = inT<T>(static_cast<M>(atol) + std::abs(inT<T>(static_cast<M>(rtol) * y)));
        return std::isfinite(diff) && diff <= allowed;
      }
    });
  });
  return it.finish();
}

// Whether every element of a freshly computed bool tensor is true (fresh results are dense,
// so their elements fill [data, data + numel)).
bool allTrue(const Tensor& t) {
  const bool* p = static_cast<const bool*>(t.data_ptr());
  return std::all_of(p, p + t.impl()->numel(), [](bool b) { return b; });
}

// ---- isin ----

void checkIsinType(const char* op, DType t) {
  WICK_CHECK(t != kBool && t != kBFloat16, op,
             ": Unsupported input type encountered for isin(): ", scalarTypeName(t));
}

// t's elements in row-major order, converted to dtype `common` and read as M.
template <class T>
std::vector<opmath_t<T>> valuesAs(const Tensor& t, DType common) {
  Tensor c = contiguousOrSelf(iter::convertTo(t, common));
  const T* p = static_cast<const T*>(c.data_ptr());
  std::vector<opmath_t<T>> v(static_cast<size_t>(c.impl()->numel()));
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<opmath_t<T>>(p[i]);
  return v;
}

// Orders values with NaN last (PyTorch's sort).
template <class M>
bool lessNanLast(M a, M b) {
  if constexpr (std::is_floating_point_v<M>) {
    if (b != b) return a == a;
  }
  return a < b;
}

// Whether each element is among the test elements (!= invert), into a contiguous bool tensor.
// PyTorch picks one of two algorithms by size: a loop over the test elements for few of
// them, else sorting. Both agree on membership, but they reject different dtypes (and the
// first cannot flatten some strided test tensors), and with assume_unique the sorting one
// trusts the caller: its answer for repeated values is reproduced here as it comes out.
Tensor isinCore(const char* op, const Tensor& elements, const Tensor& test, bool assume_unique,
                bool invert) {
  checkIsinType(op, elements.dtype());
  checkIsinType(op, test.dtype());
  Tensor out = emptyTensor(elements.impl()->sizes(), kBool);
  const int64_t n = elements.impl()->numel(), m = test.impl()->numel();
  if (n == 0) return out;
  const DType common = resultType(elements, test);
  const bool looped = m < static_cast<int64_t>(10.0f * std::pow(static_cast<double>(n), 0.145));
  if (looped) {
    // test_elements.to(common).view(-1)
    DimVector strides = test.dtype() == common
                            ? DimVector(test.impl()->strides())
                            : preservedStrides(test);  // .to()'s empty_like layout
    DimVector flat(1, m);
    WICK_CHECK(computeViewStrides(test.impl()->sizes(), strides, flat).has_value(), op,
               ": view size is not compatible with input tensor's size and stride (at least one "
               "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
    requireKernelType(common != kHalf, op, "isin_default_cpu", common);
  } else if (!assume_unique) {
    requireKernelType(elements.dtype() != kHalf, op, "unique", elements.dtype());
    requireKernelType(test.dtype() != kHalf, op, "unique", test.dtype());
  }
  bool* o = out.data_ptr<bool>();
  iter::dispatchTypes<Types::Numeric>(common, op, [&]<class T>() {
    using M = opmath_t<T>;
    std::vector<M> e = valuesAs<T>(elements, common);
    std::vector<M> v = valuesAs<T>(test, common);
    if (!looped && assume_unique) {
      // Stable sort of elements ++ test; a value counts as found when the next one in sorted
      // order equals it.
      std::vector<M> all = e;
      all.insert(all.end(), v.begin(), v.end());
      std::vector<int64_t> order(all.size());
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(),
                       [&](int64_t a, int64_t b) { return lessNanLast(all[a], all[b]); });
      std::vector<char> mask(all.size());
      for (size_t k = 0; k + 1 < order.size(); ++k) {
        bool same = all[order[k + 1]] == all[order[k]];
        mask[order[k]] = same != invert;
      }
      mask[order.back()] = invert;
      for (int64_t i = 0; i < n; ++i) o[i] = mask[i] != 0;
      return;
    }
    std::vector<M> sorted;
    sorted.reserve(v.size());
    for (M x : v) {
      if (x == x) sorted.push_back(x);  // NaN equals nothing
    }
    std::sort(sorted.begin(), sorted.end());
    for (int64_t i = 0; i < n; ++i) {
      // binary_search would call a NaN equivalent to anything it is not ordered against.
      bool found = e[i] == e[i] && std::binary_search(sorted.begin(), sorted.end(), e[i]);
      o[i] = found != invert;
    }
  });
  return out;
}

// The out= tensor of isin: bool ("Expected out tensor to have dtype bool, but got float
// instead"), resized to the elements' shape.
void prepareIsinOut(const char* op, const Tensor& out, IntArrayRef sizes) {
  WICK_CHECK(out.dtype() == kBool, op, ": Expected out tensor to have dtype bool, but got ",
             dense::typeMetaName(out.dtype()), " instead");
  iter::resizeOutput(op, out, sizes);
}

Tensor isinTensorTensor(const char* op, const Tensor& elements, const Tensor& test,
                        bool assume_unique, bool invert, const Tensor& out) {
  checkIsinType(op, elements.dtype());
  checkIsinType(op, test.dtype());
  if (!out.defined()) return isinCore(op, elements, test, assume_unique, invert);
  prepareIsinOut(op, out, elements.impl()->sizes());
  iter::copyInto(op, out, isinCore(op, elements, test, assume_unique, invert));
  iter::bumpVersion(out);
  return out;
}

// A single test element is an (in)equality test against it, with the Scalar's promotion.
Tensor isinTensorScalar(const char* op, const Tensor& elements, const Scalar& test, bool invert,
                        const Tensor& out) {
  checkIsinType(op, elements.dtype());
  checkIsinType(op, test.dtype());
  Tensor dst = out;
  if (dst.defined()) {
    prepareIsinOut(op, dst, elements.impl()->sizes());
  } else {
    dst = emptyTensor(elements.impl()->sizes(), kBool);
  }
  Iter it(op);
  it.output(dst, false).input(elements).input(wrapScalar(test)).promote().resultDType(kBool);
  it.build();
  iter::dispatchTypes<Types::All>(it.computeDType(), op, [&]<class T>() {
    using M = opmath_t<T>;
    pointwise<bool, T, T>(it, [invert](M x, M y) { return (x == y) != invert; });
  });
  return it.finish();
}

}  // namespace

// ---- fmax / fmin ----

Tensor fmax(const Tensor& self, const Tensor& other) {
  return fextremumImpl<true>("aten::fmax", Dest::fresh(), self, other);
}
Tensor fmax_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return fextremumImpl<true>("aten::fmax", Dest::out(out), self, other);
}
Tensor fmin(const Tensor& self, const Tensor& other) {
  return fextremumImpl<false>("aten::fmin", Dest::fresh(), self, other);
}
Tensor fmin_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return fextremumImpl<false>("aten::fmin", Dest::out(out), self, other);
}

// ---- nextafter: the next representable value after x towards y ----

// bfloat16 steps through its own 16-bit encoding (C's nextafter would step a float).
BFloat16 nextafterBits(BFloat16 from, BFloat16 to) {
  float f = static_cast<float>(from), t = static_cast<float>(to);
  if (f != f || t != t) return BFloat16(std::numeric_limits<float>::quiet_NaN());
  if (f == t) return to;
  uint16_t bits = from.bits;
  if (f == 0) {
    bits = t > 0 ? 1 : 0x8001;  // the smallest subnormal towards `to`
  } else if ((f < t) == (f > 0)) {
    ++bits;  // away from zero
  } else {
    --bits;
  }
  return BFloat16::fromBits(bits);
}

Tensor nextafterImpl(const char* op, const Dest& d, const Tensor& self, const Tensor& other) {
  Iter it(op);
  it.output(d).input(self).input(other).promote();
  it.build();
  DType t = it.computeDType();
  requireKernelType(t == kFloat || t == kDouble || t == kBFloat16, op, "nextafter_cpu", t);
  if (t == kBFloat16) {
    pointwise<BFloat16, BFloat16, BFloat16>(it, [](float x, float y) {
      return static_cast<float>(nextafterBits(BFloat16(x), BFloat16(y)));
    });
  } else if (t == kFloat) {
    pointwise<float, float, float>(it, [](float x, float y) { return std::nextafter(x, y); });
  } else {
    pointwise<double, double, double>(it, [](double x, double y) { return std::nextafter(x, y); });
  }
  return it.finish();
}

// ---- op(self, other), op.out(self, other, *, out) and op_(self, other) ----

#define WICK_BINARY_KERNELS(NAME, IMPL)                                           \
  Tensor NAME(const Tensor& self, const Tensor& other) {                          \
    return IMPL("aten::" #NAME, Dest::fresh(), self, other);                      \
  }                                                                               \
  Tensor NAME##_out(const Tensor& self, const Tensor& other, const Tensor& out) { \
    return IMPL("aten::" #NAME, Dest::out(out), self, other);                     \
  }

WICK_BINARY_KERNELS(hypot, hypotImpl)
WICK_BINARY_KERNELS(logaddexp, logaddexpImpl<false>)
WICK_BINARY_KERNELS(logaddexp2, logaddexpImpl<true>)
WICK_BINARY_KERNELS(heaviside, heavisideImpl)
WICK_BINARY_KERNELS(gcd, gcdLcmImpl<false>)
WICK_BINARY_KERNELS(lcm, gcdLcmImpl<true>)
#undef WICK_BINARY_KERNELS

Tensor nextafter(const Tensor& self, const Tensor& other) {
  return nextafterImpl("aten::nextafter", Dest::fresh(), self, other);
}
Tensor nextafter_(const Tensor& self, const Tensor& other) {
  return nextafterImpl("aten::nextafter_", Dest::self(self), self, other);
}
Tensor hypot_(const Tensor& self, const Tensor& other) {
  return hypotImpl("aten::hypot_", Dest::self(self), self, other);
}
Tensor heaviside_(const Tensor& self, const Tensor& values) {
  return heavisideImpl("aten::heaviside_", Dest::self(self), self, values);
}
Tensor gcd_(const Tensor& self, const Tensor& other) {
  return gcdLcmImpl<false>("aten::gcd_", Dest::self(self), self, other);
}
Tensor lcm_(const Tensor& self, const Tensor& other) {
  return gcdLcmImpl<true>("aten::lcm_", Dest::self(self), self, other);
}

// ---- xlogy ----

Tensor xlogy_Tensor(const Tensor& self, const Tensor& other) {
  return xlogyImpl("aten::xlogy", Dest::fresh(), self, other);
}
Tensor xlogy_Scalar_Self(const Scalar& self, const Tensor& other) {
  return xlogyImpl("aten::xlogy", Dest::fresh(), wrapScalar(self), other);
}
Tensor xlogy_Scalar_Other(const Tensor& self, const Scalar& other) {
  return xlogyImpl("aten::xlogy", Dest::fresh(), self, wrapScalar(other));
}
Tensor xlogy_OutTensor(const Tensor& self, const Tensor& other, const Tensor& out) {
  return xlogyImpl("aten::xlogy", Dest::out(out), self, other);
}
Tensor xlogy_OutScalar_Self(const Scalar& self, const Tensor& other, const Tensor& out) {
  return xlogyImpl("aten::xlogy", Dest::out(out), wrapScalar(self), other);
}
Tensor xlogy_OutScalar_Other(const Tensor& self, const Scalar& other, const Tensor& out) {
  return xlogyImpl("aten::xlogy", Dest::out(out), self, wrapScalar(other));
}
Tensor xlogy__Tensor(const Tensor& self, const Tensor& other) {
  return xlogyImpl("aten::xlogy_", Dest::self(self), self, other);
}
Tensor xlogy__Scalar_Other(const Tensor& self, const Scalar& other) {
  return xlogyImpl("aten::xlogy_", Dest::self(self), self, wrapScalar(other));
}

// ---- float_power ----

Tensor float_power_Tensor_Tensor(const Tensor& self, const Tensor& exponent) {
  return floatPowerTensorImpl("aten::float_power", Dest::fresh(), self, exponent);
}
Tensor float_power_Tensor_Scalar(const Tensor& self, const Scalar& exponent) {
  return floatPowerScalarExpImpl("aten::float_power", Dest::fresh(), self, exponent);
}
Tensor float_power_Scalar(const Scalar& self, const Tensor& exponent) {
  return floatPowerScalarBaseImpl("aten::float_power", Dest::fresh(), self, exponent);
}
Tensor float_power_Tensor_Tensor_out(const Tensor& self, const Tensor& exponent,
                                     const Tensor& out) {
  return floatPowerTensorImpl("aten::float_power", Dest::out(out), self, exponent);
}
Tensor float_power_Tensor_Scalar_out(const Tensor& self, const Scalar& exponent,
                                     const Tensor& out) {
  return floatPowerScalarExpImpl("aten::float_power", Dest::out(out), self, exponent);
}
Tensor float_power_Scalar_out(const Scalar& self, const Tensor& exponent, const Tensor& out) {
  return floatPowerScalarBaseImpl("aten::float_power", Dest::out(out), self, exponent);
}
Tensor float_power__Tensor(const Tensor& self, const Tensor& exponent) {
  return floatPowerTensorImpl("aten::float_power_", Dest::self(self), self, exponent);
}
Tensor float_power__Scalar(const Tensor& self, const Scalar& exponent) {
  return floatPowerScalarExpImpl("aten::float_power_", Dest::self(self), self, exponent);
}

// ---- copysign ----

Tensor copysign_Tensor(const Tensor& self, const Tensor& other) {
  return copysignImpl("aten::copysign", Dest::fresh(), self, other);
}
Tensor copysign_Scalar(const Tensor& self, const Scalar& other) {
  return copysignImpl("aten::copysign", Dest::fresh(), self, wrapScalar(other));
}
Tensor copysign_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return copysignImpl("aten::copysign", Dest::out(out), self, other);
}
Tensor copysign_Scalar_out(const Tensor& self, const Scalar& other, const Tensor& out) {
  return copysignImpl("aten::copysign", Dest::out(out), self, wrapScalar(other));
}
Tensor copysign__Tensor(const Tensor& self, const Tensor& other) {
  return copysignImpl("aten::copysign_", Dest::self(self), self, other);
}
Tensor copysign__Scalar(const Tensor& self, const Scalar& other) {
  return copysignImpl("aten::copysign_", Dest::self(self), self, wrapScalar(other));
}

// ---- isclose / allclose / equal ----

Tensor isclose(const Tensor& self, const Tensor& other, double rtol, double atol, bool equal_nan) {
  return iscloseImpl("aten::isclose", self, other, rtol, atol, equal_nan);
}
bool allclose(const Tensor& self, const Tensor& other, double rtol, double atol, bool equal_nan) {
  return allTrue(iscloseImpl("aten::allclose", self, other, rtol, atol, equal_nan));
}
// Same sizes and equal values in the promoted dtype (NaN is never equal).
bool equal(const Tensor& self, const Tensor& other) {
  if (!(self.impl()->sizes() == other.impl()->sizes())) return false;
  Iter it("aten::equal");
  it.output(Dest::fresh()).input(self).input(other).promote().resultDType(kBool);
  it.build();
  iter::dispatchTypes<Types::All>(it.computeDType(), it.op(), [&]<class T>() {
    using M = opmath_t<T>;
    pointwise<bool, T, T>(it, [](M x, M y) { return x == y; });
  });
  return allTrue(it.finish());
}

// ---- isin ----

Tensor isin_Tensor_Tensor(const Tensor& elements, const Tensor& test_elements, bool assume_unique,
                          bool invert) {
  return isinTensorTensor("aten::isin", elements, test_elements, assume_unique, invert, Tensor());
}
Tensor isin_Tensor_Tensor_out(const Tensor& elements, const Tensor& test_elements,
                              bool assume_unique, bool invert, const Tensor& out) {
  return isinTensorTensor("aten::isin", elements, test_elements, assume_unique, invert, out);
}
Tensor isin_Tensor_Scalar(const Tensor& elements, const Scalar& test_element, bool, bool invert) {
  return isinTensorScalar("aten::isin", elements, test_element, invert, Tensor());
}
Tensor isin_Tensor_Scalar_out(const Tensor& elements, const Scalar& test_element, bool, bool invert,
                              const Tensor& out) {
  return isinTensorScalar("aten::isin", elements, test_element, invert, out);
}
Tensor isin_Scalar_Tensor(const Scalar& element, const Tensor& test_elements, bool assume_unique,
                          bool invert) {
  checkIsinType("aten::isin", element.dtype());
  return isinTensorTensor("aten::isin", wrapScalar(element), test_elements, assume_unique, invert,
                          Tensor());
}
Tensor isin_Scalar_Tensor_out(const Scalar& element, const Tensor& test_elements,
                              bool assume_unique, bool invert, const Tensor& out) {
  checkIsinType("aten::isin", element.dtype());
  return isinTensorTensor("aten::isin", wrapScalar(element), test_elements, assume_unique, invert,
                          out);
}

}  // namespace wick::kernels
