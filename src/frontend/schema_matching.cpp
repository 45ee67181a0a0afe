#include "frontend/schema_matching.h"

#include <map>
#include <sstream>

#include "frontend/builtins.h"
#include "frontend/diagnostics.h"
#include "frontend/emitter.h"
#include "ops/op_aliases.h"

namespace wick::jit::frontend {

std::string typeName(const TypePtr& t) { return t->annotationStr(); }

namespace {

using TypeEnv = std::map<std::string, TypePtr>;

TypePtr unwrapOptional(const TypePtr& t) {
  if (const auto* o = t->cast<OptionalType>()) return o->elem();
  return t;
}

bool hasFreeVariables(const TypePtr& t) {
  if (t->kind() == TypeKind::Var) return true;
  for (const TypePtr& c : t->containedTypes())
    if (hasFreeVariables(c)) return true;
  return false;
}

// Binds the type variables of `formal` so that `actual` matches it. Returns an empty string
// on success, else why it does not match.
std::string matchTypeVariables(const TypePtr& formal, const TypePtr& actual, TypeEnv& env) {
  if (!hasFreeVariables(formal)) return {};
  if (const auto* v = formal->cast<VarType>()) {
    auto it = env.find(v->name());
    if (it == env.end()) {
      env[v->name()] = actual;
      return {};
    }
    if (auto u = unifyTypes(it->second, actual)) {
      it->second = *u;
      return {};
    }
    return "type variable '" + v->name() + "' previously matched to type " + typeName(it->second) +
           " is matched to type " + typeName(actual);
  }
  if (const auto* fl = formal->cast<ListType>()) {
    if (const auto* al = actual->cast<ListType>())
      return matchTypeVariables(fl->elem(), al->elem(), env);
    if (const auto* at = actual->cast<TupleType>()) {
      // A homogeneous tuple can be passed as a list.
      std::optional<TypePtr> elem =
          at->elements().empty() ? std::nullopt : std::optional<TypePtr>(at->elements()[0]);
      for (const TypePtr& e : at->elements()) {
        if (elem) elem = unifyTypes(*elem, e);
      }
      if (elem) return matchTypeVariables(fl->elem(), *elem, env);
    }
    return "cannot match " + typeName(formal) + " to " + typeName(actual);
  }
  if (const auto* ft = formal->cast<TupleType>()) {
    const auto* at = actual->cast<TupleType>();
    if (!at || at->elements().size() != ft->elements().size()) {
      return "cannot match a tuple to " + typeName(actual);
    }
    for (size_t i = 0; i < ft->elements().size(); ++i) {
      std::string why = matchTypeVariables(ft->elements()[i], at->elements()[i], env);
      if (!why.empty()) return why;
    }
    return {};
  }
  if (const auto* fo = formal->cast<OptionalType>()) {
    if (const auto* ao = actual->cast<OptionalType>())
      return matchTypeVariables(fo->elem(), ao->elem(), env);
    if (actual->kind() == TypeKind::None) return {};
    return matchTypeVariables(fo->elem(), actual, env);
  }
  if (const auto* fd = formal->cast<DictType>()) {
    const auto* ad = actual->cast<DictType>();
    if (!ad) return "cannot match a dict to " + typeName(actual);
    std::string why = matchTypeVariables(fd->key(), ad->key(), env);
    return why.empty() ? matchTypeVariables(fd->value(), ad->value(), env) : why;
  }
  return {};
}

// `formal` with its type variables replaced; null if one is unbound.
TypePtr evalTypeVariables(const TypePtr& formal, const TypeEnv& env) {
  if (!hasFreeVariables(formal)) return formal;
  if (const auto* v = formal->cast<VarType>()) {
    auto it = env.find(v->name());
    return it == env.end() ? nullptr : it->second;
  }
  if (const auto* l = formal->cast<ListType>()) {
    TypePtr e = evalTypeVariables(l->elem(), env);
    return e ? ListType::create(e) : nullptr;
  }
  if (const auto* o = formal->cast<OptionalType>()) {
    TypePtr e = evalTypeVariables(o->elem(), env);
    return e ? OptionalType::create(e) : nullptr;
  }
  if (const auto* d = formal->cast<DictType>()) {
    TypePtr k = evalTypeVariables(d->key(), env);
    TypePtr v = evalTypeVariables(d->value(), env);
    return k && v ? DictType::create(k, v) : nullptr;
  }
  if (const auto* t = formal->cast<TupleType>()) {
    std::vector<TypePtr> elems;
    for (const TypePtr& e : t->elements()) {
      elems.push_back(evalTypeVariables(e, env));
      if (!elems.back()) return nullptr;
    }
    return TupleType::create(std::move(elems));
  }
  return formal;
}

bool convertibleToList(const TypePtr& type, const TypePtr& list_type) {
  const auto* lt = list_type->cast<ListType>();
  if (!lt) return false;
  if (type->isSubtypeOf(*list_type)) return true;
  if (const auto* tt = type->cast<TupleType>()) {
    for (const TypePtr& e : tt->elements())
      if (!e->isSubtypeOf(*lt->elem())) return false;
    return true;
  }
  return false;
}

std::vector<Value*> unpackTuple(FunctionEmitter& e, Value* tuple, const SourceRange& loc) {
  // A tuple built right here is taken apart without a TupleUnpack node.
  if (tuple->node()->kind() == prim::kTupleConstruct) {
    return {tuple->node()->inputs().begin(), tuple->node()->inputs().end()};
  }
  Node* n = e.insertNode(e.graph().createTupleUnpack(tuple), loc);
  return {n->outputs().begin(), n->outputs().end()};
}

}  // namespace

Value* tryConvertToType(const SourceRange& loc, FunctionEmitter& e, const TypePtr& type,
                        Value* value, bool allow_conversions) {
  // Conversions to Optional[T] are conversions to T.
  if (const auto* o = type->cast<OptionalType>()) {
    if (value->type()->kind() != TypeKind::Optional && value->type()->kind() != TypeKind::None) {
      return tryConvertToType(loc, e, o->elem(), value, allow_conversions);
    }
  }
  if (const auto* vt = value->type()->cast<TupleType>()) {
    TypePtr target = unwrapOptional(type);
    if (convertibleToList(value->type(), target)) {
      std::vector<Value*> elems = unpackTuple(e, value, loc);
      TypePtr elem = target->cast<ListType>()->elem();
      value = e.insertNode(e.graph().createListConstruct(elems, elem), loc)->output();
    }
    const auto* ct = type->cast<TupleType>();
    if (ct && !value->type()->isSubtypeOf(*type) &&
        vt->elements().size() == ct->elements().size() &&
        value->type()->kind() == TypeKind::Tuple) {
      std::vector<Value*> elems = unpackTuple(e, value, loc);
      for (size_t i = 0; i < elems.size(); ++i) {
        elems[i] = tryConvertToType(loc, e, ct->elements()[i], elems[i], allow_conversions);
      }
      value = e.insertNode(e.graph().createTupleConstruct(elems), loc)->output();
    }
  }
  if (!allow_conversions) return value;
  TypeKind target = type->kind();
  TypeKind actual = value->type()->kind();
  if (actual == TypeKind::Tensor) {
    if (target == TypeKind::Float)
      return e.emitBuiltin(loc, "aten::FloatImplicit", {NamedValue(value)});
    if (target == TypeKind::Int)
      return e.emitBuiltin(loc, "aten::IntImplicit", {NamedValue(value)});
    if (target == TypeKind::Number)
      return e.emitBuiltin(loc, "aten::ScalarImplicit", {NamedValue(value)});
  } else if (actual == TypeKind::Number) {
    if (target == TypeKind::Float) return e.emitBuiltin(loc, "aten::Float", {NamedValue(value)});
    if (target == TypeKind::Int) return e.emitBuiltin(loc, "aten::Int", {NamedValue(value)});
  }
  if (actual == TypeKind::Str && target == TypeKind::Device) {
    return e.emitBuiltin(loc, "aten::device", {NamedValue(value)});
  }
  return value;
}

namespace {

struct Matcher {
  const FunctionSchema& schema;
  const SourceRange& loc;
  FunctionEmitter& e;
  std::string* failure;  // null: do not explain
  bool allow_conversions;
  TypeEnv env;
  int exact = 0;  // arguments whose type matched exactly (ranks equally valid overloads)

