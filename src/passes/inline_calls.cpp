#include "passes/inline_calls.h"

#include <algorithm>
#include <string>
#include <vector>

namespace wick::jit {

std::shared_ptr<const Graph> CallResolver::methodGraph(const ClassType& cls,
                                                       std::string_view name) const {
  const auto* f = dynamic_cast<const Function*>(cls.findMethod(name));
  return f ? f->graph() : nullptr;
}

std::shared_ptr<const Graph> CallResolver::functionGraph(std::string_view) const { return nullptr; }

std::shared_ptr<const Graph> CompilationUnitResolver::functionGraph(
    std::string_view qualified_name) const {
  std::shared_ptr<Function> f = unit_.findFunction(qualified_name);
  return f ? f->graph() : nullptr;
}

namespace {

class Inliner {
 public:
  explicit Inliner(const CallResolver& resolver) : resolver_(resolver) {}

  bool inlineBlock(Block* b) {
    bool changed = false;
    for (Node* n : b->nodeList()) {
      for (Block* inner : n->blocks()) changed |= inlineBlock(inner);
      std::string callee_name;
      std::shared_ptr<const Graph> callee = calleeOf(n, &callee_name);
      if (!callee) continue;
      inlineCall(n, *callee, callee_name);
      changed = true;
    }
    return changed;
  }

 private:
  std::shared_ptr<const Graph> calleeOf(const Node* n, std::string* name) const {
    const IValue* attr = n->findAttr("name");
    if (!attr || !attr->isString()) return nullptr;
    if (n->kind() == prim::kCallMethod && !n->inputs().empty()) {
      const auto* cls = n->input(0)->type()->cast<ClassType>();
      if (!cls) return nullptr;
      *name = cls->name() + "." + attr->toStringRef();
      return resolver_.methodGraph(*cls, attr->toStringRef());
    }
    if (n->kind() == prim::kCallFunction) {
      *name = attr->toStringRef();
      return resolver_.functionGraph(*name);
    }
    return nullptr;
  }

  void inlineCall(Node* call, const Graph& callee, const std::string& name) {
    WICK_CHECK(std::find(stack_.begin(), stack_.end(), name) == stack_.end(), "recursive call of ",
               name, " cannot be inlined (call chain: ", chain(), " -> ", name, ")");
    WICK_CHECK(callee.inputs().size() == call->inputs().size(), "inlining ", name,
               ": the call passes ", call->inputs().size(), " values but the callee takes ",
               callee.inputs().size());
    WICK_CHECK(callee.outputs().size() == call->outputs().size(), "inlining ", name,
               ": the call expects ", call->outputs().size(), " results but the callee returns ",
               callee.outputs().size());
    // The callee is flattened first, on a copy, so recursion is found and callers share nothing.
    std::shared_ptr<Graph> body = callee.copy();
    stack_.push_back(name);
    inlineBlock(body->block());
    stack_.pop_back();
    Graph* g = call->owningGraph();
    InsertPoint saved = g->insertPoint();
    g->setInsertPoint(call);
    std::vector<Value*> outs = g->insertGraph(*body, call->inputs());
    if (saved.before == call) saved = InsertPoint{g->block(), g->returnNode()};
    g->restoreInsertPoint(saved);
    for (size_t i = 0; i < outs.size(); ++i) call->output(i)->replaceAllUsesWith(outs[i]);
    call->destroy();
  }

  std::string chain() const {
    std::string s;
    for (const std::string& n : stack_) s += (s.empty() ? "" : " -> ") + n;
    return s.empty() ? "<graph>" : s;
  }

  const CallResolver& resolver_;
  std::vector<std::string> stack_;
};

}  // namespace

bool inlineCalls(Graph& g, const CallResolver& resolver) {
  return Inliner(resolver).inlineBlock(g.block());
}

bool inlineCalls(Graph& g) { return inlineCalls(g, CallResolver()); }

}  // namespace wick::jit
