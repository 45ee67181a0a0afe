// IValue: a TorchScript value (DESIGN decision 5): None, Tensor, int, float, bool, str,
// Device, Generator, List, Tuple (and NamedTuple), Dict and objects (modules and class
// instances). It is what the interpreter's registers, the boxed kernels' stack, module
// attributes and the pickler hold. Containers are reference types with intrusive counts:
// copying an IValue list shares the list, as in Python.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "wick/core/generator.h"
#include "wick/core/tensor.h"
#include "wick/core/type.h"

namespace wick {

class IValue;
struct StringObj;
struct ListObj;
struct TupleObj;
struct DictObj;
struct Object;
struct EnumObj;
using Stack = std::vector<IValue>;

class IValue {
 public:
  enum class Tag : uint8_t {
    None,
    Tensor,
    Double,
    Int,
    Bool,
    String,
    Device,
    Generator,
    List,
    Tuple,
    Dict,
    Object,
    Enum,
  };

  IValue() : tag_(Tag::None) { p_.i = 0; }
  IValue(std::nullopt_t) : IValue() {}
  IValue(const Tensor& t) : tag_(Tag::Tensor) { new (&p_.t) Tensor(t); }
  IValue(Tensor&& t) : tag_(Tag::Tensor) { new (&p_.t) Tensor(std::move(t)); }
  IValue(double d) : tag_(Tag::Double) { p_.d = d; }
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  IValue(I i) : tag_(Tag::Int) {
    p_.i = static_cast<int64_t>(i);
  }
  IValue(bool b) : tag_(Tag::Bool) { p_.i = b; }
  IValue(DType d) : IValue(static_cast<int64_t>(d)) {}
  IValue(Layout l) : IValue(static_cast<int64_t>(l)) {}
  IValue(MemoryFormat m) : IValue(static_cast<int64_t>(m)) {}
  IValue(const Scalar& s);
  IValue(Device d) : tag_(Tag::Device) {
    p_.i = 0;
    p_.dev = d;
  }
  IValue(std::string s);
  IValue(std::string_view s) : IValue(std::string(s)) {}
  IValue(const char* s) : IValue(std::string(s)) {}
  IValue(const Generator& g);
  IValue(IntrusivePtr<ListObj> l);
  IValue(IntrusivePtr<TupleObj> t);
  IValue(IntrusivePtr<DictObj> d);
  IValue(IntrusivePtr<Object> o);
  IValue(IntrusivePtr<EnumObj> e);
  // Typed lists: int[] / float[] / bool[] / Tensor[] / str[].
  IValue(const std::vector<int64_t>& v);
  IValue(IntArrayRef v);
  IValue(const std::vector<double>& v);
  IValue(const std::vector<bool>& v);
  IValue(const std::vector<Tensor>& v);
  IValue(const std::vector<std::string>& v);
  template <class T>
  IValue(const std::optional<T>& o) : IValue() {
    if (o) *this = IValue(*o);
  }

  IValue(const IValue& o) : tag_(o.tag_) { copyFrom(o); }
  IValue(IValue&& o) noexcept : tag_(o.tag_) { moveFrom(std::move(o)); }
  IValue& operator=(const IValue& o) {
    if (this != &o) {
      IValue tmp(o);
      swap(tmp);
    }
    return *this;
  }
  IValue& operator=(IValue&& o) noexcept {
    if (this != &o) {
      destroy();
      tag_ = o.tag_;
      moveFrom(std::move(o));
    }
    return *this;
  }
  ~IValue() { destroy(); }
  void swap(IValue& o) noexcept {
    IValue tmp(std::move(o));
    o = std::move(*this);
    *this = std::move(tmp);
  }

  Tag tag() const { return tag_; }
  bool isNone() const { return tag_ == Tag::None; }
  bool isTensor() const { return tag_ == Tag::Tensor; }
  bool isDouble() const { return tag_ == Tag::Double; }
  bool isInt() const { return tag_ == Tag::Int; }
  bool isBool() const { return tag_ == Tag::Bool; }
  bool isScalar() const { return isInt() || isDouble() || isBool(); }
  bool isString() const { return tag_ == Tag::String; }
  bool isDevice() const { return tag_ == Tag::Device; }
  bool isGenerator() const { return tag_ == Tag::Generator; }
  bool isList() const { return tag_ == Tag::List; }
  bool isTuple() const { return tag_ == Tag::Tuple; }
  bool isDict() const { return tag_ == Tag::Dict; }
  bool isObject() const { return tag_ == Tag::Object; }
  bool isEnum() const { return tag_ == Tag::Enum; }
  bool isIntrusive() const { return tag_ >= Tag::String && tag_ != Tag::Device; }

  const Tensor& toTensor() const& {
    expectTag(Tag::Tensor);
    return p_.t;
  }
  Tensor toTensor() && {
    expectTag(Tag::Tensor);
    Tensor t = std::move(p_.t);
    return t;
  }
  double toDouble() const {
    expectTag(Tag::Double);
    return p_.d;
  }
  int64_t toInt() const {
    expectTag(Tag::Int);
    return p_.i;
  }
  bool toBool() const {
    expectTag(Tag::Bool);
    return p_.i != 0;
  }
  // int, float or bool as a Scalar.
  Scalar toScalar() const;
  DType toDType() const;
  Device toDevice() const {
    expectTag(Tag::Device);
    return p_.dev;
  }
  Generator toGenerator() const;
  const std::string& toStringRef() const;
  std::string_view toStringView() const { return toStringRef(); }
  ListObj& toList() const;
  TupleObj& toTuple() const;
  DictObj& toDict() const;
  Object& toObject() const;
  EnumObj& toEnum() const;
  IntrusivePtr<ListObj> toListPtr() const;
  IntrusivePtr<TupleObj> toTuplePtr() const;
  IntrusivePtr<DictObj> toDictPtr() const;
  IntrusivePtr<Object> toObjectPtr() const;

