// Common subexpression elimination: a deterministic node (passes/node_effects.h) equal to an
// earlier one in scope — same kind, operator, inputs, attributes (compared strictly) and
// output types — is replaced by it. A node in a block may reuse one from an enclosing block,
// never the other way round. Nodes touching values that may be written (in-place ops, calls)
// are left alone; prim::GetAttr is merged only in graphs that never write attributes.
//
// Given:
//   graph(%x : Tensor):
//     %1 : Tensor = aten::relu(%x)
//     %2 : Tensor = aten::relu(%x)
//     %3 : Tensor = aten::mul(%1, %2)
//     return (%3)
// After:
//   graph(%x : Tensor):
//     %1 : Tensor = aten::relu(%x)
//     %3 : Tensor = aten::mul(%1, %1)
//     return (%3)
#pragma once

#include "ir/ir.h"

namespace wick::jit {

bool eliminateCommonSubexpressions(Graph& g);

}  // namespace wick::jit
