// TorchScript's types (DESIGN decision 5): the static types of graph values, schema
// arguments, module attributes and TorchScript source annotations. Types are shared,
// immutable values, except ClassType, which gathers attributes and methods as a module or
// class is built.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wick/core/array_ref.h"
#include "wick/core/device.h"
#include "wick/core/dtype.h"

namespace wick {

class Tensor;

enum class TypeKind : uint8_t {
  Any,
  Tensor,
  Int,
  Float,
  Bool,
  Str,
  None,
  Device,
  Number,  // Scalar in schemas: int, float or bool
  Generator,
  ScalarType,  // schema-only spellings of int values
  Layout,
  MemoryFormat,
  List,
  Tuple,
  Dict,
  Optional,
  Union,  // two or more members, not just T and None (that is Optional)
  Class,
  Enum,     // a TorchScript enum class (class Color(Enum))
  AnyEnum,  // schema-only: any enum type (prim::EnumName(AnyEnumType enum))
  Var,      // a schema type variable: t, t1, ...
};

class Type;
using TypePtr = std::shared_ptr<Type>;

class Type : public std::enable_shared_from_this<Type> {
 public:
  explicit Type(TypeKind k) : kind_(k) {}
  virtual ~Type() = default;

  TypeKind kind() const { return kind_; }
  // Graph-text spelling: "int[]", "Tensor", "(int, str)", "Dict(str, Tensor)", "int?".
  virtual std::string str() const = 0;
  // TorchScript-source spelling: "List[int]", "Tuple[int, str]", "Dict[str, Tensor]",
  // "Optional[int]".
  virtual std::string annotationStr() const { return str(); }
  virtual bool equals(const Type& o) const { return kind_ == o.kind_; }
  // True if a value of this type can be used where `o` is expected.
  virtual bool isSubtypeOf(const Type& o) const;
  virtual ArrayRef<TypePtr> containedTypes() const { return {}; }

  template <class T>
  T* cast() {
    return kind_ == T::Kind ? static_cast<T*>(this) : nullptr;
  }
  template <class T>
  const T* cast() const {
    return kind_ == T::Kind ? static_cast<const T*>(this) : nullptr;
  }
  template <class T>
  T& expect() {
    return *static_cast<T*>(this);
  }
  TypePtr ptr() { return shared_from_this(); }

 private:
  TypeKind kind_;
};

bool operator==(const Type& a, const Type& b);
inline bool operator!=(const Type& a, const Type& b) { return !(a == b); }
std::ostream& operator<<(std::ostream& os, const Type& t);

// Types without parameters are singletons: IntType::get().
#define WICK_SIMPLE_TYPE(Name, KindName, Text, Annotation)            \
  class Name : public Type {                                          \
   public:                                                            \
    static constexpr TypeKind Kind = TypeKind::KindName;              \
    Name() : Type(Kind) {}                                            \
    static const TypePtr& get();                                      \
    std::string str() const override { return Text; }                 \
    std::string annotationStr() const override { return Annotation; } \
  };
WICK_SIMPLE_TYPE(AnyType, Any, "Any", "Any")
WICK_SIMPLE_TYPE(IntType, Int, "int", "int")
WICK_SIMPLE_TYPE(FloatType, Float, "float", "float")
WICK_SIMPLE_TYPE(BoolType, Bool, "bool", "bool")
WICK_SIMPLE_TYPE(StringType, Str, "str", "str")
WICK_SIMPLE_TYPE(NoneType, None, "NoneType", "NoneType")
WICK_SIMPLE_TYPE(DeviceObjType, Device, "Device", "Device")
WICK_SIMPLE_TYPE(NumberType, Number, "Scalar", "number")
WICK_SIMPLE_TYPE(GeneratorType, Generator, "Generator", "Generator")
WICK_SIMPLE_TYPE(ScalarTypeType, ScalarType, "ScalarType", "int")
WICK_SIMPLE_TYPE(LayoutType, Layout, "Layout", "int")
WICK_SIMPLE_TYPE(MemoryFormatType, MemoryFormat, "MemoryFormat", "int")
WICK_SIMPLE_TYPE(AnyEnumType, AnyEnum, "AnyEnumType", "AnyEnumType")
#undef WICK_SIMPLE_TYPE

// A tensor type. Unknown properties are nullopt; TensorType::get() knows nothing ("Tensor").
// A complete type (all known) prints as Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu).
class TensorType : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Tensor;
  TensorType() : Type(Kind) {}
  static const TypePtr& get();
  // The complete type of a concrete tensor.
  static TypePtr create(const Tensor& t);
  static TypePtr create(std::optional<DType> dtype, std::optional<std::vector<int64_t>> sizes,
                        std::optional<std::vector<int64_t>> strides,
                        std::optional<bool> requires_grad, std::optional<Device> device);

