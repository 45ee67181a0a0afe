// Function: a named graph (a TorchScript function or method) with its schema. Functions
// live in a CompilationUnit (wick/jit/compilation_unit.h). The executor
// (runtime/) lowers a Function's graph into a plan once, on first use, and keeps it in the
// Function's plan slot; graphs are not changed after that (DESIGN decision 6).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ir/ir.h"
#include "wick/jit/compilation_unit.h"
#include "wick/ops/schema.h"

namespace wick::jit {

class Function : public MethodBase {
 public:
  Function(std::string qualified_name, std::shared_ptr<Graph> graph);

  // The unqualified name: "forward" for "__torch__.M.forward".
  const std::string& name() const override { return name_; }
  const std::string& qualname() const { return qualname_; }
  const std::shared_ptr<Graph>& graph() const { return graph_; }
  void setGraph(std::shared_ptr<Graph> g);

  // The schema: argument names, types and defaults. Derived from the graph when not set.
  const FunctionSchema& schema() const;
  // Set while the function is being built, before any thread runs it.
  void setSchema(FunctionSchema s) {
    schema_ = std::move(s);
    has_schema_.store(true, std::memory_order_release);
  }
  // Number of inputs including `self` for methods.
  size_t numInputs() const { return graph_->inputs().size(); }

  // The executor's plan for this function, built once by `build` (thread-safe).
  template <class Plan, class Build>
  const Plan& plan(Build&& build) const {
    std::call_once(plan_once_, [&] { plan_ = std::shared_ptr<const void>(build()); });
    return *static_cast<const Plan*>(plan_.get());
  }

 private:
  std::string qualname_;
  std::string name_;
  std::shared_ptr<Graph> graph_;
  // A derived schema is computed on first use, possibly by several threads calling the
  // function at once: the flag publishes it, the mutex lets one thread build it.
  mutable FunctionSchema schema_;
  mutable std::atomic<bool> has_schema_{false};
  mutable std::mutex schema_mutex_;
  mutable std::once_flag plan_once_;
  mutable std::shared_ptr<const void> plan_;
};

}  // namespace wick::jit
