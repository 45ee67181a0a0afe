#include "frontend/cleanup.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "frontend/emitter.h"
#include "wick/ops/op_traits.h"

namespace wick::jit::frontend {

namespace {

const IValue* constantValue(const Node* n) {
  static const IValue none;
  if (n->kind() != prim::kConstant) return nullptr;
  const IValue* v = n->findAttr("value");
  return v ? v : &none;
}

std::optional<int64_t> constantInt(Value* v) {
  const IValue* c = constantValue(v->node());
  if (!c || !c->isInt()) return std::nullopt;
  return c->toInt();
}

std::optional<bool> constantBool(Value* v) {
  const IValue* c = constantValue(v->node());
  if (!c || !c->isBool()) return std::nullopt;
  return c->toBool();
}

// Values that never change once made: they may be computed at compile time.
bool isMutableType(const TypePtr& t) {
  switch (t->kind()) {
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::Bool:
    case TypeKind::Str:
    case TypeKind::None:
    case TypeKind::Device:
    case TypeKind::Number:
    case TypeKind::ScalarType:
    case TypeKind::Layout:
    case TypeKind::MemoryFormat:
    case TypeKind::Enum: return false;
    case TypeKind::Optional: return isMutableType(t->cast<OptionalType>()->elem());
    case TypeKind::Tuple:
      for (const TypePtr& e : t->cast<TupleType>()->elements())
        if (isMutableType(e)) return true;
      return false;
    default: return true;
  }
}

bool sameIValue(const IValue& a, const IValue& b) {
  if (a.tag() != b.tag()) return false;
  switch (a.tag()) {
    case IValue::Tag::None: return true;
    case IValue::Tag::Double: {
      double x = a.toDouble(), y = b.toDouble();
      return std::memcmp(&x, &y, sizeof(x)) == 0;
    }
    case IValue::Tag::Int: return a.toInt() == b.toInt();
    case IValue::Tag::Bool: return a.toBool() == b.toBool();
    case IValue::Tag::String: return a.toStringRef() == b.toStringRef();
    case IValue::Tag::Device: return a.toDevice() == b.toDevice();
    case IValue::Tag::Tuple:
    case IValue::Tag::List: {
      const auto& ea = a.isTuple() ? a.toTuple().elems : a.toList().elems;
      const auto& eb = b.isTuple() ? b.toTuple().elems : b.toList().elems;
      if (ea.size() != eb.size()) return false;
      for (size_t i = 0; i < ea.size(); ++i)
        if (!sameIValue(ea[i], eb[i])) return false;
      return true;
    }
    default: return a.isSameIdentity(b);
  }
}

bool sameConstant(const Node* a, const Node* b) {
  const IValue* va = constantValue(a);
  const IValue* vb = constantValue(b);
  return va && vb && *a->output()->type() == *b->output()->type() && sameIValue(*va, *vb);
}

bool insertable(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None:
    case IValue::Tag::Int:
    case IValue::Tag::Double:
    case IValue::Tag::Bool:
    case IValue::Tag::String:
    case IValue::Tag::Device:
    case IValue::Tag::Enum: return true;
    case IValue::Tag::Tensor: return !v.toTensor().defined() || !v.toTensor().requires_grad();
    case IValue::Tag::Tuple:
      for (const IValue& e : v.toTuple().elems)
        if (!insertable(e)) return false;
      return true;
    case IValue::Tag::List:
      for (const IValue& e : v.toList().elems)
        if (!insertable(e)) return false;
      return true;
    default: return false;
  }
}

}  // namespace

Value* tryInsertConstant(Graph& graph, const IValue& v) {
  if (!insertable(v)) return nullptr;
  return graph.insertConstant(v);
}

