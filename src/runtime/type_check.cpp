#include "runtime/type_check.h"

#include <sstream>
#include <unordered_set>

#include "ir/parser.h"

namespace wick::jit {

bool valueMatchesType(const IValue& v, const Type& t) {
  switch (t.kind()) {
    case TypeKind::Any: return true;
    case TypeKind::Tensor: return v.isTensor();
    case TypeKind::Int:
    case TypeKind::ScalarType:
    case TypeKind::Layout:
    case TypeKind::MemoryFormat: return v.isInt();
    case TypeKind::Float: return v.isDouble();
    case TypeKind::Bool: return v.isBool();
    case TypeKind::Number: return v.isInt() || v.isDouble() || v.isBool();
    case TypeKind::Str: return v.isString();
    case TypeKind::None: return v.isNone();
    case TypeKind::Device: return v.isDevice();
    case TypeKind::Generator: return v.isGenerator();
    case TypeKind::Optional:
      return v.isNone() || valueMatchesType(v, *static_cast<const OptionalType&>(t).elem());
    case TypeKind::Union:
      for (const TypePtr& m : static_cast<const UnionType&>(t).members())
        if (valueMatchesType(v, *m)) return true;
      return false;
    case TypeKind::List: {
      if (!v.isList()) return false;
      const TypePtr& want = static_cast<const ListType&>(t).elem();
      const ListObj& l = v.toList();
      if (l.elem_type && want->kind() != TypeKind::Any && want->kind() != TypeKind::Var) {
        if (l.elem_type->isSubtypeOf(*want)) return true;
        // An empty or untyped-element list is checked element by element.
      }
      for (const IValue& e : l.elems)
        if (!valueMatchesType(e, *want)) return false;
      return true;
    }
    case TypeKind::Tuple: {
      if (!v.isTuple()) return false;
      const auto& tt = static_cast<const TupleType&>(t);
      const TupleObj& tup = v.toTuple();
      if (tup.elems.size() != tt.elements().size()) return false;
      for (size_t i = 0; i < tup.elems.size(); ++i)
        if (!valueMatchesType(tup.elems[i], *tt.elements()[i])) return false;
      return true;
    }
    case TypeKind::Dict: {
      if (!v.isDict()) return false;
      const auto& dt = static_cast<const DictType&>(t);
      for (const auto& [k, val] : v.toDict().items())
        if (!valueMatchesType(k, *dt.key()) || !valueMatchesType(val, *dt.value())) return false;
      return true;
    }
    case TypeKind::Class:
      return v.isObject() && v.toObject().type->name() == static_cast<const ClassType&>(t).name();
    case TypeKind::Enum: return v.isEnum() && *v.toEnum().type == t;
    case TypeKind::AnyEnum: return v.isEnum();
    case TypeKind::Var: return true;
  }
  return false;
}

namespace {
// A default value as the schema text spells it (True, None, "text", 0.5, [1, 2]).
std::string defaultText(const IValue& v) {
  if (v.isBool()) return v.toBool() ? "True" : "False";
  if (v.isNone()) return "None";
  if (v.isString()) return "\"" + v.toStringRef() + "\"";
  std::ostringstream os;
  os << v;
  return os.str();
}

std::string declaration(const FunctionSchema& s) {
  std::ostringstream os;
  os << s.name << "(";
  for (size_t i = 0; i < s.arguments.size(); ++i) {
    const SchemaArgument& a = s.arguments[i];
    os << (i ? ", " : "") << a.type->annotationStr() << " " << a.name;
    if (a.default_value) os << "=" << defaultText(*a.default_value);
  }
  os << ") -> ";
  if (s.returns.size() == 1) {
    os << s.returns[0].type->annotationStr();
  } else {
    os << "(";
    for (size_t i = 0; i < s.returns.size(); ++i)
      os << (i ? ", " : "") << s.returns[i].type->annotationStr();
    os << ")";
  }
  return os.str();
}
}  // namespace

void checkArguments(const FunctionSchema& schema, const std::vector<IValue>& args, bool skip_self) {
  size_t first = skip_self ? 1 : 0;
  size_t max_args = schema.arguments.size() - first;
  size_t required = 0;
  for (size_t i = first; i < schema.arguments.size(); ++i)
    if (!schema.arguments[i].default_value) required = i + 1 - first;
  std::string fn =
      std::string(schema.baseName().empty() ? std::string_view(schema.name) : schema.baseName());
  if (args.size() > max_args) {
    WICK_FAIL(fn, "() expected at most ", max_args, " argument(s) but received ", args.size(),
              " argument(s). Declaration: ", declaration(schema));
  }
  if (args.size() < required) {
    WICK_FAIL(fn, "() is missing value for argument '", schema.arguments[first + args.size()].name,
              "'. Declaration: ", declaration(schema));
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const SchemaArgument& a = schema.arguments[first + i];
    if (!valueMatchesType(args[i], *a.type)) {
      std::ostringstream value;
      if (args[i].isTensor()) {
        value << "a Tensor of size " << args[i].toTensor().sizes();
      } else {
        value << args[i];
      }
      WICK_CHECK_TYPE(false, fn, "() Expected a value of type '", a.type->annotationStr(),
                      "' for argument '", a.name, "' but instead found type '", args[i].typeName(),
                      "'.\nPosition: ", first + i, "\nValue: ", value.str(),
                      "\nDeclaration: ", declaration(schema));
    }
  }
}

InstanceTest::InstanceTest(std::string type_name) : name(std::move(type_name)) {
  static const std::unordered_set<std::string> by_name = {"list", "tuple", "dict", "None"};
  bool annotation = name.starts_with("List[") || name.starts_with("Tuple[") ||
                    name.starts_with("Dict[") || name.starts_with("Optional[");
  if (by_name.contains(name) || annotation) return;
  bool names_a_class = false;
  ParseOptions options;
  options.resolve_type = [&](std::string_view) -> TypePtr {
    names_a_class = true;
    return nullptr;
  };
  try {
    type = parseGraphType(name, options);
  } catch (const Error&) {
    type = nullptr;
  }
  if (names_a_class) type = nullptr;  // classes and NamedTuples are matched by name
}

bool valueIsInstance(const IValue& v, const InstanceTest& test) {
  if (test.type) return valueMatchesType(v, *test.type);
  const std::string& name = test.name;
  if (name == "NoneType" || name == "None") return v.isNone();
  if (name == "list" || name.rfind("List[", 0) == 0) {
    if (!v.isList()) return false;
    if (name == "list") return true;
    try {
      return valueMatchesType(v, *parseSchemaType(name.substr(5, name.size() - 6) + "[]"));
    } catch (const Error&) {
      return v.type()->annotationStr() == name;
    }
  }
  if (name == "tuple" || name.rfind("Tuple[", 0) == 0) {
    return v.isTuple() && (name == "tuple" || v.type()->annotationStr() == name);
  }
  if (name == "dict" || name.rfind("Dict[", 0) == 0) {
    return v.isDict() && (name == "dict" || v.type()->annotationStr() == name);
  }
  if (v.isObject()) return v.toObject().type->name() == name;
  if (v.isTuple() && v.toTuple().type) return v.toTuple().type->annotationStr() == name;
  return false;
}

void appendDefaults(const FunctionSchema& schema, std::vector<IValue>& args, bool skip_self) {
  size_t first = skip_self && !schema.arguments.empty() ? 1 : 0;
  for (size_t i = first + args.size(); i < schema.arguments.size(); ++i) {
    const auto& def = schema.arguments[i].default_value;
    WICK_INTERNAL_ASSERT(def.has_value(), "argument '", schema.arguments[i].name,
                         "' has no default value");
    args.push_back(*def);
  }
}

}  // namespace wick::jit
