// Expressions: names, literals, operators, conditions with refinements, comprehensions.
#include <functional>
#include <limits>

#include "frontend/builtins.h"
#include "frontend/cleanup.h"
#include "frontend/diagnostics.h"
#include "frontend/emitter.h"
#include "frontend/schema_matching.h"
#include "frontend/unit.h"
#include "wick/core/warning.h"

namespace wick::jit::frontend {

namespace {

class InsertPointGuard {
 public:
  explicit InsertPointGuard(Graph& g) : g_(g), saved_(g.insertPoint()) {}
  ~InsertPointGuard() { g_.restoreInsertPoint(saved_); }

 private:
  Graph& g_;
  InsertPoint saved_;
};

struct OpNames {
  const char* op;
  const char* magic;
};

OpNames binaryOp(BinOp op) {
  switch (op) {
    case BinOp::Add: return {"aten::add", "__add__"};
    case BinOp::Sub: return {"aten::sub", "__sub__"};
    case BinOp::Mul: return {"aten::mul", "__mul__"};
    case BinOp::Div: return {"aten::div", "__truediv__"};
    case BinOp::Mod: return {"aten::remainder", "__mod__"};
    case BinOp::Pow: return {"aten::pow", "__pow__"};
    case BinOp::MatMul: return {"aten::matmul", nullptr};
    case BinOp::FloorDiv: return {"aten::floordiv", nullptr};
    case BinOp::BitAnd: return {"aten::__and__", "__and__"};
    case BinOp::BitOr: return {"aten::__or__", "__or__"};
    case BinOp::BitXor: return {"aten::__xor__", "__xor__"};
    case BinOp::LShift: return {"aten::__lshift__", "__lshift__"};
    case BinOp::RShift: return {"aten::__rshift__", "__rshift__"};
    case BinOp::Eq: return {"aten::eq", "__eq__"};
    case BinOp::Ne: return {"aten::ne", "__ne__"};
    case BinOp::Lt: return {"aten::lt", "__lt__"};
    case BinOp::Gt: return {"aten::gt", "__gt__"};
    case BinOp::Le: return {"aten::le", "__le__"};
    case BinOp::Ge: return {"aten::ge", "__ge__"};
    case BinOp::In:
    case BinOp::NotIn: return {"aten::__contains__", "__contains__"};
    default: return {nullptr, nullptr};
  }
}

enum class NoneStatus { Always, Maybe, Never };

NoneStatus canBeNone(Value* v) {
  if (v->type()->kind() == TypeKind::None) return NoneStatus::Always;
  // annotate(Optional[T], None) is None, whatever its type says.
  if (v->node()->kind() == prim::kConstant && !v->node()->hasAttribute("value"))
    return NoneStatus::Always;
  if (v->type()->kind() == TypeKind::Optional) return NoneStatus::Maybe;
  if (const auto* u = v->type()->cast<UnionType>(); u && u->canHoldNone()) return NoneStatus::Maybe;
  return NoneStatus::Never;
}

}  // namespace

// PyTorch gives list and dict literals and dict comprehensions built for an Optional or Union
// hint that type through prim::unchecked_cast (list comprehensions keep their list type).
Value* FunctionEmitter::castToOptionalHint(Value* v, const TypePtr& hint, const SourceRange& loc) {
  if (!hint || (hint->kind() != TypeKind::Optional && hint->kind() != TypeKind::Union) ||
      !v->type()->isSubtypeOf(*hint)) {
    return v;
  }
  return insertUncheckedCast(v, hint, loc);
}

// The container type a literal builds for `hint`: the hint itself, or the member of that kind
// of an Optional or Union hint.
TypePtr containerHint(const TypePtr& hint, TypeKind kind) {
  if (hint && hint->kind() == TypeKind::Optional) {
    const TypePtr& elem = hint->cast<OptionalType>()->elem();
    if (elem->kind() == kind) return elem;
  }
  if (const auto* u = hint ? hint->cast<UnionType>() : nullptr) {
    for (const TypePtr& m : u->members())
      if (m->kind() == kind) return m;
    return nullptr;
  }
  return hint;
}

namespace {

// The element type of a literal's values: their common supertype, or the union of their
// types, which PyTorch accepts with a warning (`what` is the warning's subject).
TypePtr unifyLiteralTypes(const std::vector<TypePtr>& types, const SourceRange& range,
                          const std::function<std::string(const TypePtr&)>& what) {
  TypePtr out = types[0];
  for (size_t i = 1; i < types.size(); ++i) out = unifyTypesOrUnion(out, types[i]);
  // PyTorch warns whenever the values' type is a union, even one they all share.
  if (out->kind() == TypeKind::Union) {
    warn(Warning::Kind::User,
         renderDiagnostic(range, "warning",
                          what(out) + ". To use any of the values in this container, it will be "
                                      "necessary to add an `assert isinstance` statement before "
                                      "first use to trigger type refinement."));
  }
  return out;
}

}  // namespace

Value* FunctionEmitter::emitExpr(const ExprPtr& e, const TypePtr& hint) {
  Value* v = emitSugaredExpr(e, 1, hint)->asValue(e->range, *this);
  // Any does not unify with its subtypes: make the value Any explicitly.
  if (hint && hint->kind() == TypeKind::Any && v->type()->kind() != TypeKind::Any) {
    v = insertUncheckedCast(v, hint, e->range);
  }
  return v;
}

SugaredPtr FunctionEmitter::emitSugaredExpr(const ExprPtr& e, size_t n_binders,
                                            const TypePtr& hint) {
  switch (e->kind) {
    case ExprKind::Name: {
      const std::string& name = e->as<NameExpr>().id;
      if (SugaredPtr v = env_->findInAnyFrame(name)) return v;
      if (SugaredPtr v = lookupBuiltin(name)) return v;
      if (SugaredPtr v = unit_.resolveValue(name, e->range)) return v;
      if (SugaredPtr v = lookupGlobal(name, unit_)) return v;
      if (auto msg = env_->findVariableTypeError(name))
        failAt(e->range, *msg, ", and ", name, " was used here");
      failAt(e->range, "undefined value ", name);
    }
    case ExprKind::Attribute: {
      const auto& a = e->as<AttributeExpr>();
      return emitSugaredExpr(a.value, 1)->attr(a.range, *this, a.attr.name);
    }
    case ExprKind::Call: return emitCall(e->as<CallExpr>(), n_binders, hint);
    case ExprKind::Subscript: return emitSubscript(e->as<SubscriptExpr>(), hint);
    default: return std::make_shared<SimpleValue>(emitSimpleExpr(e, hint));
  }
}

Value* FunctionEmitter::emitSimpleExpr(const ExprPtr& e, const TypePtr& hint) {
  switch (e->kind) {
    case ExprKind::Binary: {
      const auto& b = e->as<BinaryExpr>();
      if (b.op == BinOp::And || b.op == BinOp::Or || b.op == BinOp::Is || b.op == BinOp::IsNot) {
        return emitCondExpr(e).value;
      }
      return emitBinary(b);
    }
    case ExprKind::Unary: {
      const auto& u = e->as<UnaryExpr>();
      if (u.op == UnaryOp::Not) return emitCondExpr(e).value;
      return emitUnary(u);
    }
    case ExprKind::Number: return emitNumber(e->as<NumberExpr>());
    case ExprKind::True: return insertConstant(IValue(true), e->range);
    case ExprKind::False: return insertConstant(IValue(false), e->range);
    case ExprKind::None: return insertConstant(IValue(), e->range);
    case ExprKind::String: return insertConstant(IValue(e->as<StringExpr>().value), e->range);
    case ExprKind::IfExp: return emitTernary(e->as<IfExpr>(), hint);
    case ExprKind::List: return emitListLiteral(e->as<SequenceExpr>(), hint);
    case ExprKind::Tuple: {
      std::vector<Value*> values;
      for (const NamedValue& nv : emitArgs(e->as<SequenceExpr>().elts, true))
        values.push_back(nv.value);
      return insertNode(graph_->createTupleConstruct(values), e->range)->output();
    }
    case ExprKind::Dict: return emitDictLiteral(e->as<DictExpr>(), hint);
    case ExprKind::ListComp: return emitListComprehension(e->as<CompExpr>(), hint);
    case ExprKind::DictComp: return emitDictComprehension(e->as<CompExpr>(), hint);
    case ExprKind::Starred: failAt(e->range, "unexpected starred expansion");
    case ExprKind::Slice: failAt(e->range, "slices are only allowed in subscripts");
    case ExprKind::Ellipsis: failAt(e->range, "'...' is only allowed in subscripts");
    default: failAt(e->range, "cannot emit expression");
  }
}

Value* FunctionEmitter::emitNumber(const NumberExpr& e) {
  if (e.is_float) return materializeConstant(IValue(e.float_value), e.range);
  return materializeConstant(IValue(e.int_value), e.range);
}

std::vector<NamedValue> FunctionEmitter::emitArgs(const std::vector<ExprPtr>& args,
                                                  bool unpack_starred) {
  std::vector<NamedValue> out;
  for (const ExprPtr& a : args) {
    if (unpack_starred && a->kind == ExprKind::Starred) {
      const auto& s = a->as<StarredExpr>();
      for (const SugaredPtr& item :
           emitSugaredExpr(s.value, 1)->asTuple(s.range, *this, std::nullopt)) {
        out.emplace_back(a->range, item->asValue(s.range, *this));
      }
    } else {
      out.emplace_back(a->range, emitExpr(a));
    }
  }
  return out;
}

Value* FunctionEmitter::emitBinary(const BinaryExpr& e) {
  if (e.op == BinOp::Mod) {
    Value* lhs = emitSugaredExpr(e.lhs, 0)->asValue(e.lhs->range, *this);
    if (lhs->type()->kind() == TypeKind::Str) {
      // "%d items" % n: Python's string formatting.
      Value* rhs = emitExpr(e.rhs);
      Node* n = graph_->create(Symbol::aten("percentFormat"), {lhs, rhs}, 1);
      if (const OpInfo* op = findOp("aten::percentFormat")) n->setOp(op);
      n->output()->setType(StringType::get());
      return insertNode(n, e.range)->output();
    }
    Value* rhs = emitExpr(e.rhs);
    return emitBuiltin(e.range, "aten::remainder",
                       {NamedValue(e.lhs->range, lhs), NamedValue(e.rhs->range, rhs)});
  }
  OpNames names = binaryOp(e.op);
  std::vector<NamedValue> args = {NamedValue(e.lhs->range, emitExpr(e.lhs)),
                                  NamedValue(e.rhs->range, emitExpr(e.rhs))};
  // `a in b` is b.__contains__(a).
  if (e.op == BinOp::In || e.op == BinOp::NotIn) std::swap(args[0], args[1]);
  Value* result;
  if (names.magic && args[0].value->type()->kind() == TypeKind::Class) {
    SimpleValue self(args[0].value);
    result = self.attr(e.range, *this, names.magic)
                 ->call(e.range, *this, {args.begin() + 1, args.end()}, {}, 1)
                 ->asValue(e.range, *this);
  } else {
    result = emitBuiltin(e.range, names.op, args);
  }
  if (e.op == BinOp::NotIn)
    result = emitBuiltin(e.range, "aten::__not__", {NamedValue(e.range, result)});
  return result;
}

Value* FunctionEmitter::emitUnary(const UnaryExpr& e) {
  Value* operand = emitExpr(e.operand);
  if (e.op == UnaryOp::Pos) {
    TypeKind k = operand->type()->kind();
    if (k != TypeKind::Int && k != TypeKind::Float && k != TypeKind::Tensor) {
      failAt(e.range, "unary '+' is not supported on values of type ", typeName(operand->type()));
    }
    return operand;
  }
  const char* op = e.op == UnaryOp::Neg ? "aten::neg" : "aten::bitwise_not";
  const char* magic = e.op == UnaryOp::Neg ? "__neg__" : "__invert__";
  if (operand->type()->kind() == TypeKind::Class) {
    return SimpleValue(operand)
        .attr(e.range, *this, magic)
        ->call(e.range, *this, {}, {}, 1)
        ->asValue(e.range, *this);
  }
  Value* v = emitBuiltin(e.range, op, {NamedValue(e.operand->range, operand)});
  // -1 is a constant, not a negation at run time.
  if (v->node()->kind() == Symbol::fromQualString(op)) {
    if (auto outputs = runNodeIfInputsAreConstant(v->node()); outputs && outputs->size() == 1) {
      if (Value* c = tryInsertConstant(*graph_, outputs->at(0))) {
        c->node()->setSourceRange(e.range.nodeLocation());
        return c;
      }
    }
  }
  return v;
}

Value* FunctionEmitter::emitListLiteral(const SequenceExpr& e, const TypePtr& optional_hint) {
  TypePtr hint = containerHint(optional_hint, TypeKind::List);
  std::vector<NamedValue> args = emitArgs(e.elts, true);
  TypePtr elem = TensorType::get();
  if (hint) {
    const auto* l = hint->cast<ListType>();
    if (!l) failAt(e.range, "expected a List type hint but instead got ", typeName(hint));
    elem = l->elem();
  } else if (!args.empty()) {
    std::vector<TypePtr> types;
    for (const NamedValue& a : args) types.push_back(a.value->type());
    elem = unifyLiteralTypes(types, e.range, [](const TypePtr& u) {
      return "List consists of heterogeneous types, which means that it has been typed as "
             "containing " +
             u->annotationStr();
    });
  }
  std::vector<Value*> values;
  for (const NamedValue& a : args) {
    if (!a.value->type()->isSubtypeOf(*elem)) {
      // PyTorch's wording: the elements' common type (or union) against the annotation.
      TypePtr found = args[0].value->type();
      for (const NamedValue& other : args) found = unifyTypesOrUnion(found, other.value->type());
      failAt(e.range, "List type annotation `", ListType::create(elem)->annotationStr(),
             "` did not match the types of the given list elements, which were unified to ",
             found->annotationStr());
    }
    values.push_back(a.value);
  }
  Value* list = insertNode(graph_->createListConstruct(values, elem), e.range)->output();
  return castToOptionalHint(list, optional_hint, e.range);
}

Value* FunctionEmitter::emitDictLiteral(const DictExpr& e, const TypePtr& optional_hint) {
  TypePtr hint = containerHint(optional_hint, TypeKind::Dict);
  std::vector<Value*> keys, values;
  for (size_t i = 0; i < e.keys.size(); ++i) {
    keys.push_back(emitExpr(e.keys[i]));
    values.push_back(emitExpr(e.values[i]));
  }
  TypePtr key_type, value_type;
  if (hint && hint->kind() == TypeKind::Dict) {
    key_type = hint->cast<DictType>()->key();
    value_type = hint->cast<DictType>()->value();
  } else if (keys.empty()) {
    key_type = StringType::get();
    value_type = TensorType::get();
  } else {
    key_type = keys[0]->type();
    std::vector<TypePtr> types;
    for (Value* v : values) types.push_back(v->type());
    value_type = unifyLiteralTypes(types, e.range, [&](const TypePtr& u) {
      return "Dict values consist of heterogeneous types, which means that the dict has been "
             "typed as containing " +
             DictType::create(key_type, u)->annotationStr();
    });
  }
  std::vector<Value*> kvs;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!keys[i]->type()->isSubtypeOf(*key_type)) {
      failAt(e.keys[i]->range,
             "dict keys must contain only a single type, expected: ", typeName(key_type),
             " but found ", typeName(keys[i]->type()), " instead");
    }
    if (!values[i]->type()->isSubtypeOf(*value_type)) {
      failAt(e.values[i]->range,
             "dict values must contain only a single type, expected: ", typeName(value_type),
             " but found ", typeName(values[i]->type()), " instead");
    }
    kvs.push_back(keys[i]);
    kvs.push_back(values[i]);
  }
  Value* dict =
      insertNode(graph_->createDictConstruct(kvs, key_type, value_type), e.range)->output();
  return castToOptionalHint(dict, optional_hint, e.range);
}

