// Random sampling kernels: the in-place samplers (uniform_, normal_, random_, bernoulli_) and
// the factories built on them (rand, randn, randint, *_like, bernoulli, normal). Same
// generator state, same numbers as PyTorch 1.13 on the CPU (see Note [Random streams]).
#include <limits>
#include <mutex>
#include <string>

#include "ops/kernels/random_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// The C++ type names PyTorch prints in its range messages.
const char* cppTypeName(DType t) {
  switch (t) {
    case kByte: return "unsigned char";
    case kChar: return "signed char";
    case kShort: return "short";
    case kInt: return "int";
    case kLong: return "long";
    case kHalf: return "c10::Half";
    case kFloat: return "float";
    case kDouble: return "double";
    case kBool: return "bool";
    case kBFloat16: return "c10::BFloat16";
  }
  return "?";
}

template <class T>
void checkInRange(const char* op, double v, const char* what, DType dtype) {
  double lo = static_cast<double>(std::numeric_limits<T>::lowest());
  double hi = static_cast<double>(std::numeric_limits<T>::max());
  if constexpr (std::is_same_v<T, Half>) lo = -65504.0, hi = 65504.0;
  if constexpr (std::is_same_v<T, BFloat16>)
    lo = -3.3895313892515355e38, hi = 3.3895313892515355e38;
  WICK_CHECK(v >= lo && v <= hi, op, ": ", what, " is out of bounds for ", cppTypeName(dtype));
}

template <class T>
void normalFillContiguous(T* p, int64_t n, double mean, double std, GeneratorImpl* gen) {
  if constexpr (std::is_same_v<T, float>) {
    normalFillFloat(p, n, static_cast<float>(mean), static_cast<float>(std), gen);
  } else {
    normalFillScalar<T>(p, n, static_cast<T>(mean), static_cast<T>(std), gen);
  }
}

}  // namespace

Tensor uniform_(const Tensor& self, double from, double to,
                const std::optional<Generator>& generator) {
  const char* op = "aten::uniform_";
  checkFloating(op, self);
  WICK_DISPATCH_FLOATING(self.dtype(), op, {
    checkInRange<scalar_t>(op, from, "from", self.dtype());
    checkInRange<scalar_t>(op, to, "to", self.dtype());
  });
  WICK_CHECK(from <= to, op,
             ": uniform_ expects to return a [from, to) range, but found from=", from,
             " > to=", to);
  WICK_CHECK(to - from <= std::numeric_limits<double>::max(), op,
             ": uniform_ expects to-from <= std::numeric_limits<double>::max(), but found to=", to,
             " and from=", from, " which result in to-from to exceed the limit");
  GeneratorImpl* gen = generatorOrDefault(generator);
  std::lock_guard<std::mutex> lock(gen->mutex());
  WICK_DISPATCH_FLOATING(self.dtype(), op, {
    scalar_t* p = static_cast<scalar_t*>(self.data_ptr());
    auto f = static_cast<scalar_t>(from), t = static_cast<scalar_t>(to);
    forEachInFillOrder(self, [&](int64_t off) { p[off] = uniformReal<scalar_t>(gen, f, t); });
  });
  self.impl()->storage()->bumpVersion();
  return self;
}

Tensor normal_(const Tensor& self, double mean, double std,
               const std::optional<Generator>& generator) {
  const char* op = "aten::normal_";
  checkFloating(op, self);
  WICK_CHECK(std >= 0.0, op, ": normal expects std >= 0.0, but found std ", std);
  GeneratorImpl* gen = generatorOrDefault(generator);
  std::lock_guard<std::mutex> lock(gen->mutex());
  int64_t n = self.impl()->numel();
  if (n >= 16 && self.is_contiguous()) {
    // See Note [Normal fill].
    WICK_DISPATCH_FLOATING(self.dtype(), op, {
      normalFillContiguous(static_cast<scalar_t*>(self.data_ptr()), n, mean, std, gen);
    });
  } else {
    // Element by element: one double sample each (Box-Muller pairs cached by the generator).
    WICK_DISPATCH_FLOATING(self.dtype(), op, {
      scalar_t* p = static_cast<scalar_t*>(self.data_ptr());
      forEachInFillOrder(self, [&](int64_t off) {
        p[off] = static_cast<scalar_t>(std::fma(gen->normal(), std, mean));
      });
    });
  }
  self.impl()->storage()->bumpVersion();
  return self;
}

