#include "frontend/sugared_value.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "frontend/builtins.h"
#include "frontend/diagnostics.h"
#include "frontend/emitter.h"
#include "frontend/schema_matching.h"
#include "frontend/unit.h"

namespace wick::jit::frontend {

Value* NamedValue::get(FunctionEmitter& e) const {
  if (value) return value;
  return e.insertConstant(*constant, SourceRange());
}

TypePtr NamedValue::type() const { return value ? value->type() : constant->type(); }

// ---- defaults: every operation is an error unless a value supports it ----

Value* SugaredValue::asValue(const SourceRange& loc, FunctionEmitter&) {
  failAt(loc, kind(), " cannot be used as a value");
}

SugaredPtr SugaredValue::attr(const SourceRange& loc, FunctionEmitter&, const std::string& name) {
  failAt(loc, "attribute lookup is not defined on ", kind(), " (looking up '", name, "')");
}

void SugaredValue::setAttr(const SourceRange& loc, FunctionEmitter&, const std::string&, Value*) {
  failAt(loc, "attribute assignment is not defined on ", kind());
}

SugaredPtr SugaredValue::call(const SourceRange& loc, FunctionEmitter&,
                              const std::vector<NamedValue>&, const std::vector<NamedValue>&,
                              size_t) {
  failAt(loc, "cannot call a value of type '", kind(), "'");
}

std::vector<SugaredPtr> SugaredValue::asTuple(const SourceRange& loc, FunctionEmitter&,
                                              std::optional<size_t>) {
  failAt(loc, kind(), " cannot be used as a tuple");
}

SugaredPtr SugaredValue::iter(const SourceRange& loc, FunctionEmitter&) {
  failAt(loc, kind(), " cannot be used as an iterable");
}

Value* SugaredValue::len(const SourceRange& loc, FunctionEmitter&) {
  failAt(loc, "'", kind(), "' object is not iterable");
}

SugaredPtr SugaredValue::getitem(const SourceRange& loc, FunctionEmitter&, Value*, const TypePtr&) {
  failAt(loc, "'", kind(), "' object is not subscriptable");
}

// ---- TensorToListValue ----

SugaredPtr TensorToListValue::call(const SourceRange& loc, FunctionEmitter&,
                                   const std::vector<NamedValue>&, const std::vector<NamedValue>&,
                                   size_t) {
  failAt(loc, "Expected type hint for result of tolist()");
}

// ---- SimpleValue ----

namespace {

// Tensor and Device properties that are operators: x.dtype -> prim::dtype(x), x.T ->
// aten::numpy_T(x) (the operators PyTorch 1.13 emits for each property).
const char* propertyOperator(TypeKind kind, const std::string& field) {
  static const std::unordered_map<std::string, const char*> tensor = {
      {"dtype", "prim::dtype"},
      {"device", "prim::device"},
      {"grad", "prim::grad"},
      {"data", "prim::data"},
      {"shape", "prim::shape"},
      {"is_cuda", "prim::is_cuda"},
      {"is_cpu", "prim::is_cpu"},
      {"is_xpu", "prim::is_xpu"},
      {"is_sparse", "prim::is_sparse"},
      {"is_sparse_csr", "prim::is_sparse_csr"},
      {"is_mkldnn", "prim::is_mkldnn"},
      {"is_mps", "prim::is_mps"},
      {"is_quantized", "prim::is_quantized"},
      {"is_vulkan", "prim::is_vulkan"},
      {"is_ipu", "prim::is_ipu"},
      {"is_meta", "prim::is_meta"},
      {"is_nested", "prim::is_nested"},
      {"is_ort", "prim::is_ort"},
      {"is_leaf", "aten::is_leaf"},
      {"requires_grad", "prim::requires_grad"},
      {"layout", "prim::layout"},
      {"T", "aten::numpy_T"},
      {"H", "aten::matrix_H"},
      {"mT", "aten::mT"},
      {"mH", "aten::mH"},
      {"ndim", "prim::ndim"},
      {"name", "prim::name"},
      {"real", "aten::real"},
      {"imag", "aten::imag"},
      {"retains_grad", "aten::retains_grad"},
  };
  static const std::unordered_map<std::string, const char*> device = {{"type", "prim::type"},
                                                                      {"index", "prim::index"}};
  const auto* table = kind == TypeKind::Tensor   ? &tensor
                      : kind == TypeKind::Device ? &device
                                                 : nullptr;
  if (!table) return nullptr;
  auto it = table->find(field);
  return it == table->end() ? nullptr : it->second;
}

}  // namespace

std::string SimpleValue::kind() const { return typeName(value_->type()); }

SugaredPtr SimpleValue::attr(const SourceRange& loc, FunctionEmitter& e, const std::string& field) {
  const TypePtr& type = value_->type();
  NamedValue self(loc, "self", value_);
  if (type->kind() == TypeKind::Tensor) {
    if (SugaredPtr cast = makeTensorCast(field, self)) return cast;
    if (field == "tolist") return std::make_shared<TensorToListValue>(value_);
  }
  if (const char* op = propertyOperator(type->kind(), field)) {
    return std::make_shared<SimpleValue>(e.emitBuiltin(loc, op, {NamedValue(loc, value_)}));
  }
  if (const auto* et = type->cast<EnumType>()) {
    // `.value` has one overload per value type; the enum's own type picks it.
    const char* op = nullptr;
    if (field == "name") {
      op = "prim::EnumName";
    } else if (field == "value") {
      TypeKind k = et->valueType()->kind();
      op = k == TypeKind::Int     ? "prim::EnumValue.int"
           : k == TypeKind::Float ? "prim::EnumValue.float"
                                  : "prim::EnumValue.str";
    }
    if (op) {
      const OpInfo* info = findOp(op);
      WICK_INTERNAL_ASSERT(info, op, " is not in the operator table");
      return std::make_shared<SimpleValue>(
          e.insertNode(e.graph().createOp(*info, {value_}), loc)->output());
    }
  }
  if (const auto* tt = type->cast<TupleType>()) {
    const auto& names = tt->fieldNames();
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] != field) continue;
      Value* index = e.insertConstant(IValue(static_cast<int64_t>(i)), SourceRange());
      Node* n = e.graph().create(prim::kTupleIndex, {value_, index}, 1);
      n->output()->setType(tt->elements()[i]);
      return std::make_shared<SimpleValue>(e.insertNode(n, loc)->output());
    }
  } else if (auto* ct = type->cast<ClassType>()) {
    if (ct->findMethod(field)) return std::make_shared<MethodValue>(value_, field);
    if (ct->hasAttribute(field)) {
      return std::make_shared<SimpleValue>(
          e.insertNode(e.graph().createGetAttr(value_, field), loc)->output());
    }
    if (auto c = e.unit().classConstant(*ct, field)) {
      return std::make_shared<SimpleValue>(e.insertConstant(*c, loc));
    }
  }
  if (field == "type") {
    if (auto b = BuiltinFunction::tryCreate("aten::to", self)) return b;
  }
  if (auto b = BuiltinFunction::tryCreate("aten::" + field, self)) return b;
  std::string extra = type->kind() == TypeKind::Class
                          ? " (did you forget to initialize an attribute in __init__()?)"
                          : "";
  // PyTorch names an enum by its graph spelling here (Enum<__torch__.Color>).
  std::string shown = type->kind() == TypeKind::Enum ? type->str() : typeName(type);
  failAt(loc, "'", shown, "' object has no attribute or method '", field, "'", extra);
}

