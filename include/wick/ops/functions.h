// The eager op API: free functions mirroring torch.* and the definitions of Tensor's op
// methods. Each family's functions live in api_<family>.h.
#pragma once

#include "wick/ops/api_factories.h"
#include "wick/ops/api_math.h"
#include "wick/ops/api_nn.h"
#include "wick/ops/api_reduce.h"
#include "wick/ops/api_shape.h"
