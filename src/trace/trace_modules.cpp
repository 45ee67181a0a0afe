// Submodule calls during a module trace. Each call of a module of the traced hierarchy opens
// a frame with its own graph (the submodule's method); when it returns, the parent graph gets
// prim::CallMethod on the submodule (read through a GetAttr chain) and the method is
// attached to the submodule's class. Modules outside the hierarchy are traced inline.
#include "trace/tracing_state.h"

namespace wick::jit {

namespace {

void flattenTensors(const IValue& v, std::vector<Tensor>& out) {
  if (v.isTensor()) {
    out.push_back(v.toTensor());
  } else if (v.isTuple()) {
    for (const IValue& e : v.toTuple().elems) flattenTensors(e, out);
  } else if (v.isList()) {
    for (const IValue& e : v.toList().elems) flattenTensors(e, out);
  } else if (v.isDict()) {
    for (const auto& [k, e] : v.toDict().items()) flattenTensors(e, out);
  }
}

}  // namespace

void TracingState::enterModule(const void* module, const std::vector<IValue>& inputs) {
  const TracedModule* entry = findModule(module);
  Frame& parent = frame();
  bool descendant =
      entry && parent.module && entry != parent.module &&
      entry->path.size() > parent.module->path.size() &&
      std::equal(parent.module->path.begin(), parent.module->path.end(), entry->path.begin());
  calls_.push_back(descendant);
  if (!descendant) {
    // The root's own forward, a module outside the traced hierarchy, or a function trace:
    // its ops are recorded inline in the current graph.
    return;
  }
  std::vector<std::string> rel(
      entry->path.begin() + static_cast<std::ptrdiff_t>(parent.module->path.size()),
      entry->path.end());
  Value* target = attributeChain(parent, rel);
  std::vector<Tensor> tensors;
  for (const IValue& in : inputs) flattenTensors(in, tensors);
  std::vector<Value*> call_inputs;
  for (const Tensor& t : tensors) call_inputs.push_back(valueFor(parent, t));

  Frame f;
  f.graph = std::make_shared<Graph>();
  f.module = entry;
  f.self = f.graph->addInput("self");
  f.self->setType(entry->object->type);
  f.call_target = target;
  f.call_inputs = std::move(call_inputs);
  for (const Tensor& t : tensors) {
    Value* v = f.graph->addInput();
    v->setType(TensorType::create(t));
    f.values[t.impl()] = v;
    keep_alive_.push_back(t);
  }
  frames_.push_back(std::move(f));
}

namespace {

// The tensors in a module's result, depth first (tuples, lists, dict values).
void collectTensorLeaves(const IValue& v, std::vector<Tensor>& out) {
  if (v.isTensor()) {
    out.push_back(v.toTensor());
  } else if (v.isTuple()) {
    for (const IValue& e : v.toTuple().elems) collectTensorLeaves(e, out);
  } else if (v.isList()) {
    for (const IValue& e : v.toList().elems) collectTensorLeaves(e, out);
  } else if (v.isDict()) {
    for (const auto& [k, e] : v.toDict().items()) collectTensorLeaves(e, out);
  }
}

}  // namespace

void TracingState::exitModule(const void* module, const IValue& output) {
  (void)module;
  WICK_INTERNAL_ASSERT(!calls_.empty(), "exitModule without enterModule");
  bool opened = calls_.back();
  calls_.pop_back();
  if (!opened) return;
  WICK_INTERNAL_ASSERT(frames_.size() > 1, "module frame missing");
  Frame f = std::move(frames_.back());
  frames_.pop_back();
  Frame& p = frame();

  // Like PyTorch's traced submodules, a method returns the tensors its caller can use: a
  // single tensor as itself, several (found anywhere in tuples, lists or dict values) as a
  // flat tuple. Other values (None, numbers) are constants to the caller anyway.
  std::vector<Tensor> leaves;
  collectTensorLeaves(output, leaves);
  f.graph->setInsertPoint(f.graph->block());
  if (leaves.size() == 1) {
    f.graph->registerOutput(
        outputValue(f, IValue(leaves[0]), /*strict=*/false, /*top_level=*/false));
  } else if (leaves.empty()) {
    f.graph->registerOutput(f.graph->insertConstant(IValue()));
  } else {
    std::vector<Value*> elems;
    for (const Tensor& t : leaves) elems.push_back(outputValue(f, IValue(t), false, false));
    Node* tuple = f.graph->insertNode(f.graph->createTupleConstruct(elems));
    f.graph->registerOutput(tuple->output());
  }

  // A second call of the same module in one trace gives forward1, forward2, ... as in
  // PyTorch; names the class already has (from another traced method) are skipped too.
  auto cls = f.module->object->type;
  int& count = method_counts_[cls.get()];
  std::string name;
  do {
    name = count == 0 ? method_name_ : method_name_ + std::to_string(count);
    ++count;
  } while (cls->findMethod(name));
  auto fn = std::make_shared<Function>(cls->name() + "." + name, f.graph);
  sub_methods_.push_back(SubMethod{cls, fn});

  std::vector<Value*> ins{f.call_target};
  ins.insert(ins.end(), f.call_inputs.begin(), f.call_inputs.end());
  Node* call = p.graph->create(prim::kCallMethod, ins, 1);
  call->setAttr("name", IValue(name));
  p.graph->insertNode(call);
  Value* result = call->output();
  if (leaves.size() == 1) {
    result->setType(TensorType::get());
    mapTensor(p, leaves[0], result);
    return;
  }
  result->setType(f.graph->outputs()[0]->type());
  if (leaves.empty()) return;
  // The method's declared type says Tensor; the unpacked values carry the traced shapes.
  std::vector<TypePtr> types(leaves.size(), TensorType::get());
  result->setType(TupleType::create(types));
  Node* unpack = p.graph->insertNode(p.graph->createTupleUnpack(result));
  for (size_t i = 0; i < leaves.size(); ++i) {
    unpack->output(i)->setType(TensorType::create(leaves[i]));
    mapTensor(p, leaves[i], unpack->output(i));
  }
}

}  // namespace wick::jit