void SimpleValue::setAttr(const SourceRange& loc, FunctionEmitter& e, const std::string& field,
                          Value* v) {
  auto* ct = value_->type()->cast<ClassType>();
  if (!ct)
    failAt(loc, "tried to set an attribute: ", field,
           " on a non-class: ", typeName(value_->type()));
  if (!ct->hasAttribute(field)) {
    // While compiling __init__ of a class, assignments declare attributes.
    Graph& g = e.graph();
    bool initializing = e.function().name() == "__init__" && !g.inputs().empty() &&
                        g.inputs()[0]->type().get() == ct;
    if (!initializing) {
      failAt(loc, "tried to set nonexistent attribute: ", field,
             " (did you forget to initialize it in __init__()?)");
    }
    if (g.insertPoint().block != g.block()) {
      failAt(loc,
             "first assignment cannot be in a control-flow block; initialize the field at the "
             "top level first");
    }
    ct->addAttribute(field, v->type());
  }
  const TypePtr& expected = ct->attributes()[ct->attributeSlot(field)].type;
  if (!v->type()->isSubtypeOf(*expected)) {
    failAt(loc, "wrong type for attribute assignment: expected ", typeName(expected), " but got ",
           typeName(v->type()));
  }
  Node* n = e.graph().create(prim::kSetAttr, {value_, v}, 0);
  n->setAttr("name", IValue(field));
  e.insertNode(n, loc);
}