namespace {

// Fills self with integers from [base, base + range) (PyTorch's random_from_to).
Tensor randomFromTo(const Tensor& self, uint64_t range, int64_t base, GeneratorImpl* gen) {
  std::lock_guard<std::mutex> lock(gen->mutex());
  WICK_DISPATCH_ALL(self.dtype(), "aten::random_", {
    scalar_t* p = static_cast<scalar_t*>(self.data_ptr());
    forEachInFillOrder(self,
                       [&](int64_t off) { p[off] = uniformIntFromTo<scalar_t>(gen, range, base); });
  });
  self.impl()->storage()->bumpVersion();
  return self;
}

// The largest value random_(from) may produce for a dtype (PyTorch's `to_inc`).
int64_t maxRandomValue(DType t) {
  int64_t out = 0;
  WICK_DISPATCH_ALL(t, "aten::random_", {
    if constexpr (std::is_same_v<scalar_t, bool>) {
      out = 1;
    } else if constexpr (std::is_integral_v<scalar_t>) {
      out = static_cast<int64_t>(std::numeric_limits<scalar_t>::max());
    } else {
      out = int64_t(1) << kDigits<scalar_t>;
    }
  });
  return out;
}

void checkRandomBounds(const char* op, DType t, int64_t from, int64_t to_inc) {
  WICK_DISPATCH_ALL(t, op, {
    if constexpr (std::is_same_v<scalar_t, bool>) {
      WICK_CHECK(from >= 0 && from <= 1, op, ": from is out of bounds for bool");
      WICK_CHECK(to_inc >= 0 && to_inc <= 1, op, ": to - 1 is out of bounds for bool");
    } else {
      checkInRange<scalar_t>(op, static_cast<double>(from), "from", t);
      checkInRange<scalar_t>(op, static_cast<double>(to_inc), "to - 1", t);
    }
  });
}

}  // namespace

Tensor randomFrom(const char* op, const Tensor& self, int64_t from, std::optional<int64_t> to,
                  const std::optional<Generator>& generator) {
  int64_t to_inc;
  if (to) {
    WICK_CHECK(from < *to, op, ": random_ expects 'from' to be less than 'to', but got from=", from,
               " >= to=", *to);
    to_inc = *to - 1;
  } else {
    to_inc = maxRandomValue(self.dtype());
  }
  checkRandomBounds(op, self.dtype(), from, to_inc);
  uint64_t range = static_cast<uint64_t>(to_inc) - static_cast<uint64_t>(from) + 1;
  return randomFromTo(self, range, from, generatorOrDefault(generator));
}

Tensor random__from(const Tensor& self, int64_t from, std::optional<int64_t> to,
                    const std::optional<Generator>& generator) {
  return randomFrom("aten::random_", self, from, to, generator);
}

Tensor random__to(const Tensor& self, int64_t to, const std::optional<Generator>& generator) {
  return random__from(self, 0, to, generator);
}

Tensor random_(const Tensor& self, const std::optional<Generator>& generator) {
  GeneratorImpl* gen = generatorOrDefault(generator);
  std::lock_guard<std::mutex> lock(gen->mutex());
  // A whole draw reduced modulo (max + 1) of the type (2^digits + 1 for floating types).
  WICK_DISPATCH_ALL(self.dtype(), "aten::random_", {
    scalar_t* p = static_cast<scalar_t*>(self.data_ptr());
    forEachInFillOrder(self, [&](int64_t off) {
      constexpr bool kWide = std::is_same_v<scalar_t, int64_t> || std::is_same_v<scalar_t, double>;
      uint64_t v = kWide ? gen->random64() : gen->random();
      if constexpr (std::is_same_v<scalar_t, bool>) {
        p[off] = (v & 1) != 0;
      } else if constexpr (std::is_integral_v<scalar_t>) {
        p[off] = static_cast<scalar_t>(
            v % (static_cast<uint64_t>(std::numeric_limits<scalar_t>::max()) + 1));
      } else {
        p[off] =
            static_cast<scalar_t>(static_cast<double>(v % ((uint64_t(1) << kDigits<scalar_t>)+1)));
      }
    });
  });
  self.impl()->storage()->bumpVersion();
  return self;
}

