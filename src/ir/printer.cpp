#include "ir/printer.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

#include "wick/core/tracing_hooks.h"

namespace wick::jit {

namespace {

// ---- values and types ----

void printValueRef(std::ostream& out, const Value* v) { out << '%' << v->displayName(); }

void printValueList(std::ostream& out, const std::vector<Value*>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out << ", ";
    printValueRef(out, values[i]);
  }
}

void printTypedValueList(std::ostream& out, const std::vector<Value*>& values,
                         std::string_view delim) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out << delim;
    printValueRef(out, values[i]);
    out << " : " << (values[i]->type() ? graphTypeString(*values[i]->type()) : "<no type>");
  }
}

// PyTorch prints a value's type with operator<< (which spells tensor details and NamedTuple
// fields) but the contents of a Dict with Type::str() (plain "Tensor", qualified tuple names).
std::string plainTypeString(const Type& t) {
  if (t.kind() == TypeKind::Tensor) return "Tensor";
  if (const auto* l = t.cast<ListType>()) return plainTypeString(*l->elem()) + "[]";
  if (const auto* o = t.cast<OptionalType>()) return plainTypeString(*o->elem()) + "?";
  if (const auto* tt = t.cast<TupleType>()) {
    if (tt->isNamed()) return *tt->name();
    std::string s = "(";
    for (size_t i = 0; i < tt->elements().size(); ++i) {
      if (i) s += ", ";
      s += plainTypeString(*tt->elements()[i]);
    }
    return s + ")";
  }
  if (const auto* d = t.cast<DictType>()) {
    return "Dict(" + plainTypeString(*d->key()) + ", " + plainTypeString(*d->value()) + ")";
  }
  return t.str();
}

// ---- attribute values ----

// A list or dict needs `annotate(...)` when its element type cannot be told from its members.
bool elementTypeInferable(const TypePtr& t) {
  if (!t) return false;
  TypeKind k = t->kind();
  return k != TypeKind::Optional && k != TypeKind::Number && k != TypeKind::Any;
}

void printTensorAttr(std::ostream& out, const Tensor& t) {
  if (!t.defined()) {
    out << "<undefined>";
    return;
  }
  detail::NoTracerGuard no_trace;
  int64_t numel = t.impl()->numel();
  if (numel == 1) {
    // One-element tensors are usually boxed scalars and print like one.
    double v = t.to_vector<double>()[0];
    out << '{';
    if (isFloatingType(t.dtype())) {
      out << v;
    } else {
      out << static_cast<int64_t>(v);
    }
    out << '}';
  } else if (numel <= 10) {
    std::ostringstream ss;
    ss << t;
    std::string s = ss.str();
    std::replace(s.begin(), s.end(), '\n', ' ');
    out << s;
  } else {
    out << "<Tensor>";
  }
}

void printRepr(std::ostream& out, const IValue& v);

void printReprList(std::ostream& out, const std::vector<IValue>& elems, const char* open,
                   const char* close) {
  out << open;
  for (size_t i = 0; i < elems.size(); ++i) {
    if (i) out << ", ";
    printRepr(out, elems[i]);
  }
  out << close;
}

void printReprDict(std::ostream& out, const DictObj& d) {
  out << '{';
  bool first = true;
  for (const auto& [k, val] : d.items()) {
    if (!first) out << ", ";
    first = false;
    printRepr(out, k);
    out << ": ";
    printRepr(out, val);
  }
  out << '}';
}

// IValue::repr as PyTorch's attribute printer uses it (tensors inside print as attributes).
void printRepr(std::ostream& out, const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None: out << "None"; return;
    case IValue::Tag::Tensor: printTensorAttr(out, v.toTensor()); return;
    case IValue::Tag::Double: out << doubleRepr(v.toDouble()); return;
    case IValue::Tag::Int: out << v.toInt(); return;
    case IValue::Tag::Bool: out << (v.toBool() ? "True" : "False"); return;
    case IValue::Tag::String: out << quotedString(v.toStringRef()); return;
    case IValue::Tag::Device:
      out << "torch.device(" << quotedString(v.toDevice().str()) << ')';
      return;
    case IValue::Tag::Generator: out << "Generator"; return;
    case IValue::Tag::Tuple: {
      const auto& e = v.toTuple().elems;
      printReprList(out, e, "(", e.size() == 1 ? ",)" : ")");
      return;
    }
    case IValue::Tag::List: {
      const ListObj& l = v.toList();
      if (l.elems.empty() || !elementTypeInferable(l.elem_type)) {
        TypePtr elem = l.elem_type ? l.elem_type : AnyType::get();
        out << "annotate(" << ListType::create(elem)->annotationStr() << ", ";
        printReprList(out, l.elems, "[", "]");
        out << ')';
      } else {
        printReprList(out, l.elems, "[", "]");
      }
      return;
    }
    case IValue::Tag::Dict: {
      const DictObj& d = v.toDict();
      if (d.size() == 0 || !elementTypeInferable(d.value_type)) {
        out << "annotate(" << DictType::create(d.key_type, d.value_type)->annotationStr() << ',';
        printReprDict(out, d);
        out << ')';
      } else {
        printReprDict(out, d);
      }
      return;
    }
    case IValue::Tag::Object: out << '<' << v.toObject().type->name() << " object>"; return;
    case IValue::Tag::Enum: out << v.toEnum().type->name() << '.' << v.toEnum().name(); return;
  }
}