SugaredPtr SimpleValue::call(const SourceRange& loc, FunctionEmitter& e,
                             const std::vector<NamedValue>& args,
                             const std::vector<NamedValue>& kwargs, size_t n_binders) {
  if (value_->type()->kind() == TypeKind::Class) {
    return attr(loc, e, "__call__")->call(loc, e, args, kwargs, n_binders);
  }
  return SugaredValue::call(loc, e, args, kwargs, n_binders);
}

std::vector<SugaredPtr> SimpleValue::asTuple(const SourceRange& loc, FunctionEmitter& e,
                                             std::optional<size_t> size_hint) {
  std::vector<SugaredPtr> out;
  const TypePtr& type = value_->type();
  if (type->kind() == TypeKind::Tuple) {
    if (value_->node()->kind() == prim::kTupleConstruct) {
      for (Value* v : value_->node()->inputs()) out.push_back(std::make_shared<SimpleValue>(v));
      return out;
    }
    Node* n = e.insertNode(e.graph().createTupleUnpack(value_), loc);
    for (Value* v : n->outputs()) out.push_back(std::make_shared<SimpleValue>(v));
    return out;
  }
  if (type->kind() == TypeKind::List) {
    if (!size_hint)
      failAt(loc, "cannot statically infer the expected size of a list in this context");
    Node* n = e.insertNode(e.graph().createListUnpack(value_, *size_hint), loc);
    for (Value* v : n->outputs()) out.push_back(std::make_shared<SimpleValue>(v));
    return out;
  }
  failAt(loc, typeName(type), " cannot be used as a tuple");
}

SugaredPtr SimpleValue::iter(const SourceRange& loc, FunctionEmitter& e) {
  TypeKind k = value_->type()->kind();
  if (k == TypeKind::List || k == TypeKind::Str || k == TypeKind::Tensor) return shared_from_this();
  if (k == TypeKind::Dict) {
    return std::make_shared<SimpleValue>(
        e.emitBuiltin(loc, "aten::keys", {NamedValue(loc, value_)}));
  }
  if (k == TypeKind::Tuple)
    return std::make_shared<SugaredTupleValue>(asTuple(loc, e, std::nullopt));
  failAt(loc, "'", typeName(value_->type()), "' object is not iterable");
}

Value* SimpleValue::len(const SourceRange& loc, FunctionEmitter& e) {
  TypeKind k = value_->type()->kind();
  if (k == TypeKind::List || k == TypeKind::Str || k == TypeKind::Tensor) {
    return e.emitBuiltin(loc, "aten::len", {NamedValue(loc, value_)});
  }
  failAt(loc, "'", typeName(value_->type()), "' object is not iterable");
}

SugaredPtr SimpleValue::getitem(const SourceRange& loc, FunctionEmitter& e, Value* index,
                                const TypePtr&) {
  TypeKind k = value_->type()->kind();
  if (k == TypeKind::List || k == TypeKind::Str || k == TypeKind::Dict) {
    return std::make_shared<SimpleValue>(
        e.emitBuiltin(loc, "aten::__getitem__", {NamedValue(loc, value_), NamedValue(loc, index)}));
  }
  if (k == TypeKind::Tensor) {
    Value* zero = e.insertConstant(IValue(int64_t{0}), SourceRange());
    return std::make_shared<SimpleValue>(
        e.emitBuiltin(loc, "aten::select",
                      {NamedValue(loc, value_), NamedValue(loc, zero), NamedValue(loc, index)}));
  }
  if (k == TypeKind::Class) {
    return attr(loc, e, "__getitem__")->call(loc, e, {NamedValue(loc, index)}, {}, 1);
  }
  failAt(loc, "'", typeName(value_->type()), "' object is not subscriptable");
}

