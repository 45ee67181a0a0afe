// Traits of an operator, set per row in ops.def. Passes and the tracer ask traits, never
// lists of op kinds. Mutation and aliasing come from the schema's annotations instead.
#pragma once

#include <cstdint>

namespace wick {

enum OpTrait : uint32_t {
  kNoTraits = 0,
  // No side effects and no randomness: the result depends only on the inputs, so dead-code
  // elimination, CSE and constant propagation may remove, merge or fold the node.
  kPure = 1u << 0,
  // Elementwise over broadcast inputs.
  kPointwise = 1u << 1,
  // Draws random numbers: results differ between runs (check_trace reports such nodes).
  kRandom = 1u << 2,
  // Outputs never require grad (detach, comparisons, *_like and new_* factories).
  kNoGrad = 1u << 3,
  // Creates a tensor from sizes and options (zeros, arange, ...).
  kFactory = 1u << 4,
  // Observable effects other than writing its arguments (printing, raising, warnings).
  kSideEffects = 1u << 5,
  // Accepts nested tensors (Note [Nested tensors] in wick/core/nested.h); the dispatch point
  // rejects a nested tensor given to any op without this trait.
  kNestedInputs = 1u << 6,
};

constexpr uint32_t operator|(OpTrait a, OpTrait b) { return uint32_t(a) | uint32_t(b); }
constexpr uint32_t operator|(uint32_t a, OpTrait b) { return a | uint32_t(b); }

}  // namespace wick