// ---- nodes ----

void indent(std::ostream& out, size_t level) {
  for (size_t i = 0; i < level; ++i) out << "  ";
}

class GraphPrinter {
 public:
  GraphPrinter(std::ostream& out, const PrintOptions& options) : out_(out), options_(options) {}

  void printGraph(const Graph& g) {
    out_ << "graph(";
    printTypedValueList(out_, g.inputs(), ",\n      ");
    out_ << "):\n";
    for (const Node* n : g) printNode(*n, 1, options_.source_locations);
    out_ << "  return (";
    printValueList(out_, g.outputs());
    out_ << ")\n";
  }

  void printNodeHeader(const Node& n, bool source_locations) {
    printTypedValueList(out_, n.outputs(), ", ");
    out_ << " = " << n.kind().toQualString();
    if (!n.attributes().empty()) {
      out_ << '[';
      bool first = true;
      for (const auto& [name, value] : n.attributes()) {
        if (!first) out_ << ", ";
        first = false;
        out_ << name << '=';
        if (n.kind() == prim::kisinstance && name == "types" && value.isList()) {
          // A type-list attribute: PyTorch prints the type names bare ([int, float]).
          out_ << '[';
          const auto& types = value.toList().elems;
          for (size_t i = 0; i < types.size(); ++i) {
            out_ << (i ? ", " : "") << types[i].toStringRef();
          }
          out_ << ']';
        } else {
          out_ << attributeValueString(value);
        }
      }
      out_ << ']';
    }
    out_ << '(';
    printValueList(out_, n.inputs());
    out_ << ')';
    if (!n.scope().empty()) out_ << ", scope: " << n.scope();
    if (source_locations && !n.sourceRange().empty()) out_ << " # " << n.sourceRange();
  }

 private:
  void printNode(const Node& n, size_t level, bool source_locations) {
    indent(out_, level);
    printNodeHeader(n, source_locations);
    if (&n == options_.highlight) out_ << "  <-- here";
    out_ << '\n';
    for (size_t i = 0; i < n.blocks().size(); ++i) {
      const Block* b = n.blocks()[i];
      indent(out_, level + 1);
      out_ << "block" << i << '(';
      printTypedValueList(out_, b->inputs(), ", ");
      out_ << "):\n";
      // See Note [Source locations in nested blocks].
      for (const Node* nested : *b) printNode(*nested, level + 2, /*source_locations=*/true);
      indent(out_, level + 2);
      out_ << "-> (";
      printValueList(out_, b->outputs());
      out_ << ")\n";
    }
  }

  std::ostream& out_;
  const PrintOptions& options_;
};

}  // namespace

std::string graphTypeString(const Type& t) {
  if (const auto* l = t.cast<ListType>()) return graphTypeString(*l->elem()) + "[]";
  if (const auto* o = t.cast<OptionalType>()) return graphTypeString(*o->elem()) + "?";
  if (const auto* tt = t.cast<TupleType>()) {
    std::string s = tt->isNamed() ? "NamedTuple(" : "(";
    for (size_t i = 0; i < tt->elements().size(); ++i) {
      if (i) s += ", ";
      if (tt->isNamed()) s += tt->fieldNames()[i] + " : ";
      s += graphTypeString(*tt->elements()[i]);
    }
    return s + ")";
  }
  if (t.kind() == TypeKind::Dict) return plainTypeString(t);
  return t.str();
}

std::string doubleRepr(double d) {
  std::ostringstream out;
  int c = std::fpclassify(d);
  if ((c == FP_NORMAL || c == FP_ZERO) && std::abs(d) < 1e10) {
    auto i = static_cast<int64_t>(d);
    if (static_cast<double>(i) == d) {
      if (i == 0 && std::signbit(d)) return "-0.";
      return std::to_string(i) + ".";
    }
  }
  out << std::setprecision(std::numeric_limits<double>::max_digits10) << d;
  return out.str();
}

std::string quotedString(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      case '"': out += "\\\""; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default: {
        auto u = static_cast<unsigned char>(ch);
        if (u < 0x20 || u == 0x7f) {
          char buf[5] = {'\\', static_cast<char>('0' + (u >> 6)),
                         static_cast<char>('0' + ((u >> 3) & 7)), static_cast<char>('0' + (u & 7)),
                         0};
          out += buf;
        } else {
          out += ch;
        }
      }
    }
  }
  return out + "\"";
}

std::string attributeValueString(const IValue& v) {
  std::ostringstream out;
  // Top-level scalars are stored by PyTorch as int/float/string attributes, not IValues.
  switch (v.tag()) {
    case IValue::Tag::Bool: out << (v.toBool() ? 1 : 0); break;
    case IValue::Tag::Device: out << quotedString(v.toDevice().str()); break;
    default: printRepr(out, v);
  }
  return out.str();
}

std::string printGraph(const Graph& g, const PrintOptions& options) {
  std::ostringstream out;
  GraphPrinter(out, options).printGraph(g);
  return out.str();
}

std::string nodeString(const Node& n) {
  std::ostringstream out;
  PrintOptions options;
  GraphPrinter(out, options).printNodeHeader(n, /*source_locations=*/true);
  return out.str();
}

std::string Graph::toString(bool print_source_locations) const {
  PrintOptions options;
  options.source_locations = print_source_locations;
  return printGraph(*this, options);
}

}  // namespace wick::jit