  // Typed list contents (copies).
  std::vector<int64_t> toIntVector() const;
  std::vector<double> toDoubleVector() const;
  std::vector<bool> toBoolVector() const;
  std::vector<Tensor> toTensorVector() const;

  // Python's `is`: identity for reference types, value equality for the rest.
  bool isSameIdentity(const IValue& o) const;
  // Python's ==, for the value types TorchScript compares (raises for tensors).
  friend bool operator==(const IValue& a, const IValue& b);
  friend bool operator!=(const IValue& a, const IValue& b) { return !(a == b); }
  // A short name of the runtime type for messages: "Tensor", "int", "List[int]", ...
  std::string typeName() const;
  // The dynamic type of the value (complete tensor types for tensors).
  TypePtr type() const;

  // Internal: the raw payload pointer of reference types.
  IntrusiveTarget* intrusivePtr() const { return isIntrusive() ? p_.p : nullptr; }

 private:
  void expectTag(Tag t) const {
    if (WICK_UNLIKELY(tag_ != t)) badTag(t);
  }
  [[noreturn]] void badTag(Tag expected) const;
  void copyFrom(const IValue& o);
  void moveFrom(IValue&& o) noexcept;
  void destroy() noexcept {
    if (tag_ == Tag::Tensor) {
      p_.t.~Tensor();
    } else if (isIntrusive()) {
      intrusiveRelease(p_.p);
    }
    tag_ = Tag::None;
  }

  union Payload {
    int64_t i;
    double d;
    Device dev;
    IntrusiveTarget* p;
    Tensor t;
    Payload() : i(0) {}
    ~Payload() {}
  } p_;
  Tag tag_;
};

std::ostream& operator<<(std::ostream& os, const IValue& v);
const char* tagName(IValue::Tag t);

struct StringObj : IntrusiveTarget {
  explicit StringObj(std::string s) : str(std::move(s)) {}
  std::string str;
};

// A list with its element type (List[int] keeps IntType even when empty).
struct ListObj : IntrusiveTarget {
  ListObj(TypePtr elem_type, std::vector<IValue> elems = {})
      : elem_type(std::move(elem_type)), elems(std::move(elems)) {}
  TypePtr elem_type;
  std::vector<IValue> elems;
};
IntrusivePtr<ListObj> makeList(TypePtr elem_type, std::vector<IValue> elems = {});

struct TupleObj : IntrusiveTarget {
  explicit TupleObj(std::vector<IValue> elems, TypePtr type = nullptr)
      : elems(std::move(elems)), type(std::move(type)) {}
  std::vector<IValue> elems;
  TypePtr type;  // set for NamedTuples (a named TupleType)
};
IntrusivePtr<TupleObj> makeTuple(std::vector<IValue> elems, TypePtr named_type = nullptr);

struct IValueHash {
  size_t operator()(const IValue& v) const;
};
struct IValueKeyEq {
  bool operator()(const IValue& a, const IValue& b) const;
};

// An insertion-ordered dict with str/int/float/bool/Tensor keys (tensors by identity).
struct DictObj : IntrusiveTarget {
  DictObj(TypePtr key_type, TypePtr value_type)
      : key_type(std::move(key_type)), value_type(std::move(value_type)) {}
  TypePtr key_type;
  TypePtr value_type;

  size_t size() const { return items_.size(); }
  bool contains(const IValue& k) const { return index_.count(k) != 0; }
  const IValue* find(const IValue& k) const;
  // Inserts or overwrites, keeping the original position of an existing key.
  void insert(IValue k, IValue v);
  bool erase(const IValue& k);
  void clear();
  const std::vector<std::pair<IValue, IValue>>& items() const { return items_; }

 private:
  std::vector<std::pair<IValue, IValue>> items_;
  std::unordered_map<IValue, size_t, IValueHash, IValueKeyEq> index_;
};
IntrusivePtr<DictObj> makeDict(TypePtr key_type, TypePtr value_type);

// An instance of a ClassType: a module or a TorchScript class object. Slots follow the
// class's attributes.
struct Object : IntrusiveTarget {
  explicit Object(ClassTypePtr type) : type(std::move(type)) {
    slots.resize(this->type->attributes().size());
  }
  ClassTypePtr type;
  std::vector<IValue> slots;

  const IValue& attr(std::string_view name) const;
  void setAttr(std::string_view name, IValue v);  // adds the attribute if new
  bool hasAttr(std::string_view name) const { return type->hasAttribute(name); }
};
IntrusivePtr<Object> makeObject(ClassTypePtr type);

// A member of an enum class: its type and the member's position in it. Python's enum members
// are singletons, so == compares type and member; `is` compares the objects, as PyTorch does.
struct EnumObj : IntrusiveTarget {
  EnumObj(EnumTypePtr type, size_t index) : type(std::move(type)), index(index) {}
  EnumTypePtr type;
  size_t index;

  const std::string& name() const { return type->members()[index].name; }
  // The member's value: an int, float or str.
  IValue value() const;
};
// The member `member` of `type`; raises naming the enum class if it has no such member.
IValue enumMember(const EnumTypePtr& type, std::string_view member);
// The member of `type` whose value equals `value`; raises if there is none.
IValue enumMemberWithValue(const EnumTypePtr& type, const IValue& value);

// A TorchScript tuple from C++ values (R's jit_tuple): tuple({a, b}).
IValue tuple(std::vector<IValue> elems);

}  // namespace wick
