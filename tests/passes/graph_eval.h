// A small reference evaluator for graphs in pass tests: runs a graph on input values node by
// node (ops through their boxed kernels, If and Loop by their blocks, calls through a
// CallResolver), so a test can compare a graph's results before and after a pass. It is a
// test oracle, not the executor: slow and simple on purpose.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "ir/ir.h"
#include "passes/inline_calls.h"

namespace wick::testing {

// The graph's outputs, or nullopt when it holds a node the evaluator cannot run (unresolved
// ops, calls it cannot resolve). Errors raised by kernels propagate.
std::optional<std::vector<IValue>> evalGraph(const jit::Graph& g, const std::vector<IValue>& inputs,
                                             const jit::CallResolver* resolver = nullptr);

// Deterministic example inputs for the graph's input types (tensors of their dtype and sizes,
// or Float [2, 3]; ints 3, floats 0.5, bools true), or nullopt for types it cannot make.
std::optional<std::vector<IValue>> exampleInputs(const jit::Graph& g);

// Equal results: tensors element-wise within tolerance, containers element-wise, others ==.
::testing::AssertionResult sameResults(const std::vector<IValue>& a, const std::vector<IValue>& b);

}  // namespace wick::testing
