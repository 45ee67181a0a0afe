// One node's printed expression, literals and annotations (function_printer.h).
#include <algorithm>
#include <limits>

#include "ir/parser.h"
#include "ir/printer.h"
#include "serialize/function_printer_impl.h"
#include "wick/core/error.h"

namespace wick::archive {

namespace {

// Operators whose meaning changed, with the archive version that changed it (spec §1.5).
struct VersionBump {
  std::string_view op;
  int64_t version;
};
constexpr VersionBump kVersionBumps[] = {
    {"aten::div", 4},      {"aten::div_", 4},     {"aten::full", 5},
    {"aten::linspace", 8}, {"aten::logspace", 9}, {"aten::gelu", 10},
};

std::string joined(const std::vector<std::string>& parts) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
  return s;
}

bool sameDefault(const IValue& a, const IValue& b) {
  if (a.isNone() || b.isNone()) return a.isNone() && b.isNone();
  if (a.tag() != b.tag()) return false;
  switch (a.tag()) {
    case IValue::Tag::Int: return a.toInt() == b.toInt();
    case IValue::Tag::Double: return a.toDouble() == b.toDouble();
    case IValue::Tag::Bool: return a.toBool() == b.toBool();
    case IValue::Tag::String: return a.toStringRef() == b.toStringRef();
    case IValue::Tag::Device: return a.toDevice() == b.toDevice();
    case IValue::Tag::List: {
      const auto& x = a.toList().elems;
      const auto& y = b.toList().elems;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!sameDefault(x[i], y[i])) return false;
      return true;
    }
    default: return false;
  }
}

// A list or dict literal whose element types the compiler cannot infer from its elements.
bool needsAnnotation(const TypePtr& declared, const std::vector<const jit::Value*>& elems) {
  if (elems.empty()) return true;
  TypeKind k = declared->kind();
  if (k == TypeKind::Optional || k == TypeKind::Any || k == TypeKind::Number) return true;
  std::string want = declared->annotationStr();
  return std::any_of(elems.begin(), elems.end(),
                     [&](const jit::Value* v) { return v->type()->annotationStr() != want; });
}

}  // namespace

int64_t operatorVersionBump(std::string_view qualified_name) {
  for (const VersionBump& b : kVersionBumps)
    if (b.op == qualified_name) return b.version;
  return 0;
}

std::string archiveQualname(const std::string& name) {
  return name.rfind("__torch__.", 0) == 0 ? name : "__torch__." + name;
}

std::string annotationOf(const TypePtr& type, PrintContext& ctx) {
  switch (type->kind()) {
    case TypeKind::Tensor: return "Tensor";
    case TypeKind::ScalarType:
    case TypeKind::Layout:
    case TypeKind::MemoryFormat: return "int";
    case TypeKind::List: return "List[" + annotationOf(type->expect<ListType>().elem(), ctx) + "]";
    case TypeKind::Optional:
      return "Optional[" + annotationOf(type->expect<OptionalType>().elem(), ctx) + "]";
    case TypeKind::Dict: {
      const auto& d = type->expect<DictType>();
      return "Dict[" + annotationOf(d.key(), ctx) + ", " + annotationOf(d.value(), ctx) + "]";
    }
    case TypeKind::Tuple: {
      const auto& t = type->expect<TupleType>();
      if (t.isNamed()) {
        if (ctx.note_type) ctx.note_type(type);
        return archiveQualname(*t.name());
      }
      if (t.elements().empty()) return "Tuple[()]";
      std::vector<std::string> parts;
      for (const TypePtr& e : t.elements()) parts.push_back(annotationOf(e, ctx));
      return "Tuple[" + joined(parts) + "]";
    }
    case TypeKind::Class:
      if (ctx.note_type) ctx.note_type(type);
      return archiveQualname(type->expect<ClassType>().name());
    case TypeKind::Enum:
      if (ctx.note_type) ctx.note_type(type);
      return archiveQualname(type->expect<EnumType>().name());
    case TypeKind::Var: WICK_FAIL("cannot save a graph value of generic type ", type->str());
    default: return type->annotationStr();
  }
}

// A prim::isinstance type, stored in graph spelling (int[], (int, str)), as code writes it
// (List[int], Tuple[int, str]); class names are kept as they are.
std::string isinstanceAnnotation(const std::string& graph_name, PrintContext& ctx) {
  bool names_a_class = false;
  jit::ParseOptions options;
  options.resolve_type = [&](std::string_view) -> TypePtr {
    names_a_class = true;
    return nullptr;
  };
  TypePtr type;
  try {
    type = jit::parseGraphType(graph_name, options);
  } catch (const Error&) {
    return graph_name;  // already an annotation ("List[int]" from older graph text)
  }
  return names_a_class ? graph_name : annotationOf(type, ctx);
}

