// Variable scopes of the emitter. Each block being emitted (function body, if branch, loop
// body, comprehension) has an Environment frame. First-class variables are written with
// prim::Store and read with prim::Load nodes (frontend-internal kinds); the SSA conversion
// (frontend/ssa.h) later turns them into block inputs and outputs, as PyTorch does. Values
// that are not first class (modules, functions, builtins) live in a side table.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frontend/source.h"
#include "ir/ir.h"

namespace wick::jit::frontend {

class FunctionEmitter;
class SugaredValue;
using SugaredPtr = std::shared_ptr<SugaredValue>;

// Frontend-internal node kinds; none survives compilation.
namespace fe_kind {
Symbol store();               // prim::Store[name](value)
Symbol load();                // %v = prim::Load[name]()
Symbol returnStmt();          // prim::ReturnStmt(value)
Symbol breakStmt();           // prim::BreakStmt()
Symbol continueStmt();        // prim::ContinueStmt()
Symbol loopContinuation();    // prim::LoopContinuation(cond, carried...)
Symbol comprehensionScope();  // a block whose variables do not leak
Symbol with();                // during the exit transform: a `with` body (block 0), exit (block 1)
}  // namespace fe_kind

// False for compiler temporaries ("$tmp", "_3"): such names are not given to graph values.
bool meaningfulName(std::string_view name);

class Environment {
 public:
  Environment(FunctionEmitter& emitter, Block* block, std::shared_ptr<Environment> next)
      : emitter_(emitter), block_(block), next_(std::move(next)) {}

  Block* block() const { return block_; }
  const std::shared_ptr<Environment>& next() const { return next_; }

  // Looks a name up through the frames; emits a prim::Load for first-class variables.
  SugaredPtr findInAnyFrame(const std::string& name);
  SugaredPtr findInThisFrame(const std::string& name);
  SugaredPtr findInParentFrame(const std::string& name);
  // The declared type of a first-class variable visible from this frame, if any.
  TypePtr findTypeInAnyFrame(const std::string& name) const;

  // Binds `name`. First-class values are stored (and checked against an outer binding's
  // type); others go to the side table. `annotated` is the declared type of `x : T = v`.
  void setSugaredVar(const SourceRange& loc, const std::string& name, SugaredPtr value,
                     const TypePtr& annotated);
  void setVar(const SourceRange& loc, const std::string& name, Value* value);
  void setType(const std::string& name, TypePtr type) { type_table_[name] = std::move(type); }
  void removeVar(const std::string& name);

  // Names of first-class variables written in this frame.
  std::vector<std::string> definedVariables() const;

  // A deferred error for a variable that is defined on only some paths; reported when the
  // variable is used.
  void setVariableTypeError(const std::string& name, std::function<std::string()> message);
  std::optional<std::string> findVariableTypeError(const std::string& name) const;

 private:
  SugaredPtr insertLoad(const std::string& name, const TypePtr& type);
  void insertStore(const SourceRange& loc, const std::string& name, Value* v, TypePtr type);
  Environment& root();
  const Environment& root() const;

  FunctionEmitter& emitter_;
  Block* block_;
  std::shared_ptr<Environment> next_;
  std::unordered_map<std::string, TypePtr> type_table_;
  std::unordered_map<std::string, SugaredPtr> value_table_;
  std::unordered_map<std::string, std::function<std::string()>> error_messages_;
};

// Type refinements implied by a condition: `x is not None` refines x from Optional[T] to T
// where the condition holds; isinstance refines to the tested type.
struct Refinement {
  std::string name;
  TypePtr type;
};

class RefinementSet {
 public:
  RefinementSet() = default;
  RefinementSet(std::vector<Refinement> when_true, std::vector<Refinement> when_false)
      : true_(std::move(when_true)), false_(std::move(when_false)) {}

  RefinementSet And(const RefinementSet& rhs) const;
  RefinementSet Or(const RefinementSet& rhs) const;
  RefinementSet Not() const { return RefinementSet(false_, true_); }
  const std::vector<Refinement>& active() const { return true_; }

 private:
  std::vector<Refinement> true_;
  std::vector<Refinement> false_;
};

// A condition: its bool value, the refinements it implies, and whether it is statically
// known (`x is None` for a non-Optional x, literals), in which case `if` emits one branch.
struct CondValue {
  Value* value = nullptr;
  RefinementSet refinements;
  std::optional<bool> static_if;
};

}  // namespace wick::jit::frontend