  std::optional<DType> dtype;
  std::optional<std::vector<int64_t>> sizes;
  std::optional<std::vector<int64_t>> strides;
  std::optional<bool> requires_grad;
  std::optional<Device> device;

  bool isUnspecialized() const { return !dtype && !sizes && !strides && !requires_grad && !device; }
  std::string str() const override;
  std::string annotationStr() const override { return "Tensor"; }
  bool equals(const Type& o) const override;
};

class ListType : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::List;
  explicit ListType(TypePtr elem) : Type(Kind), elem_{std::move(elem)} {}
  static TypePtr create(TypePtr elem);
  static const TypePtr& ofInts();
  static const TypePtr& ofFloats();
  static const TypePtr& ofBools();
  static const TypePtr& ofStrings();
  static const TypePtr& ofTensors();
  static const TypePtr& ofOptionalTensors();
  const TypePtr& elem() const { return elem_[0]; }
  std::string str() const override;
  std::string annotationStr() const override;
  bool equals(const Type& o) const override;
  bool isSubtypeOf(const Type& o) const override;
  ArrayRef<TypePtr> containedTypes() const override { return ArrayRef<TypePtr>(elem_, 1); }

 private:
  TypePtr elem_[1];
};

class OptionalType : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Optional;
  explicit OptionalType(TypePtr elem) : Type(Kind), elem_{std::move(elem)} {}
  static TypePtr create(TypePtr elem);
  const TypePtr& elem() const { return elem_[0]; }
  std::string str() const override;
  std::string annotationStr() const override;
  bool equals(const Type& o) const override;
  bool isSubtypeOf(const Type& o) const override;
  ArrayRef<TypePtr> containedTypes() const override { return ArrayRef<TypePtr>(elem_, 1); }

 private:
  TypePtr elem_[1];
};

// Union[T1, T2, ...]: a value of any member type. create() gives PyTorch 1.13's canonical
// form: nested unions and Optionals flattened, members that unify merged (tensor types,
// subtypes), then sorted by PyTorch's type-kind order and spelling. A single member is just
// that type, and {T, None} is Optional[T]; only what remains is a UnionType.
class UnionType : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Union;
  static TypePtr create(const std::vector<TypePtr>& types);
  // The canonical members of the union of `types`, without collapsing them to one type.
  static std::vector<TypePtr> canonicalMembers(const std::vector<TypePtr>& types);
  const std::vector<TypePtr>& members() const { return members_; }
  bool canHoldNone() const;
  // The union without its None member (an Optional's element, a refined `x is not None`).
  TypePtr withoutNone() const;
  std::string str() const override;
  std::string annotationStr() const override;
  bool equals(const Type& o) const override;
  bool isSubtypeOf(const Type& o) const override;
  ArrayRef<TypePtr> containedTypes() const override { return members_; }

  explicit UnionType(std::vector<TypePtr> members) : Type(Kind), members_(std::move(members)) {}

 private:
  std::vector<TypePtr> members_;
};

// Tuples; a NamedTuple also has a qualified name and field names.
class TupleType : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Tuple;
  explicit TupleType(std::vector<TypePtr> elems) : Type(Kind), elems_(std::move(elems)) {}
  static TypePtr create(std::vector<TypePtr> elems);
  static TypePtr createNamed(std::string qualified_name, std::vector<std::string> field_names,
                             std::vector<TypePtr> elems);
  const std::vector<TypePtr>& elements() const { return elems_; }
  bool isNamed() const { return name_.has_value(); }
  const std::optional<std::string>& name() const { return name_; }
  const std::vector<std::string>& fieldNames() const { return field_names_; }
  std::string str() const override;
  std::string annotationStr() const override;
  bool equals(const Type& o) const override;
  bool isSubtypeOf(const Type& o) const override;
  ArrayRef<TypePtr> containedTypes() const override { return elems_; }

 private:
  std::vector<TypePtr> elems_;
  std::optional<std::string> name_;
  std::vector<std::string> field_names_;
};

class DictType : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Dict;
  DictType(TypePtr key, TypePtr value) : Type(Kind), kv_{std::move(key), std::move(value)} {}
  static TypePtr create(TypePtr key, TypePtr value);
  const TypePtr& key() const { return kv_[0]; }
  const TypePtr& value() const { return kv_[1]; }
  std::string str() const override;
  std::string annotationStr() const override;
  bool equals(const Type& o) const override;
  ArrayRef<TypePtr> containedTypes() const override { return ArrayRef<TypePtr>(kv_, 2); }

 private:
  TypePtr kv_[2];
};

// A type variable in a generic schema (aten::append.t(t[] self, t el)).
class VarType : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Var;
  explicit VarType(std::string name) : Type(Kind), name_(std::move(name)) {}
  static TypePtr create(std::string name);
  const std::string& name() const { return name_; }
  std::string str() const override { return name_; }
  bool equals(const Type& o) const override;

 private:
  std::string name_;
};

