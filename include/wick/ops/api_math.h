// Elementwise math, comparisons, activations, reductions, softmax, casts and copies: free functions (wick::add, wick::relu, ...), Tensor operators (+, -, *, /, comparisons) and the matching Tensor methods.
// Every function here is a thin wrapper over wick::ops::<row> (ops.def) adding PyTorch's
// defaults and overloads.
#pragma once

#include "wick/ops/ops.h"

namespace wick {

}  // namespace wick
