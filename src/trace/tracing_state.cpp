#include "trace/tracing_state.h"

#include <sstream>

#include "ops/op_aliases.h"
#include "wick/core/warning.h"

namespace wick::jit {

const char* const kStrictTracerMessage =
    " might cause the trace to be incorrect, this is only valid if the container structure "
    "does not change based on the module's inputs. Consider using a constant container "
    "instead (e.g. for `list`, use a `tuple` instead. for `dict`, use a `NamedTuple` "
    "instead). If you absolutely need this and know the side effects, pass strict=false to "
    "trace() to allow this behavior.";

TracingState::TracingState(std::string method_name) : method_name_(std::move(method_name)) {
  Frame root;
  root.graph = std::make_shared<Graph>();
  frames_.push_back(std::move(root));
}

TracingState::~TracingState() = default;

bool isTracing() { return detail::tracer() != nullptr; }

TracingGuard::TracingGuard(TracingState& state) {
  WICK_CHECK(detail::t_tracer == nullptr, "Tracing can't be nested");
  detail::t_tracer = &state;
}

TracingGuard::~TracingGuard() { detail::t_tracer = nullptr; }

void TracingState::setModules(std::vector<TracedModule> modules,
                              std::unordered_map<const TensorImpl*, TracedAttribute> attributes) {
  WICK_INTERNAL_ASSERT(!modules.empty() && frames_.size() == 1);
  modules_ = std::move(modules);
  attributes_ = std::move(attributes);
  Frame& root = frames_.front();
  root.module = &modules_.front();
  root.self = root.graph->addInput("self");
  root.self->setType(modules_.front().object->type);
}

const TracedModule* TracingState::findModule(const void* identity) const {
  for (const TracedModule& m : modules_)
    if (m.identity == identity) return &m;
  return nullptr;
}

bool TracingState::isTraced(const TensorImpl* t) const {
  for (const Frame& f : frames_)
    if (f.values.count(t)) return true;
  return attributes_.count(t) != 0;
}

void TracingState::mapTensor(Frame& f, const Tensor& t, Value* v) {
  f.values[t.impl()] = v;
  keep_alive_.push_back(t);
}

Value* TracingState::constant(Frame& f, const IValue& v, TypePtr type) {
  return f.graph->insertConstant(v, std::move(type));
}

// GetAttr chains for module attributes go to the top of the frame's graph, each emitted once.
// As in PyTorch, each new chain is placed before the ones already there (so they read in
// reverse order of first use), and an attribute of an object follows the object's GetAttr.
Value* TracingState::attributeChain(Frame& f, const std::vector<std::string>& path) {
  std::string key;
  Value* obj = f.self;
  Node* after = nullptr;
  for (const std::string& name : path) {
    key += key.empty() ? name : "." + name;
    auto it = f.getattrs.find(key);
    if (it != f.getattrs.end()) {
      obj = it->second;
      after = obj->node();
      continue;
    }
    Node* n = f.graph->createGetAttr(obj, name);
    if (after) {
      n->insertAfter(after);
    } else {
      f.graph->block()->prependNode(n);
    }
    after = n;
    // Names made of digits ("0" in a Sequential) print as %_0, as in PyTorch.
    bool digits = name.find_first_not_of("0123456789") == std::string::npos;
    n->output()->setDebugName(digits ? "_" + name : name);
    f.getattrs.emplace(key, n->output());
    obj = n->output();
  }
  return obj;
}

Value* TracingState::valueFor(Frame& f, const Tensor& t) {
  WICK_CHECK(t.defined(), "the tracer was given an undefined tensor");
  auto it = f.values.find(t.impl());
  if (it != f.values.end()) return it->second;
  // A parameter or buffer of this frame's module (or of one of its submodules).
  auto attr = attributes_.find(t.impl());
  if (attr != attributes_.end() && f.module) {
    const TracedModule* owner = findModule(attr->second.owner);
    const auto& base = f.module->path;
    if (owner && owner->path.size() >= base.size() &&
        std::equal(base.begin(), base.end(), owner->path.begin())) {
      std::vector<std::string> rel(owner->path.begin() + static_cast<std::ptrdiff_t>(base.size()),
                                   owner->path.end());
      rel.push_back(attr->second.name);
      Value* v = attributeChain(f, rel);
      v->setType(TensorType::create(t));
      f.values[t.impl()] = v;
      return v;
    }
  }
  for (size_t i = 0; i + 1 < frames_.size(); ++i) {
    WICK_CHECK(!frames_[i].values.count(t.impl()),
               "a tensor computed outside of a module's forward was used inside it without being "
               "passed as an argument; the tracer cannot record that. Pass it to forward() "
               "instead");
  }
  WICK_CHECK(!t.requires_grad(),
             "Cannot insert a Tensor that requires grad as a constant. Consider making it a "
             "parameter or input, or detaching the gradient\nTensor:\n",
             t);
  Value* v = constant(f, IValue(t), TensorType::create(t));
  mapTensor(f, t, v);
  return v;
}

// An int computed from a traced size: aten::Int(%n) right after %n is defined.
Value* TracingState::symbolicInt(Frame& f, const IntrusivePtr<TensorImpl>& traced) {
  Value* ten = valueFor(f, Tensor(traced));
  InsertPoint saved = f.graph->insertPoint();
  f.graph->setInsertPoint(ten->node()->next());
  Node* n = f.graph->createOp(*findOp("aten::Int.Tensor"), {ten});
  f.graph->insertNode(n);
  f.graph->restoreInsertPoint(saved);
  return n->output();
}

namespace {
TypePtr baseType(const TypePtr& t) {
  if (const auto* o = t->cast<OptionalType>()) return o->elem();
  return t;
}
}  // namespace

Value* TracingState::valueForArg(Frame& f, const TraceArg& a, const SchemaArgument& arg) {
  const IValue& v = a.value;
  TypePtr type = baseType(arg.type);
  if (v.isTensor()) return valueFor(f, v.toTensor());
  if (v.isNone() || type->kind() == TypeKind::Generator)
    return constant(f, IValue(), NoneType::get());
  if (v.isList()) {
    const ListObj& l = v.toList();
    TypePtr elem = l.elem_type ? l.elem_type : AnyType::get();
    std::vector<Value*> elems;
    if (elem->kind() == TypeKind::Tensor ||
        (elem->kind() == TypeKind::Optional && baseType(elem)->kind() == TypeKind::Tensor)) {
      for (const IValue& e : l.elems) {
        elems.push_back(e.isNone() ? constant(f, IValue(), NoneType::get())
                                   : valueFor(f, e.toTensor()));
      }
    } else {
      for (size_t i = 0; i < l.elems.size(); ++i) {
        if (i < a.symbolic.size() && a.symbolic[i]) {
          elems.push_back(symbolicInt(f, a.symbolic[i]));
        } else {
          elems.push_back(constant(f, l.elems[i]));
        }
      }
    }
    return f.graph->insertNode(f.graph->createListConstruct(elems, elem))->output();
  }
  if (!a.symbolic.empty() && a.symbolic[0]) {
    if (type->kind() == TypeKind::Number) {
      Value* ten = valueFor(f, Tensor(a.symbolic[0]));
      Node* n = f.graph->createOp(*findOp("aten::ScalarImplicit"), {ten});
      n->output()->setType(NumberType::get());
      return f.graph->insertNode(n)->output();
    }
    return symbolicInt(f, a.symbolic[0]);
  }
  // Plain values: ints, floats, bools, strings, devices; dtypes and layouts are ints.
  return constant(f, v);
}

void TracingState::recordOp(OpId id, std::vector<TraceArg>& args, std::vector<IValue>& outputs) {
  // An alias is recorded as its canonical op (aten::clip as aten::clamp), as PyTorch's tracer
  // normalizes its graphs.
  const OpInfo& op = canonicalOp(opInfo(id));
  const FunctionSchema& schema = op.schema;
  Frame& f = frame();
  WICK_INTERNAL_ASSERT(args.size() == schema.arguments.size(), schema.qualifiedName(), ": ",
                       args.size(), " traced arguments");
  std::vector<Value*> inputs;
  inputs.reserve(args.size());
  for (size_t i = 0; i < args.size(); ++i)
    inputs.push_back(valueForArg(f, args[i], schema.arguments[i]));
  Node* n = f.graph->insertNode(f.graph->createOp(op, inputs));
  if (op.has(kRandom)) random_ops_.push_back(schema.qualifiedName());
  WICK_INTERNAL_ASSERT(outputs.size() == n->outputs().size(), schema.qualifiedName(),
                       ": kernel returned ", outputs.size(), " values");
  for (size_t i = 0; i < outputs.size(); ++i) {
    const IValue& out = outputs[i];
    Value* v = n->output(i);
    if (out.isTensor()) {
      v->setType(TensorType::create(out.toTensor()));
      mapTensor(f, out.toTensor(), v);
    } else if (out.isList() && out.toList().elem_type &&
               out.toList().elem_type->kind() == TypeKind::Tensor) {
      // A tensor list is unpacked at once, as PyTorch's tracer does.
      v->setType(ListType::ofTensors());
      const auto& elems = out.toList().elems;
      Node* unpack = f.graph->insertNode(f.graph->createListUnpack(v, elems.size()));
      for (size_t k = 0; k < elems.size(); ++k) {
        unpack->output(k)->setType(TensorType::create(elems[k].toTensor()));
        mapTensor(f, elems[k].toTensor(), unpack->output(k));
      }
    }
  }
}

// ---- sizes ----

SymInt TracingState::sizeOf(const TensorImpl* t, int64_t dim, SourceLocation loc) {
  Frame& f = frame();
  Tensor self(IntrusivePtr<TensorImpl>(const_cast<TensorImpl*>(t)));
  Value* x = valueFor(f, self);
  Value* d = constant(f, IValue(dim));
  Node* size = f.graph->insertNode(f.graph->createOp(*findOp("aten::size.int"), {x, d}));
  Node* num =
      f.graph->insertNode(f.graph->createOp(*findOp("prim::NumToTensor.Scalar"), {size->output()}));
  num->output()->setType(TensorType::create(kLong, std::vector<int64_t>{}, std::vector<int64_t>{},
                                            std::nullopt, kCPU));
  int64_t value = t->sizes()[dim];
  Tensor n = wrappedScalarTensor(Scalar(value));
  mapTensor(f, n, num->output());
  return SymInt(value, n.implPtr(), loc);
}

SymInt TracingState::numelOf(const TensorImpl* t, SourceLocation loc) {
  Frame& f = frame();
  Tensor self(IntrusivePtr<TensorImpl>(const_cast<TensorImpl*>(t)));
  Value* x = valueFor(f, self);
  Node* numel = f.graph->insertNode(f.graph->createOp(*findOp("aten::numel"), {x}));
  Node* num = f.graph->insertNode(
      f.graph->createOp(*findOp("prim::NumToTensor.Scalar"), {numel->output()}));
  num->output()->setType(TensorType::create(kLong, std::vector<int64_t>{}, std::vector<int64_t>{},
                                            std::nullopt, kCPU));
  Tensor n = wrappedScalarTensor(Scalar(t->numel()));
  mapTensor(f, n, num->output());
  return SymInt(t->numel(), n.implPtr(), loc);
}

SymInt TracingState::sizeArithmetic(const SymInt& a, const SymInt& b, char op) {
  // Sizes are 0-dim Long tensors in the trace, so arithmetic on them is tensor arithmetic
  // (aten::mul(%n, %c) with a wrapped-number constant), as in PyTorch.
  auto asTensor = [](const SymInt& s) {
    return s.isTraced() ? Tensor(s.traced()) : wrappedScalarTensor(Scalar(s.value()));
  };
  const char* name = op == '+'   ? "aten::add.Tensor"
                     : op == '-' ? "aten::sub.Tensor"
                     : op == '*' ? "aten::mul.Tensor"
                     : op == '/' ? "aten::floor_divide"
                                 : "aten::remainder.Tensor";
  const OpInfo* info = findOp(name);
  WICK_CHECK(info, "arithmetic on traced sizes needs ", name, ", which is not registered");
  std::vector<TraceArg> args{TraceArg{IValue(asTensor(a)), {}}, TraceArg{IValue(asTensor(b)), {}}};
  if (info->schema.arguments.size() == 3) args.push_back(TraceArg{IValue(int64_t(1)), {}});
  Stack stack;
  for (const TraceArg& t : args) stack.push_back(t.value);
  {
    detail::NoTracerGuard no_trace;
    info->kernel(stack, stack.size());
  }
  Tensor r = stack.back().toTensor();
  std::vector<IValue> outs{IValue(r)};
  recordOp(info->id, args, outs);
  int64_t value;
  {
    detail::NoTracerGuard no_trace;
    value = r.item().toLong();
  }
  return SymInt(value, r.implPtr(), a.isTraced() ? a.where() : b.where());
}

void TracingState::conversionWarning(std::string_view what, SourceLocation loc) {
  warn(Warning::Kind::Tracer,
       "Converting a tensor to " + std::string(what) +
           " might cause the trace to be incorrect. We can't record the data flow of C++ "
           "values, so this value will be treated as a constant in the future. This means that "
           "the trace might not generalize to other inputs!",
       loc);
}

}  // namespace wick::jit
