// Dropout (plain, feature, alpha, feature-alpha; in place and not), native_dropout, and
// multinomial. Dropout draws a Bernoulli(1 - p) keep mask and rescales by 1 / (1 - p), with
// PyTorch's arithmetic (the mask is scaled first, then multiplied in), so results match.
#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>

#include "ops/kernels/random_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

enum class DropKind { Plain, Feature, Alpha, FeatureAlpha };

const char* dropName(DropKind k, bool inplace) {
  switch (k) {
    case DropKind::Plain: return inplace ? "aten::dropout_" : "aten::dropout";
    case DropKind::Feature: return inplace ? "aten::feature_dropout_" : "aten::feature_dropout";
    case DropKind::Alpha: return inplace ? "aten::alpha_dropout_" : "aten::alpha_dropout";
    case DropKind::FeatureAlpha:
      return inplace ? "aten::feature_alpha_dropout_" : "aten::feature_alpha_dropout";
  }
  return "";
}

// dst = dst (op) other elementwise in dst's dtype; `other` broadcasts to dst's shape.
void combineInto(const Tensor& dst, const Tensor& other, bool multiply) {
  Tensor b = expand(other, dst.impl()->sizes(), false);
  StridedWalk<2> walk(dst.impl()->sizes(), {dst.strides(), b.strides()});
  WICK_DISPATCH_ALL(dst.dtype(), "aten::dropout", {
    scalar_t* d = static_cast<scalar_t*>(dst.data_ptr());
    const scalar_t* o = static_cast<const scalar_t*>(b.data_ptr());
    walk.run([&](const std::array<int64_t, 2>& off) {
      d[off[0]] = multiply ? mulElems(d[off[0]], o[off[1]]) : addElems(d[off[0]], o[off[1]]);
    });
  });
}

// t = t * a + b elementwise with a scalar a, b (each step rounded, as mul_ then add_).
void affine(const Tensor& t, double a, double b) {
  WICK_DISPATCH_FLOATING(t.dtype(), "aten::alpha_dropout", {
    scalar_t* p = static_cast<scalar_t*>(t.data_ptr());
    auto fa = static_cast<scalar_t>(a), fb = static_cast<scalar_t>(b);
    int64_t n = t.impl()->numel();
    for (int64_t i = 0; i < n; ++i) p[i] = static_cast<scalar_t>(p[i] * fa);
    for (int64_t i = 0; i < n; ++i) p[i] = static_cast<scalar_t>(p[i] + fb);
  });
}

// The layout of `input * other` (a fresh elementwise result).
DimVector productStrides(const Tensor& input, IntArrayRef other_sizes) {
  DimVector other_strides = contiguousStrides(other_sizes);
  IterOperand ops[2] = {{input.impl()->sizes(), input.strides()}, {other_sizes, other_strides}};
  return iteratorOutputStrides(input.impl()->sizes(), ArrayRef<IterOperand>(ops, 2));
}

// Where the result goes: input itself (in place) or a copy laid out as `input * other` is.
Tensor target(const Tensor& input, bool inplace, IntArrayRef other_sizes) {
  if (inplace) return input;
  Tensor out =
      emptyWithStrides(input.impl()->sizes(), productStrides(input, other_sizes), input.dtype());
  copyStrided(out, input);
  return out;
}

