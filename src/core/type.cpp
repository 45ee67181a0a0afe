#include "wick/core/type.h"

#include <sstream>

#include "wick/core/error.h"
#include "wick/core/tensor.h"

namespace wick {

#define WICK_SIMPLE_TYPE_GET(Name)                            \
  const TypePtr& Name::get() {                                \
    static const TypePtr instance = std::make_shared<Name>(); \
    return instance;                                          \
  }
WICK_SIMPLE_TYPE_GET(AnyType)
WICK_SIMPLE_TYPE_GET(IntType)
WICK_SIMPLE_TYPE_GET(FloatType)
WICK_SIMPLE_TYPE_GET(BoolType)
WICK_SIMPLE_TYPE_GET(StringType)
WICK_SIMPLE_TYPE_GET(NoneType)
WICK_SIMPLE_TYPE_GET(DeviceObjType)
WICK_SIMPLE_TYPE_GET(NumberType)
WICK_SIMPLE_TYPE_GET(GeneratorType)
WICK_SIMPLE_TYPE_GET(ScalarTypeType)
WICK_SIMPLE_TYPE_GET(LayoutType)
WICK_SIMPLE_TYPE_GET(MemoryFormatType)
WICK_SIMPLE_TYPE_GET(AnyEnumType)
WICK_SIMPLE_TYPE_GET(TensorType)
#undef WICK_SIMPLE_TYPE_GET

bool operator==(const Type& a, const Type& b) { return a.equals(b); }

std::ostream& operator<<(std::ostream& os, const Type& t) { return os << t.str(); }

namespace {
bool isIntLike(TypeKind k) {
  return k == TypeKind::Int || k == TypeKind::ScalarType || k == TypeKind::Layout ||
         k == TypeKind::MemoryFormat;
}
std::string join(const std::vector<TypePtr>& ts, bool annotation) {
  std::string s;
  for (size_t i = 0; i < ts.size(); ++i) {
    if (i) s += ", ";
    s += annotation ? ts[i]->annotationStr() : ts[i]->str();
  }
  return s;
}
}  // namespace

bool Type::isSubtypeOf(const Type& o) const {
  if (o.kind() == TypeKind::Any) return true;
  if (equals(o)) return true;
  if (const auto* u = o.cast<UnionType>()) {
    for (const TypePtr& m : u->members())
      if (isSubtypeOf(*m)) return true;
    return false;
  }
  if (o.kind() == TypeKind::Optional) {
    if (kind() == TypeKind::None) return true;
    return isSubtypeOf(*static_cast<const OptionalType&>(o).elem());
  }
  if (o.kind() == TypeKind::Number) {
    return kind() == TypeKind::Int || kind() == TypeKind::Float;
  }
  // dtype, layout and memory_format values are ints.
  if (isIntLike(kind()) && isIntLike(o.kind())) return true;
  if (kind() == TypeKind::Tensor && o.kind() == TypeKind::Tensor) {
    const auto& a = static_cast<const TensorType&>(*this);
    const auto& b = static_cast<const TensorType&>(o);
    return (!b.dtype || a.dtype == b.dtype) && (!b.sizes || a.sizes == b.sizes) &&
           (!b.strides || a.strides == b.strides) &&
           (!b.requires_grad || a.requires_grad == b.requires_grad) &&
           (!b.device || a.device == b.device);
  }
  return false;
}

// ---- TensorType ----

TypePtr TensorType::create(const Tensor& t) {
  auto r = std::make_shared<TensorType>();
  r->dtype = t.dtype();
  r->sizes = t.impl()->sizes().vec();
  r->strides = t.strides().vec();
  r->requires_grad = t.requires_grad();
  r->device = kCPU;
  return r;
}

TypePtr TensorType::create(std::optional<DType> dtype, std::optional<std::vector<int64_t>> sizes,
                           std::optional<std::vector<int64_t>> strides,
                           std::optional<bool> requires_grad, std::optional<Device> device) {
  auto r = std::make_shared<TensorType>();
  r->dtype = dtype;
  r->sizes = std::move(sizes);
  r->strides = std::move(strides);
  r->requires_grad = requires_grad;
  r->device = device;
  return r;
}

// Follows PyTorch 1.13's printing of tensor types in graphs.
std::string TensorType::str() const {
  std::ostringstream out;
  if (dtype) {
    out << graphName(*dtype);
    if (!sizes) out << "Tensor";
  } else {
    out << "Tensor";
  }
  if (sizes) {
    size_t ndim = sizes->size();
    bool has_strides = ndim > 0 && strides && strides->size() == ndim;
    out << "(";
    size_t i = 0;
    for (i = 0; i < ndim; ++i) {
      if (i > 0) out << ", ";
      out << (*sizes)[i];
    }
    if (has_strides) {
      out << ", strides=[";
      for (size_t k = 0; k < ndim; ++k) out << (k ? ", " : "") << (*strides)[k];
      out << "]";
    }
    if (requires_grad) {
      if (i++ > 0) out << ", ";
      out << "requires_grad=" << (*requires_grad ? 1 : 0);
    }
    if (device) {
      if (i++ > 0) out << ", ";
      out << "device=" << *device;
    }
    out << ")";
  } else {
    size_t i = 0;
    if (requires_grad) {
      out << "(requires_grad=" << (*requires_grad ? 1 : 0);
      i++;
    }
    if (device) {
      out << (i++ > 0 ? ", " : "(") << "device=" << *device;
    }
    if (i > 0) out << ")";
  }
  return out.str();
}

bool TensorType::equals(const Type& o) const {
  const auto* t = o.cast<TensorType>();
  return t && dtype == t->dtype && sizes == t->sizes && strides == t->strides &&
         requires_grad == t->requires_grad && device == t->device;
}

// ---- containers ----

TypePtr ListType::create(TypePtr elem) { return std::make_shared<ListType>(std::move(elem)); }
const TypePtr& ListType::ofInts() {
  static const TypePtr t = create(IntType::get());
  return t;
}
const TypePtr& ListType::ofFloats() {
  static const TypePtr t = create(FloatType::get());
  return t;
}
const TypePtr& ListType::ofBools() {
  static const TypePtr t = create(BoolType::get());
  return t;
}
const TypePtr& ListType::ofStrings() {
  static const TypePtr t = create(StringType::get());
  return t;
}
const TypePtr& ListType::ofTensors() {
  static const TypePtr t = create(TensorType::get());
  return t;
}
const TypePtr& ListType::ofOptionalTensors() {
  static const TypePtr t = create(OptionalType::create(TensorType::get()));
  return t;
}
std::string ListType::str() const { return elem()->str() + "[]"; }
std::string ListType::annotationStr() const { return "List[" + elem()->annotationStr() + "]"; }
bool ListType::equals(const Type& o) const {
  const auto* l = o.cast<ListType>();
  return l && *elem() == *l->elem();
}
bool ListType::isSubtypeOf(const Type& o) const {
  if (Type::isSubtypeOf(o)) return true;
  // Lists are invariant, except that tensor element types need not be specialised alike.
  const auto* l = o.cast<ListType>();
  return l && elem()->kind() == TypeKind::Tensor && l->elem()->kind() == TypeKind::Tensor;
}

namespace {
// Optional[Union[A, B]] and Union[A, B, None] are one type in two spellings.
bool sameUnionMembers(const Type& a, const Type& b) {
  auto membersOf = [](const Type& t) {
    if (const auto* o = t.cast<OptionalType>())
      return UnionType::canonicalMembers({o->elem(), NoneType::get()});
    return static_cast<const UnionType&>(t).members();
  };
  if (b.kind() != TypeKind::Union && b.kind() != TypeKind::Optional) return false;
  std::vector<TypePtr> ma = membersOf(a), mb = membersOf(b);
  if (ma.size() != mb.size()) return false;
  for (size_t i = 0; i < ma.size(); ++i)
    if (*ma[i] != *mb[i]) return false;
  return true;
}
}  // namespace

TypePtr OptionalType::create(TypePtr elem) {
  // Optional[Optional[T]] is Optional[T]. Optional[Union[A, B]] stays an Optional (its graph
  // spelling is "Union(A, B)?") but equals Union[A, B, None].
  if (elem->kind() == TypeKind::Optional) return elem;
  return std::make_shared<OptionalType>(std::move(elem));
}
std::string OptionalType::str() const { return elem()->str() + "?"; }
std::string OptionalType::annotationStr() const {
  if (elem()->kind() == TypeKind::Union) {
    return "Union[" + join(UnionType::canonicalMembers({elem(), NoneType::get()}), true) + "]";
  }
  return "Optional[" + elem()->annotationStr() + "]";
}
bool OptionalType::equals(const Type& o) const {
  if (elem()->kind() == TypeKind::Union) return sameUnionMembers(*this, o);
  const auto* t = o.cast<OptionalType>();
  return t && *elem() == *t->elem();
}
bool OptionalType::isSubtypeOf(const Type& o) const {
  if (Type::isSubtypeOf(o)) return true;
  if (o.kind() == TypeKind::Union) {
    return NoneType::get()->isSubtypeOf(o) && elem()->isSubtypeOf(o);
  }
  const auto* t = o.cast<OptionalType>();
  return t && elem()->isSubtypeOf(*t->elem());
}

// ---- UnionType ----

namespace {

// The position of a kind in PyTorch 1.13's type-kind enumeration, which orders union members.
int unionRank(TypeKind k) {
  switch (k) {
    case TypeKind::Any: return 0;
    case TypeKind::Enum: return 1;
    case TypeKind::AnyEnum: return 2;
    case TypeKind::Tensor: return 3;
    case TypeKind::Tuple: return 5;
    case TypeKind::List: return 6;
    case TypeKind::Dict: return 7;
    case TypeKind::Number: return 8;
    case TypeKind::Float: return 9;
    case TypeKind::Int: return 13;
    case TypeKind::None: return 14;
    case TypeKind::Str: return 15;
    case TypeKind::Generator: return 16;
    case TypeKind::Bool: return 18;
    case TypeKind::Optional: return 19;
    case TypeKind::Var: return 20;
    case TypeKind::Device: return 21;
    case TypeKind::Class: return 24;
    case TypeKind::Layout: return 27;
    case TypeKind::ScalarType: return 28;
    case TypeKind::MemoryFormat: return 29;
    case TypeKind::Union: return 36;
  }
  return 37;
}

void flattenUnionInto(const TypePtr& t, std::vector<TypePtr>& out) {
  if (const auto* o = t->cast<OptionalType>()) {
    flattenUnionInto(o->elem(), out);
    out.push_back(NoneType::get());
  } else if (const auto* u = t->cast<UnionType>()) {
    for (const TypePtr& m : u->members()) flattenUnionInto(m, out);
  } else {
    out.push_back(t);
  }
}

}  // namespace

std::vector<TypePtr> UnionType::canonicalMembers(const std::vector<TypePtr>& types) {
  std::vector<TypePtr> flat;
  for (const TypePtr& t : types) flattenUnionInto(t, flat);
  // A member that unifies with an earlier one merges into it; None stays apart so that no
  // Optional forms inside the union.
  std::vector<TypePtr> out;
  for (const TypePtr& t : flat) {
    bool merged = false;
    for (TypePtr& kept : out) {
      if ((t->kind() == TypeKind::None) != (kept->kind() == TypeKind::None)) continue;
      if (auto u = unifyTypes(kept, t)) {
        if ((*u)->kind() == TypeKind::Union || (*u)->kind() == TypeKind::Optional) continue;
        kept = *u;
        merged = true;
        break;
      }
    }
    if (!merged) out.push_back(t);
  }
  std::stable_sort(out.begin(), out.end(), [](const TypePtr& a, const TypePtr& b) {
    int ra = unionRank(a->kind()), rb = unionRank(b->kind());
    return ra != rb ? ra < rb : a->str() < b->str();
  });
  return out;
}

TypePtr UnionType::create(const std::vector<TypePtr>& types) {
  std::vector<TypePtr> members = canonicalMembers(types);
  WICK_CHECK(!members.empty(), "a Union needs at least one member type");
  if (members.size() == 1) return members[0];
  if (members.size() == 2) {
    if (members[0]->kind() == TypeKind::None) return std::make_shared<OptionalType>(members[1]);
    if (members[1]->kind() == TypeKind::None) return std::make_shared<OptionalType>(members[0]);
  }
  return std::make_shared<UnionType>(std::move(members));
}

bool UnionType::canHoldNone() const {
  for (const TypePtr& m : members_)
    if (m->kind() == TypeKind::None) return true;
  return false;
}

TypePtr UnionType::withoutNone() const {
  std::vector<TypePtr> rest;
  for (const TypePtr& m : members_)
    if (m->kind() != TypeKind::None) rest.push_back(m);
  return create(rest);
}

std::string UnionType::str() const { return "Union(" + join(members_, false) + ")"; }
std::string UnionType::annotationStr() const { return "Union[" + join(members_, true) + "]"; }

bool UnionType::equals(const Type& o) const {
  if (const auto* opt = o.cast<OptionalType>(); opt && opt->elem()->kind() == TypeKind::Union) {
    return sameUnionMembers(*this, o);
  }
  const auto* u = o.cast<UnionType>();
  if (!u || u->members_.size() != members_.size()) return false;
  for (size_t i = 0; i < members_.size(); ++i)
    if (*members_[i] != *u->members_[i]) return false;
  return true;
}

// Every member has to fit: Union[int, float] is a Scalar, Union[int, str] is not.
bool UnionType::isSubtypeOf(const Type& o) const {
  if (o.kind() == TypeKind::Any || equals(o)) return true;
  for (const TypePtr& m : members_)
    if (!m->isSubtypeOf(o)) return false;
  return true;
}

TypePtr TupleType::create(std::vector<TypePtr> elems) {
  return std::make_shared<TupleType>(std::move(elems));
}
TypePtr TupleType::createNamed(std::string qualified_name, std::vector<std::string> field_names,
                               std::vector<TypePtr> elems) {
  WICK_INTERNAL_ASSERT(field_names.size() == elems.size());
  auto t = std::make_shared<TupleType>(std::move(elems));
  t->name_ = std::move(qualified_name);
  t->field_names_ = std::move(field_names);
  return t;
}
std::string TupleType::str() const {
  if (name_) return *name_;
  return "(" + join(elems_, false) + ")";
}
std::string TupleType::annotationStr() const {
  if (name_) return *name_;
  if (elems_.empty()) return "Tuple[()]";
  return "Tuple[" + join(elems_, true) + "]";
}
bool TupleType::equals(const Type& o) const {
  const auto* t = o.cast<TupleType>();
  if (!t || t->elems_.size() != elems_.size() || t->name_ != name_) return false;
  for (size_t i = 0; i < elems_.size(); ++i)
    if (*elems_[i] != *t->elems_[i]) return false;
  return true;
}
bool TupleType::isSubtypeOf(const Type& o) const {
  if (Type::isSubtypeOf(o)) return true;
  const auto* t = o.cast<TupleType>();
  if (!t || t->elems_.size() != elems_.size()) return false;
  if (t->name_ && t->name_ != name_) return false;
  for (size_t i = 0; i < elems_.size(); ++i)
    if (!elems_[i]->isSubtypeOf(*t->elems_[i])) return false;
  return true;
}

TypePtr DictType::create(TypePtr key, TypePtr value) {
  return std::make_shared<DictType>(std::move(key), std::move(value));
}
std::string DictType::str() const { return "Dict(" + key()->str() + ", " + value()->str() + ")"; }
std::string DictType::annotationStr() const {
  return "Dict[" + key()->annotationStr() + ", " + value()->annotationStr() + "]";
}
bool DictType::equals(const Type& o) const {
  const auto* t = o.cast<DictType>();
  return t && *key() == *t->key() && *value() == *t->value();
}

TypePtr VarType::create(std::string name) { return std::make_shared<VarType>(std::move(name)); }
bool VarType::equals(const Type& o) const {
  const auto* t = o.cast<VarType>();
  return t && t->name_ == name_;
}

// ---- ClassType ----

// ---- EnumType ----

EnumTypePtr EnumType::create(std::string qualified_name, TypePtr value_type,
                             std::vector<Member> members) {
  TypeKind k = value_type->kind();
  WICK_CHECK(k == TypeKind::Int || k == TypeKind::Float || k == TypeKind::Str, "enum class ",
             qualified_name, " has values of type ", value_type->str(),
             "; enum values must be int, float or str");
  return std::make_shared<EnumType>(std::move(qualified_name), std::move(value_type),
                                    std::move(members));
}

namespace {
// "Linear" for __torch__.torch.nn.modules.linear.Linear.
std::string lastComponent(const std::string& qualified_name) {
  auto dot = qualified_name.rfind('.');
  return dot == std::string::npos ? qualified_name : qualified_name.substr(dot + 1);
}
}  // namespace

std::string EnumType::baseName() const { return lastComponent(name_); }

std::optional<size_t> EnumType::findMember(std::string_view name) const {
  for (size_t i = 0; i < members_.size(); ++i)
    if (members_[i].name == name) return i;
  return std::nullopt;
}

// Enum types are nominal: an archive's __torch__.Color and the class it was saved from are
// the same type.
bool EnumType::equals(const Type& o) const {
  const auto* e = o.cast<EnumType>();
  return e && (e == this || (e->name_ == name_ && *e->value_type_ == *value_type_));
}

bool EnumType::isSubtypeOf(const Type& o) const {
  return o.kind() == TypeKind::AnyEnum || Type::isSubtypeOf(o);
}

ClassTypePtr ClassType::create(std::string qualified_name, bool is_module) {
  return std::make_shared<ClassType>(std::move(qualified_name), is_module);
}

std::string ClassType::baseName() const { return lastComponent(name_); }

std::optional<size_t> ClassType::findAttributeSlot(std::string_view name) const {
  for (size_t i = 0; i < attrs_.size(); ++i)
    if (attrs_[i].name == name) return i;
  return std::nullopt;
}

size_t ClassType::attributeSlot(std::string_view name) const {
  auto slot = findAttributeSlot(name);
  WICK_CHECK(slot.has_value(), "'", name_, "' has no attribute '", name, "'");
  return *slot;
}

size_t ClassType::addAttribute(std::string name, TypePtr type, AttrKind kind) {
  WICK_CHECK(!findAttributeSlot(name), "'", name_, "' already has an attribute named '", name, "'");
  attrs_.push_back(Attribute{std::move(name), std::move(type), kind});
  return attrs_.size() - 1;
}

MethodBase* ClassType::findMethod(std::string_view name) const {
  for (const auto& m : methods_)
    if (m->name() == name) return m.get();
  return nullptr;
}

void ClassType::addMethod(std::shared_ptr<MethodBase> m) {
  WICK_CHECK(!findMethod(m->name()), "method '", m->name(), "' is already defined on '", name_,
             "'");
  methods_.push_back(std::move(m));
}

void ClassType::replaceMethod(std::shared_ptr<MethodBase> m) {
  for (auto& existing : methods_) {
    if (existing->name() == m->name()) {
      existing = std::move(m);
      return;
    }
  }
  methods_.push_back(std::move(m));
}

// ---- unification ----

TypePtr unifyTypesOrUnion(const TypePtr& a, const TypePtr& b) {
  if (auto u = unifyTypes(a, b)) return *u;
  return UnionType::create({a, b});
}

std::optional<TypePtr> unifyTypes(const TypePtr& a, const TypePtr& b) {
  if (a->isSubtypeOf(*b)) return b;
  if (b->isSubtypeOf(*a)) return a;
  if (a->kind() == TypeKind::Tensor && b->kind() == TypeKind::Tensor) return TensorType::get();
  if (a->kind() == TypeKind::None) return OptionalType::create(b);
  if (b->kind() == TypeKind::None) return OptionalType::create(a);
  if (const auto* oa = a->cast<OptionalType>()) {
    if (auto u = unifyTypes(oa->elem(), b)) return OptionalType::create(*u);
  }
  if (const auto* ob = b->cast<OptionalType>()) {
    if (auto u = unifyTypes(a, ob->elem())) return OptionalType::create(*u);
  }
  const auto* la = a->cast<ListType>();
  const auto* lb = b->cast<ListType>();
  if (la && lb) {
    if (la->elem()->kind() == TypeKind::Tensor && lb->elem()->kind() == TypeKind::Tensor)
      return ListType::ofTensors();
    return std::nullopt;
  }
  const auto* ta = a->cast<TupleType>();
  const auto* tb = b->cast<TupleType>();
  if (ta && tb && ta->elements().size() == tb->elements().size() && !ta->isNamed() &&
      !tb->isNamed()) {
    std::vector<TypePtr> elems;
    for (size_t i = 0; i < ta->elements().size(); ++i) {
      auto u = unifyTypes(ta->elements()[i], tb->elements()[i]);
      if (!u) return std::nullopt;
      elems.push_back(*u);
    }
    return TupleType::create(std::move(elems));
  }
  return std::nullopt;
}

}  // namespace wick
