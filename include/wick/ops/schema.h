// FunctionSchema: a parsed ATen/TorchScript operator schema such as
//   aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor
// Schemas are op identity (DESIGN decision 2): the tracer, executor, front end (overload
// resolution), code printer and `wick ops` read arguments, defaults and alias annotations
// from here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wick/core/ivalue.h"
#include "wick/core/type.h"

namespace wick {

struct SchemaArgument {
  std::string name;       // empty for unnamed returns
  std::string type_text;  // the type as written, with any alias annotation: "Tensor(a!)"
  TypePtr type;           // SymInt -> int, ScalarType -> ScalarTypeType, X? -> Optional[X]
  std::optional<int64_t> list_size;  // int[2] -> 2
  std::optional<IValue> default_value;
  std::string default_text;  // as written after '=', for printing
  bool kwarg_only = false;
  bool is_write = false;  // Tensor(a!)
  std::string alias_set;  // "a" in Tensor(a) / Tensor(a!); empty if none
  bool supported = true;  // false for types wick has no values for (complex, RRef, ...)
};

struct FunctionSchema {
  std::string name;           // "aten::add"
  std::string overload_name;  // "Tensor" (may be empty)
  std::vector<SchemaArgument> arguments;
  std::vector<SchemaArgument> returns;
  bool is_vararg = false;  // (str self, ...)
  bool is_varret = false;  // -> ...

  // "aten::add.Tensor" (or "aten::add" without an overload name).
  std::string qualifiedName() const;
  // The unqualified name: "add".
  std::string_view baseName() const;
  std::string_view ns() const;  // "aten"
  // The schema text, in PyTorch's spelling (parses back to an equal schema).
  std::string str() const;
  // Index of the argument named `n`, if any.
  std::optional<size_t> argumentIndex(std::string_view n) const;
  // True if any argument is written in place (an (a!) annotation).
  bool isMutable() const;
  bool hasSupportedTypes() const;
};

// Parses a schema; raises wick::Error with the position on malformed text.
FunctionSchema parseSchema(std::string_view text);
// Parses a schema type ("int[]", "Tensor?", "Dict(str, t)") into a TypePtr.
TypePtr parseSchemaType(std::string_view text);

std::ostream& operator<<(std::ostream& os, const FunctionSchema& s);

}  // namespace wick
