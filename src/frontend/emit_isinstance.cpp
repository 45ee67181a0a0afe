// isinstance(x, T) and isinstance(x, (T1, T2, ...)): a prim::isinstance test, or a constant
// when the static type of x decides it, with the refinements of x in both branches. The type
// list is put in PyTorch 1.13's canonical union order (flattened, without duplicates, sorted)
// so the node prints as PyTorch prints it.
#include <algorithm>

#include "frontend/diagnostics.h"
#include "frontend/emitter.h"

namespace wick::jit::frontend {

namespace {

// The position of a kind in PyTorch's type-kind enumeration, which orders union members.
int unionRank(TypeKind k) {
  switch (k) {
    case TypeKind::Any: return 0;
    case TypeKind::Tensor: return 3;
    case TypeKind::Tuple: return 5;
    case TypeKind::List: return 6;
    case TypeKind::Dict: return 7;
    case TypeKind::Number: return 8;
    case TypeKind::Float: return 9;
    case TypeKind::Int: return 13;
    case TypeKind::None: return 14;
    case TypeKind::Str: return 15;
    case TypeKind::Generator: return 16;
    case TypeKind::Bool: return 18;
    case TypeKind::Optional: return 19;
    case TypeKind::Var: return 20;
    case TypeKind::Device: return 21;
    case TypeKind::Class: return 24;
    case TypeKind::Layout: return 27;
    case TypeKind::ScalarType: return 28;
    case TypeKind::MemoryFormat: return 29;
  }
  return 30;
}

void flattenInto(const TypePtr& t, std::vector<TypePtr>& out) {
  if (const auto* o = t->cast<OptionalType>()) {
    flattenInto(o->elem(), out);
    out.push_back(NoneType::get());
    return;
  }
  out.push_back(t);
}

// The members of the union of `types`: Optionals flattened into T and None, a type that
// unifies with an earlier one merged into it (None is kept apart so that no Optional forms),
// then sorted by kind and spelling.
std::vector<TypePtr> unionMembers(const std::vector<TypePtr>& types) {
  std::vector<TypePtr> flat;
  for (const TypePtr& t : types) flattenInto(t, flat);
  std::vector<TypePtr> out;
  for (const TypePtr& t : flat) {
    bool merged = false;
    for (TypePtr& kept : out) {
      if ((t->kind() == TypeKind::None) != (kept->kind() == TypeKind::None)) continue;
      if (auto u = unifyTypes(kept, t)) {
        kept = *u;
        merged = true;
        break;
      }
    }
    if (!merged) out.push_back(t);
  }
  std::stable_sort(out.begin(), out.end(), [](const TypePtr& a, const TypePtr& b) {
    int ra = unionRank(a->kind()), rb = unionRank(b->kind());
    return ra != rb ? ra < rb : a->str() < b->str();
  });
  return out;
}

// One type for a refinement; null when the members do not unify (TorchScript would refine
// to a Union, which wick's types cannot express, so the variable keeps its type).
TypePtr unifyAll(const std::vector<TypePtr>& types) {
  if (types.empty()) return nullptr;
  TypePtr out = types[0];
  for (size_t i = 1; i < types.size(); ++i) {
    auto u = unifyTypes(out, types[i]);
    if (!u) return nullptr;
    out = *u;
  }
  return out;
}

// Of two types where one is a subtype of the other, the subtype; else null.
TypePtr smallerType(const TypePtr& a, const TypePtr& b) {
  if (a->isSubtypeOf(*b)) return a;
  if (b->isSubtypeOf(*a)) return b;
  return nullptr;
}

}  // namespace

CondValue FunctionEmitter::emitIsInstance(const ExprPtr& obj, const ExprPtr& classinfo) {
  Value* v = emitExpr(obj);
  std::vector<TypePtr> tested;
  std::function<void(const ExprPtr&)> gather = [&](const ExprPtr& c) {
    if (c->kind == ExprKind::Tuple) {
      for (const ExprPtr& e : c->as<SequenceExpr>().elts) gather(e);
      return;
    }
    tested.push_back(type_parser_.parse(*c));
  };
  gather(classinfo);
  std::vector<TypePtr> lhs = unionMembers({v->type()});
  std::vector<TypePtr> rhs = unionMembers(tested);

  // What x can be when the test holds and when it does not. Tested types that x cannot have
  // are dropped: for x : Optional[str], isinstance(x, (str, int)) makes x a str or None.
  std::vector<TypePtr> when_true, when_false;
  bool always = true;
  for (const TypePtr& l : lhs) {
    if (l->kind() == TypeKind::Any) {
      when_true.insert(when_true.end(), rhs.begin(), rhs.end());
      when_false.push_back(l);
      always = when_true.size() == 1 && when_true[0]->kind() == TypeKind::Any;
      break;
    }
    // A member of x's type that is a subtype of a tested type always passes. A tested type
    // narrower than the member (int for a number) passes only for some values, so x keeps
    // the member in the false branch and the test has to run.
    TypePtr found;
    bool certain = false;
    for (const TypePtr& r : rhs) {
      TypePtr smaller = smallerType(l, r);
      if (!smaller) continue;
      if (*smaller == *l) {
        found = l;
        certain = true;
        break;
      }
      if (!found) {
        found = r;
      } else if (auto u = unifyTypes(found, r)) {
        found = *u;
      }
    }
    if (found) when_true.push_back(found);
    if (!certain) {
      when_false.push_back(l);
      always = false;
    }
  }
  RefinementSet refinements;
  if (obj->kind == ExprKind::Name) {
    const std::string& name = obj->as<NameExpr>().id;
    std::vector<Refinement> t, f;
    if (TypePtr u = unifyAll(when_true)) t.push_back(Refinement{name, u});
    if (TypePtr u = unifyAll(when_false)) f.push_back(Refinement{name, u});
    refinements = RefinementSet(std::move(t), std::move(f));
  }
  if (always) return CondValue{insertConstant(IValue(true), obj->range), refinements, true};
  if (when_true.empty())
    return CondValue{insertConstant(IValue(false), obj->range), refinements, false};
  std::vector<IValue> names;
  // Graph spelling (int[], (int, str), Dict(str, int)), as PyTorch prints the types.
  for (const TypePtr& t : rhs) names.emplace_back(t->str());
  Node* n = graph_->create(prim::kisinstance, {v}, 1);
  n->setAttr("types", IValue(makeList(StringType::get(), std::move(names))));
  n->output()->setType(BoolType::get());
  graph_->insertNode(n);
  return CondValue{n->output(), refinements, std::nullopt};
}

}  // namespace wick::jit::frontend
