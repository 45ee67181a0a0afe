// Dead code elimination for freshly compiled graphs: an inverse mark and sweep from the
// return node and from nodes with side effects. If outputs and loop-carried values that
// nothing uses are removed as well. Without alias analysis, a node that writes to one of its
// inputs counts as a side effect unless the written value is a container created in this
// graph (a list or dict literal), in which case it lives exactly as long as that container.
#include <vector>

#include "frontend/cleanup.h"
#include "wick/ops/op_traits.h"

namespace wick::jit::frontend {

namespace {

// The list/dict literal a value is, or null.
Node* freshContainer(Value* v) {
  Node* n = v->node();
  return n->kind() == prim::kListConstruct || n->kind() == prim::kDictConstruct ? n : nullptr;
}

// Calls f(value) for each input `n` writes in place; stops early when f returns true.
template <class F>
bool anyWrittenInput(const Node* n, F f) {
  const FunctionSchema* s = n->maybeSchema();
  if (!s) return false;
  for (size_t i = 0; i < s->arguments.size() && i < n->inputs().size(); ++i) {
    if (s->arguments[i].is_write && f(n->input(i))) return true;
  }
  return false;
}

// A set of pointers with open addressing: every function compiled runs this pass once or
// twice over all its nodes, and node-based hash sets made it allocate per element.
class PointerSet {
 public:
  PointerSet() : slots_(64, nullptr) {}
  bool contains(const void* p) const {
    for (size_t i = hash(p);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == p) return true;
      if (!slots_[i]) return false;
    }
  }
  // False if `p` was already there.
  bool insert(const void* p) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    for (size_t i = hash(p);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == p) return false;
      if (!slots_[i]) {
        slots_[i] = p;
        ++size_;
        return true;
      }
    }
  }

 private:
  size_t hash(const void* p) const {
    auto x = reinterpret_cast<uintptr_t>(p) >> 4;
    return static_cast<size_t>(x * 0x9E3779B97F4A7C15ull) & (slots_.size() - 1);
  }
  void grow() {
    std::vector<const void*> old(slots_.size() * 2, nullptr);
    old.swap(slots_);
    size_ = 0;
    for (const void* p : old)
      if (p) insert(p);
  }
  std::vector<const void*> slots_;
  size_t size_ = 0;
};

class DeadCodeEliminator {
 public:
  void run(Block* top) {
    mark(top->returnNode());
    markBlock(top);
    sweep(top);
  }

 private:
  bool hasSideEffects(Node* n) {
    if (effects_known_.contains(n)) return with_effects_.contains(n);
    Symbol k = n->kind();
    bool effects = k == prim::kPrint || k == prim::kRaiseException || k == prim::kSetAttr ||
                   k == prim::kCallFunction || k == prim::kCallMethod || k == prim::kEnter ||
                   k == prim::kExit || (n->op() && n->op()->has(kSideEffects)) ||
                   anyWrittenInput(n, [](Value* w) { return !freshContainer(w); });
    for (Block* b : n->blocks()) {
      for (Node* inner : *b) effects = hasSideEffects(inner) || effects;
    }
    effects_known_.insert(n);
    if (effects) with_effects_.insert(n);
    return effects;
  }

  bool mark(Node* n) {
    if (!marked_.insert(n)) return false;
    // A node inside a block keeps the nodes owning that block alive.
    for (Block* b = n->owningBlock(); b && b->owningNode(); b = b->owningNode()->owningBlock()) {
      Node* owner = b->owningNode();
      if (!marked_.insert(owner)) break;
      for (Value* in : owner->inputs()) live_.insert(in);
    }
    for (Value* in : n->inputs()) live_.insert(in);
    return true;
  }

  // Block outputs are live only when the owner's corresponding output is.
  bool markReturnNode(Node* ret) {
    if (marked_.contains(ret)) return false;
    Node* owner = ret->owningBlock()->owningNode();
    if (!owner) return mark(ret);
    if (owner->kind() == prim::kLoop) {
      Block* body = owner->blocks()[0];
      for (size_t i = 0; i < owner->outputs().size(); ++i) {
        if (live_.contains(owner->output(i)) || body->inputs()[i + 1]->hasUses()) {
          live_.insert(body->outputs()[i + 1]);
        }
      }
      live_.insert(body->outputs()[0]);
    } else {
      for (size_t i = 0; i < owner->outputs().size(); ++i) {
        if (live_.contains(owner->output(i))) live_.insert(ret->input(i));
      }
    }
    marked_.insert(ret);
    return true;
  }

  bool markIfLive(Node* n) {
    for (Value* out : n->outputs()) {
      if (live_.contains(out)) return mark(n);
    }
    if (anyWrittenInput(n, [&](Value* w) { return live_.contains(w); })) return mark(n);
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
      if (!marked_.contains(n) && !n->hasUses()) n->destroy();
    }
  }

  PointerSet marked_;
  PointerSet live_;
  PointerSet effects_known_;
  PointerSet with_effects_;
};

}  // namespace

void eliminateDeadCode(Graph& graph) { DeadCodeEliminator().run(graph.block()); }

}  // namespace wick::jit::frontend