std::optional<std::vector<IValue>> runNodeIfInputsAreConstant(const Node* n) {
  Stack stack;
  for (Value* in : n->inputs()) {
    const IValue* c = constantValue(in->node());
    if (!c) return std::nullopt;
    stack.push_back(*c);
  }
  Symbol k = n->kind();
  if (k == prim::kTupleConstruct) {
    const auto* tt = n->output()->type()->cast<TupleType>();
    IValue t(makeTuple(std::move(stack), tt && tt->isNamed() ? n->output()->type() : nullptr));
    return std::vector<IValue>{t};
  }
  if (k == prim::kTupleUnpack) {
    return stack.at(0).toTuple().elems;
  }
  if (k == prim::kTupleIndex) {
    const auto& elems = stack.at(0).toTuple().elems;
    int64_t i = stack.at(1).toInt();
    if (i < 0) i += static_cast<int64_t>(elems.size());
    if (i < 0 || i >= static_cast<int64_t>(elems.size())) return std::nullopt;
    return std::vector<IValue>{elems[static_cast<size_t>(i)]};
  }
  const OpInfo* op = n->op();
  if (!op || !op->kernel || op->schema.is_vararg) return std::nullopt;
  try {
    op->kernel(stack, n->inputs().size());
  } catch (...) {
    return std::nullopt;
  }
  if (stack.size() != n->outputs().size()) return std::nullopt;
  return stack;
}

// ---- for loops with a break ----

void canonicalizeModifiedLoops(FunctionEmitter& e) {
  Graph& g = e.graph();
  std::function<void(Block*)> visit = [&](Block* block) {
    for (Node* n : block->nodeList()) {
      for (Block* b : n->blocks()) visit(b);
      if (n->kind() != prim::kLoop) continue;
      Block* body = n->blocks()[0];
      auto trip = constantInt(n->input(0));
      auto cond_in = constantBool(n->input(1));
      auto cond_next = constantBool(body->outputs()[0]);
      bool always_true = cond_in && *cond_in && cond_next && *cond_next;
      bool counted =
          !trip || *trip != std::numeric_limits<int64_t>::max() || body->inputs()[0]->hasUses();
      // A counted loop whose body can stop it: make the count an explicit carried value so
      // that the loop reads as a while loop.
      if (always_true || !counted) continue;
      InsertPoint saved = g.insertPoint();
      g.setInsertPoint(n);
      Value* zero = g.insertConstant(IValue(int64_t{0}));
      Value* one = g.insertConstant(IValue(int64_t{1}));
      Value* max_trip = n->input(0);
      Value* cond =
          e.emitBuiltin(SourceRange(), "aten::gt", {NamedValue(max_trip), NamedValue(zero)});
      n->replaceInput(0, g.insertConstant(IValue(std::numeric_limits<int64_t>::max())));
      if (!cond_in || !*cond_in) {
        cond = e.emitBuiltin(SourceRange(), "aten::__and__",
                             {NamedValue(cond), NamedValue(n->input(1))});
      }
      n->replaceInput(1, cond);
      n->addOutput()->setType(IntType::get());
      g.setInsertPoint(body);
      n->addInput(zero);
      Value* iter = body->addInput();
      iter->setType(IntType::get());
      Value* old_iter = body->inputs()[0];
      old_iter->setDebugName("");
      old_iter->replaceAllUsesWith(iter);
      Value* next = e.emitBuiltin(SourceRange(), "aten::add", {NamedValue(iter), NamedValue(one)});
      body->registerOutput(next);
      Value* below =
          e.emitBuiltin(SourceRange(), "aten::lt", {NamedValue(next), NamedValue(max_trip)});
      Value* new_cond = e.emitBuiltin(SourceRange(), "aten::__and__",
                                      {NamedValue(below), NamedValue(body->outputs()[0])});
      body->eraseOutput(0);
      body->insertOutput(0, new_cond);
      g.restoreInsertPoint(saved);
    }
  };
  visit(g.block());
}