// A method of a class, implemented by the runtime layer (jit::Function).
class MethodBase {
 public:
  virtual ~MethodBase() = default;
  virtual const std::string& name() const = 0;
};

// A TorchScript class: a module class (__torch__.torch.nn.modules.linear.Linear) or a user
// class. Attributes are ordered slots; each is a parameter, a buffer or a plain attribute.
class ClassType : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Class;
  enum class AttrKind : uint8_t { Attribute, Parameter, Buffer };
  struct Attribute {
    std::string name;
    TypePtr type;
    AttrKind kind = AttrKind::Attribute;
  };

  ClassType(std::string qualified_name, bool is_module)
      : Type(Kind), name_(std::move(qualified_name)), is_module_(is_module) {}
  static std::shared_ptr<ClassType> create(std::string qualified_name, bool is_module);

  const std::string& name() const { return name_; }
  // The last component: "Linear" for __torch__.torch.nn.modules.linear.Linear.
  std::string baseName() const;
  bool isModule() const { return is_module_; }

  const std::vector<Attribute>& attributes() const { return attrs_; }
  std::optional<size_t> findAttributeSlot(std::string_view name) const;
  size_t attributeSlot(std::string_view name) const;  // raises if missing
  bool hasAttribute(std::string_view name) const { return findAttributeSlot(name).has_value(); }
  size_t addAttribute(std::string name, TypePtr type, AttrKind kind = AttrKind::Attribute);
  void setAttributeKind(size_t slot, AttrKind kind) { attrs_[slot].kind = kind; }
  void setAttributeType(size_t slot, TypePtr type) { attrs_[slot].type = std::move(type); }

  const std::vector<std::shared_ptr<MethodBase>>& methods() const { return methods_; }
  MethodBase* findMethod(std::string_view name) const;
  void addMethod(std::shared_ptr<MethodBase> m);
  void replaceMethod(std::shared_ptr<MethodBase> m);
  // Drops every method. A method's graph refers to its class (`self`), so the compilation
  // unit that owns a class breaks that cycle with this when it is destroyed.
  void clearMethods() { methods_.clear(); }

  // Named constants (TorchScript's __constants__), stored by the runtime as IValues.
  std::vector<std::string>& constantNames() { return constant_names_; }

  std::string str() const override { return name_; }
  bool equals(const Type& o) const override { return this == &o; }

 private:
  std::string name_;
  bool is_module_;
  std::vector<Attribute> attrs_;
  std::vector<std::shared_ptr<MethodBase>> methods_;
  std::vector<std::string> constant_names_;
};
using ClassTypePtr = std::shared_ptr<ClassType>;

// A TorchScript enum class (`class Color(Enum): RED = 1`): a qualified name and its members,
// whose values are all ints, all floats or all strs. Graphs spell it Enum<__torch__.Color>,
// code and annotations __torch__.Color. Values of it are EnumObj IValues (ivalue.h).
class EnumType : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Enum;
  // A member's value, of the enum's value type (this header cannot hold IValues).
  struct Member {
    std::string name;
    int64_t int_value = 0;
    double float_value = 0;
    std::string str_value;
  };

  EnumType(std::string qualified_name, TypePtr value_type, std::vector<Member> members)
      : Type(Kind),
        name_(std::move(qualified_name)),
        value_type_(std::move(value_type)),
        members_(std::move(members)) {}
  // `value_type` is IntType, FloatType or StringType.
  static std::shared_ptr<EnumType> create(std::string qualified_name, TypePtr value_type,
                                          std::vector<Member> members);

  const std::string& name() const { return name_; }
  // The last component: "Color" for __torch__.Color.
  std::string baseName() const;
  const TypePtr& valueType() const { return value_type_; }
  const std::vector<Member>& members() const { return members_; }
  std::optional<size_t> findMember(std::string_view name) const;

  std::string str() const override { return "Enum<" + name_ + ">"; }
  std::string annotationStr() const override { return name_; }
  bool equals(const Type& o) const override;
  bool isSubtypeOf(const Type& o) const override;

 private:
  std::string name_;
  TypePtr value_type_;
  std::vector<Member> members_;
};
using EnumTypePtr = std::shared_ptr<EnumType>;

// The least common supertype of a and b (Optional for None+T, Tensor for tensor types that
// differ), or nullopt when there is none.
std::optional<TypePtr> unifyTypes(const TypePtr& a, const TypePtr& b);
// PyTorch's unifyTypes with default_to_union: the least common supertype of a and b, else
// their union (int and str give Union[int, str]).
TypePtr unifyTypesOrUnion(const TypePtr& a, const TypePtr& b);

}  // namespace wick
