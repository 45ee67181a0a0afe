// The interpreter: runs ExecutionPlans. Each call gets its own register frame; plans are
// shared read-only, so many threads may run the same function at once.
#pragma once

#include "ir/function.h"
#include "runtime/plan.h"
#include "wick/core/ivalue.h"

namespace wick::jit {

// Runs `f` on the inputs on `stack` (the object first for methods) and replaces them with
// its outputs. The function's plan is built on the first call.
void runFunction(const Function& f, Stack& stack);

// Runs a plan directly: inputs on `stack` are replaced by the graph's outputs.
void runPlan(const ExecutionPlan& plan, Stack& stack);

// The plan runFunction uses for `f` (built on first use).
const ExecutionPlan& planFor(const Function& f);

// Raised by a failing TorchScript operation: the original message, then the TorchScript
// location ("at <op> ...") of each interpreter frame it unwound through.
class ScriptError : public Error {
 public:
  ScriptError(std::string original, std::string trace)
      : Error(original + trace), original_(std::move(original)), trace_(std::move(trace)) {}
  const std::string& original() const { return original_; }
  const std::string& trace() const { return trace_; }

 private:
  std::string original_;
  std::string trace_;
};

}  // namespace wick::jit
