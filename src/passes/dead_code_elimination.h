// Dead code elimination: removes what cannot affect the graph's outputs or the outside world.
//
// A node goes when none of its outputs is used and it has no side effects (passes/
// node_effects.h: writes to inputs, prints, raises, attribute writes, calls, unknown ops, or a
// block holding any of them). Unused outputs of prim::If are removed from both branches, and
// a loop-carried value of prim::Loop whose result is unused and which the body only passes
// along is dropped. Repeats until nothing changes.
//
// Given:
//   graph(%x : Tensor):
//     %1 : int = prim::Constant[value=1]()
//     %y : Tensor = aten::relu(%x)
//     %s : str = prim::Constant[value="hi"]()
//      = prim::Print(%s)
//     return (%x)
// After:
//   graph(%x : Tensor):
//     %s : str = prim::Constant[value="hi"]()
//      = prim::Print(%s)
//     return (%x)
#pragma once

#include "ir/ir.h"

namespace wick::jit {

bool eliminateDeadCode(Graph& g);

}  // namespace wick::jit