// ---- conditions ----

CondValue FunctionEmitter::emitCondExpr(const ExprPtr& e) {
  if (e->kind == ExprKind::Binary) {
    const auto& b = e->as<BinaryExpr>();
    if (b.op == BinOp::And || b.op == BinOp::Or)
      return emitShortCircuit(e->range, b.lhs, b.rhs, b.op == BinOp::Or);
    if (b.op == BinOp::Is || b.op == BinOp::IsNot) return emitIsNone(b);
  }
  if (e->kind == ExprKind::Unary && e->as<UnaryExpr>().op == UnaryOp::Not) {
    CondValue v = emitCondExpr(e->as<UnaryExpr>().operand);
    Value* result = emitBuiltin(e->range, "aten::__not__", {NamedValue(e->range, v.value)});
    std::optional<bool> static_if;
    if (v.static_if) static_if = !*v.static_if;
    return CondValue{result, v.refinements.Not(), static_if};
  }
  if (e->kind == ExprKind::Call) {
    const auto& call = e->as<CallExpr>();
    if (call.callee->kind == ExprKind::Name) {
      const std::string& name = call.callee->as<NameExpr>().id;
      if (name == "isinstance" && !env_->findTypeInAnyFrame(name)) {
        checkArgCount(call, 2, "isinstance");
        return emitIsInstance(call.args[0], call.args[1]);
      }
    }
  }
  Value* v = emitToBool(e->range, emitExpr(e));
  std::optional<bool> static_if;
  if (v->node()->kind() == Symbol::aten("is_scripting")) static_if = true;
  if (v->node()->kind() == prim::kConstant) {
    if (const IValue* c = v->node()->findAttr("value"); c && c->isBool()) static_if = c->toBool();
  }
  return CondValue{v, RefinementSet(), static_if};
}