// ---- builtin functions, functions and methods ----

std::shared_ptr<BuiltinFunction> BuiltinFunction::tryCreate(const std::string& name,
                                                            const NamedValue& self) {
  std::shared_ptr<const BuiltinOverloads> overloads = builtinOverloads(name);
  for (const FunctionSchema* s : overloads->schemas) {
    auto index = s->argumentIndex("self");
    if (!index) continue;
    const TypePtr& formal = s->arguments[*index].type;
    TypePtr actual = self.type();
    bool ok = actual->isSubtypeOf(*formal);
    if (!ok) {
      // Generic self arguments (t[] self, Dict(str, t) self) match by shape.
      TypeKind fk = formal->kind();
      ok = (fk == TypeKind::List || fk == TypeKind::Dict || fk == TypeKind::Var) &&
           (fk == TypeKind::Var || actual->kind() == fk);
      if (ok && fk == TypeKind::Dict) {
        ok = *formal->cast<DictType>()->key() == *actual->cast<DictType>()->key() ||
             formal->cast<DictType>()->key()->kind() == TypeKind::Var;
      }
    }
    if (ok) return std::make_shared<BuiltinFunction>(name, self);
  }
  return nullptr;
}

SugaredPtr BuiltinFunction::call(const SourceRange& loc, FunctionEmitter& e,
                                 const std::vector<NamedValue>& args,
                                 const std::vector<NamedValue>& kwargs, size_t) {
  return std::make_shared<SimpleValue>(e.emitBuiltin(loc, name_, args, kwargs, self_));
}

SugaredPtr FunctionValue::call(const SourceRange& loc, FunctionEmitter& e,
                               const std::vector<NamedValue>& args,
                               const std::vector<NamedValue>& kwargs, size_t) {
  e.unit().ensureDefined(*fn_, loc);
  const FunctionSchema& schema = fn_->schema();
  MatchedSchema m = matchSchema(schema, loc, e, args, kwargs);
  Node* n = e.graph().create(prim::kCallFunction, m.inputs, 1);
  n->setAttr("name", IValue(fn_->qualname()));
  n->setCallee(fn_);
  n->output()->setType(m.return_types.at(0));
  return std::make_shared<SimpleValue>(e.insertNode(n, loc)->output());
}

SugaredPtr MethodValue::call(const SourceRange& loc, FunctionEmitter& e,
                             const std::vector<NamedValue>& args,
                             const std::vector<NamedValue>& kwargs, size_t) {
  auto* ct = self_->type()->cast<ClassType>();
  auto* fn = ct ? dynamic_cast<Function*>(ct->findMethod(name_)) : nullptr;
  if (!fn) failAt(loc, "'", typeName(self_->type()), "' object has no method '", name_, "'");
  e.unit().ensureDefined(*fn, loc);
  MatchedSchema m = matchSchema(fn->schema(), loc, e, args, kwargs, NamedValue(loc, "self", self_));
  Node* n = e.graph().create(prim::kCallMethod, m.inputs, 1);
  n->setAttr("name", IValue(name_));
  n->output()->setType(m.return_types.at(0));
  return std::make_shared<SimpleValue>(e.insertNode(n, loc)->output());
}

// ---- iterables ----

Value* SugaredTupleValue::asValue(const SourceRange& loc, FunctionEmitter& e) {
  std::vector<Value*> values;
  for (const SugaredPtr& s : elems_) values.push_back(s->asValue(loc, e));
  return e.insertNode(e.graph().createTupleConstruct(values), loc)->output();
}

