#include "passes/dead_code_elimination.h"

#include "passes/node_effects.h"

namespace wick::jit {

namespace {

bool sweepBlock(Block* b);

bool dropUnusedIfOutputs(Node* n) {
  bool changed = false;
  for (size_t i = n->outputs().size(); i-- > 0;) {
    if (n->output(i)->hasUses()) continue;
    for (Block* b : n->blocks()) b->eraseOutput(i);
    n->eraseOutput(i);
    changed = true;
  }
  return changed;
}

// A carried value can go when its result is unused and the body only passes it along.
bool dropUnusedLoopCarried(Node* n) {
  bool changed = false;
  Block* body = n->blocks().at(0);
  for (size_t i = n->outputs().size(); i-- > 0;) {
    if (n->output(i)->hasUses()) continue;
    Value* param = body->inputs()[i + 1];
    bool only_passed_along = true;
    for (const Use& u : param->uses())
      only_passed_along &= u.user == body->returnNode() && u.offset == i + 1;
    if (!only_passed_along) continue;
    body->eraseOutput(i + 1);
    body->eraseInput(i + 1);
    n->removeInput(i + 2);
    n->eraseOutput(i);
    changed = true;
  }
  return changed;
}

bool sweepNode(Node* n) {
  bool changed = false;
  if (n->kind() == prim::kIf) changed |= dropUnusedIfOutputs(n);
  if (n->kind() == prim::kLoop && !n->blocks().empty()) changed |= dropUnusedLoopCarried(n);
  for (Block* b : n->blocks()) changed |= sweepBlock(b);
  if (!n->hasUses() && !hasSideEffects(*n)) {
    n->destroy();
    return true;
  }
  return changed;
}

// Later nodes first, so a node's users are settled before the node is looked at.
bool sweepBlock(Block* b) {
  bool changed = false;
  for (Node* n : b->nodesReversed()) changed |= sweepNode(n);
  return changed;
}

}  // namespace

bool eliminateDeadCode(Graph& g) {
  bool changed = false;
  // Removing a body's last use of a carried value can free the value itself: repeat.
  while (sweepBlock(g.block())) changed = true;
  return changed;
}

}  // namespace wick::jit