CondValue FunctionEmitter::emitIsNone(const BinaryExpr& e) {
  Value* lhs = emitExpr(e.lhs);
  Value* rhs = emitExpr(e.rhs);
  NoneStatus lhs_none = canBeNone(lhs);
  NoneStatus rhs_none = canBeNone(rhs);
  bool is = e.op == BinOp::Is;
  // None is None, and None is <never None>, are known statically.
  if (lhs_none == NoneStatus::Always && rhs_none == NoneStatus::Always) {
    return CondValue{insertConstant(IValue(is), e.range), RefinementSet(), is};
  }
  if ((lhs_none == NoneStatus::Always && rhs_none == NoneStatus::Never) ||
      (lhs_none == NoneStatus::Never && rhs_none == NoneStatus::Always)) {
    return CondValue{insertConstant(IValue(!is), e.range), RefinementSet(), !is};
  }
  Value* result = emitBuiltin(e.range, is ? "aten::__is__" : "aten::__isnot__",
                              {NamedValue(e.lhs->range, lhs), NamedValue(e.rhs->range, rhs)});
  // `x is None` / `None is x` on an Optional variable refines x to its element type, and on
  // a union with None to the union of its other members.
  const ExprPtr* var = nullptr;
  Value* var_value = nullptr;
  if (e.rhs->kind == ExprKind::None && e.lhs->kind == ExprKind::Name) {
    var = &e.lhs;
    var_value = lhs;
  } else if (e.lhs->kind == ExprKind::None && e.rhs->kind == ExprKind::Name) {
    var = &e.rhs;
    var_value = rhs;
  }
  RefinementSet refinements;
  if (var) {
    if (const auto* o = var_value->type()->cast<OptionalType>()) {
      Refinement present{(*var)->as<NameExpr>().id, o->elem()};
      refinements = is ? RefinementSet({}, {present}) : RefinementSet({present}, {});
    } else if (const auto* u = var_value->type()->cast<UnionType>(); u && u->canHoldNone()) {
      Refinement present{(*var)->as<NameExpr>().id, u->withoutNone()};
      refinements = is ? RefinementSet({}, {present}) : RefinementSet({present}, {});
    }
  }
  return CondValue{result, refinements, std::nullopt};
}

