#include "ir/op_resolution.h"

#include <sstream>
#include <unordered_set>

#include "ir/ir.h"
#include "ir/printer.h"

namespace wick::jit {

namespace {

bool isIntLike(TypeKind k) {
  return k == TypeKind::Int || k == TypeKind::ScalarType || k == TypeKind::Layout ||
         k == TypeKind::MemoryFormat;
}

// How far an accepted argument is from an exact match; lower wins among overloads.
int conversionCost(const TypePtr& formal, const TypePtr& actual) {
  if (formal->kind() == actual->kind()) return 0;
  if (formal->kind() == TypeKind::Optional) {
    return actual->kind() == TypeKind::None
               ? 1
               : 1 + conversionCost(static_cast<const OptionalType&>(*formal).elem(), actual);
  }
  return 2;  // Scalar from a number, Any, int-like spellings
}

std::string typeList(const std::vector<TypePtr>& types) {
  std::string s = "(";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) s += ", ";
    s += types[i] ? graphTypeString(*types[i]) : "<untyped>";
  }
  return s + ")";
}

}  // namespace

bool isStructuralPrim(Symbol kind) {
  static const std::unordered_set<Symbol> prims = {
#define WICK_PRIM(Name, doc) prim::k##Name,
#include "ir/prims.def"
#undef WICK_PRIM
  };
  return prims.count(kind) != 0;
}

bool schemaTypeAccepts(const TypePtr& formal, const TypePtr& actual, TypeBindings& bindings) {
  if (!formal || !actual) return false;
  // A union argument is accepted where every member is (Union[int, float] is a Scalar); a
  // type variable binds to the whole union.
  if (const auto* u = actual->cast<UnionType>();
      u && formal->kind() != TypeKind::Var && formal->kind() != TypeKind::Any) {
    if (actual->isSubtypeOf(*formal)) return true;
    for (const TypePtr& m : u->members())
      if (!schemaTypeAccepts(formal, m, bindings)) return false;
    return true;
  }
  switch (formal->kind()) {
    case TypeKind::Any: return true;
    case TypeKind::Var: {
      const std::string& name = static_cast<const VarType&>(*formal).name();
      auto it = bindings.find(name);
      if (it == bindings.end()) {
        bindings.emplace(name, actual);
        return true;
      }
      if (auto u = unifyTypes(it->second, actual)) {
        it->second = *u;
        return true;
      }
      return false;
    }
    case TypeKind::Optional: {
      if (actual->kind() == TypeKind::None) return true;
      const TypePtr& elem = static_cast<const OptionalType&>(*formal).elem();
      if (const auto* o = actual->cast<OptionalType>())
        return schemaTypeAccepts(elem, o->elem(), bindings);
      return schemaTypeAccepts(elem, actual, bindings);
    }
    case TypeKind::List: {
      const auto* l = actual->cast<ListType>();
      return l &&
             schemaTypeAccepts(static_cast<const ListType&>(*formal).elem(), l->elem(), bindings);
    }
    case TypeKind::Tuple: {
      const auto& f = static_cast<const TupleType&>(*formal);
      const auto* t = actual->cast<TupleType>();
      if (!t || t->elements().size() != f.elements().size()) return false;
      for (size_t i = 0; i < f.elements().size(); ++i)
        if (!schemaTypeAccepts(f.elements()[i], t->elements()[i], bindings)) return false;
      return true;
    }
    case TypeKind::Dict: {
      const auto& f = static_cast<const DictType&>(*formal);
      const auto* d = actual->cast<DictType>();
      return d && schemaTypeAccepts(f.key(), d->key(), bindings) &&
             schemaTypeAccepts(f.value(), d->value(), bindings);
    }
    case TypeKind::Number:
      return actual->kind() == TypeKind::Int || actual->kind() == TypeKind::Float ||
             actual->kind() == TypeKind::Bool || actual->kind() == TypeKind::Number;
    case TypeKind::Tensor: return actual->kind() == TypeKind::Tensor;
    default:
      if (isIntLike(formal->kind()) && isIntLike(actual->kind())) return true;
      return actual->isSubtypeOf(*formal);
  }
}

