// Sequential, ModuleList and ModuleDict.
#include "wick/nn/modules/container.h"

namespace wick::nn {

namespace {
constexpr const char* kPath = "torch.nn.modules.container";

std::shared_ptr<Module> childAt(const Module& m, size_t index, const char* what) {
  const auto& items = m.direct_children().items();
  WICK_CHECK_INDEX(index < items.size(), "index ", index, " is out of range for a ", what, " of ",
                   items.size(), " modules");
  return items[index].second;
}
}  // namespace

SequentialImpl::SequentialImpl() : Module("Sequential") { set_torch_module_path(kPath); }

Tensor SequentialImpl::forward(const Tensor& input) {
  IValue value(input);
  // run_method reports each call to the tracer: one prim::CallMethod per child.
  for (const auto& [name, child] : direct_children()) value = child->run_method("forward", {value});
  WICK_CHECK(value.isTensor(), "Sequential: the last module returned a ", value.typeName(),
             ", expected a Tensor");
  return std::move(value).toTensor();
}

std::shared_ptr<Module> SequentialImpl::operator[](size_t index) const {
  return childAt(*this, index, "Sequential");
}

ModuleListImpl::ModuleListImpl() : Module("ModuleList") { set_torch_module_path(kPath); }

void ModuleListImpl::insertPtr(size_t index, std::shared_ptr<Module> module) {
  size_t n = size();
  WICK_CHECK_INDEX(index <= n, "ModuleList.insert: index ", index, " is out of range for ", n,
                   " modules");
  if (index == n) {
    register_module(std::to_string(n), std::move(module));
    return;
  }
  // Shift the tail up by one: append the last module again, then move each one along.
  register_module(std::to_string(n), (*this)[n - 1]);
  for (size_t i = n - 1; i > index; --i) replace_module(std::to_string(i), (*this)[i - 1]);
  replace_module(std::to_string(index), std::move(module));
}

void ModuleListImpl::extend(const ModuleListImpl& other) {
  std::vector<std::shared_ptr<Module>> mods = other.children();
  for (auto& m : mods) register_module(std::to_string(size()), m);
}

std::shared_ptr<Module> ModuleListImpl::operator[](size_t index) const {
  return childAt(*this, index, "ModuleList");
}

ModuleDictImpl::ModuleDictImpl() : Module("ModuleDict") { set_torch_module_path(kPath); }

void ModuleDictImpl::insertPtr(const std::string& key, std::shared_ptr<Module> module) {
  if (contains(key)) {
    replace_module(key, std::move(module));
  } else {
    register_module(key, std::move(module));
  }
}

std::shared_ptr<Module> ModuleDictImpl::operator[](const std::string& key) const {
  const std::shared_ptr<Module>* m = direct_children().find(key);
  WICK_CHECK(m, "ModuleDict has no module '", key, "'");
  return *m;
}

}  // namespace wick::nn
