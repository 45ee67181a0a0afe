// The graph a plan runs: a copy of a function's graph with calls inlined and dead code
// removed, so a traced module runs as one flat graph without a call frame per submodule.
// Later fusion passes (conv/bn/relu with prepacked weights) hook in here.
#pragma once

#include <memory>

#include "ir/ir.h"

namespace wick::jit {

std::shared_ptr<Graph> optimizeForExecution(const Graph& graph);

}  // namespace wick::jit