  bool fail(const std::string& why) {
    if (failure) *failure = why;
    return false;
  }

  bool isIntOrFloatUsedAsList(Value* v, const SchemaArgument& arg) {
    TypeKind k = v->type()->kind();
    if (k != TypeKind::Int && k != TypeKind::Float) return false;
    const auto* l = unwrapOptional(arg.type)->cast<ListType>();
    return l && l->elem()->kind() == k && arg.list_size.has_value();
  }

  // An empty list literal written as the argument (`g([])`) takes the list type of the
  // parameter, as in TorchScript; a variable holding an empty list keeps List[Tensor]. The
  // literal is re-made rather than retyped, since other overloads may still try it.
  Value* retypeEmptyListLiteral(Value* value, const TypePtr& formal) {
    Node* n = value->node();
    if (n->kind() != prim::kListConstruct || !n->inputs().empty() ||
        *value->type() != *ListType::ofTensors()) {
      return value;
    }
    const auto* l = unwrapOptional(formal)->cast<ListType>();
    if (!l || l->elem()->kind() == TypeKind::Tensor || hasFreeVariables(l->elem())) return value;
    return e.insertNode(e.graph().createListConstruct({}, l->elem()), loc)->output();
  }

  Value* matchArgument(const SchemaArgument& arg, const NamedValue& nv) {
    Value* value = nv.get(e);
    if (isIntOrFloatUsedAsList(value, arg)) {
      std::vector<Value*> repeated(static_cast<size_t>(*arg.list_size), value);
      value = e.insertNode(e.graph().createListConstruct(repeated, value->type()), loc)->output();
    }
    std::string why = matchTypeVariables(arg.type, value->type(), env);
    if (!why.empty()) {
      fail("could not match type " + typeName(value->type()) + " to " + typeName(arg.type) +
           " in argument '" + arg.name + "': " + why);
      return nullptr;
    }
    TypePtr concrete = evalTypeVariables(arg.type, env);
    if (!concrete) {
      fail("type variables in type " + typeName(arg.type) +
           " could not be inferred from actual type " + typeName(value->type()));
      return nullptr;
    }
    value = retypeEmptyListLiteral(value, concrete);
    bool was_exact = *value->type() == *concrete;
    value = tryConvertToType(nv.loc.valid() ? nv.loc : loc, e, concrete, value, allow_conversions);
    if (!value->type()->isSubtypeOf(*concrete)) {
      std::string hint;
      const auto* l = value->type()->cast<ListType>();
      if (l && l->elem()->kind() == TypeKind::Tensor && concrete->kind() == TypeKind::List) {
        hint = " (empty lists default to List[Tensor]; annotate the list to give it another type)";
      }
      fail("expected a value of type '" + typeName(concrete) + "' for argument '" + arg.name +
           "' but instead found type '" + typeName(value->type()) + "'" + hint);
      return nullptr;
    }
    if (was_exact && !nv.constant) ++exact;
    return value;
  }

