// check_trace: after a trace, re-trace on the check inputs (or the example inputs) and
// compare: the graphs (ignoring shapes), the tensor-valued constants, and the outputs of the
// traced program against the C++ function, with PyTorch's messages ("Graphs differed across
// invocations!", "Tensor-valued Constant nodes differed in value across invocations", the
// "Output nr K. ..." and "Trace had nondeterministic nodes" warnings).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ir/ir.h"
#include "wick/core/ivalue.h"

namespace wick::jit {

// How to produce a fresh trace, run the traced program, and run the original code.
struct TraceCheckHooks {
  std::function<std::shared_ptr<Graph>(const std::vector<IValue>&)> retrace;
  std::function<IValue(const std::vector<IValue>&)> run_traced;
  std::function<IValue(const std::vector<IValue>&)> run_eager;
  // Replay the same random numbers in the traced and the eager run (respect_mode's train
  // trace, where dropout is expected).
  bool sync_random = false;
};

// Runs the checks for each input set; raises TracingCheckError or warns as PyTorch does.
void checkTrace(const Graph& traced, const TraceCheckHooks& hooks,
                const std::vector<std::vector<IValue>>& input_sets, double tolerance);

// A deep copy of the tensors in a value (containers rebuilt), so checks do not share
// storage with the caller's inputs.
IValue cloneValue(const IValue& v);

// A shape-free rendering of a graph (submodule methods followed), used to compare traces.
std::vector<std::string> canonicalGraphLines(const Graph& g);

}  // namespace wick::jit
