#include "passes/node_effects.h"

#include <cstring>
#include <numeric>

#include "ir/op_resolution.h"

namespace wick::jit {

namespace {

bool isCallLike(Symbol k) {
  return k == prim::kCallMethod || k == prim::kCallFunction || k == prim::kTracedModuleForward ||
         k == prim::kEnter || k == prim::kExit;
}

bool isImmutableType(const Type& t) {
  switch (t.kind()) {
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::Bool:
    case TypeKind::Str:
    case TypeKind::None:
    case TypeKind::Device:
    case TypeKind::Number:
    case TypeKind::ScalarType:
    case TypeKind::Layout:
    case TypeKind::MemoryFormat: return true;
    case TypeKind::Optional: return isImmutableType(*static_cast<const OptionalType&>(t).elem());
    default: return false;
  }
}

}  // namespace

bool hasSideEffects(const Node& n) {
  Symbol k = n.kind();
  if (k == prim::kPrint || k == prim::kRaiseException || k == prim::kSetAttr || isCallLike(k))
    return true;
  for (const Block* b : n.blocks())
    for (const Node* inner : *b)
      if (hasSideEffects(*inner)) return true;
  if (isStructuralPrim(k)) return false;
  const OpInfo* op = n.op();
  if (!op) return true;  // unknown: assume the worst
  return op->has(kSideEffects) || op->isMutating();
}

bool isDeterministic(const Node& n) {
  Symbol k = n.kind();
  if (k == prim::kConstant || k == prim::kTupleConstruct || k == prim::kTupleUnpack ||
      k == prim::kTupleIndex || k == prim::kListUnpack || k == prim::kunchecked_cast ||
      k == prim::kisinstance)
    return true;
  if (isStructuralPrim(k) || !n.blocks().empty()) return false;
  const OpInfo* op = n.op();
  return op && op->has(kPure) && !op->has(kRandom) && !op->has(kSideEffects) && !op->isMutating();
}

// ---- MutationInfo ----

MutationInfo::MutationInfo(const Graph& g) { visitBlock(g.block()); }

size_t MutationInfo::id(const Value* v) {
  auto [it, fresh] = ids_.emplace(v, parent_.size());
  if (fresh) {
    parent_.push_back(parent_.size());
    written_.push_back(false);
  }
  return it->second;
}

size_t MutationInfo::find(size_t i) const {
  while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
  return i;
}

void MutationInfo::unite(const Value* a, const Value* b) {
  size_t x = find(id(a)), y = find(id(b));
  if (x == y) return;
  parent_[y] = x;
  written_[x] = written_[x] || written_[y];
}

void MutationInfo::markWritten(const Value* v) { written_[find(id(v))] = true; }

bool MutationInfo::mayBeMutated(const Value* v) const {
  if (v->type() && isImmutableType(*v->type())) return false;
  auto it = ids_.find(v);
  return it != ids_.end() && written_[find(it->second)];
}

void MutationInfo::visitBlock(const Block* b) {
  for (const Value* v : b->inputs()) id(v);
  for (const Node* n : *b) visitNode(n);
}

void MutationInfo::visitNode(const Node* n) {
  for (const Value* v : n->outputs()) id(v);
  for (const Block* b : n->blocks()) visitBlock(b);
  Symbol k = n->kind();
  if (k == prim::kIf) {
    for (const Block* b : n->blocks())
      for (size_t i = 0; i < n->outputs().size(); ++i) unite(n->output(i), b->outputs()[i]);
    return;
  }
  if (k == prim::kLoop) {
    const Block* body = n->blocks().at(0);
    for (size_t i = 0; i < n->outputs().size(); ++i) {
      unite(n->output(i), n->input(i + 2));
      unite(n->output(i), body->inputs()[i + 1]);
      unite(n->output(i), body->outputs()[i + 1]);
    }
    return;
  }
  const OpInfo* op = n->op();
  bool unknown = !isStructuralPrim(k) && !op;
  if (unknown || isCallLike(k) || k == prim::kSetAttr) {
    // May keep references to and write anything it is given.
    for (const Value* in : n->inputs()) {
      markWritten(in);
      for (const Value* out : n->outputs()) unite(in, out);
    }
    return;
  }
  if (!op) {
    // Containers, unpacking, casts and attribute reads share their inputs' objects.
    if (k != prim::kConstant)
      for (const Value* in : n->inputs())
        for (const Value* out : n->outputs()) unite(in, out);
    return;
  }
  const FunctionSchema& s = op->schema;
  for (size_t i = 0; i < s.arguments.size() && i < n->inputs().size(); ++i) {
    const SchemaArgument& a = s.arguments[i];
    if (a.is_write) markWritten(n->input(i));
    if (a.alias_set.empty()) continue;
    for (size_t r = 0; r < s.returns.size() && r < n->outputs().size(); ++r)
      if (s.returns[r].alias_set == a.alias_set) unite(n->input(i), n->output(r));
    // Generic list ops put elements into a written list: they alias it.
    if (a.is_write)
      for (size_t j = 0; j < n->inputs().size(); ++j) unite(n->input(i), n->input(j));
  }
}

bool strictlyEqual(const IValue& a, const IValue& b) {
  if (a.tag() != b.tag()) return false;
  switch (a.tag()) {
    case IValue::Tag::Double: {
      double x = a.toDouble(), y = b.toDouble();
      return std::memcmp(&x, &y, sizeof(double)) == 0;
    }
    case IValue::Tag::List: {
      const auto& x = a.toList();
      const auto& y = b.toList();
      if (x.elems.size() != y.elems.size()) return false;
      if ((x.elem_type == nullptr) != (y.elem_type == nullptr)) return false;
      if (x.elem_type && *x.elem_type != *y.elem_type) return false;
      for (size_t i = 0; i < x.elems.size(); ++i)
        if (!strictlyEqual(x.elems[i], y.elems[i])) return false;
      return true;
    }
    case IValue::Tag::Tuple: {
      const auto& x = a.toTuple().elems;
      const auto& y = b.toTuple().elems;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!strictlyEqual(x[i], y[i])) return false;
      return true;
    }
    case IValue::Tag::Dict:
    case IValue::Tag::Object:
    case IValue::Tag::Enum:
    case IValue::Tag::Generator:
    case IValue::Tag::Tensor: return a.isSameIdentity(b);
    default: return a == b;
  }
}

}  // namespace wick::jit