Tensor dropoutImpl(DropKind kind, bool inplace, const Tensor& input, double p, bool train,
                   const std::optional<Generator>& generator) {
  const char* op = dropName(kind, inplace);
  bool feature = kind == DropKind::Feature || kind == DropKind::FeatureAlpha;
  bool alpha = kind == DropKind::Alpha || kind == DropKind::FeatureAlpha;
  WICK_CHECK(p >= 0 && p <= 1, op, ": dropout probability has to be between 0 and 1, but got ", p);
  if (p == 0 || !train || input.impl()->numel() == 0) return input;
  if (p == 1) {
    // Multiplying by zero (not filling) keeps NaN and infinity producing NaN, as in PyTorch.
    Tensor out = target(input, inplace, {});
    combineInto(out, scalarTensor(0, input.dtype()), true);
    if (inplace) out.impl()->storage()->bumpVersion();
    return out;
  }
  WICK_CHECK(isFloatingType(input.dtype()), op,
             ": result type Float can't be cast to the desired "
             "output type ",
             graphName(input.dtype()));
  DimVector noise_shape;
  if (feature) {
    WICK_CHECK(input.dim() >= 2, op,
               ": Feature dropout requires at least 2 dimensions in the input");
    noise_shape = DimVector(static_cast<size_t>(input.dim()), 1);
    noise_shape[0] = input.impl()->sizes()[0];
    noise_shape[1] = input.impl()->sizes()[1];
  } else {
    noise_shape = DimVector(input.impl()->sizes());
  }
  Tensor noise = emptyTensor(noise_shape, input.dtype());
  bernoulli__float(noise, 1 - p, generator);
  Tensor out = target(input, inplace, noise_shape);
  if (!alpha) {
    // noise / (1 - p), in the input's dtype.
    WICK_DISPATCH_FLOATING(noise.dtype(), op, {
      scalar_t* q = static_cast<scalar_t*>(noise.data_ptr());
      auto keep = static_cast<scalar_t>(1 - p);
      for (int64_t i = 0; i < noise.impl()->numel(); ++i) q[i] = static_cast<scalar_t>(q[i] / keep);
    });
    combineInto(out, noise, true);
  } else {
    // SELU-preserving dropout: out = input * (a * noise) + (noise - 1) * alpha * a + alpha * a * p.
    constexpr double kAlpha = 1.7580993408473766;
    double a = 1. / std::sqrt((kAlpha * kAlpha * p + 1) * (1 - p));
    Tensor b = contiguousCopy(noise);
    affine(b, 1.0, -1.0);
    affine(b, kAlpha * a, kAlpha * a * p);
    affine(noise, a, 0.0);
    combineInto(out, noise, true);
    combineInto(out, b, false);
  }
  if (inplace) out.impl()->storage()->bumpVersion();
  return out;
}

}  // namespace

#define WICK_DROPOUT_KERNELS(NAME, KIND)                            \
  Tensor NAME(const Tensor& input, double p, bool train) {          \
    return dropoutImpl(KIND, false, input, p, train, std::nullopt); \
  }                                                                 \
  Tensor NAME##_(const Tensor& self, double p, bool train) {        \
    return dropoutImpl(KIND, true, self, p, train, std::nullopt);   \
  }
WICK_DROPOUT_KERNELS(dropout, DropKind::Plain)
WICK_DROPOUT_KERNELS(feature_dropout, DropKind::Feature)
WICK_DROPOUT_KERNELS(alpha_dropout, DropKind::Alpha)
WICK_DROPOUT_KERNELS(feature_alpha_dropout, DropKind::FeatureAlpha)
#undef WICK_DROPOUT_KERNELS

Tensor2 native_dropout(const Tensor& input, double p, std::optional<bool> train) {
  if (input.impl()->numel() == 0) {
    return {input, emptyWithStrides(input.impl()->sizes(), likeStrides(input, std::nullopt),
                                    input.dtype())};
  }
  if (!train.value_or(true)) {
    Tensor mask = emptyWithStrides(input.impl()->sizes(), likeStrides(input, std::nullopt), kBool);
    fillTensor(mask, true);
    Tensor out =
        emptyWithStrides(input.impl()->sizes(), likeStrides(input, std::nullopt), input.dtype());
    copyStrided(out, input);
    return {out, mask};
  }
  double keep = 1. - p;
  // PyTorch draws the mask with bernoulli_(1 - p), whose check reports a bad p.
  WICK_CHECK(keep >= 0 && keep <= 1,
             "aten::native_dropout: bernoulli_ expects p to be in [0, 1], but got p=", keep);
  double scale = keep == 0 ? 0. : 1. / keep;
  // The mask takes the input's layout, as PyTorch's does: it is drawn in that memory order.
  Tensor mask = emptyWithStrides(input.impl()->sizes(), likeStrides(input, std::nullopt), kBool);
  bernoulli__float(mask, keep, std::nullopt);
  Tensor out = emptyWithStrides(input.impl()->sizes(), productStrides(input, input.impl()->sizes()),
                                input.dtype());
  // (input * mask) * scale, each product rounded in the input's dtype.
  StridedWalk<3> walk(input.impl()->sizes(), {out.strides(), input.strides(), mask.strides()});
  const bool* m = static_cast<const bool*>(mask.data_ptr());
  WICK_DISPATCH_ALL(input.dtype(), "aten::native_dropout", {
    scalar_t* o = static_cast<scalar_t*>(out.data_ptr());
    const scalar_t* in = static_cast<const scalar_t*>(input.data_ptr());
    auto s = scalarAs<scalar_t>(scale);
    walk.run([&](const std::array<int64_t, 3>& off) {
      scalar_t kept = mulElems(in[off[1]], scalarAs<scalar_t>(m[off[2]]));
      o[off[0]] = mulElems(kept, s);
    });
  });
  return {out, mask};
}