CondValue FunctionEmitter::emitShortCircuit(const SourceRange& loc, const ExprPtr& first,
                                            const ExprPtr& second, bool is_or) {
  CondValue lhs = emitCondExpr(first);
  std::optional<CondValue> rhs;
  auto constant = [&] { return insertConstant(IValue(is_or), loc); };
  auto cont = [&] {
    rhs = emitCondExpr(second);
    return rhs->value;
  };
  // `a or b` evaluates b only when a is false; `a and b` only when a is true.
  Value* result =
      is_or ? emitIfExpr(loc, lhs, constant, cont) : emitIfExpr(loc, lhs, cont, constant);
  std::optional<bool> static_if;
  RefinementSet refinements;
  if (is_or) {
    refinements = lhs.refinements.Or(rhs->refinements);
    if ((lhs.static_if && *lhs.static_if) || (rhs->static_if && *rhs->static_if)) {
      static_if = true;
    } else if (lhs.static_if && rhs->static_if) {
      static_if = *lhs.static_if || *rhs->static_if;
    }
  } else {
    refinements = lhs.refinements.And(rhs->refinements);
    if ((lhs.static_if && !*lhs.static_if) || (rhs->static_if && !*rhs->static_if)) {
      static_if = false;
    } else if (lhs.static_if && rhs->static_if) {
      static_if = *lhs.static_if && *rhs->static_if;
    }
  }
  return CondValue{result, refinements, static_if};
}