namespace {

// ---- tuples ----

void lowerSimpleTuples(Block* block) {
  for (Node* n : *block) {
    Symbol k = n->kind();
    if ((k == prim::kTupleUnpack || k == prim::kTupleIndex) &&
        n->input(0)->node()->kind() == prim::kTupleConstruct) {
      Node* construct = n->input(0)->node();
      if (k == prim::kTupleUnpack) {
        for (size_t i = 0; i < n->outputs().size(); ++i)
          n->output(i)->replaceAllUsesWith(construct->input(i));
      } else if (auto index = constantInt(n->input(1))) {
        int64_t i = *index < 0 ? *index + static_cast<int64_t>(construct->inputs().size()) : *index;
        if (i >= 0 && i < static_cast<int64_t>(construct->inputs().size())) {
          n->output()->replaceAllUsesWith(construct->input(static_cast<size_t>(i)));
        }
      }
    }
    for (Block* b : n->blocks()) lowerSimpleTuples(b);
  }
}

// ---- constant propagation over immutable types ----

class ConstantPropagator {
 public:
  explicit ConstantPropagator(Graph& g) : graph_(g) {}
  bool run() {
    propagate(graph_.block());
    return changed_;
  }

 private:
  bool supported(const Node* n) const {
    Symbol k = n->kind();
    if (k == prim::kIf || k == prim::kLoop || k == prim::kConstant || k == prim::kUninitialized ||
        !n->blocks().empty()) {
      return false;
    }
    if (n->op() && (n->op()->has(kRandom) || n->op()->has(kSideEffects) || n->op()->isMutating()))
      return false;
    for (Value* v : n->inputs())
      if (isMutableType(v->type())) return false;
    for (Value* v : n->outputs())
      if (isMutableType(v->type())) return false;
    return true;
  }

  void propagateNode(Node* n) {
    auto outputs = runNodeIfInputsAreConstant(n);
    if (!outputs) return;
    InsertPoint saved = graph_.insertPoint();
    graph_.setInsertPoint(n);
    for (size_t i = 0; i < outputs->size(); ++i) {
      Value* c = tryInsertConstant(graph_, (*outputs)[i]);
      if (!c) continue;
      changed_ = true;
      if ((*outputs)[i].isNone()) c->setType(n->output(i)->type());
      n->output(i)->replaceAllUsesWith(c);
    }
    graph_.restoreInsertPoint(saved);
  }

  void inlineIf(Node* n) {
    Block* body = n->blocks()[*constantBool(n->input(0)) ? 0 : 1];
    propagate(body);
    for (Node* inner : body->nodeList()) inner->moveBefore(n);
    for (size_t i = 0; i < n->outputs().size(); ++i)
      n->output(i)->replaceAllUsesWith(body->outputs()[i]);
    n->destroy();
    changed_ = true;
  }

  void removeExtraIfOutputs(Node* n) {
    Block* t = n->blocks()[0];
    Block* f = n->blocks()[1];
    size_t before = t->outputs().size();
    InsertPoint saved = graph_.insertPoint();
    graph_.setInsertPoint(n);
    for (size_t i = 0; i < t->outputs().size();) {
      Value* tv = t->outputs()[i];
      Value* fv = f->outputs()[i];
      Value* replacement = nullptr;
      if (tv == fv) {
        replacement = tv;
      } else if (sameConstant(tv->node(), fv->node())) {
        replacement = graph_.insertConstant(*constantValue(tv->node()), tv->type());
      }
      if (!replacement) {
        ++i;
        continue;
      }
      n->output(i)->replaceAllUsesWith(replacement);
      n->eraseOutput(i);
      t->eraseOutput(i);
      f->eraseOutput(i);
    }
    graph_.restoreInsertPoint(saved);
    changed_ |= before != t->outputs().size();
  }

  void removeExtraLoopOutputs(Node* n) {
    Block* body = n->blocks()[0];
    for (size_t i = n->outputs().size(); i-- > 0;) {
      if (body->inputs()[i + 1] != body->outputs()[i + 1]) continue;
      Value* init = n->input(i + 2);
      n->output(i)->replaceAllUsesWith(init);
      body->inputs()[i + 1]->replaceAllUsesWith(init);
      n->eraseOutput(i);
      n->removeInput(i + 2);
      body->eraseInput(i + 1);
      body->eraseOutput(i + 1);
      changed_ = true;
    }
  }

