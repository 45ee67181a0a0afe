// Dense and neural-network ops as free functions mirroring torch.*: linear, matmul, conv1d/conv2d, pooling, normalisation, embedding, recurrent and attention ops. nn::functional builds on these.
// Every function here is a thin wrapper over wick::ops::<row> (ops.def) adding PyTorch's
// defaults and overloads.
#pragma once

#include "wick/ops/ops.h"

namespace wick {

}  // namespace wick
