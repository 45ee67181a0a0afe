#include <functional>
#include <sstream>

#include "ir/function.h"
#include "passes/inline_calls.h"
#include "runtime/interpreter.h"
#include "runtime/type_check.h"
#include "serialize/function_printer.h"
#include "wick/core/grad_mode.h"
#include "wick/jit/script.h"

namespace wick::jit {

std::string toString(const Graph& g) { return g.toString(); }

// ---- ScriptFunction ----

ScriptFunction::ScriptFunction(std::shared_ptr<Function> fn, std::shared_ptr<CompilationUnit> cu)
    : fn_(std::move(fn)), cu_(std::move(cu)) {}

IValue ScriptFunction::operator()(std::vector<IValue> inputs) const {
  WICK_CHECK(fn_, "calling an empty ScriptFunction");
  checkArguments(fn_->schema(), inputs, /*skip_self=*/false);
  appendDefaults(fn_->schema(), inputs, /*skip_self=*/false);
  runFunction(*fn_, inputs);
  WICK_INTERNAL_ASSERT(inputs.size() == 1, "a function returned ", inputs.size(), " values");
  return std::move(inputs[0]);
}

const std::string& ScriptFunction::name() const { return fn_->name(); }
const Graph& ScriptFunction::graph() const { return *fn_->graph(); }

std::string ScriptFunction::schema() const {
  std::ostringstream os;
  const FunctionSchema& s = fn_->schema();
  os << fn_->name() << "(";
  for (size_t i = 0; i < s.arguments.size(); ++i) {
    os << (i ? ", " : "") << s.arguments[i].type->annotationStr() << " " << s.arguments[i].name;
  }
  os << ") -> ";
  for (size_t i = 0; i < s.returns.size(); ++i)
    os << (i ? ", " : "") << s.returns[i].type->annotationStr();
  return os.str();
}

std::string ScriptFunction::code() const {
  archive::PrintContext ctx;
  std::string out;
  archive::printFunction(out, *fn_, fn_->name(), nullptr, 0, ctx);
  return out;
}

// ---- ScriptModule ----

ScriptModule::ScriptModule(IntrusivePtr<Object> object, std::shared_ptr<CompilationUnit> cu)
    : object_(std::move(object)), cu_(std::move(cu)) {}

namespace {

Function* findMethod(const Object& obj, const std::string& name) {
  return dynamic_cast<Function*>(obj.type->findMethod(name));
}

bool isModuleAttr(const ClassType::Attribute& a) {
  const auto* ct = a.type->cast<ClassType>();
  return ct && ct->isModule();
}

}  // namespace

bool ScriptModule::has_method(const std::string& name) const {
  return object_ && findMethod(*object_, name) != nullptr;
}

std::vector<std::string> ScriptModule::method_names() const {
  std::vector<std::string> out;
  for (const auto& m : object_->type->methods()) out.push_back(m->name());
  return out;
}

ScriptFunction ScriptModule::get_method(const std::string& name) const {
  WICK_CHECK(object_, "the ScriptModule is empty");
  Function* f = findMethod(*object_, name);
  WICK_CHECK(f, "'", type_name(), "' has no method '", name, "'");
  for (const auto& m : object_->type->methods()) {
    if (m.get() == f) return ScriptFunction(std::static_pointer_cast<Function>(m), cu_);
  }
  WICK_INTERNAL_ASSERT(false);
  return {};
}

IValue ScriptModule::run_method(const std::string& name, std::vector<IValue> inputs) const {
  WICK_CHECK(object_, "the ScriptModule is empty");
  Function* f = findMethod(*object_, name);
  if (!f) {
    WICK_FAIL("'", type_name(), "' has no method '", name, "'",
              object_->type->methods().empty()
                  ? ". Methods from submodules of traced modules are only traced when the parent's "
                    "forward calls them; are you calling a submodule?"
                  : "");
  }
  checkArguments(f->schema(), inputs, /*skip_self=*/true);
  appendDefaults(f->schema(), inputs, /*skip_self=*/true);
  Stack stack;
  stack.reserve(inputs.size() + 1);
  stack.emplace_back(object_);
  for (IValue& v : inputs) stack.push_back(std::move(v));
  runFunction(*f, stack);
  WICK_INTERNAL_ASSERT(stack.size() == 1, "method returned ", stack.size(), " values");
  return std::move(stack[0]);
}

const Graph& ScriptModule::graph() const {
  // A respect_mode module shows the graph of the mode it is in.
  if (has_method("trainforward") && has_method("evalforward")) {
    return graph(is_training() ? "trainforward" : "evalforward");
  }
  return graph("forward");
}

const Graph& ScriptModule::graph(const std::string& method) const {
  Function* f = object_ ? findMethod(*object_, method) : nullptr;
  WICK_CHECK(f, "'", type_name(), "' has no method '", method, "'");
  return *f->graph();
}

const std::string& ScriptModule::type_name() const { return object_->type->name(); }

namespace {

void collect(const Object& obj, const std::string& prefix, ClassType::AttrKind kind, bool recurse,
             nn::OrderedDict<Tensor>& out) {
  const auto& attrs = obj.type->attributes();
  for (size_t i = 0; i < attrs.size() && i < obj.slots.size(); ++i) {
    if (attrs[i].kind == kind && obj.slots[i].isTensor()) {
      out.insert(prefix + attrs[i].name, obj.slots[i].toTensor());
    }
  }
  if (!recurse) return;
  for (size_t i = 0; i < attrs.size() && i < obj.slots.size(); ++i) {
    if (isModuleAttr(attrs[i]) && obj.slots[i].isObject()) {
      collect(obj.slots[i].toObject(), prefix + attrs[i].name + ".", kind, true, out);
    }
  }
}

}  // namespace

nn::OrderedDict<Tensor> ScriptModule::named_parameters(bool recurse) const {
  nn::OrderedDict<Tensor> out;
  collect(*object_, "", ClassType::AttrKind::Parameter, recurse, out);
  return out;
}
std::vector<Tensor> ScriptModule::parameters(bool recurse) const {
  return named_parameters(recurse).values();
}
nn::OrderedDict<Tensor> ScriptModule::named_buffers(bool recurse) const {
  nn::OrderedDict<Tensor> out;
  collect(*object_, "", ClassType::AttrKind::Buffer, recurse, out);
  return out;
}
std::vector<Tensor> ScriptModule::buffers(bool recurse) const {
  return named_buffers(recurse).values();
}

nn::OrderedDict<ScriptModule> ScriptModule::named_children() const {
  nn::OrderedDict<ScriptModule> out;
  const auto& attrs = object_->type->attributes();
  for (size_t i = 0; i < attrs.size() && i < object_->slots.size(); ++i) {
    if (isModuleAttr(attrs[i]) && object_->slots[i].isObject()) {
      out.insert(attrs[i].name, ScriptModule(object_->slots[i].toObjectPtr(), cu_));
    }
  }
  return out;
}
std::vector<ScriptModule> ScriptModule::children() const { return named_children().values(); }

nn::OrderedDict<ScriptModule> ScriptModule::named_modules() const {
  nn::OrderedDict<ScriptModule> out;
  std::function<void(const std::string&, const ScriptModule&)> visit = [&](const std::string& p,
                                                                           const ScriptModule& m) {
    out.insert(p, m);
    for (const auto& [k, c] : m.named_children()) visit(p.empty() ? k : p + "." + k, c);
  };
  visit("", *this);
  return out;
}
std::vector<ScriptModule> ScriptModule::modules() const { return named_modules().values(); }

bool ScriptModule::hasattr(const std::string& name) const { return object_->hasAttr(name); }

IValue ScriptModule::attr(const std::string& name) const {
  WICK_CHECK(object_->hasAttr(name), "'", type_name(), "' has no attribute '", name, "'");
  return object_->attr(name);
}

void ScriptModule::setattr(const std::string& name, IValue value) {
  if (auto slot = object_->type->findAttributeSlot(name)) {
    const auto& a = object_->type->attributes()[*slot];
    WICK_CHECK(valueMatchesType(value, *a.type), "cannot set attribute '", name, "' of type ",
               a.type->annotationStr(), " to a value of type ", value.typeName());
  }
  object_->setAttr(name, std::move(value));
}

ScriptModule ScriptModule::submodule(const std::string& name) const {
  IValue v = attr(name);
  WICK_CHECK(v.isObject() && v.toObject().type->isModule(), "'", name, "' is not a submodule of '",
             type_name(), "'");
  return ScriptModule(v.toObjectPtr(), cu_);
}

void ScriptModule::train(bool on) {
  for (ScriptModule& m : modules()) {
    if (m.object_->hasAttr("training")) m.object_->setAttr("training", IValue(on));
  }
}

bool ScriptModule::is_training() const {
  return object_->hasAttr("training") && object_->attr("training").toBool();
}

void ScriptModule::register_parameter(const std::string& name, Tensor t, bool requires_grad) {
  if (requires_grad && t.defined() && isFloatingType(t.dtype())) t.requires_grad_(true);
  auto slot = object_->type->findAttributeSlot(name);
  if (!slot)
    slot = object_->type->addAttribute(name, TensorType::get(), ClassType::AttrKind::Parameter);
  object_->type->setAttributeKind(*slot, ClassType::AttrKind::Parameter);
  object_->setAttr(name, IValue(t));
}

void ScriptModule::register_buffer(const std::string& name, Tensor t) {
  auto slot = object_->type->findAttributeSlot(name);
  if (!slot)
    slot = object_->type->addAttribute(name, TensorType::get(), ClassType::AttrKind::Buffer);
  object_->type->setAttributeKind(*slot, ClassType::AttrKind::Buffer);
  object_->setAttr(name, IValue(t));
}

void ScriptModule::register_module(const std::string& name, const ScriptModule& m) {
  WICK_CHECK(m.defined(), "register_module: the module is empty");
  if (!object_->type->findAttributeSlot(name)) object_->type->addAttribute(name, m.object_->type);
  object_->setAttr(name, IValue(m.object_));
}

nn::StateDict ScriptModule::state_dict() const {
  nn::StateDict out;
  std::function<void(const ScriptModule&, const std::string&)> visit = [&](const ScriptModule& m,
                                                                           const std::string& p) {
    for (const auto& [k, v] : m.named_parameters(false)) out.insert(p + k, v);
    for (const auto& [k, v] : m.named_buffers(false)) out.insert(p + k, v);
    for (const auto& [k, c] : m.named_children()) visit(c, p + k + ".");
  };
  visit(*this, "");
  return out;
}

void ScriptModule::load_state_dict(const nn::StateDict& dict, bool strict) {
  nn::StateDict own = state_dict();
  std::vector<std::string> missing, unexpected, mismatched;
  for (const auto& [k, v] : own) {
    const Tensor* src = dict.find(k);
    if (!src) {
      missing.push_back(k);
    } else if (!(src->sizes() == v.sizes())) {
      std::ostringstream os;
      os << "size mismatch for " << k << ": copying a param with shape " << src->sizes()
         << " from checkpoint, the shape in current model is " << v.sizes() << ".";
      mismatched.push_back(os.str());
    }
  }
  for (const auto& [k, v] : dict)
    if (!own.contains(k)) unexpected.push_back(k);
  auto quoted = [](const std::vector<std::string>& keys) {
    std::string s;
    for (size_t i = 0; i < keys.size(); ++i) s += (i ? ", \"" : "\"") + keys[i] + "\"";
    return s;
  };
  std::string errors;
  if (strict && !missing.empty())
    errors += "\n\tMissing key(s) in state_dict: " + quoted(missing) + ". ";
  if (strict && !unexpected.empty()) {
    errors += "\n\tUnexpected key(s) in state_dict: " + quoted(unexpected) + ". ";
  }
  for (const auto& m : mismatched) errors += "\n\t" + m;
  WICK_CHECK(errors.empty(), "Error(s) in loading state_dict for ", type_name(), ":", errors);
  const OpInfo* copy = findOp("aten::copy_");
  WICK_CHECK(copy, "aten::copy_ is not registered");
  NoGradGuard no_grad;
  for (const auto& [k, v] : own) {
    if (const Tensor* src = dict.find(k)) {
      Stack s{IValue(v), IValue(*src), IValue(false)};
      copy->kernel(s, 3);
    }
  }
}

void ScriptModule::to(DType dtype) {
  const OpInfo* to = findOp("aten::to.dtype");
  WICK_CHECK(to, "aten::to.dtype is not registered");
  NoGradGuard no_grad;
  for (const auto& [k, t] : state_dict()) {
    if (!isFloatingType(t.dtype()) || t.dtype() == dtype) continue;
    Stack s{IValue(t), IValue(dtype), IValue(false), IValue(false), IValue()};
    to->kernel(s, 5);
    t.impl()->setData(*s.back().toTensor().impl());
  }
}

void ScriptModule::apply(const std::function<void(ScriptModule&)>& fn) {
  for (ScriptModule& m : modules()) fn(m);
}

// ---- value helpers ----

IValue named_tuple(const std::vector<std::pair<std::string, IValue>>& fields) {
  std::vector<std::string> names;
  std::vector<TypePtr> types;
  std::vector<IValue> values;
  for (const auto& [n, v] : fields) {
    names.push_back(n);
    types.push_back(v.type());
    values.push_back(v);
  }
  auto type = TupleType::createNamed("__torch__.NamedTuple", std::move(names), std::move(types));
  return IValue(makeTuple(std::move(values), std::move(type)));
}

IValue list(const std::vector<Tensor>& tensors) { return IValue(tensors); }

IValue dict(const std::vector<std::pair<std::string, IValue>>& items) {
  TypePtr value_type;
  for (const auto& [k, v] : items) {
    TypePtr t = v.isTensor() ? TensorType::get() : v.type();
    value_type = value_type ? unifyTypes(value_type, t).value_or(AnyType::get()) : t;
  }
  auto d = makeDict(StringType::get(), value_type ? value_type : TensorType::get());
  for (const auto& [k, v] : items) d->insert(IValue(k), v);
  return IValue(d);
}

}  // namespace wick::jit

namespace wick::jit {

namespace {
std::shared_ptr<Graph> inlinedCopy(const Graph& g) {
  std::shared_ptr<Graph> copy = g.copy();
  inlineCalls(*copy);
  return copy;
}
}  // namespace

std::shared_ptr<Graph> ScriptFunction::inlined_graph() const { return inlinedCopy(graph()); }

std::shared_ptr<Graph> ScriptModule::inlined_graph(const std::string& method) const {
  if (method == "forward" && has_method("trainforward") && has_method("evalforward")) {
    return inlinedCopy(graph());
  }
  return inlinedCopy(graph(method));
}

}  // namespace wick::jit
