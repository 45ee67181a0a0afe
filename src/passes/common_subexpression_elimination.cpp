#include "passes/common_subexpression_elimination.h"

#include <unordered_map>

#include "passes/node_effects.h"

namespace wick::jit {

namespace {

size_t nodeHash(const Node* n) {
  size_t h = std::hash<Symbol>()(n->kind());
  for (const Value* v : n->inputs()) h = h * 31 + std::hash<const void*>()(v);
  return h ^ (n->attributes().size() << 7);
}

bool sameNode(const Node* a, const Node* b) {
  if (a->kind() != b->kind() || a->op() != b->op() || a->inputs() != b->inputs() ||
      a->outputs().size() != b->outputs().size() ||
      a->attributes().size() != b->attributes().size())
    return false;
  for (size_t i = 0; i < a->attributes().size(); ++i) {
    const auto& [ka, va] = a->attributes()[i];
    const auto& [kb, vb] = b->attributes()[i];
    if (ka != kb || !strictlyEqual(va, vb)) return false;
  }
  for (size_t i = 0; i < a->outputs().size(); ++i)
    if (*a->output(i)->type() != *b->output(i)->type()) return false;
  return true;
}

bool writesAttributes(const Block* b) {
  for (const Node* n : *b) {
    Symbol k = n->kind();
    if (k == prim::kSetAttr || k == prim::kCallMethod || k == prim::kCallFunction ||
        k == prim::kTracedModuleForward || k == prim::kEnter || k == prim::kExit)
      return true;
    for (const Block* inner : n->blocks())
      if (writesAttributes(inner)) return true;
  }
  return false;
}

class Cse {
 public:
  explicit Cse(const Graph& g) : mutation_(g), merge_getattr_(!writesAttributes(g.block())) {}

  bool run(Block* b) {
    scopes_.emplace_back();
    bool changed = false;
    for (Node* n : b->nodeList()) {
      for (Block* inner : n->blocks()) changed |= run(inner);
      if (!eligible(n)) continue;
      if (Node* earlier = find(n)) {
        for (size_t i = 0; i < n->outputs().size(); ++i)
          n->output(i)->replaceAllUsesWith(earlier->output(i));
        n->destroy();
        changed = true;
      } else {
        scopes_.back().emplace(nodeHash(n), n);
      }
    }
    scopes_.pop_back();
    return changed;
  }

 private:
  bool eligible(const Node* n) const {
    bool ok = isDeterministic(*n) || (merge_getattr_ && n->kind() == prim::kGetAttr);
    if (!ok || n->outputs().empty()) return false;
    for (const Value* v : n->inputs())
      if (mutation_.mayBeMutated(v)) return false;
    for (const Value* v : n->outputs())
      if (mutation_.mayBeMutated(v)) return false;
    return true;
  }

  Node* find(const Node* n) const {
    size_t h = nodeHash(n);
    for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
      auto [first, last] = scope->equal_range(h);
      for (auto it = first; it != last; ++it)
        if (sameNode(it->second, n)) return it->second;
    }
    return nullptr;
  }

  MutationInfo mutation_;
  bool merge_getattr_;
  std::vector<std::unordered_multimap<size_t, Node*>> scopes_;
};

}  // namespace

bool eliminateCommonSubexpressions(Graph& g) { return Cse(g).run(g.block()); }

}  // namespace wick::jit
