#include "wick/core/ivalue.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <sstream>

namespace wick {

const char* tagName(IValue::Tag t) {
  switch (t) {
    case IValue::Tag::None: return "None";
    case IValue::Tag::Tensor: return "Tensor";
    case IValue::Tag::Double: return "float";
    case IValue::Tag::Int: return "int";
    case IValue::Tag::Bool: return "bool";
    case IValue::Tag::String: return "str";
    case IValue::Tag::Device: return "Device";
    case IValue::Tag::Generator: return "Generator";
    case IValue::Tag::List: return "List";
    case IValue::Tag::Tuple: return "Tuple";
    case IValue::Tag::Dict: return "Dict";
    case IValue::Tag::Object: return "Object";
    case IValue::Tag::Enum: return "Enum";
  }
  return "?";
}

namespace {
template <class T>
IntrusiveTarget* retained(T* p) {
  intrusiveRetain(p);
  return p;
}
}  // namespace

IValue::IValue(const Scalar& s) : IValue() {
  switch (s.kind()) {
    case Scalar::Kind::Int: *this = IValue(s.toLong()); break;
    case Scalar::Kind::Double: *this = IValue(s.toDouble()); break;
    case Scalar::Kind::Bool: *this = IValue(s.toBool()); break;
  }
}
IValue::IValue(std::string s) : tag_(Tag::String) { p_.p = retained(new StringObj(std::move(s))); }
IValue::IValue(const Generator& g) : tag_(Tag::Generator) { p_.p = retained(g.impl()); }
IValue::IValue(IntrusivePtr<ListObj> l) : tag_(Tag::List) { p_.p = l.release(); }
IValue::IValue(IntrusivePtr<TupleObj> t) : tag_(Tag::Tuple) { p_.p = t.release(); }
IValue::IValue(IntrusivePtr<DictObj> d) : tag_(Tag::Dict) { p_.p = d.release(); }
IValue::IValue(IntrusivePtr<Object> o) : tag_(Tag::Object) { p_.p = o.release(); }
IValue::IValue(IntrusivePtr<EnumObj> e) : tag_(Tag::Enum) { p_.p = e.release(); }

IValue::IValue(const std::vector<int64_t>& v) : IValue(IntArrayRef(v)) {}
IValue::IValue(IntArrayRef v) : IValue() {
  std::vector<IValue> elems(v.begin(), v.end());
  *this = IValue(makeList(IntType::get(), std::move(elems)));
}
IValue::IValue(const std::vector<double>& v) : IValue() {
  std::vector<IValue> elems(v.begin(), v.end());
  *this = IValue(makeList(FloatType::get(), std::move(elems)));
}
IValue::IValue(const std::vector<bool>& v) : IValue() {
  std::vector<IValue> elems;
  elems.reserve(v.size());
  for (bool b : v) elems.emplace_back(b);
  *this = IValue(makeList(BoolType::get(), std::move(elems)));
}
IValue::IValue(const std::vector<Tensor>& v) : IValue() {
  std::vector<IValue> elems(v.begin(), v.end());
  *this = IValue(makeList(TensorType::get(), std::move(elems)));
}
IValue::IValue(const std::vector<std::string>& v) : IValue() {
  std::vector<IValue> elems(v.begin(), v.end());
  *this = IValue(makeList(StringType::get(), std::move(elems)));
}

void IValue::copyFrom(const IValue& o) {
  if (tag_ == Tag::Tensor) {
    new (&p_.t) Tensor(o.p_.t);
  } else if (isIntrusive()) {
    p_.p = o.p_.p;
    intrusiveRetain(p_.p);
  } else {
    std::memcpy(static_cast<void*>(&p_), &o.p_, sizeof(int64_t));
  }
}

void IValue::moveFrom(IValue&& o) noexcept {
  if (tag_ == Tag::Tensor) {
    new (&p_.t) Tensor(std::move(o.p_.t));
    o.p_.t.~Tensor();
  } else {
    std::memcpy(static_cast<void*>(&p_), &o.p_, sizeof(int64_t));
  }
  o.tag_ = Tag::None;
  o.p_.i = 0;
}

void IValue::badTag(Tag expected) const {
  detail::throwTypeError(
      detail::str("expected a value of type ", tagName(expected), " but got ", typeName()));
}

Scalar IValue::toScalar() const {
  switch (tag_) {
    case Tag::Int: return Scalar(p_.i);
    case Tag::Double: return Scalar(p_.d);
    case Tag::Bool: return Scalar(p_.i != 0);
    default: detail::throwTypeError(detail::str("expected a number but got ", typeName()));
  }
}

DType IValue::toDType() const {
  int64_t n = toInt();
  WICK_CHECK(isValidDTypeNumber(n), "unsupported dtype number ", n);
  return static_cast<DType>(n);
}

Generator IValue::toGenerator() const {
  expectTag(Tag::Generator);
  return Generator(IntrusivePtr<GeneratorImpl>(static_cast<GeneratorImpl*>(p_.p)));
}

const std::string& IValue::toStringRef() const {
  expectTag(Tag::String);
  return static_cast<StringObj*>(p_.p)->str;
}
ListObj& IValue::toList() const {
  expectTag(Tag::List);
  return *static_cast<ListObj*>(p_.p);
}
TupleObj& IValue::toTuple() const {
  expectTag(Tag::Tuple);
  return *static_cast<TupleObj*>(p_.p);
}
DictObj& IValue::toDict() const {
  expectTag(Tag::Dict);
  return *static_cast<DictObj*>(p_.p);
}
Object& IValue::toObject() const {
  expectTag(Tag::Object);
  return *static_cast<Object*>(p_.p);
}
EnumObj& IValue::toEnum() const {
  expectTag(Tag::Enum);
  return *static_cast<EnumObj*>(p_.p);
}
IntrusivePtr<ListObj> IValue::toListPtr() const { return IntrusivePtr<ListObj>(&toList()); }
IntrusivePtr<TupleObj> IValue::toTuplePtr() const { return IntrusivePtr<TupleObj>(&toTuple()); }
IntrusivePtr<DictObj> IValue::toDictPtr() const { return IntrusivePtr<DictObj>(&toDict()); }
IntrusivePtr<Object> IValue::toObjectPtr() const { return IntrusivePtr<Object>(&toObject()); }

std::vector<int64_t> IValue::toIntVector() const {
  std::vector<int64_t> out;
  for (const IValue& e : toList().elems) out.push_back(e.toInt());
  return out;
}
std::vector<double> IValue::toDoubleVector() const {
  std::vector<double> out;
  for (const IValue& e : toList().elems) out.push_back(e.toDouble());
  return out;
}
std::vector<bool> IValue::toBoolVector() const {
  std::vector<bool> out;
  for (const IValue& e : toList().elems) out.push_back(e.toBool());
  return out;
}
std::vector<Tensor> IValue::toTensorVector() const {
  std::vector<Tensor> out;
  for (const IValue& e : toList().elems) out.push_back(e.toTensor());
  return out;
}

bool IValue::isSameIdentity(const IValue& o) const {
  if (tag_ != o.tag_) return false;
  switch (tag_) {
    case Tag::None: return true;
    case Tag::Tensor: return p_.t.is_same(o.p_.t);
    case Tag::Int:
    case Tag::Bool: return p_.i == o.p_.i;
    case Tag::Double: return p_.d == o.p_.d;
    case Tag::Device: return p_.dev == o.p_.dev;
    case Tag::String: return toStringRef() == o.toStringRef();
    default: return p_.p == o.p_.p;
  }
}

bool operator==(const IValue& a, const IValue& b) {
  using Tag = IValue::Tag;
  if (a.isScalar() && b.isScalar()) {
    if (a.isDouble() || b.isDouble()) return a.toScalar().toDouble() == b.toScalar().toDouble();
    return a.toScalar().toLong() == b.toScalar().toLong();
  }
  if (a.tag() != b.tag()) return false;
  switch (a.tag()) {
    case Tag::None: return true;
    case Tag::String: return a.toStringRef() == b.toStringRef();
    case Tag::Device: return a.toDevice() == b.toDevice();
    case Tag::Tensor: return a.toTensor().is_same(b.toTensor());
    case Tag::List: {
      const auto& x = a.toList().elems;
      const auto& y = b.toList().elems;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!(x[i] == y[i])) return false;
      return true;
    }
    case Tag::Tuple: {
      const auto& x = a.toTuple().elems;
      const auto& y = b.toTuple().elems;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!(x[i] == y[i])) return false;
      return true;
    }
    case Tag::Dict: {
      const DictObj& x = a.toDict();
      const DictObj& y = b.toDict();
      if (x.size() != y.size()) return false;
      for (const auto& [k, v] : x.items()) {
        const IValue* w = y.find(k);
        if (!w || !(v == *w)) return false;
      }
      return true;
    }
    case Tag::Enum: {
      const EnumObj& x = a.toEnum();
      const EnumObj& y = b.toEnum();
      return x.index == y.index && *x.type == *y.type;
    }
    default: return a.isSameIdentity(b);
  }
}