Tensor bernoulli__float(const Tensor& self, double p, const std::optional<Generator>& generator) {
  const char* op = "aten::bernoulli_";
  WICK_CHECK(p >= 0 && p <= 1, op, ": bernoulli_ expects p to be in [0, 1], but got p=", p);
  GeneratorImpl* gen = generatorOrDefault(generator);
  std::lock_guard<std::mutex> lock(gen->mutex());
  WICK_DISPATCH_ALL(self.dtype(), op, {
    scalar_t* out = static_cast<scalar_t*>(self.data_ptr());
    forEachInFillOrder(self, [&](int64_t off) {
      out[off] = static_cast<scalar_t>(uniformReal<double>(gen, 0.0, 1.0) < p ? 1 : 0);
    });
  });
  self.impl()->storage()->bumpVersion();
  return self;
}

Tensor bernoulli__Tensor(const Tensor& self, const Tensor& p,
                         const std::optional<Generator>& generator) {
  const char* op = "aten::bernoulli_";
  WICK_CHECK(isFloatingType(p.dtype()), op,
             ": expected a floating point probability tensor, got dtype ", p.dtype());
  Tensor probs = expand(p, self.impl()->sizes(), false);
  std::vector<double> values;
  WICK_DISPATCH_FLOATING(p.dtype(), op, {
    const scalar_t* pp = static_cast<const scalar_t*>(p.data_ptr());
    StridedWalk<1> walk(p.impl()->sizes(), {p.strides()});
    walk.run([&](const std::array<int64_t, 1>& off) {
      auto v = static_cast<double>(pp[off[0]]);
      WICK_CHECK(v >= 0 && v <= 1, op, ": expected all elements of p to be in [0, 1], got ", v);
    });
  });
  // Walk self and the broadcast probabilities together, in TensorIterator order.
  IterOperand ops[2] = {{self.impl()->sizes(), self.strides()},
                        {probs.impl()->sizes(), probs.strides()}};
  std::vector<int64_t> order = iteratorOrder(self.impl()->sizes(), ArrayRef<IterOperand>(ops, 2));
  DimVector sizes, s_strides, p_strides;
  for (int64_t d : order) {
    sizes.push_back(self.impl()->sizes()[d]);
    s_strides.push_back(self.strides()[d]);
    p_strides.push_back(probs.strides()[d]);
  }
  StridedWalk<2> walk(sizes, {s_strides, p_strides});
  GeneratorImpl* gen = generatorOrDefault(generator);
  std::lock_guard<std::mutex> lock(gen->mutex());
  WICK_DISPATCH_ALL(self.dtype(), op, {
    using self_t = scalar_t;
    self_t* out = static_cast<self_t*>(self.data_ptr());
    WICK_DISPATCH_FLOATING(p.dtype(), op, {
      const scalar_t* pp = static_cast<const scalar_t*>(probs.data_ptr());
      walk.run([&](const std::array<int64_t, 2>& off) {
        // Double probabilities draw doubles; the others draw floats.
        bool hit;
        if constexpr (std::is_same_v<scalar_t, double>) {
          hit = uniformReal<double>(gen, 0.0, 1.0) < pp[off[1]];
        } else {
          hit = uniformReal<float>(gen, 0.0f, 1.0f) < static_cast<float>(pp[off[1]]);
        }
        out[off[0]] = static_cast<self_t>(hit ? 1 : 0);
      });
    });
  });
  self.impl()->storage()->bumpVersion();
  return self;
}

Tensor bernoulli(const Tensor& self, const std::optional<Generator>& generator) {
  Tensor out = emptyTensor(self.impl()->sizes(), self.dtype());
  return bernoulli__Tensor(out, self, generator);
}

Tensor bernoulli_p(const Tensor& self, double p, const std::optional<Generator>& generator) {
  Tensor out = emptyTensor(self.impl()->sizes(), self.dtype());
  return bernoulli__float(out, p, generator);
}

Tensor bernoulli_Tensor(const Tensor& self, const Tensor& p,
                        const std::optional<Generator>& generator) {
  Tensor out = emptyTensor(self.impl()->sizes(), self.dtype());
  return bernoulli__Tensor(out, p, generator);
}

}  // namespace wick::kernels
