// Declarations of every kernel named in ops.def, in namespace wick::kernels. Typed kernels
// take the C++ types of their schema's arguments; boxed kernels work on the IValue stack
// (generic list/str/dict ops and varargs). A row without a kernel is a link error.
#pragma once

#include <optional>
#include <string_view>
#include <tuple>
#include <vector>

#include "wick/core/ivalue.h"
#include "wick/core/tensor.h"
#include "wick/ops/op_types.h"

namespace wick::kernels {

#define WICK_OP(id, schema, traits, R, P) R id P;
#define WICK_BOXED_OP(id, schema, traits) void id(Stack& stack, size_t num_inputs);
#include "wick/ops/ops.def"
#undef WICK_OP
#undef WICK_BOXED_OP

}  // namespace wick::kernels