std::string IValue::typeName() const {
  switch (tag_) {
    case Tag::List:
      return toList().elem_type ? "List[" + toList().elem_type->annotationStr() + "]" : "List";
    case Tag::Dict: {
      const DictObj& d = toDict();
      return "Dict[" + d.key_type->annotationStr() + ", " + d.value_type->annotationStr() + "]";
    }
    case Tag::Object: return toObject().type->name();
    case Tag::Enum: return toEnum().type->name();
    case Tag::Tuple: return type()->annotationStr();
    default: return tagName(tag_);
  }
}

TypePtr IValue::type() const {
  switch (tag_) {
    case Tag::None: return NoneType::get();
    case Tag::Tensor: return TensorType::create(p_.t);
    case Tag::Double: return FloatType::get();
    case Tag::Int: return IntType::get();
    case Tag::Bool: return BoolType::get();
    case Tag::String: return StringType::get();
    case Tag::Device: return DeviceObjType::get();
    case Tag::Generator: return GeneratorType::get();
    case Tag::List:
      return ListType::create(toList().elem_type ? toList().elem_type : AnyType::get());
    case Tag::Tuple: {
      const TupleObj& t = toTuple();
      if (t.type) return t.type;
      std::vector<TypePtr> elems;
      for (const IValue& e : t.elems) elems.push_back(e.type());
      return TupleType::create(std::move(elems));
    }
    case Tag::Dict: return DictType::create(toDict().key_type, toDict().value_type);
    case Tag::Object: return toObject().type;
    case Tag::Enum: return toEnum().type;
  }
  return AnyType::get();
}

