// Calls and special forms (annotate, unchecked_cast, getattr, isinstance, range, zip,
// enumerate, list(), dict(), tuple()).
#include <limits>

#include "frontend/builtins.h"
#include "frontend/diagnostics.h"
#include "frontend/emitter.h"
#include "frontend/schema_matching.h"
#include "frontend/unit.h"
#include "wick/ops/registry.h"

namespace wick::jit::frontend {

namespace {

Value* asSimpleValue(const SugaredPtr& v) {
  auto* s = dynamic_cast<SimpleValue*>(v.get());
  return s ? s->value() : nullptr;
}

std::string calleeName(const CallExpr& e) {
  std::string name = TypeParser::dottedName(*e.callee);
  return name.empty() ? std::string("call") : name;
}

}  // namespace

void FunctionEmitter::checkArgCount(const CallExpr& e, size_t n, const char* what) {
  if (e.args.size() != n) {
    failAt(e.range, what, " expected exactly ", n, " arguments but found ", e.args.size());
  }
  if (!e.keywords.empty()) failAt(e.range, what, " takes no keyword arguments");
}

SugaredPtr FunctionEmitter::emitCall(const CallExpr& e, size_t n_binders, const TypePtr& hint) {
  SugaredPtr callee = emitSugaredExpr(e.callee, 1);
  if (auto* special = dynamic_cast<SpecialFormValue*>(callee.get())) {
    return emitSpecialForm(static_cast<int>(special->form()), e, hint);
  }
  if (auto* make = dynamic_cast<ClassNewValue*>(callee.get())) return make->createObject(e, *this);
  if (auto* to_list = dynamic_cast<TensorToListValue*>(callee.get())) {
    return emitToList(e, to_list->self(), hint);
  }
  std::vector<NamedValue> args = emitArgs(e.args, /*unpack_starred=*/true);
  std::vector<NamedValue> kwargs;
  for (const Keyword& k : e.keywords) {
    kwargs.emplace_back(k.value->range, k.name.name, emitExpr(k.value));
  }
  return callee->call(e.callee->range, *this, args, kwargs, n_binders);
}

SugaredPtr FunctionEmitter::emitSpecialForm(int form_id, const CallExpr& e, const TypePtr& hint) {
  switch (static_cast<SpecialForm>(form_id)) {
    case SpecialForm::Annotate:
    case SpecialForm::UncheckedCast:
    case SpecialForm::Uninitialized: return emitTypeForm(form_id, e);
    case SpecialForm::GetAttr:
    case SpecialForm::HasAttr:
    case SpecialForm::IsInstance:
    case SpecialForm::Tuple: return emitObjectForm(form_id, e);
    case SpecialForm::Range:
    case SpecialForm::Enumerate:
    case SpecialForm::Zip: return emitIterableForm(form_id, e);
    case SpecialForm::List: return emitListCall(e, hint);
    case SpecialForm::Dict: return emitDictCall(e, hint);
  }
  failAt(e.range, "unknown special form ", calleeName(e));
}

// x.tolist() under an annotation T: prim::tolist(x, <list levels of T>, <element code>), with
// PyTorch's element codes 0 int, 1 float, 2 bool. The kernel checks the tensor against them.
SugaredPtr FunctionEmitter::emitToList(const CallExpr& e, Value* self, const TypePtr& hint) {
  checkArgCount(e, 0, "tolist");
  if (!hint) failAt(e.range, "Expected type hint for result of tolist()");
  TypePtr elem = hint;
  int64_t levels = 0;
  while (const auto* l = elem->cast<ListType>()) {
    elem = l->elem();
    ++levels;
  }
  int64_t code = elem->kind() == TypeKind::Int     ? 0
                 : elem->kind() == TypeKind::Float ? 1
                 : elem->kind() == TypeKind::Bool  ? 2
                                                   : -1;
  if (code < 0) {
    failAt(e.range, typeName(elem),
           " is not one of the supported element types for tolist: int, float, complex, bool");
  }
  const OpInfo* op = findOp("prim::tolist");
  WICK_INTERNAL_ASSERT(op, "prim::tolist is not registered");
  Node* n = graph_->create(
      Symbol::fromQualString("prim::tolist"),
      {self, insertConstant(IValue(levels), e.range), insertConstant(IValue(code), e.range)}, 1);
  n->setOp(op);
  n->output()->setType(hint);
  return std::make_shared<SimpleValue>(insertNode(n, e.range)->output());
}

// annotate(T, v), unchecked_cast(T, v), uninitialized(T): the first argument is a type.
SugaredPtr FunctionEmitter::emitTypeForm(int form_id, const CallExpr& e) {
  auto form = static_cast<SpecialForm>(form_id);
  if (form == SpecialForm::Uninitialized) {
    checkArgCount(e, 1, "uninitialized");
    return std::make_shared<SimpleValue>(
        insertUninitialized(type_parser_.parse(*e.args[0]), e.range));
  }
  checkArgCount(e, 2, form == SpecialForm::Annotate ? "annotate" : "unchecked_cast");
  TypePtr type = type_parser_.parse(*e.args[0]);
  if (form == SpecialForm::UncheckedCast) {
    Value* v = emitExpr(e.args[1]);
    // Printed code already contains the casts refinement produced: do not nest them.
    if (v->node()->kind() != prim::kunchecked_cast || *v->type() != *type) {
      v = insertUncheckedCast(v, type, e.range);
    }
    return std::make_shared<SimpleValue>(v);
  }
  Value* v = tryConvertToType(e.range, *this, type, emitExpr(e.args[1], type), true);
  if (!v->type()->isSubtypeOf(*type)) {
    failAt(e.args[1]->range, "expected an expression of type ", typeName(type), " but found ",
           typeName(v->type()));
  }
  // None annotated as Optional[T] keeps its declared type.
  if (type->kind() == TypeKind::Optional && v->type()->kind() == TypeKind::None) {
    v = graph_->insertNode(graph_->createConstant(IValue(), type))->output();
  }
  return std::make_shared<SimpleValue>(v);
}

// getattr(obj, "name"), hasattr(obj, "name"), isinstance(obj, T), tuple(iterable).
SugaredPtr FunctionEmitter::emitObjectForm(int form_id, const CallExpr& e) {
  auto form = static_cast<SpecialForm>(form_id);
  if (form == SpecialForm::IsInstance) {
    checkArgCount(e, 2, "isinstance");
    return std::make_shared<SimpleValue>(emitIsInstance(e.args[0], e.args[1]).value);
  }
  if (form == SpecialForm::Tuple) {
    checkArgCount(e, 1, "tuple");
    SugaredPtr arg = emitSugaredExpr(e.args[0], 1);
    std::vector<Value*> values;
    for (const SugaredPtr& s : arg->asTuple(e.range, *this, std::nullopt))
      values.push_back(s->asValue(e.range, *this));
    return std::make_shared<SimpleValue>(
        insertNode(graph_->createTupleConstruct(values), e.range)->output());
  }
  const char* what = form == SpecialForm::GetAttr ? "getattr" : "hasattr";
  checkArgCount(e, 2, what);
  if (e.args[1]->kind != ExprKind::String) {
    failAt(e.range, what, "'s second argument must be a string literal");
  }
  const std::string& name = e.args[1]->as<StringExpr>().value;
  if (form == SpecialForm::GetAttr)
    return emitSugaredExpr(e.args[0], 1)->attr(e.range, *this, name);
  Value* obj = emitExpr(e.args[0]);
  auto* ct = obj->type()->cast<ClassType>();
  if (!ct)
    failAt(e.args[0]->range, "hasattr's first argument must be an object, got ",
           typeName(obj->type()));
  bool has = ct->hasAttribute(name) || ct->findMethod(name) || unit_.classConstant(*ct, name);
  return std::make_shared<SimpleValue>(insertConstant(IValue(has), e.range));
}

// range(...), enumerate(iterable[, start]), zip(a, b, ...).
SugaredPtr FunctionEmitter::emitIterableForm(int form_id, const CallExpr& e) {
  auto form = static_cast<SpecialForm>(form_id);
  if (form == SpecialForm::Range) {
    std::vector<Value*> inputs;
    for (const NamedValue& nv : emitArgs(e.args, true)) inputs.push_back(nv.value);
    return std::make_shared<RangeValue>(e.range, *this, inputs);
  }
  auto tree = std::make_shared<IterableTree>();
  if (form == SpecialForm::Zip) {
    if (e.args.empty()) failAt(e.range, "zip expected at least 1 arguments, got 0");
    for (const ExprPtr& a : e.args)
      tree->addChild(e.range, emitSugaredExpr(a, 1)->iter(e.range, *this));
    return tree;
  }
  if (e.args.empty()) failAt(e.range, "enumerate expected at least 1 arguments, got 0");
  if (e.args.size() > 2)
    failAt(e.range, "enumerate expected at most 2 arguments, got ", e.args.size());
  // enumerate(x) iterates range(start, <max>) and x together.
  std::vector<Value*> range_inputs;
  if (e.args.size() == 2) range_inputs.push_back(emitExpr(e.args[1]));
  range_inputs.push_back(materializeConstant(IValue(std::numeric_limits<int64_t>::max()), e.range));
  SugaredPtr iterable = emitSugaredExpr(e.args[0], 1)->iter(e.range, *this);
  tree->addChild(e.range,
                 std::make_shared<RangeValue>(e.range, *this, range_inputs, iterable->staticLen()));
  tree->addChild(e.range, iterable);
  return tree;
}

SugaredPtr FunctionEmitter::emitListCall(const CallExpr& e, const TypePtr& hint) {
  if (e.args.empty() && e.keywords.empty()) {
    TypePtr type = hint ? hint : ListType::ofTensors();
    const auto* l = type->cast<ListType>();
    if (!l) failAt(e.range, "expected list type annotation for list(), found ", typeName(type));
    return std::make_shared<SimpleValue>(
        insertNode(graph_->createListConstruct({}, l->elem()), e.range)->output());
  }
  checkArgCount(e, 1, "list");
  SugaredPtr input = emitSugaredExpr(e.args[0], 1);
  if (Value* v = asSimpleValue(input)) {
    TypeKind k = v->type()->kind();
    if (k == TypeKind::List || k == TypeKind::Str) {
      return std::make_shared<SimpleValue>(
          emitBuiltin(e.range, "aten::list", {NamedValue(e.range, v)}));
    }
  }
  // list(iterable) is [_elem for _elem in iterable].
  std::string iter_name = "$_iter" + std::to_string(temp_count_++);
  std::string elem_name = "$_elem" + std::to_string(temp_count_++);
  env_->setSugaredVar(e.range, iter_name, input, nullptr);
  auto elem = std::make_shared<NameExpr>(e.range, elem_name);
  auto iter = std::make_shared<NameExpr>(e.range, iter_name);
  CompExpr comp(ExprKind::ListComp, e.range, elem, nullptr, elem, iter);
  return std::make_shared<SimpleValue>(emitListComprehension(comp, hint));
}

SugaredPtr FunctionEmitter::emitDictCall(const CallExpr& e, const TypePtr& hint) {
  auto addKwargs = [&](Value* dict) {
    for (const Keyword& k : e.keywords) {
      Value* key = insertConstant(IValue(k.name.name), k.name.range);
      Value* value = emitExpr(k.value);
      emitBuiltin(k.value->range, "aten::_set_item",
                  {NamedValue(e.range, "self", dict), NamedValue(k.name.range, key),
                   NamedValue(k.value->range, value)});
    }
    return std::make_shared<SimpleValue>(dict);
  };
  if (e.args.size() > 1) failAt(e.range, "dict expected at most 1 arguments, got ", e.args.size());
  bool empty_literal =
      !e.args.empty() &&
      ((e.args[0]->kind == ExprKind::Dict && e.args[0]->as<DictExpr>().keys.empty()) ||
       (e.args[0]->kind == ExprKind::List && e.args[0]->as<SequenceExpr>().elts.empty()));
  if (e.args.empty() || empty_literal) {
    TypePtr type = hint ? containerHint(hint, TypeKind::Dict)
                        : DictType::create(StringType::get(), TensorType::get());
    const auto* d = type->cast<DictType>();
    if (!d) failAt(e.range, "expected a Dict type annotation for dict(), got ", typeName(type));
    return addKwargs(
        insertNode(graph_->createDictConstruct({}, d->key(), d->value()), e.range)->output());
  }
  SugaredPtr input = emitSugaredExpr(e.args[0], 1);
  if (Value* v = asSimpleValue(input); v && v->type()->kind() == TypeKind::Dict) {
    return addKwargs(emitBuiltin(e.range, "aten::dict", {NamedValue(e.range, v)}));
  }
  // dict(pairs) is {_key: _value for _key, _value in pairs}.
  std::string iter_name = "$_iter" + std::to_string(temp_count_++);
  auto key = std::make_shared<NameExpr>(e.range, "$_key" + std::to_string(temp_count_++));
  auto value = std::make_shared<NameExpr>(e.range, "$_value" + std::to_string(temp_count_++));
  auto target =
      std::make_shared<SequenceExpr>(ExprKind::Tuple, e.range, std::vector<ExprPtr>{key, value});
  env_->setSugaredVar(e.range, iter_name, input, nullptr);
  auto iter = std::make_shared<NameExpr>(e.range, iter_name);
  CompExpr comp(ExprKind::DictComp, e.range, key, value, target, iter);
  return addKwargs(emitDictComprehension(comp, hint));
}

}  // namespace wick::jit::frontend