namespace detail {

std::string FunctionPrinter::literal(const IValue& v, const TypePtr& type) {
  switch (v.tag()) {
    case IValue::Tag::None: return "None";
    case IValue::Tag::Bool: return v.toBool() ? "True" : "False";
    case IValue::Tag::Int:
      // -2^63 has no literal of its own.
      if (v.toInt() == std::numeric_limits<int64_t>::min()) return "(-9223372036854775807 - 1)";
      return std::to_string(v.toInt());
    case IValue::Tag::Double: return jit::doubleRepr(v.toDouble());
    case IValue::Tag::String: return jit::quotedString(v.toStringRef());
    case IValue::Tag::Device: return "torch.device(" + jit::quotedString(v.toDevice().str()) + ")";
    case IValue::Tag::Enum: {
      const EnumObj& e = v.toEnum();
      return annotationOf(e.type, ctx_) + "." + e.name();
    }
    case IValue::Tag::Tensor: {
      const TensorImpl* key = v.toTensor().impl();
      auto [it, added] = ctx_.constant_index.emplace(key, ctx_.constants.size());
      if (added) ctx_.constants.push_back(v);
      return "CONSTANTS.c" + std::to_string(it->second);
    }
    case IValue::Tag::List: {
      const ListObj& l = v.toList();
      std::vector<std::string> parts;
      for (const IValue& e : l.elems) parts.push_back(literal(e, l.elem_type));
      std::string body = "[" + joined(parts) + "]";
      TypeKind k = l.elem_type->kind();
      bool plain =
          !parts.empty() && (k == TypeKind::Int || k == TypeKind::Float || k == TypeKind::Bool ||
                             k == TypeKind::Str || k == TypeKind::Tensor || k == TypeKind::Device ||
                             k == TypeKind::Enum);
      return plain ? body
                   : "annotate(" + annotationOf(ListType::create(l.elem_type), ctx_) + ", " + body +
                         ")";
    }
    case IValue::Tag::Tuple: {
      const auto& elems = v.toTuple().elems;
      const auto* tt = type ? type->cast<TupleType>() : nullptr;
      std::vector<std::string> parts;
      for (size_t i = 0; i < elems.size(); ++i) {
        parts.push_back(
            literal(elems[i], tt && i < tt->elements().size() ? tt->elements()[i] : nullptr));
      }
      return parts.size() == 1 ? "(" + parts[0] + ",)" : "(" + joined(parts) + ")";
    }
    case IValue::Tag::Dict: {
      const DictObj& d = v.toDict();
      std::vector<std::string> parts;
      for (const auto& [k, x] : d.items()) {
        parts.push_back(literal(k, d.key_type) + ": " + literal(x, d.value_type));
      }
      return "annotate(" + annotationOf(DictType::create(d.key_type, d.value_type), ctx_) + ", {" +
             joined(parts) + "})";
    }
    default: break;
  }
  WICK_FAIL("cannot save a constant of type ", v.typeName(), " in TorchScript code");
}

bool FunctionPrinter::isDefaultArgument(const Node* n, size_t i) const {
  const SchemaArgument& a = n->op()->schema.arguments[i];
  const Value* v = n->input(i);
  if (!a.default_value || v->node()->kind() != jit::prim::kConstant) return false;
  return sameDefault(constantValue(v->node()), *a.default_value);
}

std::string FunctionPrinter::callArgs(const Node* n, size_t first) {
  std::vector<std::string> parts;
  for (size_t i = first; i < n->inputs().size(); ++i) parts.push_back(expr(n->input(i)));
  return joined(parts);
}

std::string FunctionPrinter::opText(const Node* n) {
  const FunctionSchema& s = n->op()->schema;
  ctx_.version = std::max(ctx_.version, operatorVersionBump(s.name));
  std::string ns(s.ns()), base(s.baseName());
  size_t n_in = n->inputs().size();
  if (ns == "aten" && n_in == 1 &&
      (base == "Int" || base == "Float" || base == "Bool" || base == "str")) {
    std::string fn = base == "str"     ? "str"
                     : base == "Int"   ? "int"
                     : base == "Float" ? "float"
                                       : "bool";
    return fn + "(" + expr(n->input(0)) + ")";
  }
  if (ns == "prim" && base == "tolist" && n_in == 3) {
    // The list levels and element code are implied by the annotation, as PyTorch prints it.
    return "annotate(" + annotationOf(n->output()->type(), ctx_) + ", " + expr(n->input(0)) +
           ".tolist())";
  }
  if (ns == "prim" && (base == "EnumName" || base == "EnumValue") && n_in == 1) {
    return "(" + expr(n->input(0)) + ")." + (base == "EnumName" ? "name" : "value");
  }
  if (ns == "aten" && base == "__getitem__" && n_in == 2) {
    return expr(n->input(0)) + "[" + expr(n->input(1)) + "]";
  }
  std::string callee = ns == "aten" ? "torch." + base : "ops." + ns + "." + base;
  if (s.is_vararg || n_in != s.arguments.size()) return callee + "(" + callArgs(n, 0) + ")";
  // Trailing arguments equal to their defaults are left out; keyword-only ones are named.
  size_t end = n_in;
  while (end > 0 && isDefaultArgument(n, end - 1)) --end;
  std::vector<std::string> parts;
  for (size_t i = 0; i < end; ++i) {
    std::string a = expr(n->input(i));
    parts.push_back(s.arguments[i].kwarg_only ? s.arguments[i].name + "=" + a : a);
  }
  return callee + "(" + joined(parts) + ")";
}

std::string FunctionPrinter::listText(const Node* n) {
  TypePtr elem = n->output()->type()->expect<ListType>().elem();
  std::vector<const Value*> elems(n->inputs().begin(), n->inputs().end());
  std::string body = "[" + callArgs(n, 0) + "]";
  if (!needsAnnotation(elem, elems)) return body;
  return "annotate(" + annotationOf(n->output()->type(), ctx_) + ", " + body + ")";
}

std::string FunctionPrinter::dictText(const Node* n) {
  const auto& d = n->output()->type()->expect<DictType>();
  std::vector<std::string> items;
  std::vector<const Value*> keys, values;
  for (size_t i = 0; i + 1 < n->inputs().size(); i += 2) {
    items.push_back(expr(n->input(i)) + ": " + expr(n->input(i + 1)));
    keys.push_back(n->input(i));
    values.push_back(n->input(i + 1));
  }
  std::string body = "{" + joined(items) + "}";
  if (!needsAnnotation(d.key(), keys) && !needsAnnotation(d.value(), values)) return body;
  return "annotate(" + annotationOf(n->output()->type(), ctx_) + ", " + body + ")";
}

std::string FunctionPrinter::tupleText(const Node* n) {
  const auto& t = n->output()->type()->expect<TupleType>();
  std::string args = callArgs(n, 0);
  if (t.isNamed()) return annotationOf(n->output()->type(), ctx_) + "(" + args + ")";
  return n->inputs().size() == 1 ? "(" + args + ",)" : "(" + args + ")";
}

std::string FunctionPrinter::primText(const Node* n) {
  using namespace jit::prim;
  jit::Symbol k = n->kind();
  if (k == kListConstruct) return listText(n);
  if (k == kDictConstruct) return dictText(n);
  if (k == kTupleConstruct) return tupleText(n);
  if (k == kListUnpack || k == kTupleUnpack) return expr(n->input(0));
  if (k == kTupleIndex) return expr(n->input(0)) + "[" + expr(n->input(1)) + "]";
  if (k == kTupleSlice) {
    return expr(n->input(0)) + "[" + std::to_string(n->i("beg")) + ":" +
           std::to_string(n->i("end")) + "]";
  }
  if (k == kGetAttr) {
    const std::string& a = n->s("name");
    return isIdentifier(a) ? expr(n->input(0)) + "." + a
                           : "getattr(" + expr(n->input(0)) + ", " + jit::quotedString(a) + ")";
  }
  if (k == kCallMethod) return expr(n->input(0)) + "." + n->s("name") + "(" + callArgs(n, 1) + ")";
  if (k == kCallFunction) {
    WICK_CHECK(n->callee(), "cannot save a call of '", n->s("name"), "': the function is unknown");
    if (ctx_.note_function) ctx_.note_function(n->callee());
    return archiveQualname(n->callee()->qualname()) + "(" + callArgs(n, 0) + ")";
  }
  if (k == kCreateObject) {
    std::string cls = annotationOf(n->output()->type(), ctx_);
    return cls + ".__new__(" + cls + ")";
  }
  if (k == kUninitialized) return "uninitialized(" + annotationOf(n->output()->type(), ctx_) + ")";
  if (k == kunchecked_cast) {
    return "unchecked_cast(" + annotationOf(n->output()->type(), ctx_) + ", " + expr(n->input(0)) +
           ")";
  }
  if (k == kisinstance) {
    std::vector<std::string> types;
    for (const IValue& t : n->attr("types").toList().elems) {
      types.push_back(isinstanceAnnotation(t.toStringRef(), ctx_));
    }
    std::string cls = types.size() == 1 ? types[0] : "(" + joined(types) + ")";
    return "isinstance(" + expr(n->input(0)) + ", " + cls + ")";
  }
  if (k == kRaiseException) return "ops.prim.RaiseException(" + callArgs(n, 0) + ")";
  if (k == kPrint) return "print(" + callArgs(n, 0) + ")";
  WICK_FAIL("cannot save a graph with a ", k.toQualString(),
            " node: it has no TorchScript spelling");
}

NodeText FunctionPrinter::nodeText(const Node* n) {
  if (n->kind() == jit::prim::kSetAttr) {
    const std::string& a = n->s("name");
    WICK_CHECK(isIdentifier(a), "cannot save an assignment to attribute '", a,
               "': not an identifier");
    return {expr(n->input(0)) + "." + a + " = " + expr(n->input(1)), true};
  }
  if (n->op()) return {opText(n), false};
  return {primText(n), false};
}

}  // namespace detail

}  // namespace wick::archive
