#include "frontend/type_parser.h"

#include <string_view>
#include <unordered_map>
#include <vector>

#include "frontend/diagnostics.h"

namespace wick::jit::frontend {

namespace {

// typing.List, t.Optional, torch.Tensor: the module prefixes annotations may carry.
std::string_view stripModulePrefix(std::string_view name) {
  for (std::string_view p : {"typing.", "torch.jit.", "torch."}) {
    if (name.size() > p.size() && name.substr(0, p.size()) == p) {
      std::string_view rest = name.substr(p.size());
      if (rest.find('.') == std::string_view::npos) return rest;
    }
  }
  return name;
}

TypePtr builtinType(std::string_view name) {
  // Every annotation is looked up here first: a table, not a chain of comparisons.
  static const std::unordered_map<std::string_view, TypePtr> table = {
      {"Tensor", TensorType::get()},       {"int", IntType::get()},
      {"float", FloatType::get()},         {"bool", BoolType::get()},
      {"str", StringType::get()},          {"NoneType", NoneType::get()},
      {"None", NoneType::get()},           {"Device", DeviceObjType::get()},
      {"device", DeviceObjType::get()},    {"Any", AnyType::get()},
      {"number", NumberType::get()},       {"Scalar", NumberType::get()},
      {"Generator", GeneratorType::get()}, {"dtype", IntType::get()},
  };
  auto it = table.find(name);
  return it == table.end() ? nullptr : it->second;
}

}  // namespace

std::string TypeParser::dottedName(const Expr& e) {
  // Collects the parts from the right, then joins them into one string.
  const Expr* cur = &e;
  std::vector<const std::string*> parts;
  size_t size = 0;
  while (cur->kind == ExprKind::Attribute) {
    const auto& a = cur->as<AttributeExpr>();
    parts.push_back(&a.attr.name);
    size += a.attr.name.size() + 1;
    cur = a.value.get();
  }
  if (cur->kind != ExprKind::Name) return {};
  std::string out;
  out.reserve(size + cur->as<NameExpr>().id.size());
  out += cur->as<NameExpr>().id;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    out += '.';
    out += **it;
  }
  return out;
}

TypePtr TypeParser::resolveName(const std::string& full, const SourceRange& loc) const {
  if (TypePtr t = builtinType(stripModulePrefix(full))) return t;
  if (resolver_) {
    if (TypePtr t = resolver_(full, loc)) return t;
  }
  failAt(loc, "unknown type name '", full, "'");
}

TypePtr TypeParser::parse(const Expr& e) const {
  switch (e.kind) {
    case ExprKind::None: return NoneType::get();
    case ExprKind::Name:
    case ExprKind::Attribute: {
      std::string name = dottedName(e);
      if (name.empty()) break;
      std::string_view base = stripModulePrefix(name);
      if (base == "List" || base == "Dict" || base == "Tuple" || base == "Optional") {
        failAt(e.range, "'", base, "' needs type arguments, as in ", base,
               base == "Dict" ? "[str, int]" : "[int]");
      }
      return resolveName(name, e.range);
    }
    case ExprKind::Subscript: return parseSubscript(e.as<SubscriptExpr>());
    case ExprKind::String: {
      // A forward reference written as a string: "Tensor", "List[int]".
      const std::string& text = e.as<StringExpr>().value;
      if (TypePtr t = builtinType(stripModulePrefix(text))) return t;
      return resolveName(text, e.range);
    }
    default: break;
  }
  failAt(e.range, "expected a type annotation");
}

TypePtr TypeParser::parseSubscript(const SubscriptExpr& s) const {
  std::string dotted = dottedName(*s.value);
  std::string_view name = stripModulePrefix(dotted);
  auto arg = [&](size_t i) { return parse(*s.indices.at(i)); };
  auto expectArgs = [&](size_t n) {
    if (s.indices.size() != n) {
      failAt(s.range, "'", name, "' expects ", n, " type argument", n == 1 ? "" : "s", " but got ",
             s.indices.size());
    }
  };
  if (name == "List" || name == "list") {
    expectArgs(1);
    return ListType::create(arg(0));
  }
  if (name == "Optional") {
    expectArgs(1);
    // As Python's typing reads it, Optional[Union[A, B]] is Union[A, B, None].
    TypePtr elem = arg(0);
    if (elem->kind() == TypeKind::Union) return UnionType::create({elem, NoneType::get()});
    return OptionalType::create(elem);
  }
  if (name == "Dict" || name == "dict") {
    expectArgs(2);
    TypePtr key = arg(0);
    TypeKind k = key->kind();
    if (k != TypeKind::Str && k != TypeKind::Int && k != TypeKind::Float && k != TypeKind::Bool &&
        k != TypeKind::Tensor) {
      failAt(s.indices[0]->range, "dict keys must be str, int, float, bool or Tensor, not ",
             key->annotationStr());
    }
    return DictType::create(key, arg(1));
  }
  if (name == "Tuple" || name == "tuple") {
    std::vector<TypePtr> elems;
    // Tuple[()] is the empty tuple.
    if (s.indices.size() == 1 && s.indices[0]->kind == ExprKind::Tuple &&
        s.indices[0]->as<SequenceExpr>().elts.empty()) {
      return TupleType::create({});
    }
    for (const ExprPtr& i : s.indices) elems.push_back(parse(*i));
    return TupleType::create(std::move(elems));
  }
  if (name == "Union") {
    std::vector<TypePtr> members;
    for (size_t i = 0; i < s.indices.size(); ++i) members.push_back(arg(i));
    if (members.empty()) failAt(s.range, "'Union' expects at least 1 type argument");
    return UnionType::create(members);
  }
  if (name == "Final") failAt(s.range, "Final is only allowed for class attributes");
  failAt(s.value->range, "unknown type constructor '", dottedName(*s.value), "'");
}

TypePtr TypeParser::parseAttributeType(const Expr& e, bool* is_final) const {
  *is_final = false;
  if (e.kind == ExprKind::Subscript) {
    const auto& s = e.as<SubscriptExpr>();
    if (stripModulePrefix(dottedName(*s.value)) == "Final") {
      if (s.indices.size() != 1) failAt(s.range, "'Final' expects 1 type argument");
      *is_final = true;
      return parse(*s.indices[0]);
    }
  }
  return parse(e);
}

}  // namespace wick::jit::frontend