  bool loopWillNotRun(Node* n) {
    int64_t trip = constantInt(n->input(0)).value_or(1);
    bool cond = constantBool(n->input(1)).value_or(true);
    return !(cond && trip > 0);
  }

  void propagate(Node* n) {
    bool constant_inputs = std::all_of(n->inputs().begin(), n->inputs().end(), [](Value* v) {
      return v->node()->kind() == prim::kConstant;
    });
    if (n->kind() == prim::kIf) {
      if (constant_inputs) return inlineIf(n);
      for (Block* b : n->blocks()) propagate(b);
      removeExtraIfOutputs(n);
    } else if (n->kind() == prim::kLoop) {
      if (loopWillNotRun(n)) {
        for (size_t i = 0; i < n->outputs().size(); ++i)
          n->output(i)->replaceAllUsesWith(n->input(i + 2));
        n->destroy();
        changed_ = true;
        return;
      }
      for (Block* b : n->blocks()) propagate(b);
      removeExtraLoopOutputs(n);
    } else if (constant_inputs && supported(n)) {
      propagateNode(n);
    } else {
      for (Block* b : n->blocks()) propagate(b);
    }
  }

  void propagate(Block* block) {
    for (Node* n = block->param()->next(); n != block->returnNode();) {
      Node* next = n->next();
      propagate(n);
      n = next;
    }
  }

  Graph& graph_;
  bool changed_ = false;
};

// ---- constant pooling ----

bool writtenByAUse(Value* v) {
  for (const Use& u : v->uses()) {
    const FunctionSchema* s = u.user->maybeSchema();
    if (s && u.offset < s->arguments.size() && s->arguments[u.offset].is_write) return true;
  }
  return false;
}

void poolConstants(Block* block, std::vector<Node*>& pool) {
  Graph& g = *block->owningGraph();
  for (Node* n = block->param()->next(); n != block->returnNode();) {
    Node* next = n->next();
    if (!n->blocks().empty()) {
      for (Block* b : n->blocks()) poolConstants(b, pool);
    } else if (n->kind() == prim::kConstant) {
      auto same =
          std::find_if(pool.begin(), pool.end(), [&](Node* p) { return sameConstant(p, n); });
      // Sharing a mutable constant is only safe while nobody writes to it.
      bool shareable = same != pool.end() &&
                       (!isMutableType(n->output()->type()) ||
                        (!writtenByAUse(n->output()) && !writtenByAUse((*same)->output())));
      if (shareable) {
        n->output()->replaceAllUsesWith((*same)->output());
        n->destroy();
      } else if (same == pool.end()) {
        pool.push_back(n);
        Node* first = *g.block()->begin();
        if (n != first) n->moveBefore(first);
      }
    }
    n = next;
  }
}

// ---- output canonicalization ----

// Position of a node inside its block (the Return node comes last).
size_t positionInBlock(const Node* n) {
  size_t i = 0;
  for (const Node* k = n->owningBlock()->param()->next(); k != n; k = k->next()) ++i;
  return i;
}

size_t blockIndex(const Block* b) {
  const auto& blocks = b->owningNode()->blocks();
  return static_cast<size_t>(std::find(blocks.begin(), blocks.end(), b) - blocks.begin());
}

size_t depth(const Node* n) {
  size_t d = 0;
  for (const Block* b = n->owningBlock(); b->owningNode(); b = b->owningNode()->owningBlock()) ++d;
  return d;
}

bool nodeBefore(const Node* a, const Node* b) {
  size_t da = depth(a), db = depth(b);
  for (; da > db; --da) {
    a = a->owningBlock()->owningNode();
    if (a == b) return false;
  }
  for (; db > da; --db) {
    b = b->owningBlock()->owningNode();
    if (a == b) return true;
  }
  while (true) {
    if (a->owningBlock() == b->owningBlock()) return positionInBlock(a) < positionInBlock(b);
    const Node* oa = a->owningBlock()->owningNode();
    const Node* ob = b->owningBlock()->owningNode();
    if (oa == ob) return blockIndex(a->owningBlock()) < blockIndex(b->owningBlock());
    a = oa;
    b = ob;
  }
}

bool useBefore(const Use& a, const Use& b) {
  if (a.user == b.user) return a.offset < b.offset;
  return nodeBefore(a.user, b.user);
}

std::vector<size_t> orderByFirstUse(const std::vector<Value*>& values) {
  std::vector<std::optional<Use>> first(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    for (const Use& u : values[i]->uses()) {
      if (!first[i] || useBefore(u, *first[i])) first[i] = u;
    }
  }
  std::vector<size_t> idx(values.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    if (!first[a] || !first[b]) return first[a].has_value() && !first[b].has_value();
    return useBefore(*first[a], *first[b]);
  });
  return idx;
}

