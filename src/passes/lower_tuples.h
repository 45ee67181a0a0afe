// Tuple lowering: a tuple built by prim::TupleConstruct and taken apart again by
// prim::TupleUnpack or prim::TupleIndex (constant index) hands its elements over directly;
// a TupleConstruct left without users is removed.
//
// Given:
//   graph(%a : Tensor, %b : int):
//     %t : (Tensor, int) = prim::TupleConstruct(%a, %b)
//     %x : Tensor, %n : int = prim::TupleUnpack(%t)
//     %y : Tensor = aten::mul(%x, %n)
//     return (%y)
// After:
//   graph(%a : Tensor, %b : int):
//     %y : Tensor = aten::mul(%a, %b)
//     return (%y)
#pragma once

#include "ir/ir.h"

namespace wick::jit {

bool lowerTuples(Graph& g);

}  // namespace wick::jit