namespace {
void printDouble(std::ostream& os, double d) {
  if (std::isnan(d)) {
    os << "nan";
  } else if (std::isinf(d)) {
    os << (d < 0 ? "-inf" : "inf");
  } else {
    std::ostringstream s;
    s.precision(17);
    s << d;
    std::string txt = s.str();
    // Shortest form that reads back to the same double.
    for (int p = 1; p <= 17; ++p) {
      std::ostringstream t;
      t.precision(p);
      t << d;
      if (std::stod(t.str()) == d) {
        txt = t.str();
        break;
      }
    }
    if (txt.find_first_of(".en") == std::string::npos) txt += ".";
    os << txt;
  }
}
}  // namespace

std::ostream& operator<<(std::ostream& os, const IValue& v) {
  using Tag = IValue::Tag;
  switch (v.tag()) {
    case Tag::None: return os << "None";
    case Tag::Tensor: return os << v.toTensor();
    case Tag::Double: printDouble(os, v.toDouble()); return os;
    case Tag::Int: return os << v.toInt();
    case Tag::Bool: return os << (v.toBool() ? "True" : "False");
    case Tag::String: return os << '"' << v.toStringRef() << '"';
    case Tag::Device: return os << "device(\"" << v.toDevice() << "\")";
    case Tag::Generator: return os << "Generator";
    case Tag::List: {
      os << '[';
      const auto& e = v.toList().elems;
      for (size_t i = 0; i < e.size(); ++i) os << (i ? ", " : "") << e[i];
      return os << ']';
    }
    case Tag::Tuple: {
      os << '(';
      const auto& e = v.toTuple().elems;
      for (size_t i = 0; i < e.size(); ++i) os << (i ? ", " : "") << e[i];
      if (e.size() == 1) os << ',';
      return os << ')';
    }
    case Tag::Dict: {
      os << '{';
      bool first = true;
      for (const auto& [k, val] : v.toDict().items()) {
        os << (first ? "" : ", ") << k << ": " << val;
        first = false;
      }
      return os << '}';
    }
    case Tag::Object: return os << "<" << v.toObject().type->name() << " object>";
    // PyTorch's spelling: Enum<Color.RED>.
    case Tag::Enum:
      return os << "Enum<" << v.toEnum().type->baseName() << '.' << v.toEnum().name() << '>';
  }
  return os;
}

