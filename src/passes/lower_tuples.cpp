#include "passes/lower_tuples.h"

namespace wick::jit {

namespace {

Node* constructOf(Value* v) {
  Node* p = v->node();
  return p->kind() == prim::kTupleConstruct ? p : nullptr;
}

bool forwardUnpack(Node* n) {
  Node* tuple = constructOf(n->input(0));
  if (!tuple || tuple->inputs().size() != n->outputs().size()) return false;
  for (size_t i = 0; i < n->outputs().size(); ++i)
    n->output(i)->replaceAllUsesWith(tuple->input(i));
  n->destroy();
  return true;
}

bool forwardIndex(Node* n) {
  Node* tuple = constructOf(n->input(0));
  std::optional<IValue> index = n->constantInput(1);
  if (!tuple || !index || !index->isInt()) return false;
  auto size = static_cast<int64_t>(tuple->inputs().size());
  int64_t i = index->toInt() < 0 ? index->toInt() + size : index->toInt();
  if (i < 0 || i >= size) return false;  // the run reports the bad index
  n->output()->replaceAllUsesWith(tuple->input(static_cast<size_t>(i)));
  n->destroy();
  return true;
}

bool lowerBlock(Block* b) {
  bool changed = false;
  for (Node* n : b->nodeList()) {
    for (Block* inner : n->blocks()) changed |= lowerBlock(inner);
    if (n->kind() == prim::kTupleUnpack && n->inputs().size() == 1) {
      Node* tuple = constructOf(n->input(0));
      bool done = forwardUnpack(n);
      changed |= done;
      if (done && !tuple->hasUses()) tuple->destroy();
    } else if (n->kind() == prim::kTupleIndex && n->inputs().size() == 2) {
      Node* tuple = constructOf(n->input(0));
      bool done = forwardIndex(n);
      changed |= done;
      if (done && !tuple->hasUses()) tuple->destroy();
    }
  }
  return changed;
}

}  // namespace

bool lowerTuples(Graph& g) { return lowerBlock(g.block()); }

}  // namespace wick::jit
