// The compilation of one source text: the definitions it contains, how names used in it
// resolve (its own functions and classes, then the caller's resolver), and lazy compilation
// of function bodies (a function is compiled when first called, so its schema is known at
// the call site; recursion is an error, as in TorchScript).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontend/ast.h"
#include "frontend/compiler.h"
#include "frontend/sugared_value.h"

namespace wick::jit::frontend {

class UnitCompiler {
 public:
  UnitCompiler(CompilationUnit& cu, SourcePtr source, CompileOptions options);

  // Declares every definition: classes, their attributes and methods, NamedTuples and
  // functions. Bodies are compiled by compileBodies() or on first call.
  void declareAll();
  void compileBodies();
  // The functions this unit declared, in definition order.
  const std::vector<std::shared_ptr<Function>>& declared() const { return order_; }

  // A function, class or NamedTuple of the unit or resolved through the options; null when
  // the name is unknown.
  SugaredPtr resolveValue(const std::string& name, const SourceRange& loc);
  TypePtr resolveType(const std::string& name, const SourceRange& loc);
  // Compiles `fn` now if it is a not yet compiled definition of a unit of the current
  // compile session (this one or one compiled for a name this one resolved).
  void ensureDefined(Function& fn, const SourceRange& call_site);
  // The same, for a function of this unit.
  void ensureDefinedHere(Function& fn, const SourceRange& call_site);

  // A class of PyTorch's Python library that code names through `torch.` (torch.no_grad):
  // the definition this unit or its resolver knows under `qualname`, else `source` compiled
  // into this unit's CompilationUnit (so archives saved from it carry the class, as PyTorch's
  // do).
  ClassTypePtr libraryClass(const std::string& qualname, std::string_view source,
                            const SourceRange& loc);

  const CompileOptions& options() const { return options_; }
  // CONSTANTS.cN
  const IValue& constant(size_t index, const SourceRange& loc) const;
  // The value of a Final class constant, if `cls` has one named `name`.
  std::optional<IValue> classConstant(const ClassType& cls, const std::string& name) const;

 private:
  struct PendingDef {
    std::shared_ptr<const DefStmt> def;
    ClassTypePtr self_type;
    enum class State { Declared, Compiling, Done } state = State::Declared;
  };

  std::string qualify(const std::string& name, bool is_class) const;
  void declareFunction(const std::shared_ptr<const DefStmt>& def);
  void declareClass(const std::shared_ptr<const ClassDefStmt>& cls);
  void declareNamedTuple(const ClassDefStmt& cls, const std::string& qualname);
  void declareEnum(const ClassDefStmt& cls, const std::string& qualname);
  void declareClassBody(const ClassDefStmt& cls, const ClassTypePtr& type);
  void declareAttribute(const AssignStmt& s, const ClassTypePtr& type,
                        std::vector<std::string>* parameters, std::vector<std::string>* buffers);
  void compile(Function& fn, PendingDef& pending);
  ResolvedName resolveExternal(const std::string& name) const;

  CompilationUnit& cu_;
  SourcePtr source_;
  CompileOptions options_;
  Module module_;
  // Definitions of this unit by their unqualified name.
  std::unordered_map<std::string, std::shared_ptr<Function>> functions_;
  std::unordered_map<std::string, TypePtr> types_;
  // Classes and NamedTuples of other sources this unit has named, by qualified name.
  std::unordered_map<std::string, TypePtr> external_types_;
  std::unordered_map<const Function*, PendingDef> pending_;
  std::vector<std::shared_ptr<Function>> order_;
  // Final constants of the class whose body is being declared.
  std::vector<std::pair<std::string, IValue>> constants_;
};

// While it exists, compileInto() calls on this thread compile in a fresh session: the
// TorchScript builtin functions are compiled this way in the middle of another compilation.
class IsolatedCompileSession {
 public:
  IsolatedCompileSession();
  ~IsolatedCompileSession();
  IsolatedCompileSession(const IsolatedCompileSession&) = delete;
  IsolatedCompileSession& operator=(const IsolatedCompileSession&) = delete;

 private:
  void* saved_;
};

}  // namespace wick::jit::frontend
