// OpId: one enumerator per row of ops.def, the key the hot paths dispatch on.
#pragma once

#include <cstdint>

namespace wick {

enum class OpId : uint16_t {
#define WICK_OP(id, schema, traits, R, P) id,
#define WICK_BOXED_OP(id, schema, traits) id,
#include "wick/ops/ops.def"
#undef WICK_OP
#undef WICK_BOXED_OP
  NumOps
};

inline constexpr size_t kNumOps = static_cast<size_t>(OpId::NumOps);

}  // namespace wick
