// Range factories: arange (all three overloads), linspace and logspace, with PyTorch's dtype
// inference, size computation and element formulas.
#include <cmath>
#include <limits>

#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// Note [Range values in vector chunks]
// PyTorch's CPU kernels for arange and linspace compute contiguous outputs in blocks of two
// 32-byte vectors; inside a vector, element k is `base + k * step` with base = the formula's
// value at the vector's first index, while the tail (n % (2 * width) elements) uses the formula
// directly. Its AVX2 build also fuses some of these multiply-adds into FMAs: the formula always,
// the in-vector step for arange but not for linspace (measured against PyTorch 1.13). The same
// blocking and roundings are reproduced here, with std::fma where PyTorch fuses and
// roundedMul where it does not, so ranges are bit-identical. 16-bit floats use the plain formula.
constexpr int64_t kTorchVectorBytes = 32;

// a * b rounded on its own, never fused with a following addition.
template <class T>
T roundedMul(T a, T b) {
  volatile T p = a * b;
  return p;
}

// base + k * step in Step arithmetic, fused or not.
template <class Step>
Step stepFrom(Step base, int64_t k, Step step, bool fused) {
  if constexpr (std::is_floating_point_v<Step>) {
    return fused ? std::fma(static_cast<Step>(k), step, base)
                 : base + roundedMul(static_cast<Step>(k), step);
  } else {
    return base + static_cast<Step>(k) * step;
  }
}

// Fills p[0, n) with f(i) for the tail and with vector-chunk values elsewhere; Step is the type
// PyTorch does the in-vector arithmetic in.
template <class T, class Step, class F>
void fillRange(T* p, int64_t n, Step step, bool fused, F&& f) {
  constexpr bool kChunked = !std::is_same_v<T, Half> && !std::is_same_v<T, BFloat16>;
  int64_t width = kTorchVectorBytes / static_cast<int64_t>(sizeof(T));
  int64_t i = 0;
  if constexpr (kChunked) {
    // Whole blocks of two vectors; each vector restarts from the formula.
    for (; i + 2 * width <= n; i += 2 * width) {
      for (int64_t v = i; v < i + 2 * width; v += width) {
        auto base = static_cast<Step>(f(v));
        for (int64_t k = 0; k < width; ++k)
          p[v + k] = static_cast<T>(stepFrom(base, k, step, fused));
      }
    }
  }
  for (; i < n; ++i) p[i] = f(i);
}

template <class T>
using AccOf = std::conditional_t<
    std::is_integral_v<T>, int64_t,
    std::conditional_t<std::is_same_v<T, double>, double,
                       std::conditional_t<std::is_same_v<T, float>, double, float>>>;

template <class T>
T scalarTo(const Scalar& s) {
  return scalarAs<T>(s);
}

// The element count of arange: exact integer arithmetic for int64, double otherwise.
int64_t arangeSize(DType dtype, const Scalar& start, const Scalar& end, const Scalar& step) {
  double size_d;
  if (dtype == kLong) {
    int64_t s = scalarTo<int64_t>(start), e = scalarTo<int64_t>(end), st = scalarTo<int64_t>(step);
    int64_t sgn = (st > 0) - (st < 0);
    size_d = std::ceil(static_cast<double>((e - s + st - sgn) / st));
  } else {
    size_d = std::ceil((end.toDouble() - start.toDouble()) / step.toDouble());
  }
  WICK_CHECK(size_d >= 0 && size_d <= static_cast<double>(std::numeric_limits<int64_t>::max()),
             "aten::arange: invalid size, possible overflow?");
  return static_cast<int64_t>(size_d);
}

template <class T>
void checkArangeArgs(const Scalar& start, const Scalar& end, const Scalar& step) {
  using acc_t = AccOf<T>;
  acc_t xs = scalarTo<acc_t>(start), xe = scalarTo<acc_t>(end), xst = scalarTo<acc_t>(step);
  WICK_CHECK(xst > 0 || xst < 0, "aten::arange: step must be nonzero");
  WICK_CHECK(std::isfinite(static_cast<double>(xs)) && std::isfinite(static_cast<double>(xe)),
             "aten::arange: unsupported range: ", start, " -> ", end);
  WICK_CHECK((xst > 0 && xe >= xs) || (xst < 0 && xe <= xs),
             "aten::arange: upper bound and larger bound inconsistent with step sign");
}