  bool varargsCanBeUsedAsList(size_t i) {
    const SchemaArgument& arg = schema.arguments[i];
    bool last = i + 1 == schema.arguments.size() || schema.arguments[i + 1].kwarg_only;
    const auto* l = arg.type->cast<ListType>();
    return last && l && l->elem()->kind() != TypeKind::Var && !arg.list_size;
  }

  Value* tryCreateList(const TypePtr& elem_type, const std::vector<NamedValue>& rest) {
    SchemaArgument elem_arg;
    elem_arg.name = "<varargs>";
    elem_arg.type = elem_type;
    std::vector<Value*> elems;
    for (const NamedValue& nv : rest) {
      Value* v = matchArgument(elem_arg, nv);
      if (!v) return nullptr;
      elems.push_back(v);
    }
    return e.insertNode(e.graph().createListConstruct(elems, elem_type), loc)->output();
  }

  static std::optional<size_t> findKwarg(const std::string& name,
                                         const std::vector<NamedValue>& kwargs, bool is_aten) {
    for (size_t i = 0; i < kwargs.size(); ++i) {
      if (kwargs[i].name == name || (is_aten && name == "self" && kwargs[i].name == "input"))
        return i;
    }
    return std::nullopt;
  }

  std::optional<MatchedSchema> run(const std::vector<NamedValue>& args,
                                   const std::vector<NamedValue>& kwargs,
                                   std::optional<NamedValue> self) {
    MatchedSchema out;
    std::vector<bool> used_kwarg(kwargs.size(), false);
    bool is_aten = schema.ns() == "aten";
    size_t used_args = 0;
    for (size_t i = 0; i < schema.arguments.size(); ++i) {
      const SchemaArgument& arg = schema.arguments[i];
      NamedValue actual;
      if (arg.name == "self" && self) {
        actual = *self;
        self.reset();
      } else if (!arg.kwarg_only && used_args < args.size()) {
        if (allow_conversions && varargsCanBeUsedAsList(i)) {
          TypePtr t = args[used_args].type();
          if (t->kind() != TypeKind::List && !convertibleToList(t, unwrapOptional(arg.type))) {
            TypePtr elem = unwrapOptional(arg.type)->cast<ListType>()->elem();
            std::vector<NamedValue> rest(args.begin() + static_cast<std::ptrdiff_t>(used_args),
                                         args.end());
            Value* list = tryCreateList(elem, rest);
            if (!list) return std::nullopt;
            used_args = args.size();
            out.inputs.push_back(list);
            continue;
          }
        }
        actual = args[used_args++];
      } else if (auto k = findKwarg(arg.name, kwargs, is_aten)) {
        if (used_kwarg[*k]) {
          fail("argument " + arg.name + " specified twice");
          return std::nullopt;
        }
        used_kwarg[*k] = true;
        actual = kwargs[*k];
      } else if (arg.default_value) {
        actual = NamedValue::ofConstant(*arg.default_value);
      } else {
        fail("argument " + arg.name + " not provided");
        return std::nullopt;
      }
      Value* v = matchArgument(arg, actual);
      if (!v) return std::nullopt;
      out.inputs.push_back(v);
    }
    if (self) {
      fail("provided self argument not used in schema");
      return std::nullopt;
    }
    if (schema.is_vararg) {
      for (; used_args < args.size(); ++used_args) out.inputs.push_back(args[used_args].get(e));
    }
    if (used_args < args.size()) {
      fail("expected at most " + std::to_string(used_args) + " arguments but found " +
           std::to_string(args.size()) + " positional arguments");
      return std::nullopt;
    }
    for (size_t i = 0; i < kwargs.size(); ++i) {
      if (!used_kwarg[i]) {
        fail(schema.argumentIndex(kwargs[i].name)
                 ? "keyword argument " + kwargs[i].name + " specified twice"
                 : "keyword argument " + kwargs[i].name + " unknown");
        return std::nullopt;
      }
    }
    bool all_named = !schema.returns.empty();
    for (const SchemaArgument& r : schema.returns) {
      TypePtr t = evalTypeVariables(r.type, env);
      if (!t) {
        fail("return type " + typeName(r.type) + " has unbound type variables");
        return std::nullopt;
      }
      out.return_types.push_back(t);
      all_named = all_named && !r.name.empty();
    }
    if (all_named && schema.returns.size() > 1) {
      for (const SchemaArgument& r : schema.returns) out.return_names.push_back(r.name);
    }
    return out;
  }
};

std::optional<MatchedSchema> tryMatchSchema(const FunctionSchema& schema, const SourceRange& loc,
                                            FunctionEmitter& e, const std::vector<NamedValue>& args,
                                            const std::vector<NamedValue>& kwargs,
                                            const std::optional<NamedValue>& self,
                                            std::string* failure, bool allow_conversions,
                                            int* exact = nullptr) {
  // x.view(torch.int8) and x.view(8) cannot be told apart: TorchScript blocks the dtype view.
  if (schema.name == "aten::view" && schema.overload_name == "dtype") {
    if (failure) *failure = "blocked overload";
    return std::nullopt;
  }
  Matcher m{schema, loc, e, failure, allow_conversions, {}, 0};
  auto r = m.run(args, kwargs, self);
  if (exact) *exact = m.exact;
  return r;
}

std::string indentLines(const std::string& s, const std::string& prefix) {
  std::string out;
  bool line_start = true;
  for (char c : s) {
    if (line_start) out += prefix;
    out += c;
    line_start = c == '\n';
  }
  return out;
}

// Picks one schema. Within a pass the overload whose arguments match most exactly wins, and
// ties go to table order, so `1 + 2` resolves aten::add.int rather than the Scalar overload.
std::pair<size_t, MatchedSchema> matchSchemas(const std::vector<const FunctionSchema*>& schemas,
                                              const SourceRange& loc, FunctionEmitter& e,
                                              const std::vector<NamedValue>& args,
                                              const std::vector<NamedValue>& kwargs,
                                              const std::optional<NamedValue>& self) {
  if (schemas.size() == 1) return {0, matchSchema(*schemas[0], loc, e, args, kwargs, self)};
  for (bool allow_conversions : {false, true}) {
    std::optional<std::pair<size_t, MatchedSchema>> best;
    int best_exact = -1;
    for (size_t i = 0; i < schemas.size(); ++i) {
      int exact = 0;
      auto m = tryMatchSchema(*schemas[i], loc, e, args, kwargs, self, nullptr, allow_conversions,
                              &exact);
      if (m && exact > best_exact) {
        best = std::make_pair(i, std::move(*m));
        best_exact = exact;
      }
    }
    if (best) return *best;
  }
  std::string list;
  for (const FunctionSchema* s : schemas) {
    std::string why;
    tryMatchSchema(*s, loc, e, args, kwargs, self, &why, true);
    list += "\n  " + s->str() + ":\n" + indentLines(why, "    ");
  }
  failAt(loc, "arguments for call are not valid\nthe following variants are available:", list);
}

Value* packOutputs(FunctionEmitter& e, const std::vector<Value*>& values,
                   const std::vector<std::string>& names, const SourceRange& loc) {
  if (values.size() == 1) return values[0];
  TypePtr named;
  if (!names.empty()) {
    std::vector<TypePtr> types;
    for (Value* v : values) types.push_back(v->type());
    named = TupleType::createNamed("", names, types);
  }
  return e.insertNode(e.graph().createTupleConstruct(values, named), loc)->output();
}

}  // namespace

MatchedSchema matchSchema(const FunctionSchema& schema, const SourceRange& loc, FunctionEmitter& e,
                          const std::vector<NamedValue>& args,
                          const std::vector<NamedValue>& kwargs,
                          const std::optional<NamedValue>& self) {
  std::string why;
  if (auto m = tryMatchSchema(schema, loc, e, args, kwargs, self, &why, true)) return *m;
  failAt(loc, why, "\nfor call to ", schema.str());
}

bool hasBuiltin(const std::string& name) {
  return !overloadsOf(canonicalOpName(name)).empty() || !builtinFunctionsFor(name).empty();
}

Value* emitBuiltinCall(const SourceRange& loc, FunctionEmitter& e, const std::string& name,
                       const std::vector<NamedValue>& args, const std::vector<NamedValue>& kwargs,
                       const std::optional<NamedValue>& self) {
  std::shared_ptr<const BuiltinOverloads> overloads = builtinOverloads(name);
  const auto& ops = overloads->ops;
  if (overloads->schemas.empty()) failAt(loc, "unknown builtin op: ", name);

  auto [index, matched] = matchSchemas(overloads->schemas, loc, e, args, kwargs, self);
  if (index >= ops.size()) {
    // TorchScript builtin functions are small wrappers: inline them.
    const Graph& body = *overloads->functions[index - ops.size()]->graph();
    return e.graph().insertGraph(body, matched.inputs).at(0);
  }
  Node* n = e.graph().createOp(*ops[index], matched.inputs);
  for (size_t i = 0; i < matched.return_types.size(); ++i) {
    n->output(i)->setType(matched.return_types[i]);
  }
  e.insertNode(n, loc);
  return packOutputs(e, {n->outputs().begin(), n->outputs().end()}, matched.return_names, loc);
}

}  // namespace wick::jit::frontend
