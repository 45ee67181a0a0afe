// Views, reshapes, joins and splits, indexing and scatter/gather: free functions (wick::cat, wick::stack, ...) and the matching Tensor methods.
// Every function here is a thin wrapper over wick::ops::<row> (ops.def) adding PyTorch's
// defaults and overloads.
#pragma once

#include "wick/ops/ops.h"

namespace wick {

}  // namespace wick
