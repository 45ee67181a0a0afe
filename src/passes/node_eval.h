// Running one node on known input values, outside the executor: constant propagation folds
// nodes with it, and tests use it to run graphs before and after a pass. Covers op nodes
// (their boxed kernel) and the value prims (Constant, List/Tuple/Dict construct and unpack,
// TupleIndex, unchecked_cast, Uninitialized, GetAttr of objects).
#pragma once

#include <optional>
#include <vector>

#include "ir/ir.h"

namespace wick::jit {

// The outputs of n for these inputs, or nullopt when n is not of a kind evaluated here
// (blocks, calls, side effects other than raising). Errors raised by a kernel propagate.
std::optional<std::vector<IValue>> evalNode(const Node& n, const std::vector<IValue>& inputs);

}  // namespace wick::jit