namespace {

void checkMultinomialRows(const char* op, const std::vector<double>& probs, int64_t rows,
                          int64_t cats) {
  for (int64_t r = 0; r < rows; ++r) {
    double sum = 0;
    for (int64_t c = 0; c < cats; ++c) {
      double v = probs[r * cats + c];
      WICK_CHECK(std::isfinite(v) && v >= 0, op,
                 ": probability tensor contains either `inf`, `nan` or element < 0");
      sum += v;
    }
    WICK_CHECK(sum > 0, op, ": invalid multinomial distribution (sum of probabilities <= 0)");
  }
}

}  // namespace

Tensor multinomial(const Tensor& self, int64_t num_samples, bool replacement,
                   const std::optional<Generator>& generator) {
  const char* op = "aten::multinomial";
  WICK_CHECK(self.dim() == 1 || self.dim() == 2, op, ": prob_dist must be 1 or 2 dim");
  WICK_CHECK(isFloatingType(self.dtype()), op,
             ": multinomial only supports floating-point dtypes for input, got: ",
             graphName(self.dtype()));
  WICK_CHECK(num_samples > 0, op, ": cannot sample n_sample <= 0 samples");
  int64_t cats = self.impl()->sizes()[self.dim() - 1];
  int64_t rows = self.dim() == 1 ? 1 : self.impl()->sizes()[0];
  WICK_CHECK(replacement || num_samples <= cats, op,
             ": cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  WICK_CHECK(cats <= (int64_t(1) << 24), op, ": number of categories cannot exceed 2^24");
  Tensor probs64 = castContiguous(self, kDouble);
  std::vector<double> probs(static_cast<const double*>(probs64.data_ptr()),
                            static_cast<const double*>(probs64.data_ptr()) + rows * cats);
  checkMultinomialRows(op, probs, rows, cats);
  DimVector out_sizes;
  if (self.dim() == 2) out_sizes.push_back(rows);
  out_sizes.push_back(num_samples);
  Tensor out = emptyTensor(out_sizes, kLong);
  auto* o = static_cast<int64_t*>(out.data_ptr());
  GeneratorImpl* gen = generatorOrDefault(generator);
  std::lock_guard<std::mutex> lock(gen->mutex());
  if (!replacement) {
    // The largest p / E with E ~ Exp(1) per category (exponential races), as PyTorch samples
    // without replacement; ties keep the lower index first.
    std::vector<double> keys(static_cast<size_t>(rows * cats));
    for (auto& k : keys) k = -std::log(1.0 - uniformReal<double>(gen, 0.0, 1.0));
    for (int64_t r = 0; r < rows; ++r) {
      std::vector<int64_t> idx(static_cast<size_t>(cats));
      std::iota(idx.begin(), idx.end(), 0);
      auto score = [&](int64_t c) { return probs[r * cats + c] / keys[r * cats + c]; };
      std::stable_sort(idx.begin(), idx.end(),
                       [&](int64_t a, int64_t b) { return score(a) > score(b); });
      for (int64_t s = 0; s < num_samples; ++s) o[r * num_samples + s] = idx[s];
    }
    return out;
  }
  for (int64_t r = 0; r < rows; ++r) {
    // Normalised cumulative distribution, then a binary search per uniform sample.
    std::vector<double> cum(static_cast<size_t>(cats));
    double sum = 0;
    for (int64_t c = 0; c < cats; ++c) cum[c] = (sum += probs[r * cats + c]);
    for (auto& v : cum) v /= sum;
    cum.back() = 1;
    for (int64_t s = 0; s < num_samples; ++s) {
      double u = uniformReal<double>(gen, 0.0, 1.0);
      o[r * num_samples + s] = std::lower_bound(cum.begin(), cum.end(), u) - cum.begin();
    }
  }
  return out;
}

}  // namespace wick::kernels
