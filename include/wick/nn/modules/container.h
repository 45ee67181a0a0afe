// Containers (torch.nn.modules.container): Sequential, ModuleList and ModuleDict.
//
//   nn::Sequential net(nn::Linear(4, 8), nn::ReLU(), nn::Linear(8, 2));
//   Tensor y = net(x);
//
// Sequential calls each child through the module call path, so a trace records one
// prim::CallMethod per child, as PyTorch's traced Sequential does. A child's forward is
// called on the previous child's result; it is registered as the child's "forward" method
// when the child has not registered one itself (a child with an overloaded forward must).
#pragma once

#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "wick/nn/module.h"

namespace wick::nn {

namespace impl {

template <class T, class = void>
struct IsHolder : std::false_type {};
template <class T>
struct IsHolder<T, std::void_t<typename T::ImplType>> : std::true_type {};

// The shared_ptr of a module given as a holder (nn::Linear) or a shared_ptr.
template <class M>
auto modulePtr(const M& m) {
  if constexpr (IsHolder<M>::value) {
    return m.ptr();
  } else {
    static_assert(std::is_base_of_v<Module, typename M::element_type>,
                  "expected an nn module (a holder such as nn::Linear, or a shared_ptr to one)");
    return m;
  }
}

// Registers Impl::forward for generic calls unless the module registered one already.
template <class Impl>
void ensureForward(Impl& module) {
  if (module.has_method("forward")) return;
  if constexpr (requires { &Impl::forward; }) {
    module.register_method("forward", &Impl::forward);
  } else {
    WICK_FAIL(module.name(),
              " has an overloaded or missing forward: register the one to call "
              "with register_method(\"forward\", &Class::forward)");
  }
}

}  // namespace impl

class SequentialImpl : public Module {
 public:
  SequentialImpl();
  template <class... M, class = std::enable_if_t<(sizeof...(M) > 0)>>
  explicit SequentialImpl(M&&... modules) : SequentialImpl() {
    (push_back(std::forward<M>(modules)), ...);
  }

  // Appends a module named by its position ("0", "1", ...) or by `name`.
  template <class M>
  void push_back(M&& module) {
    push_back(std::to_string(size()), std::forward<M>(module));
  }
  template <class M>
  void push_back(std::string name, M&& module) {
    auto ptr = impl::modulePtr(module);
    impl::ensureForward(*ptr);
    register_module(std::move(name), ptr);
  }

  // Runs the children in order, each on the previous one's result.
  Tensor forward(const Tensor& input);

  size_t size() const { return direct_children().size(); }
  bool is_empty() const { return size() == 0; }
  std::shared_ptr<Module> operator[](size_t index) const;
  template <class T>
  std::shared_ptr<T> at(size_t index) const {
    auto p = std::dynamic_pointer_cast<T>((*this)[index]);
    WICK_CHECK(p, "Sequential: module ", index, " is not of the requested type");
    return p;
  }
};
WICK_MODULE(Sequential);

// A list of modules (no forward of its own); children are named "0", "1", ...
class ModuleListImpl : public Module {
 public:
  ModuleListImpl();
  template <class... M, class = std::enable_if_t<(sizeof...(M) > 0)>>
  explicit ModuleListImpl(M&&... modules) : ModuleListImpl() {
    (push_back(std::forward<M>(modules)), ...);
  }

  template <class M>
  void push_back(M&& module) {
    register_module(std::to_string(size()), impl::modulePtr(module));
  }
  // Inserts before position `index`, renumbering the modules after it.
  template <class M>
  void insert(size_t index, M&& module) {
    insertPtr(index, impl::modulePtr(module));
  }
  void extend(const ModuleListImpl& other);

  size_t size() const { return direct_children().size(); }
  bool is_empty() const { return size() == 0; }
  std::shared_ptr<Module> operator[](size_t index) const;
  template <class T>
  std::shared_ptr<T> at(size_t index) const {
    auto p = std::dynamic_pointer_cast<T>((*this)[index]);
    WICK_CHECK(p, "ModuleList: module ", index, " is not of the requested type");
    return p;
  }

  // Iterates the modules (shared_ptr<Module>) in order.
  class Iterator {
   public:
    using Base = std::vector<std::pair<std::string, std::shared_ptr<Module>>>::const_iterator;
    explicit Iterator(Base it) : it_(it) {}
    const std::shared_ptr<Module>& operator*() const { return it_->second; }
    Iterator& operator++() {
      ++it_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return it_ != o.it_; }

   private:
    Base it_;
  };
  Iterator begin() const { return Iterator(direct_children().items().begin()); }
  Iterator end() const { return Iterator(direct_children().items().end()); }

 private:
  void insertPtr(size_t index, std::shared_ptr<Module> module);
};
WICK_MODULE(ModuleList);

// Modules by name, in insertion order; assigning an existing key replaces the module in place.
class ModuleDictImpl : public Module {
 public:
  ModuleDictImpl();

  template <class M>
  void insert(const std::string& key, M&& module) {
    insertPtr(key, impl::modulePtr(module));
  }
  bool contains(const std::string& key) const { return direct_children().contains(key); }
  std::shared_ptr<Module> operator[](const std::string& key) const;
  template <class T>
  std::shared_ptr<T> at(const std::string& key) const {
    auto p = std::dynamic_pointer_cast<T>((*this)[key]);
    WICK_CHECK(p, "ModuleDict: module '", key, "' is not of the requested type");
    return p;
  }
  size_t size() const { return direct_children().size(); }
  std::vector<std::string> keys() const { return direct_children().keys(); }
  std::vector<std::shared_ptr<Module>> values() const { return direct_children().values(); }

 private:
  void insertPtr(const std::string& key, std::shared_ptr<Module> module);
};
WICK_MODULE(ModuleDict);

}  // namespace wick::nn