TypePtr substituteTypeVars(const TypePtr& formal, const TypeBindings& bindings) {
  switch (formal->kind()) {
    case TypeKind::Var: {
      auto it = bindings.find(static_cast<const VarType&>(*formal).name());
      return it == bindings.end() ? AnyType::get() : it->second;
    }
    case TypeKind::List:
      return ListType::create(
          substituteTypeVars(static_cast<const ListType&>(*formal).elem(), bindings));
    case TypeKind::Optional:
      return OptionalType::create(
          substituteTypeVars(static_cast<const OptionalType&>(*formal).elem(), bindings));
    case TypeKind::Dict: {
      const auto& d = static_cast<const DictType&>(*formal);
      return DictType::create(substituteTypeVars(d.key(), bindings),
                              substituteTypeVars(d.value(), bindings));
    }
    case TypeKind::Tuple: {
      const auto& t = static_cast<const TupleType&>(*formal);
      if (t.isNamed()) return formal;
      std::vector<TypePtr> elems;
      for (const TypePtr& e : t.elements()) elems.push_back(substituteTypeVars(e, bindings));
      return TupleType::create(std::move(elems));
    }
    default: return formal;
  }
}

namespace {

// Whether a node output declared as `declared` can come from a schema return of type `ret`
// (generic and Any returns fit anything).
bool returnFits(const TypePtr& ret, const TypePtr& declared, TypeBindings bindings) {
  if (!declared || ret->kind() == TypeKind::Any || ret->kind() == TypeKind::Var) return true;
  return schemaTypeAccepts(ret, declared, bindings);
}

// Overloads that accept the same inputs but return what the node does not declare rank
// behind the others (prim::EnumValue's .int/.float/.str differ only in their return).
constexpr int kReturnMismatchCost = 1000;

}  // namespace

const OpInfo* findOverload(Symbol kind, const std::vector<TypePtr>& input_types, size_t num_outputs,
                           std::string* why_not, const std::vector<TypePtr>* output_types) {
  const auto& candidates = overloadsOf(kind.toQualString());
  if (candidates.empty()) {
    if (why_not) *why_not = "unknown operator " + kind.toQualString();
    return nullptr;
  }
  const OpInfo* best = nullptr;
  int best_cost = 0;
  for (const OpInfo* op : candidates) {
    const FunctionSchema& s = op->schema;
    bool arity_ok = s.is_vararg ? input_types.size() >= s.arguments.size()
                                : input_types.size() == s.arguments.size();
    bool returns_ok = s.is_varret || s.returns.size() == num_outputs;
    if (!arity_ok || !returns_ok) continue;
    TypeBindings bindings;
    int cost = 0;
    bool ok = true;
    for (size_t i = 0; i < s.arguments.size() && ok; ++i) {
      ok = schemaTypeAccepts(s.arguments[i].type, input_types[i], bindings);
      if (ok) cost += conversionCost(s.arguments[i].type, input_types[i]);
    }
    if (ok && output_types && !s.is_varret) {
      for (size_t i = 0; i < s.returns.size() && i < output_types->size(); ++i) {
        if (!returnFits(s.returns[i].type, (*output_types)[i], bindings))
          cost += kReturnMismatchCost;
      }
    }
    if (ok && (!best || cost < best_cost)) {
      best = op;
      best_cost = cost;
    }
  }
  if (!best && why_not) {
    std::ostringstream msg;
    msg << kind.toQualString() << ": no overload accepts arguments " << typeList(input_types)
        << " with " << num_outputs << (num_outputs == 1 ? " output" : " outputs")
        << "; candidates are:";
    for (const OpInfo* op : candidates) msg << "\n  " << op->schema_text;
    *why_not = msg.str();
  }
  return best;
}

void resolveNodeOp(Node& n) {
  if (isStructuralPrim(n.kind())) return;
  std::vector<TypePtr> types;
  types.reserve(n.inputs().size());
  for (const Value* v : n.inputs()) types.push_back(v->type());
  std::string why;
  const OpInfo* op = findOverload(n.kind(), types, n.outputs().size(), &why);
  WICK_CHECK(op, why, "\n  in node: ", nodeString(n));
  n.setOp(op);
}

}  // namespace wick::jit
