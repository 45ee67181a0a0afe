// CompilationUnit: the functions and classes compiled or loaded together, what
// jit::compile(source) returns (R torch's jit_compile, PyTorch's
// torch.jit.CompilationUnit). Functions obtained from a unit stay valid after the unit is
// gone. The lower half of the interface is for the front end and the archive loader.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
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
  // A method's graph refers back to its class, a cycle that would never be freed: the methods
  // of the unit's classes are cleared when the unit and every function handle obtained from
  // it are gone. Keep the unit (a ScriptModule keeps its own) alive as long as objects of its
  // classes are used.
  ~CompilationUnit();

  // ---- for users ----
  // Names of the free functions, in definition order.
  std::vector<std::string> function_names() const;
  bool has_function(const std::string& name) const;
  // The free function `name`; it stays valid after this unit is destroyed.
  ScriptFunction get_function(const std::string& name) const;
  // Runs function `name` on the arguments (checked against its signature).
  IValue run(const std::string& name, std::vector<IValue> args) const;
  // A member of an enum class the unit defines, to pass as an argument:
  // enum_member("Color", "RED") (the class by its plain or qualified name).
  IValue enum_member(const std::string& enum_class, const std::string& member) const;

  // ---- for the front end and loaders ----
  std::shared_ptr<Function> addFunction(std::shared_ptr<Function> f);
  std::shared_ptr<Function> findFunction(std::string_view qualname) const;
  const std::vector<std::shared_ptr<Function>>& functions() const { return functions_; }

  void addClass(ClassTypePtr c);
  ClassTypePtr findClass(std::string_view qualname) const;
  const std::vector<ClassTypePtr>& classes() const { return classes_; }
  void addNamedTuple(TypePtr t);
  TypePtr findNamedTuple(std::string_view qualname) const;
  void addEnum(EnumTypePtr e);
  EnumTypePtr findEnum(std::string_view qualname) const;
  const std::vector<EnumTypePtr>& enums() const { return enums_; }

  // `__torch__.torch.nn.modules.linear.Linear` if free, else
  // `__torch__.torch.nn.modules.linear.___torch_mangle_N.Linear` with the next free N.
  std::string uniqueClassName(const std::string& qualname) const;

 private:
  // Clears the methods of the classes when the last unit sharing it goes.
  struct ClassMethods;
  bool isMethod(const Function& f) const;
  // The free function `name` (plain or qualified); raises if there is none.
  std::shared_ptr<Function> freeFunction(const std::string& name) const;
  // A unit with the same definitions, sharing their lifetime (for function handles).
  std::shared_ptr<CompilationUnit> share() const;

  std::shared_ptr<ClassMethods> class_methods_;
  std::vector<std::shared_ptr<Function>> functions_;
  std::vector<ClassTypePtr> classes_;
  std::vector<TypePtr> named_tuples_;
  std::vector<EnumTypePtr> enums_;
  // Positions in the vectors above by qualified name (viewing the names the definitions
  // hold): loading an archive looks names up for every definition and reference.
  std::unordered_map<std::string_view, size_t> function_index_;
  std::unordered_map<std::string_view, size_t> class_index_;
  std::unordered_map<std::string_view, size_t> named_tuple_index_;
  std::unordered_map<std::string_view, size_t> enum_index_;
  mutable size_t mangle_counter_ = 0;
};

}  // namespace wick::jit
