// Tensor factories and random sampling: wick::zeros, ones, full, empty, arange, linspace, tensor({...}), *_like, rand, randn, randint, normal, bernoulli, and the Tensor methods new_*, uniform_, normal_, bernoulli_.
// Every function here is a thin wrapper over wick::ops::<row> (ops.def) adding PyTorch's
// defaults and overloads.
#pragma once

#include "wick/ops/ops.h"

namespace wick {

}  // namespace wick
