// Random number generators. A process-wide default generator (seeded by wick::manual_seed)
// and per-call generators passed to random ops. The engine is a 32-bit Mersenne Twister, as
// PyTorch's CPU generator; draws are serialised by the generator's own mutex, so sharing one
// generator between threads is safe (but the interleaving decides who gets which numbers).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>

#include "wick/core/intrusive_ptr.h"

namespace wick {

class GeneratorImpl : public IntrusiveTarget {
 public:
  explicit GeneratorImpl(uint64_t seed) { setSeed(seed); }

  void setSeed(uint64_t seed) {
    seed_ = seed;
    engine_.seed(static_cast<std::mt19937::result_type>(seed));
    next_normal_.reset();
  }
  uint64_t seed() const { return seed_; }

  // Callers hold mutex() while drawing.
  std::mutex& mutex() { return mutex_; }
  uint32_t random() { return static_cast<uint32_t>(engine_()); }
  uint64_t random64() {
    uint64_t hi = random();
    uint64_t lo = random();
    return (hi << 32) | lo;
  }
  // Uniform in [0, 1) with 24 (float) or 53 (double) random bits.
  float uniformFloat() { return static_cast<float>(random() & ((1u << 24) - 1)) * 0x1.0p-24f; }
  double uniformDouble() {
    return static_cast<double>(random64() & ((uint64_t(1) << 53) - 1)) * 0x1.0p-53;
  }
  // Standard normal sample (Box-Muller; the second value of each pair is cached).
  double normal();

  // The complete state, to replay the same draws later (trace checking uses this).
  struct State {
    std::mt19937 engine;
    std::optional<double> next_normal;
    uint64_t seed = 0;
  };
  State state() {
    std::lock_guard<std::mutex> g(mutex_);
    return State{engine_, next_normal_, seed_};
  }
  void setState(const State& s) {
    std::lock_guard<std::mutex> g(mutex_);
    engine_ = s.engine;
    next_normal_ = s.next_normal;
    seed_ = s.seed;
  }

 private:
  std::mutex mutex_;
  std::mt19937 engine_;
  uint64_t seed_ = 0;
  std::optional<double> next_normal_;
};

class Generator {
 public:
  explicit Generator(uint64_t seed = 67280421310721ull)
      : impl_(makeIntrusive<GeneratorImpl>(seed)) {}
  explicit Generator(IntrusivePtr<GeneratorImpl> impl) : impl_(std::move(impl)) {}

  Generator& manual_seed(uint64_t seed) {
    std::lock_guard<std::mutex> g(impl_->mutex());
    impl_->setSeed(seed);
    return *this;
  }
  uint64_t initial_seed() const { return impl_->seed(); }
  GeneratorImpl* impl() const { return impl_.get(); }
  const IntrusivePtr<GeneratorImpl>& implPtr() const { return impl_; }
  bool operator==(const Generator& o) const { return impl_ == o.impl_; }

 private:
  IntrusivePtr<GeneratorImpl> impl_;
};

// The process-wide generator used when an op gets no generator.
Generator& defaultGenerator();
// Seeds the default generator: same seed, same values.
void manual_seed(uint64_t seed);
// The generator an op should draw from.
inline GeneratorImpl* generatorOrDefault(const std::optional<Generator>& g) {
  return g ? g->impl() : defaultGenerator().impl();
}

}  // namespace wick
