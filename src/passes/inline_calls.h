// Call inlining: replaces prim::CallMethod[name="m"](%obj, ...) and
// prim::CallFunction[name="q.f"](...) by a copy of the callee's graph, recursively, so the
// executor and the other passes see one flat graph (PyTorch's inlined_graph).
//
// Callees come from a CallResolver. The default one finds methods on the receiver's ClassType
// (methods that are jit::Functions with a graph); CompilationUnitResolver also finds free
// functions of a CompilationUnit. Calls whose callee is unknown stay; a call that reaches
// itself again raises wick::Error ("recursive call ... cannot be inlined"). Inlined values keep
// their callee names; a caller value holding the same name moves to name.N, as PyTorch does.
//
// Given (method forward of __torch__.Lin is `aten::linear(%x, %w, %b)`):
//   graph(%self : __torch__.M, %x : Tensor):
//     %l : __torch__.Lin = prim::GetAttr[name="l"](%self)
//     %y : Tensor = prim::CallMethod[name="forward"](%l, %x)
//     return (%y)
// After:
//   graph(%self : __torch__.M, %x : Tensor):
//     %l : __torch__.Lin = prim::GetAttr[name="l"](%self)
//     %w : Tensor = prim::GetAttr[name="weight"](%l)
//     %b : Tensor = prim::GetAttr[name="bias"](%l)
//     %y : Tensor = aten::linear(%x, %w, %b)
//     return (%y)
#pragma once

#include <memory>
#include <string_view>

#include "ir/function.h"
#include "ir/ir.h"

namespace wick::jit {

// Supplies callee graphs; the runtime, importer and tests provide their own.
class CallResolver {
 public:
  virtual ~CallResolver() = default;
  // The graph of method `name` of `cls` (its first input is `self`), or null.
  virtual std::shared_ptr<const Graph> methodGraph(const ClassType& cls,
                                                   std::string_view name) const;
  // The graph of the function with this qualified name, or null.
  virtual std::shared_ptr<const Graph> functionGraph(std::string_view qualified_name) const;
};

// Methods from ClassTypes, functions from a CompilationUnit.
class CompilationUnitResolver : public CallResolver {
 public:
  explicit CompilationUnitResolver(const CompilationUnit& unit) : unit_(unit) {}
  std::shared_ptr<const Graph> functionGraph(std::string_view qualified_name) const override;

 private:
  const CompilationUnit& unit_;
};

bool inlineCalls(Graph& g);
bool inlineCalls(Graph& g, const CallResolver& resolver);

}  // namespace wick::jit
