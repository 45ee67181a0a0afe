// Shape erasure: every tensor type in the graph — of values, and inside list, tuple, optional
// and dict types — becomes the plain Tensor type. Comparing two traces of one program with
// different input shapes (check_trace) needs graphs without the example's sizes.
//
// Given:
//   graph(%x : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)):
//     %1 : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu) = aten::relu(%x)
//     return (%1)
// After:
//   graph(%x : Tensor):
//     %1 : Tensor = aten::relu(%x)
//     return (%1)
#pragma once

#include "ir/ir.h"

namespace wick::jit {

bool eraseShapeInformation(Graph& g);

}  // namespace wick::jit
