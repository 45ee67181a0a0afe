#include "runtime/optimize.h"

#include "passes/dead_code_elimination.h"
#include "passes/inline_calls.h"

namespace wick::jit {

std::shared_ptr<Graph> optimizeForExecution(const Graph& graph) {
  std::shared_ptr<Graph> g = graph.copy();
  inlineCalls(*g);
  eliminateDeadCode(*g);
  return g;
}

}  // namespace wick::jit
