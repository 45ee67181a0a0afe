// The parts of graph text below the node level, shared by the graph parser: types
// ("Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)", "(int, str)[]", class names)
// and attribute values (numbers, strings, lists, tuples, dicts, annotate(...), tensors), read
// into IValues guided by the type they must have.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ir/text_cursor.h"
#include "wick/core/ivalue.h"
#include "wick/core/type.h"

namespace wick::jit {

// Finds class types by qualified name; placeholders are made for names it does not know.
class TypeNames {
 public:
  explicit TypeNames(std::function<TypePtr(std::string_view)> resolve)
      : resolve_(std::move(resolve)) {}
  TypePtr classType(const std::string& name);
  // A placeholder class made by this reader (its attributes are learned from prim::GetAttr).
  bool isPlaceholder(const Type& t) const;

 private:
  std::function<TypePtr(std::string_view)> resolve_;
  std::map<std::string, ClassTypePtr> placeholders_;
};

// Reads a type at the cursor, as the graph printer spells it.
TypePtr readGraphType(TextCursor& c, TypeNames& names);

// An attribute value as written, before it is given a type.
struct Literal {
  enum class Kind {
    Int,
    Float,
    Str,
    Bool,
    None,
    List,
    Tuple,
    Dict,
    Device,
    TensorValue,
    Annotated,
    Name,  // a qualified name: an enum member (__torch__.Color.RED)
  };
  Kind kind = Kind::None;
  int64_t i = 0;
  double f = 0;
  std::string s;
  std::vector<Literal> elems;  // list and tuple elements; dict keys and values alternating
  TypePtr annotation;          // annotate(T, ...)
  IValue tensor;               // a tensor printed in full (numel 2..10)
};

// Reads an attribute value. `tensor_type` is the constant's tensor type when the node is a
// prim::Constant producing a tensor: then LibTorch's tensor print is accepted.
Literal readLiteral(TextCursor& c, const TypePtr& tensor_type);

// The IValue of a literal that must have type `type` (null: whatever the literal spells).
// Raises (through the cursor, at `at`) when it cannot.
IValue literalToIValue(const Literal& lit, const TypePtr& type, const TextCursor& c, size_t at);

}  // namespace wick::jit