Tensor arangeImpl(const Scalar& start, const Scalar& end, const Scalar& step,
                  std::optional<DType> dtype, std::optional<Layout> layout,
                  std::optional<Device> device, std::optional<bool> pin_memory) {
  bool integral = start.isIntegral(true) && end.isIntegral(true) && step.isIntegral(true);
  DType dt =
      factoryDType("aten::arange", dtype, integral ? kLong : kFloat, layout, device, pin_memory);
  WICK_CHECK(dt != kBool, "aten::arange: not implemented for dtype bool");
  Tensor out;
  WICK_DISPATCH_NUMERIC(dt, "aten::arange", {
    checkArangeArgs<scalar_t>(start, end, step);
    int64_t n = arangeSize(dt, start, end, step);
    out = emptyTensor(IntArrayRef(&n, 1), dt);
    using acc_t = AccOf<scalar_t>;
    acc_t s = scalarTo<acc_t>(start), st = scalarTo<acc_t>(step);
    fillRange<scalar_t>(static_cast<scalar_t*>(out.data_ptr()), n, st, true, [&](int64_t i) {
      return static_cast<scalar_t>(stepFrom<acc_t>(s, i, st, true));
    });
  });
  return out;
}

}  // namespace

Tensor arange(const Scalar& end, std::optional<DType> dtype, std::optional<Layout> layout,
              std::optional<Device> device, std::optional<bool> pin_memory) {
  return arangeImpl(0, end, 1, dtype, layout, device, pin_memory);
}

Tensor arange_start(const Scalar& start, const Scalar& end, std::optional<DType> dtype,
                    std::optional<Layout> layout, std::optional<Device> device,
                    std::optional<bool> pin_memory) {
  return arangeImpl(start, end, 1, dtype, layout, device, pin_memory);
}

Tensor arange_start_step(const Scalar& start, const Scalar& end, const Scalar& step,
                         std::optional<DType> dtype, std::optional<Layout> layout,
                         std::optional<Device> device, std::optional<bool> pin_memory) {
  return arangeImpl(start, end, step, dtype, layout, device, pin_memory);
}

namespace {
// The step type of linspace/logspace: double for integer outputs, the output type otherwise.
template <class T>
using StepOf = std::conditional_t<std::is_integral_v<T>, double, T>;
}  // namespace

Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps, std::optional<DType> dtype,
                std::optional<Layout> layout, std::optional<Device> device,
                std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::linspace", dtype, kFloat, layout, device, pin_memory);
  WICK_CHECK(steps >= 0, "aten::linspace: number of steps must be non-negative");
  Tensor out = emptyTensor(IntArrayRef(&steps, 1), dt);
  if (steps == 1) fillTensor(out, start);
  if (steps <= 1) return out;
  WICK_DISPATCH_NUMERIC(dt, "aten::linspace", {
    using step_t = StepOf<scalar_t>;
    scalar_t s = scalarTo<scalar_t>(start), e = scalarTo<scalar_t>(end);
    step_t step =
        (static_cast<step_t>(e) - static_cast<step_t>(s)) / static_cast<step_t>(steps - 1);
    int64_t halfway = steps / 2;
    // The second half counts back from `end` so that the last value is exactly `end`.
    auto sv = static_cast<step_t>(s), ev = static_cast<step_t>(e);
    fillRange<scalar_t>(static_cast<scalar_t*>(out.data_ptr()), steps, step, false, [&](int64_t i) {
      if (i < halfway) return static_cast<scalar_t>(stepFrom<step_t>(sv, i, step, true));
      return static_cast<scalar_t>(stepFrom<step_t>(ev, steps - i - 1, -step, true));
    });
  });
  return out;
}

Tensor logspace(const Scalar& start, const Scalar& end, int64_t steps, double base,
                std::optional<DType> dtype, std::optional<Layout> layout,
                std::optional<Device> device, std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::logspace", dtype, kFloat, layout, device, pin_memory);
  WICK_CHECK(steps >= 0, "aten::logspace: number of steps must be non-negative");
  Tensor out = emptyTensor(IntArrayRef(&steps, 1), dt);
  if (steps == 1) fillTensor(out, std::pow(base, start.toDouble()));
  if (steps <= 1) return out;
  // PyTorch computes exponents and powers in double (this part of it is not vectorised).
  WICK_DISPATCH_NUMERIC(dt, "aten::logspace", {
    scalar_t s = scalarTo<scalar_t>(start), e = scalarTo<scalar_t>(end);
    double step =
        static_cast<double>(static_cast<scalar_t>(e - s)) / static_cast<double>(steps - 1);
    int64_t halfway = steps / 2;
    scalar_t* p = static_cast<scalar_t*>(out.data_ptr());
    for (int64_t i = 0; i < steps; ++i) {
      double x = i < halfway ? static_cast<double>(s) + roundedMul(step, static_cast<double>(i))
                             : static_cast<double>(e) -
                                   roundedMul(step, static_cast<double>(steps - i - 1));
      p[i] = static_cast<scalar_t>(std::pow(base, x));
    }
  });
  return out;
}

}  // namespace wick::kernels