Value* FunctionEmitter::emitIfExpr(const SourceRange& loc, const CondValue& cond,
                                   const std::function<Value*()>& then_value,
                                   const std::function<Value*()>& else_value) {
  Node* n = insertNode(graph_->create(prim::kIf, {cond.value}, 0), loc);
  Block* true_block = n->addBlock();
  Block* false_block = n->addBlock();
  auto emitBranch = [&](Block* b, const RefinementSet& refinements,
                        const std::function<Value*()>& f) {
    pushFrame(b);
    InsertPointGuard guard(*graph_);
    graph_->setInsertPoint(b);
    insertRefinements(loc, refinements);
    b->registerOutput(f());
    popFrame();
  };
  emitBranch(true_block, cond.refinements, then_value);
  emitBranch(false_block, cond.refinements.Not(), else_value);
  TypePtr tt = true_block->outputs()[0]->type();
  TypePtr ft = false_block->outputs()[0]->type();
  auto unified = unifyTypes(tt, ft);
  if (!unified) {
    failAt(loc, "if-expression's true branch has type ", typeName(tt),
           " but false branch has type ", typeName(ft));
  }
  return n->addOutput()->setType(*unified);
}

Value* FunctionEmitter::emitTernary(const IfExpr& e, const TypePtr& hint) {
  CondValue cond = emitCondExpr(e.cond);
  if (cond.static_if) return emitExpr(*cond.static_if ? e.then_expr : e.else_expr, hint);
  return emitIfExpr(
      e.range, cond, [&] { return emitExpr(e.then_expr, hint); },
      [&] { return emitExpr(e.else_expr, hint); });
}