// ---- enums ----

IValue EnumObj::value() const {
  const EnumType::Member& m = type->members()[index];
  switch (type->valueType()->kind()) {
    case TypeKind::Int: return IValue(m.int_value);
    case TypeKind::Float: return IValue(m.float_value);
    default: return IValue(m.str_value);
  }
}

IValue enumMember(const EnumTypePtr& type, std::string_view member) {
  std::optional<size_t> i = type->findMember(member);
  WICK_CHECK(i, "enum class ", type->name(), " has no member '", member, "'");
  return IValue(makeIntrusive<EnumObj>(type, *i));
}

IValue enumMemberWithValue(const EnumTypePtr& type, const IValue& value) {
  for (size_t i = 0; i < type->members().size(); ++i) {
    IValue v = EnumObj(type, i).value();
    if (v.tag() == value.tag() && v == value) return IValue(makeIntrusive<EnumObj>(type, i));
  }
  WICK_FAIL(value, " is not a valid value of enum class ", type->name());
}

// ---- containers ----

IntrusivePtr<ListObj> makeList(TypePtr elem_type, std::vector<IValue> elems) {
  return makeIntrusive<ListObj>(std::move(elem_type), std::move(elems));
}

IntrusivePtr<TupleObj> makeTuple(std::vector<IValue> elems, TypePtr named_type) {
  return makeIntrusive<TupleObj>(std::move(elems), std::move(named_type));
}

IValue tuple(std::vector<IValue> elems) { return IValue(makeTuple(std::move(elems))); }

size_t IValueHash::operator()(const IValue& v) const {
  switch (v.tag()) {
    case IValue::Tag::String: return std::hash<std::string>()(v.toStringRef());
    case IValue::Tag::Int: return std::hash<int64_t>()(v.toInt());
    case IValue::Tag::Bool: return std::hash<int64_t>()(v.toBool());
    case IValue::Tag::Double: {
      double d = v.toDouble();
      // Equal ints and floats hash alike, as in Python.
      if (d == std::floor(d) && std::abs(d) < 9e18) return std::hash<int64_t>()((int64_t)d);
      return std::hash<double>()(d);
    }
    case IValue::Tag::Tensor: return std::hash<const void*>()(v.toTensor().impl());
    case IValue::Tag::None: return 0;
    default: detail::throwTypeError(detail::str("unhashable dict key of type ", v.typeName()));
  }
}

bool IValueKeyEq::operator()(const IValue& a, const IValue& b) const {
  if (a.isTensor() || b.isTensor()) return a.isSameIdentity(b);
  return a == b;
}

const IValue* DictObj::find(const IValue& k) const {
  auto it = index_.find(k);
  return it == index_.end() ? nullptr : &items_[it->second].second;
}

void DictObj::insert(IValue k, IValue v) {
  auto it = index_.find(k);
  if (it != index_.end()) {
    items_[it->second].second = std::move(v);
    return;
  }
  index_.emplace(k, items_.size());
  items_.emplace_back(std::move(k), std::move(v));
}

bool DictObj::erase(const IValue& k) {
  auto it = index_.find(k);
  if (it == index_.end()) return false;
  size_t pos = it->second;
  index_.erase(it);
  items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(pos));
  for (auto& [key, idx] : index_)
    if (idx > pos) --idx;
  return true;
}

void DictObj::clear() {
  items_.clear();
  index_.clear();
}

IntrusivePtr<DictObj> makeDict(TypePtr key_type, TypePtr value_type) {
  return makeIntrusive<DictObj>(std::move(key_type), std::move(value_type));
}

const IValue& Object::attr(std::string_view name) const { return slots[type->attributeSlot(name)]; }

void Object::setAttr(std::string_view name, IValue v) {
  auto slot = type->findAttributeSlot(name);
  if (!slot) {
    slot = type->addAttribute(std::string(name), v.type());
  }
  if (slots.size() <= *slot) slots.resize(*slot + 1);
  slots[*slot] = std::move(v);
}

IntrusivePtr<Object> makeObject(ClassTypePtr type) {
  return makeIntrusive<Object>(std::move(type));
}

}  // namespace wick
