#include "passes/peephole.h"

#include "passes/dead_code_elimination.h"

namespace wick::jit {

namespace {

const Symbol kContiguous = Symbol::aten("contiguous");
const Symbol kInt = Symbol::aten("Int");
const Symbol kNumToTensor = Symbol::prim("NumToTensor");
const Symbol kIs = Symbol::aten("__is__");
const Symbol kIsNot = Symbol::aten("__isnot__");

bool replaceOutput(Node* n, Value* with) {
  if (!n->output()->hasUses()) return false;
  n->output()->replaceAllUsesWith(with);
  return true;
}

bool contiguousStrides(const TensorType& t) {
  if (!t.sizes || !t.strides) return false;
  int64_t expected = 1;
  for (size_t i = t.sizes->size(); i-- > 0;) {
    // Dimensions of size 1 may have any stride, as PyTorch's is_contiguous allows.
    if ((*t.sizes)[i] != 1 && (*t.strides)[i] != expected) return false;
    expected *= (*t.sizes)[i];
  }
  return true;
}

bool noopContiguous(Node* n) {
  if (n->kind() != kContiguous || n->inputs().size() != 2) return false;
  std::optional<IValue> fmt = n->constantInput(1);
  if (!fmt || !fmt->isInt()) return false;
  auto f = static_cast<MemoryFormat>(fmt->toInt());
  if (f != MemoryFormat::Contiguous && f != MemoryFormat::Preserve) return false;
  const auto* t = n->input(0)->type()->cast<TensorType>();
  return t && contiguousStrides(*t) && replaceOutput(n, n->input(0));
}

bool intOfNumToTensor(Node* n) {
  if (n->kind() != kInt || n->inputs().size() != 1) return false;
  Node* producer = n->input(0)->node();
  if (producer->kind() != kNumToTensor || producer->inputs().size() != 1) return false;
  Value* num = producer->input(0);
  return num->type()->kind() == TypeKind::Int && replaceOutput(n, num);
}

bool redundantCast(Node* n) {
  if (n->kind() != prim::kunchecked_cast || n->inputs().size() != 1) return false;
  return n->input(0)->type()->isSubtypeOf(*n->output()->type()) && replaceOutput(n, n->input(0));
}

bool noneTest(Node* n) {
  if ((n->kind() != kIs && n->kind() != kIsNot) || n->inputs().size() != 2 ||
      n->outputs().size() != 1 || !n->output()->hasUses())
    return false;
  Value* a = n->input(0);
  Value* b = n->input(1);
  if (a->type()->kind() == TypeKind::None) std::swap(a, b);
  if (b->type()->kind() != TypeKind::None) return false;
  TypeKind k = a->type()->kind();
  if (k == TypeKind::Optional || k == TypeKind::Any) return false;
  bool is_none = k == TypeKind::None;
  Graph* g = n->owningGraph();
  Node* c = g->createConstant(IValue(n->kind() == kIs ? is_none : !is_none));
  c->insertBefore(n);
  n->output()->replaceAllUsesWith(c->output());
  return true;
}

bool sameIfOutputs(Node* n) {
  if (n->kind() != prim::kIf || n->blocks().size() != 2) return false;
  bool changed = false;
  for (size_t i = 0; i < n->outputs().size(); ++i) {
    Value* a = n->blocks()[0]->outputs()[i];
    // The same value on both sides can only be defined outside the If.
    if (a == n->blocks()[1]->outputs()[i] && n->output(i)->hasUses() &&
        a->type()->isSubtypeOf(*n->output(i)->type())) {
      n->output(i)->replaceAllUsesWith(a);
      changed = true;
    }
  }
  return changed;
}

bool rewriteBlock(Block* b) {
  bool changed = false;
  for (Node* n : b->nodeList()) {
    for (Block* inner : n->blocks()) changed |= rewriteBlock(inner);
    changed |= noopContiguous(n) || intOfNumToTensor(n) || redundantCast(n) || noneTest(n) ||
               sameIfOutputs(n);
  }
  return changed;
}

}  // namespace

bool peephole(Graph& g) {
  bool changed = rewriteBlock(g.block());
  if (changed) eliminateDeadCode(g);
  return changed;
}

}  // namespace wick::jit
