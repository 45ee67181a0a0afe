// CompilationUnit: the functions and classes compiled or loaded together, what
// jit::compile(source) returns (R torch's jit_compile, PyTorch's
// torch.jit.CompilationUnit). Functions obtained from a unit stay valid after the unit is
// gone. The lower half of the interface is for the front end and the archive loader.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "wick/core/ivalue.h"
#include "wick/core/type.h"
#include "wick/jit/script.h"

namespace wick::jit {

class Function;

class CompilationUnit {
 public:
  CompilationUnit() = default;
  CompilationUnit(const CompilationUnit&) = delete;
  CompilationUnit& operator=(const CompilationUnit&) = delete;
  CompilationUnit(CompilationUnit&&) = default;
  CompilationUnit& operator=(CompilationUnit&&);
  // Clears the methods of the unit's classes: a method's graph refers back to its class, and
  // the cycle would otherwise never be freed. Keep the unit (a ScriptModule keeps its own)
  // alive as long as objects of its classes are used.
  ~CompilationUnit();

  // ---- for users ----
  // Names of the free functions, in definition order.
  std::vector<std::string> function_names() const;
  bool has_function(const std::string& name) const;
  // The function `name`; it stays valid after this unit is destroyed.
  ScriptFunction get_function(const std::string& name) const;
  // Runs function `name` on the arguments (checked against its signature).
  IValue run(const std::string& name, std::vector<IValue> args) const;

  // ---- for the front end and loaders ----
  std::shared_ptr<Function> addFunction(std::shared_ptr<Function> f);
  std::shared_ptr<Function> findFunction(std::string_view qualname) const;
  const std::vector<std::shared_ptr<Function>>& functions() const { return functions_; }

  void addClass(ClassTypePtr c);
  ClassTypePtr findClass(std::string_view qualname) const;
  const std::vector<ClassTypePtr>& classes() const { return classes_; }
  void addNamedTuple(TypePtr t);
  TypePtr findNamedTuple(std::string_view qualname) const;

  // `__torch__.torch.nn.modules.linear.Linear` if free, else
  // `__torch__.torch.nn.modules.linear.___torch_mangle_N.Linear` with the next free N.
  std::string uniqueClassName(const std::string& qualname) const;

 private:
  std::vector<std::shared_ptr<Function>> functions_;
  std::vector<ClassTypePtr> classes_;
  std::vector<TypePtr> named_tuples_;
  mutable size_t mangle_counter_ = 0;
};

}  // namespace wick::jit
