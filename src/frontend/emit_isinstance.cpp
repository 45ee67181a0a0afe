// isinstance(x, T) and isinstance(x, (T1, T2, ...)): a prim::isinstance test, or a constant
// when the static type of x decides it, with the refinements of x in both branches. The type
// list is put in PyTorch 1.13's canonical union order (flattened, without duplicates, sorted)
// so the node prints as PyTorch prints it.
#include <algorithm>

#include "frontend/diagnostics.h"
#include "frontend/emitter.h"

namespace wick::jit::frontend {

namespace {

// One type for a refinement: the union of `types` (null when there are none).
TypePtr unionOf(const std::vector<TypePtr>& types) {
  return types.empty() ? nullptr : UnionType::create(types);
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
  // The bare names `list` and `tuple` test for any list or tuple (PyTorch's AnyListType and
  // AnyTupleType, which sort after every other kind).
  bool any_list = false, any_tuple = false;
  std::function<void(const ExprPtr&)> gather = [&](const ExprPtr& c) {
    if (c->kind == ExprKind::Tuple) {
      for (const ExprPtr& e : c->as<SequenceExpr>().elts) gather(e);
      return;
    }
    if (c->kind == ExprKind::Name && c->as<NameExpr>().id == "list") {
      any_list = true;
    } else if (c->kind == ExprKind::Name && c->as<NameExpr>().id == "tuple") {
      any_tuple = true;
    } else {
      tested.push_back(type_parser_.parse(*c));
    }
  };
  gather(classinfo);
  std::vector<TypePtr> lhs = UnionType::canonicalMembers({v->type()});
  std::vector<TypePtr> rhs = UnionType::canonicalMembers(tested);

  // What x can be when the test holds and when it does not. Tested types that x cannot have
  // are dropped: for x : Optional[str], isinstance(x, (str, int)) makes x a str or None.
  std::vector<TypePtr> when_true, when_false;
  bool always = true;
  for (const TypePtr& l : lhs) {
    if (l->kind() == TypeKind::Any) {
      when_true.insert(when_true.end(), rhs.begin(), rhs.end());
      // Any list is a List[Any]; any tuple has no one type, so x stays Any.
      if (any_list) when_true.push_back(ListType::create(AnyType::get()));
      if (any_tuple) when_true.push_back(AnyType::get());
      when_false.push_back(l);
      always =
          !any_list && !any_tuple && when_true.size() == 1 && when_true[0]->kind() == TypeKind::Any;
      break;
    }
    // A member of x's type that is a subtype of a tested type always passes. A tested type
    // narrower than the member (int for a number) passes only for some values, so x keeps
    // the member in the false branch and the test has to run.
    TypePtr found;
    bool certain =
        (any_list && l->kind() == TypeKind::List) || (any_tuple && l->kind() == TypeKind::Tuple);
    if (certain) found = l;
    for (const TypePtr& r : certain ? std::vector<TypePtr>{} : rhs) {
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
    if (TypePtr u = unionOf(when_true)) t.push_back(Refinement{name, u});
    if (TypePtr u = unionOf(when_false)) f.push_back(Refinement{name, u});
    refinements = RefinementSet(std::move(t), std::move(f));
  }
  if (always) return CondValue{insertConstant(IValue(true), obj->range), refinements, true};
  if (when_true.empty())
    return CondValue{insertConstant(IValue(false), obj->range), refinements, false};
  std::vector<IValue> names;
  // Graph spelling (int[], (int, str), Dict(str, int)), as PyTorch prints the types.
  for (const TypePtr& t : rhs) names.emplace_back(t->str());
  if (any_list) names.emplace_back("list");
  if (any_tuple) names.emplace_back("tuple");
  Node* n = graph_->create(prim::kisinstance, {v}, 1);
  n->setAttr("types", IValue(makeList(StringType::get(), std::move(names))));
  n->output()->setType(BoolType::get());
  graph_->insertNode(n);
  return CondValue{n->output(), refinements, std::nullopt};
}

}  // namespace wick::jit::frontend
