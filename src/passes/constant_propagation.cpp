#include "passes/constant_propagation.h"

#include "ir/op_resolution.h"
#include "passes/dead_code_elimination.h"
#include "passes/node_effects.h"
#include "passes/node_eval.h"

namespace wick::jit {

namespace {

constexpr int64_t kSmallTensor = 10;

// Values a prim::Constant can hold and the printer can spell.
bool insertable(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None:
    case IValue::Tag::Int:
    case IValue::Tag::Double:
    case IValue::Tag::Bool:
    case IValue::Tag::Enum:
    case IValue::Tag::String:
    case IValue::Tag::Device: return true;
    case IValue::Tag::Tensor: return v.toTensor().defined() && !v.toTensor().requires_grad();
    case IValue::Tag::List: {
      const TypePtr& e = v.toList().elem_type;
      if (!e) return false;
      TypeKind k = e->kind();
      if (k != TypeKind::Int && k != TypeKind::Float && k != TypeKind::Bool && k != TypeKind::Str)
        return false;
      for (const IValue& x : v.toList().elems)
        if (!insertable(x)) return false;
      return true;
    }
    case IValue::Tag::Tuple:
      for (const IValue& x : v.toTuple().elems)
        if (!insertable(x)) return false;
      return true;
    default: return false;
  }
}

int64_t tensorElements(const IValue& v) {
  if (v.isTensor()) return v.toTensor().defined() ? v.toTensor().impl()->numel() : 0;
  int64_t n = 0;
  if (v.isTuple())
    for (const IValue& x : v.toTuple().elems) n += tensorElements(x);
  return n;
}

bool allInputsConstant(const Node* n) {
  for (const Value* v : n->inputs())
    if (v->node()->kind() != prim::kConstant) return false;
  return true;
}

bool foldable(const Node* n, const MutationInfo& mutation) {
  Symbol k = n->kind();
  if (k == prim::kConstant || !n->blocks().empty()) return false;
  if (k == prim::kListConstruct) return !mutation.mayBeMutated(n->output());
  if (k == prim::kTupleConstruct || k == prim::kTupleUnpack || k == prim::kTupleIndex ||
      k == prim::kListUnpack)
    return true;
  if (isStructuralPrim(k) || !isDeterministic(*n)) return false;
  // A view's result shares memory with its input; a fresh constant would not.
  for (const SchemaArgument& r : n->op()->schema.returns)
    if (!r.alias_set.empty()) return false;
  for (const Value* in : n->inputs())
    if (mutation.mayBeMutated(in)) return false;
  return true;
}

TypePtr constantType(const IValue& v, const TypePtr& declared) {
  if (v.isTensor()) return TensorType::create(v.toTensor());
  if (v.isNone()) return declared->kind() == TypeKind::Optional ? declared : NoneType::get();
  return v.type();
}

bool foldNode(Node* n, const MutationInfo& mutation) {
  if (!allInputsConstant(n) || !foldable(n, mutation)) return false;
  std::vector<IValue> inputs;
  int64_t input_elements = 0;
  for (size_t i = 0; i < n->inputs().size(); ++i) {
    inputs.push_back(*n->constantInput(i));
    input_elements += tensorElements(inputs.back());
  }
  std::optional<std::vector<IValue>> outs;
  try {
    outs = evalNode(*n, inputs);
  } catch (const std::exception&) {
    return false;  // the run will raise it, where it belongs
  }
  if (!outs || outs->size() != n->outputs().size()) return false;
  for (const IValue& v : *outs) {
    if (!insertable(v)) return false;
    if (tensorElements(v) > std::max(kSmallTensor, input_elements)) return false;
  }
  Graph* g = n->owningGraph();
  for (size_t i = 0; i < outs->size(); ++i) {
    Node* c = g->createConstant((*outs)[i], constantType((*outs)[i], n->output(i)->type()));
    c->insertBefore(n);
    c->setSourceRange(n->sourceRange());
    n->output(i)->replaceAllUsesWith(c->output());
  }
  n->destroy();
  return true;
}

// Moves the nodes of `taken` before n and makes n's outputs the block's.
void inlineBlock(Node* n, Block* taken) {
  for (Node* inner : taken->nodeList()) inner->moveBefore(n);
  for (size_t i = 0; i < n->outputs().size(); ++i)
    n->output(i)->replaceAllUsesWith(taken->outputs()[i]);
  n->destroy();
}

bool foldControlFlow(Node* n) {
  if (n->kind() == prim::kIf) {
    std::optional<IValue> cond = n->constantInput(0);
    if (!cond || !cond->isBool()) return false;
    inlineBlock(n, n->blocks()[cond->toBool() ? 0 : 1]);
    return true;
  }
  if (n->kind() == prim::kLoop) {
    std::optional<IValue> trips = n->constantInput(0);
    std::optional<IValue> cond = n->constantInput(1);
    bool never = (trips && trips->isInt() && trips->toInt() <= 0) ||
                 (cond && cond->isBool() && !cond->toBool());
    if (!never) return false;
    for (size_t i = 0; i < n->outputs().size(); ++i)
      n->output(i)->replaceAllUsesWith(n->input(i + 2));
    n->destroy();
    return true;
  }
  return false;
}

bool propagateBlock(Block* b, const MutationInfo& mutation) {
  bool changed = false;
  for (Node* n = *b->begin(); n != b->returnNode();) {
    Node* next = n->next();
    if (n->kind() == prim::kIf || n->kind() == prim::kLoop) {
      if (foldControlFlow(n)) {
        // The taken branch's nodes now sit before `next`; the next round looks at them.
        changed = true;
        n = next;
        continue;
      }
      for (Block* inner : n->blocks()) changed |= propagateBlock(inner, mutation);
    } else {
      changed |= foldNode(n, mutation);
    }
    n = next;
  }
  return changed;
}

}  // namespace

bool propagateConstants(Graph& g) {
  bool changed = false;
  // Folding an If can expose more constants (its branch's nodes); repeat until settled.
  while (true) {
    MutationInfo mutation(g);
    if (!propagateBlock(g.block(), mutation)) break;
    changed = true;
  }
  if (changed) eliminateDeadCode(g);
  return changed;
}

}  // namespace wick::jit
