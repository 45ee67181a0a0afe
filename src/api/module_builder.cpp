#include "api/module_builder.h"

#include <cstring>
#include <functional>

namespace wick::jit {

namespace {

Tensor copyOf(const Tensor& t) {
  Tensor c = emptyTensor(t.impl()->sizes(), t.dtype());
  // Buffers are contiguous in practice; copy element by element otherwise.
  if (t.is_contiguous()) {
    std::memcpy(c.data_ptr(), t.data_ptr(), t.nbytes());
  } else {
    const OpInfo* copy = findOp("aten::copy_");
    WICK_CHECK(copy, "aten::copy_ is not registered");
    Stack s{IValue(c), IValue(t), IValue(false)};
    copy->kernel(s, 3);
  }
  return c;
}

}  // namespace

ModuleHierarchy buildHierarchy(const std::shared_ptr<nn::Module>& root) {
  ModuleHierarchy h;
  h.cu = std::make_shared<CompilationUnit>();
  std::unordered_map<const nn::Module*, IntrusivePtr<Object>> objects;

  std::function<IntrusivePtr<Object>(const std::shared_ptr<nn::Module>&,
                                     const std::vector<std::string>&)>
      build = [&](const std::shared_ptr<nn::Module>& m,
                  const std::vector<std::string>& path) -> IntrusivePtr<Object> {
    if (auto it = objects.find(m.get()); it != objects.end()) return it->second;
    auto cls = ClassType::create(h.cu->uniqueClassName(m->qualified_type_name()), true);
    h.cu->addClass(cls);
    for (const auto& [name, t] : m->direct_parameters()) {
      cls->addAttribute(name, t.defined() ? TensorType::get() : NoneType::get(),
                        ClassType::AttrKind::Parameter);
    }
    for (const auto& [name, t] : m->direct_buffers()) {
      cls->addAttribute(name, t.defined() ? TensorType::get() : NoneType::get(),
                        ClassType::AttrKind::Buffer);
    }
    cls->addAttribute("training", BoolType::get());
    auto obj = makeObject(cls);
    objects[m.get()] = obj;
    h.modules.push_back(TracedModule{m.get(), obj, path, m->name()});
    h.eager.push_back(m);
    for (const auto& [name, t] : m->direct_parameters()) {
      obj->setAttr(name, t.defined() ? IValue(t) : IValue());
      if (t.defined()) h.attributes.emplace(t.impl(), TracedAttribute{m.get(), name});
    }
    for (const auto& [name, t] : m->direct_buffers()) {
      obj->setAttr(name, t.defined() ? IValue(t) : IValue());
      if (t.defined()) h.attributes.emplace(t.impl(), TracedAttribute{m.get(), name});
    }
    obj->setAttr("training", IValue(m->is_training()));
    for (const auto& [name, child] : m->direct_children()) {
      std::vector<std::string> child_path = path;
      child_path.push_back(name);
      IntrusivePtr<Object> c = build(child, child_path);
      cls->addAttribute(name, c->type);
      obj->setAttr(name, IValue(c));
    }
    return obj;
  };
  // Reserve so TracedModule addresses stay stable for the tracer.
  h.root = build(root, {});
  return h;
}

ModeGuard::ModeGuard(const std::vector<std::shared_ptr<nn::Module>>& modules) {
  for (const auto& m : modules) saved_.emplace_back(m, m->is_training());
}

ModeGuard::~ModeGuard() { restore(); }

void ModeGuard::restore() {
  // Set each module's own flag without recursing (train() would overwrite children).
  for (auto& [m, training] : saved_) m->set_training_flag(training);
}

BufferSnapshot::BufferSnapshot(const std::shared_ptr<nn::Module>& root) {
  for (const Tensor& b : root->buffers()) saved_.emplace_back(b, copyOf(b));
}

void BufferSnapshot::restore() {
  for (auto& [buffer, copy] : saved_) {
    if (buffer.is_contiguous() && buffer.dtype() == copy.dtype() &&
        buffer.nbytes() == copy.nbytes()) {
      std::memcpy(buffer.data_ptr(), copy.data_ptr(), copy.nbytes());
    } else {
      const OpInfo* op = findOp("aten::copy_");
      WICK_CHECK(op, "aten::copy_ is not registered");
      Stack s{IValue(buffer), IValue(copy), IValue(false)};
      op->kernel(s, 3);
    }
    buffer.impl()->storage()->bumpVersion();
  }
}

}  // namespace wick::jit
