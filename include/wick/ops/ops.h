// wick::ops::<id>(...): every typed row of ops.def as a callable, with the kernel's argument
// types (ints as SymInt, int lists as SymIntList) and no defaults. These are the primitive
// entry points; the friendlier free functions and Tensor methods call them.
#pragma once

#include "wick/ops/dispatch.h"

namespace wick::ops {

#define WICK_OP(id, schema, traits, R, P) \
  inline constexpr auto& id = ::wick::dispatch::Op<::wick::OpId::id, R P>::call;
#define WICK_BOXED_OP(id, schema, traits)
#include "wick/ops/ops.def"
#undef WICK_OP
#undef WICK_BOXED_OP

}  // namespace wick::ops
