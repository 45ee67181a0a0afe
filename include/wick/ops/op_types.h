// Return types of kernels that return several tensors. ops.def rows name these aliases
// because a type with a comma (std::tuple<Tensor, Tensor>) cannot be a macro argument.
#pragma once

#include <tuple>

#include "wick/core/tensor.h"

namespace wick {

using Tensor2 = std::tuple<Tensor, Tensor>;
using Tensor3 = std::tuple<Tensor, Tensor, Tensor>;
using Tensor4 = std::tuple<Tensor, Tensor, Tensor, Tensor>;
using Tensor5 = std::tuple<Tensor, Tensor, Tensor, Tensor, Tensor>;

}  // namespace wick