SugaredPtr SugaredTupleValue::getitem(const SourceRange& loc, FunctionEmitter&, Value* index,
                                      const TypePtr&) {
  auto c = index->node()->kind() == prim::kConstant ? index->node()->findAttr("value") : nullptr;
  if (index->type()->kind() != TypeKind::Int || !c) {
    failAt(loc, "expected an integer literal as the index of a tuple");
  }
  int64_t i = c->toInt();
  int64_t n = static_cast<int64_t>(elems_.size());
  int64_t adjusted = i < 0 ? i + n : i;
  if (adjusted < 0 || adjusted >= n) failAt(loc, "index ", i, " out of range of length ", n);
  return elems_[static_cast<size_t>(adjusted)];
}

RangeValue::RangeValue(const SourceRange& loc, FunctionEmitter& e, std::vector<Value*> inputs,
                       std::optional<int64_t> static_len)
    : static_len_(static_len) {
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i]->type()->kind() != TypeKind::Int) {
      failAt(loc, "all inputs of range must be ints, found ", typeName(inputs[i]->type()),
             " in argument ", i);
    }
  }
  if (inputs.empty()) failAt(loc, "range expected at least 1 arguments, got 0");
  if (inputs.size() > 3) failAt(loc, "range expected at most 3 arguments, got ", inputs.size());
  if (inputs.size() == 1) {
    end_ = inputs[0];
    start_ = e.insertConstant(IValue(int64_t{0}), loc);
    step_ = e.insertConstant(IValue(int64_t{1}), loc);
    only_end_ = true;
  } else {
    start_ = inputs[0];
    end_ = inputs[1];
    step_ = inputs.size() == 3 ? inputs[2] : e.insertConstant(IValue(int64_t{1}), loc);
  }
}

Value* RangeValue::len(const SourceRange& loc, FunctionEmitter& e) {
  if (static_len_) return e.insertConstant(IValue(*static_len_), loc);
  if (only_end_) return end_;
  return e.emitBuiltin(loc, "aten::__range_length",
                       {NamedValue(loc, start_), NamedValue(loc, end_), NamedValue(loc, step_)});
}

SugaredPtr RangeValue::getitem(const SourceRange& loc, FunctionEmitter& e, Value* index,
                               const TypePtr&) {
  if (only_end_) return std::make_shared<SimpleValue>(index);
  return std::make_shared<SimpleValue>(
      e.emitBuiltin(loc, "aten::__derive_index",
                    {NamedValue(loc, index), NamedValue(loc, start_), NamedValue(loc, step_)}));
}

void IterableTree::addChild(const SourceRange& loc, SugaredPtr child) {
  std::optional<int64_t> len = child->staticLen();
  if (children_.empty()) {
    unroll_length_ = len;
  } else {
    if (unroll_length_.has_value() != len.has_value()) {
      failAt(loc,
             "cannot iterate over a tuple together with a value that does not have a "
             "statically determinable length");
    }
    if (len) unroll_length_ = std::min(*unroll_length_, *len);
  }
  children_.push_back(std::move(child));
}

Value* IterableTree::len(const SourceRange& loc, FunctionEmitter& e) {
  std::vector<Value*> lens;
  std::vector<SugaredPtr> leaves;
  // Nested trees (zip(enumerate(a), b)) iterate as long as their shortest leaf.
  std::function<void(const SugaredPtr&)> collect = [&](const SugaredPtr& s) {
    if (auto* t = dynamic_cast<IterableTree*>(s.get())) {
      for (const SugaredPtr& c : t->children_) collect(c);
    } else {
      leaves.push_back(s);
    }
  };
  for (const SugaredPtr& c : children_) collect(c);
  for (const SugaredPtr& l : leaves) lens.push_back(l->len(loc, e));
  Value* list = e.insertNode(e.graph().createListConstruct(lens, IntType::get()), loc)->output();
  return e.emitBuiltin(loc, "prim::min", {NamedValue(loc, list)});
}

SugaredPtr IterableTree::getitem(const SourceRange& loc, FunctionEmitter& e, Value* index,
                                 const TypePtr&) {
  std::vector<SugaredPtr> items;
  for (const SugaredPtr& c : children_) items.push_back(c->getitem(loc, e, index, nullptr));
  return std::make_shared<SugaredTupleValue>(std::move(items));
}

}  // namespace wick::jit::frontend
