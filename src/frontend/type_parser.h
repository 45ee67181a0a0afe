// Type annotations: turns annotation expressions (`List[int]`, `Optional[Tensor]`,
// `Dict[str, Tuple[int, float]]`, `__torch__.torch.nn.modules.linear.Linear`) into Types.
// Names that are not built in (classes and NamedTuples) go to a resolver.
#pragma once

#include <functional>
#include <string>

#include "frontend/ast.h"
#include "wick/core/type.h"

namespace wick::jit::frontend {

// Resolves a (possibly dotted) class or NamedTuple name; returns null when unknown.
using TypeNameResolver = std::function<TypePtr(const std::string& name, const SourceRange& loc)>;

class TypeParser {
 public:
  explicit TypeParser(TypeNameResolver resolver) : resolver_(std::move(resolver)) {}

  // Raises a CompileError for anything that is not a type.
  TypePtr parse(const Expr& e) const;
  // As parse(), but also accepts `Final[T]` (class constants), reporting it in *is_final.
  TypePtr parseAttributeType(const Expr& e, bool* is_final) const;

  // `torch.Tensor` -> "torch.Tensor"; empty if `e` is not a name or a chain of attributes.
  static std::string dottedName(const Expr& e);

 private:
  TypePtr parseSubscript(const SubscriptExpr& s) const;
  TypePtr resolveName(const std::string& name, const SourceRange& loc) const;

  TypeNameResolver resolver_;
};

}  // namespace wick::jit::frontend
