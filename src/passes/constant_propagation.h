// Constant propagation: computes at compile time what only depends on constants.
//
//  - An op node with the kPure trait (not random, not writing its inputs, not returning a view
//    of them) whose inputs are all prim::Constant runs its boxed kernel once; its outputs
//    become constants. Nodes whose kernel raises are left for the run to report. Tensor
//    results are folded only while they stay small: at most 10 elements, or no more than the
//    constant tensors they are computed from (a graph must not grow a zeros(1000, 1000)).
//  - prim::ListConstruct of number/bool/str constants becomes a list constant (unless the
//    list may be written), TupleConstruct/TupleUnpack/TupleIndex/ListUnpack of constants fold.
//  - prim::If on a constant condition is replaced by the taken branch; prim::Loop that runs
//    zero times (constant trip count 0 or constant false condition) by its initial values.
// Constants that become unused are then removed (dead code elimination).
//
// Given:
//   graph(%x : Tensor):
//     %1 : int = prim::Constant[value=2]()
//     %2 : int = prim::Constant[value=3]()
//     %3 : int = aten::mul(%1, %2)
//     %4 : Tensor = aten::add(%x, %3, %1)
//     return (%4)
// After:
//   graph(%x : Tensor):
//     %1 : int = prim::Constant[value=2]()
//     %5 : int = prim::Constant[value=6]()
//     %4 : Tensor = aten::add(%x, %5, %1)
//     return (%4)
#pragma once

#include "ir/ir.h"

namespace wick::jit {

bool propagateConstants(Graph& g);

}  // namespace wick::jit