bool isIdentity(const std::vector<size_t>& p) {
  for (size_t i = 0; i < p.size(); ++i)
    if (p[i] != i) return false;
  return true;
}

// Replaces outputs [begin, end) of n by new ones in the order `perm` gives.
void permuteNodeOutputs(Node* n, size_t begin, const std::vector<size_t>& perm) {
  std::vector<Value*> old(n->outputs().begin() + static_cast<std::ptrdiff_t>(begin),
                          n->outputs().end());
  for (size_t p : perm) {
    Value* fresh = n->addOutput()->setType(old[p]->type());
    if (old[p]->hasDebugName()) {
      std::string name = old[p]->debugName();
      old[p]->setDebugName("");
      fresh->setDebugName(name);
    }
    old[p]->replaceAllUsesWith(fresh);
  }
  for (size_t i = 0; i < old.size(); ++i) n->eraseOutput(begin);
}

void permuteBlockOutputs(Block* b, size_t begin, const std::vector<size_t>& perm) {
  std::vector<Value*> old(b->outputs().begin() + static_cast<std::ptrdiff_t>(begin),
                          b->outputs().end());
  for (size_t i = 0; i < old.size(); ++i) b->eraseOutput(begin);
  for (size_t p : perm) b->registerOutput(old[p]);
}

void permuteBlockInputs(Block* b, size_t begin, const std::vector<size_t>& perm) {
  std::vector<Value*> old(b->inputs().begin() + static_cast<std::ptrdiff_t>(begin),
                          b->inputs().end());
  for (size_t p : perm) {
    Value* fresh = b->addInput();
    fresh->setType(old[p]->type());
    if (old[p]->hasDebugName()) {
      std::string name = old[p]->debugName();
      old[p]->setDebugName("");
      fresh->setDebugName(name);
    }
    old[p]->replaceAllUsesWith(fresh);
  }
  for (size_t i = 0; i < old.size(); ++i) b->eraseInput(begin);
}

void canonicalizeOutputs(Block* block) {
  for (Node* n : block->nodesReversed()) {
    if (n->kind() == prim::kIf || n->kind() == prim::kLoop) {
      std::vector<size_t> perm = orderByFirstUse({n->outputs().begin(), n->outputs().end()});
      if (!isIdentity(perm)) {
        if (n->kind() == prim::kIf) {
          permuteNodeOutputs(n, 0, perm);
          for (Block* b : n->blocks()) permuteBlockOutputs(b, 0, perm);
        } else {
          Block* body = n->blocks()[0];
          std::vector<Value*> inits(n->inputs().begin() + 2, n->inputs().end());
          while (n->inputs().size() > 2) n->removeInput(n->inputs().size() - 1);
          for (size_t p : perm) n->addInput(inits[p]);
          permuteNodeOutputs(n, 0, perm);
          permuteBlockInputs(body, 1, perm);
          permuteBlockOutputs(body, 1, perm);
        }
      }
    }
    for (Block* b : n->blocks()) canonicalizeOutputs(b);
  }
}

}  // namespace

void runCleanupPasses(Graph& graph) {
  lowerSimpleTuples(graph.block());
  eliminateDeadCode(graph);
  if (ConstantPropagator(graph).run()) eliminateDeadCode(graph);
  std::vector<Node*> pool;
  poolConstants(graph.block(), pool);
  canonicalizeOutputs(graph.block());
}

}  // namespace wick::jit::frontend