// ---- comprehensions ----

Value* FunctionEmitter::emitListComprehension(const CompExpr& e, const TypePtr& optional_hint) {
  TypePtr hint = containerHint(optional_hint, TypeKind::List);
  Node* list = graph_->insertNode(graph_->create(prim::kListConstruct, 1));
  Value* list_value = list->output()->setType(ListType::ofTensors());
  bool type_set = false;
  if (hint) {
    if (hint->kind() != TypeKind::List) {
      failAt(e.range, "expected list type annotation for list comprehension, found ",
             typeName(hint));
    }
    list_value->setType(hint);
    type_set = true;
  }
  // The comprehension has its own scope: its variables do not leak.
  Node* scope = insertNode(graph_->create(fe_kind::comprehensionScope(), 0), e.range);
  Block* block = scope->addBlock();
  pushFrame(block);
  {
    InsertPointGuard guard(*graph_);
    graph_->setInsertPoint(block);
    emitFor({e.target}, e.iter, e.range, [&] {
      Value* out = emitExpr(e.elt);
      if (!type_set) {
        list_value->setType(ListType::create(out->type()));
        type_set = true;
      }
      emitBuiltin(e.range, "aten::append", {NamedValue(e.range, out)}, {},
                  NamedValue(e.range, "self", list_value));
    });
  }
  popFrame();
  return list_value;
}

Value* FunctionEmitter::emitDictComprehension(const CompExpr& e, const TypePtr& optional_hint) {
  TypePtr hint = containerHint(optional_hint, TypeKind::Dict);
  Node* dict = graph_->insertNode(graph_->create(prim::kDictConstruct, 1));
  Value* dict_value =
      dict->output()->setType(DictType::create(StringType::get(), TensorType::get()));
  bool type_set = false;
  if (hint) {
    if (hint->kind() != TypeKind::Dict) {
      failAt(e.range, "expected Dict type annotation for dict comprehension, found ",
             typeName(hint));
    }
    dict_value->setType(hint);
    type_set = true;
  }
  Node* scope = insertNode(graph_->create(fe_kind::comprehensionScope(), 0), e.range);
  Block* block = scope->addBlock();
  pushFrame(block);
  {
    InsertPointGuard guard(*graph_);
    graph_->setInsertPoint(block);
    emitFor({e.target}, e.iter, e.range, [&] {
      Value* k = emitExpr(e.elt);
      Value* v = emitExpr(e.value);
      if (!type_set) {
        dict_value->setType(DictType::create(k->type(), v->type()));
        type_set = true;
      }
      emitBuiltin(e.range, "aten::_set_item",
                  {NamedValue(e.range, "self", dict_value), NamedValue(e.range, k),
                   NamedValue(e.range, v)});
    });
  }
  popFrame();
  return castToOptionalHint(dict_value, optional_hint, e.range);
}

}  // namespace wick::jit::frontend
