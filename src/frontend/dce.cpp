// Dead code elimination for freshly compiled graphs: an inverse mark and sweep from the
// return node and from nodes with side effects. If outputs and loop-carried values that
// nothing uses are removed as well. Without alias analysis, a node that writes to one of its
// inputs counts as a side effect unless the written value is a container created in this
// graph (a list or dict literal), in which case it lives exactly as long as that container.
#include <unordered_map>
#include <unordered_set>

#include "frontend/cleanup.h"
#include "wick/ops/op_traits.h"

namespace wick::jit::frontend {

namespace {

// The list/dict literal a value is, or null.
Node* freshContainer(Value* v) {
  Node* n = v->node();
  return n->kind() == prim::kListConstruct || n->kind() == prim::kDictConstruct ? n : nullptr;
}

std::vector<Value*> writtenInputs(const Node* n) {
  std::vector<Value*> out;
  const FunctionSchema* s = n->maybeSchema();
  if (!s) return out;
  for (size_t i = 0; i < s->arguments.size() && i < n->inputs().size(); ++i) {
    if (s->arguments[i].is_write) out.push_back(n->input(i));
  }
  return out;
}

class DeadCodeEliminator {
 public:
  void run(Block* top) {
    mark(top->returnNode());
    markBlock(top);
    sweep(top);
  }

 private:
  bool hasSideEffects(Node* n) {
    auto it = memo_.find(n);
    if (it != memo_.end()) return it->second;
    Symbol k = n->kind();
    bool effects = k == prim::kPrint || k == prim::kRaiseException || k == prim::kSetAttr ||
                   k == prim::kCallFunction || k == prim::kCallMethod ||
                   (n->op() && n->op()->has(kSideEffects));
    for (Value* w : writtenInputs(n)) {
      if (!freshContainer(w)) effects = true;
    }
    for (Block* b : n->blocks()) {
      for (Node* inner : *b) effects = effects || hasSideEffects(inner);
    }
    memo_[n] = effects;
    return effects;
  }

  bool mark(Node* n) {
    if (marked_.count(n)) return false;
    marked_.insert(n);
    // A node inside a block keeps the nodes owning that block alive.
    for (Block* b = n->owningBlock(); b && b->owningNode(); b = b->owningNode()->owningBlock()) {
      Node* owner = b->owningNode();
      if (marked_.count(owner)) break;
      marked_.insert(owner);
      for (Value* in : owner->inputs()) live_.insert(in);
    }
    for (Value* in : n->inputs()) live_.insert(in);
    return true;
  }

  // Block outputs are live only when the owner's corresponding output is.
  bool markReturnNode(Node* ret) {
    if (marked_.count(ret)) return false;
    Node* owner = ret->owningBlock()->owningNode();
    if (!owner) return mark(ret);
    if (owner->kind() == prim::kLoop) {
      Block* body = owner->blocks()[0];
      for (size_t i = 0; i < owner->outputs().size(); ++i) {
        if (live_.count(owner->output(i)) || body->inputs()[i + 1]->hasUses()) {
          live_.insert(body->outputs()[i + 1]);
        }
      }
      live_.insert(body->outputs()[0]);
    } else {
      for (size_t i = 0; i < owner->outputs().size(); ++i) {
        if (live_.count(owner->output(i))) live_.insert(ret->input(i));
      }
    }
    marked_.insert(ret);
    return true;
  }

  bool markIfLive(Node* n) {
    for (Value* out : n->outputs()) {
      if (live_.count(out)) return mark(n);
    }
    for (Value* w : writtenInputs(n)) {
      if (live_.count(w)) return mark(n);
    }
    return false;
  }

  bool markBlock(Block* b) {
    bool any = false;
    for (Node* n : *b) {
      if (hasSideEffects(n)) any |= mark(n);
    }
    any |= markReturnNode(b->returnNode());
    for (Node* n : b->nodesReversed()) {
      if (n->kind() == prim::kLoop) {
        // Loops run to convergence: a value live in the next iteration makes more live.
        bool marked;
        do {
          marked = markBlock(n->blocks()[0]);
          any |= marked;
        } while (marked);
      } else {
        for (Block* sub : n->blocks()) any |= markBlock(sub);
      }
      any |= markIfLive(n);
    }
    return any;
  }

  static void removeDeadIfOutputs(Node* n) {
    if (n->kind() != prim::kIf) return;
    for (size_t i = n->outputs().size(); i-- > 0;) {
      if (n->output(i)->hasUses()) continue;
      n->eraseOutput(i);
      for (Block* b : n->blocks()) b->eraseOutput(i);
    }
  }

  static void removeDeadLoopOutputs(Node* n) {
    if (n->kind() != prim::kLoop) return;
    Block* body = n->blocks()[0];
    for (size_t i = n->outputs().size(); i-- > 0;) {
      if (n->output(i)->hasUses() || body->inputs()[i + 1]->hasUses()) continue;
      n->eraseOutput(i);
      n->removeInput(i + 2);
      body->eraseInput(i + 1);
      body->eraseOutput(i + 1);
    }
  }

  void sweep(Block* b) {
    for (Node* n : b->nodesReversed()) {
      removeDeadIfOutputs(n);
      removeDeadLoopOutputs(n);
      for (Block* sub : n->blocks()) sweep(sub);
      if (!marked_.count(n) && !n->hasUses()) n->destroy();
    }
  }

  std::unordered_set<Node*> marked_;
  std::unordered_set<const Value*> live_;
  std::unordered_map<Node*, bool> memo_;
};

}  // namespace

void eliminateDeadCode(Graph& graph) { DeadCodeEliminator().run(graph.block()); }

}  // namespace wick::jit::frontend
