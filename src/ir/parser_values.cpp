#include "ir/parser_values.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace wick::jit {

// ---- class names ----

TypePtr TypeNames::classType(const std::string& name) {
  if (resolve_) {
    if (TypePtr t = resolve_(name)) return t;
  }
  auto it = placeholders_.find(name);
  if (it != placeholders_.end()) return it->second;
  ClassTypePtr c = ClassType::create(name, /*is_module=*/true);
  placeholders_.emplace(name, c);
  return c;
}

bool TypeNames::isPlaceholder(const Type& t) const {
  const auto* c = t.cast<ClassType>();
  if (!c) return false;
  auto it = placeholders_.find(c->name());
  return it != placeholders_.end() && it->second.get() == c;
}

namespace {

bool dtypeFromGraphName(std::string_view name, DType* out) {
  for (DType d : kAllDTypes) {
    if (graphName(d) == name) {
      *out = d;
      return true;
    }
  }
  return false;
}

int64_t readInt(TextCursor& c) {
  size_t start = c.pos();
  std::string_view r = c.rest();
  int64_t v = 0;
  auto [end, ec] = std::from_chars(r.data(), r.data() + r.size(), v);
  if (ec != std::errc() || end == r.data())
    c.failAt(start, "expected an integer but found " + c.found());
  c.setPos(start + static_cast<size_t>(end - r.data()));
  return v;
}

std::vector<int64_t> readIntList(TextCursor& c) {
  std::vector<int64_t> out;
  c.expect("[");
  c.skipSpaces();
  while (!c.tryConsume("]")) {
    if (!out.empty()) {
      c.expect(",");
      c.skipSpaces();
    }
    out.push_back(readInt(c));
    c.skipSpaces();
  }
  return out;
}

// The "(2, 3, strides=[3, 1], requires_grad=0, device=cpu)" part of a tensor type.
TypePtr readTensorDetails(TextCursor& c, std::optional<DType> dtype, bool sizes_known) {
  std::vector<int64_t> sizes;
  std::optional<std::vector<int64_t>> strides;
  std::optional<bool> requires_grad;
  std::optional<Device> device;
  if (c.tryConsume("(")) {
    c.skipSpaces();
    bool first = true;
    while (!c.tryConsume(")")) {
      if (!first) {
        c.expect(",");
        c.skipSpaces();
      }
      first = false;
      if (c.tryConsume("strides=")) {
        strides = readIntList(c);
      } else if (c.tryConsume("requires_grad=")) {
        requires_grad = readInt(c) != 0;
      } else if (c.tryConsume("device=")) {
        size_t at = c.pos();
        std::string spec(c.ident(":"));
        try {
          device = Device(spec);
        } catch (const Error& e) {
          c.failAt(at, e.what());
        }
      } else if (c.peek() == '*') {
        c.fail("tensor types with unknown dimensions ('*') are not supported");
      } else {
        sizes.push_back(readInt(c));
        sizes_known = true;
      }
      c.skipSpaces();
    }
  }
  std::optional<std::vector<int64_t>> s;
  if (sizes_known) s = std::move(sizes);
  if (strides && (!s || strides->size() != s->size())) c.fail("strides do not match the sizes");
  return TensorType::create(dtype, std::move(s), std::move(strides), requires_grad, device);
}

TypePtr readNamedTuple(TextCursor& c, TypeNames& names) {
  c.expect("(");
  std::vector<std::string> fields;
  std::vector<TypePtr> types;
  c.skipSpaces();
  while (!c.tryConsume(")")) {
    if (!fields.empty()) {
      c.expect(",");
      c.skipSpaces();
    }
    std::string_view field = c.ident();
    if (field.empty()) c.fail("expected a field name but found " + c.found());
    c.skipSpaces();
    c.expect(":");
    c.skipSpaces();
    fields.emplace_back(field);
    types.push_back(readGraphType(c, names));
    c.skipSpaces();
    if (c.peek() == '=') c.fail("NamedTuple fields with defaults are not supported");
  }
  // Graph text does not spell the tuple's qualified name.
  return TupleType::createNamed("NamedTuple", std::move(fields), std::move(types));
}

TypePtr readPrimaryType(TextCursor& c, TypeNames& names) {
  if (c.tryConsume("(")) {
    std::vector<TypePtr> elems;
    c.skipSpaces();
    while (!c.tryConsume(")")) {
      if (!elems.empty()) {
        c.expect(",");
        c.skipSpaces();
      }
      elems.push_back(readGraphType(c, names));
      c.skipSpaces();
    }
    return TupleType::create(std::move(elems));
  }
  size_t at = c.pos();
  std::string name(c.ident("."));
  if (name.empty()) c.fail("expected a type but found " + c.found());
  static const std::map<std::string, TypePtr> simple = {{"int", IntType::get()},
                                                        {"float", FloatType::get()},
                                                        {"bool", BoolType::get()},
                                                        {"str", StringType::get()},
                                                        {"NoneType", NoneType::get()},
                                                        {"Device", DeviceObjType::get()},
                                                        {"Scalar", NumberType::get()},
                                                        {"Generator", GeneratorType::get()},
                                                        {"Any", AnyType::get()},
                                                        {"Layout", LayoutType::get()},
                                                        {"ScalarType", ScalarTypeType::get()},
                                                        {"MemoryFormat", MemoryFormatType::get()}};
  if (auto it = simple.find(name); it != simple.end()) return it->second;
  if (name == "Tensor") return readTensorDetails(c, std::nullopt, false);
  DType dtype;
  if (dtypeFromGraphName(name, &dtype)) return readTensorDetails(c, dtype, true);
  if (name.size() > 6 && name.ends_with("Tensor") &&
      dtypeFromGraphName(std::string_view(name).substr(0, name.size() - 6), &dtype)) {
    return readTensorDetails(c, dtype, false);
  }
  if (name == "NamedTuple") return readNamedTuple(c, names);
  if (name == "Dict") {
    c.expect("(");
    TypePtr key = readGraphType(c, names);
    c.expect(",");
    c.skipSpaces();
    TypePtr value = readGraphType(c, names);
    c.expect(")");
    return DictType::create(std::move(key), std::move(value));
  }
  if (name == "Enum" && c.tryConsume("<")) {
    std::string qualname(c.ident("."));
    c.expect(">");
    TypePtr t = names.classType(qualname);
    if (t->kind() != TypeKind::Enum) c.failAt(at, "unknown enum class '" + qualname + "'");
    return t;
  }
  if (name == "Union") {
    c.expect("(");
    std::vector<TypePtr> members{readGraphType(c, names)};
    while (c.tryConsume(",")) {
      c.skipSpaces();
      members.push_back(readGraphType(c, names));
    }
    c.expect(")");
    return UnionType::create(members);
  }
  if (name.find('.') == std::string::npos) c.failAt(at, "unsupported type '" + name + "'");
  return names.classType(name);
}

// ---- literals ----

std::string readQuoted(TextCursor& c) {
  c.expect("\"");
  std::string out;
  while (true) {
    if (c.eof()) c.fail("unterminated string");
    char ch = c.peek();
    c.setPos(c.pos() + 1);
    if (ch == '"') break;
    if (ch != '\\') {
      out += ch;
      continue;
    }
    char e = c.peek();
    c.setPos(c.pos() + 1);
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '\\':
      case '\'':
      case '"': out += e; break;
      default:
        if (e >= '0' && e <= '7' && c.peek() >= '0' && c.peek() <= '7' && c.peek(1) >= '0' &&
            c.peek(1) <= '7') {
          out += static_cast<char>(((e - '0') << 6) | ((c.peek() - '0') << 3) | (c.peek(1) - '0'));
          c.setPos(c.pos() + 2);
        } else {
          c.failAt(c.pos() - 2, "unknown escape sequence in string");
        }
    }
  }
  return out;
}

// ints, floats ("1.", "-0.", "1e+20", "0.10000000000000001"), inf, -inf, nan.
Literal readNumber(TextCursor& c) {
  size_t start = c.pos();
  Literal lit;
  bool neg = c.peek() == '-';
  if (c.startsWith(neg ? "-inf" : "inf") || c.startsWith("nan")) {
    lit.kind = Literal::Kind::Float;
    lit.f = c.startsWith("nan") ? std::numeric_limits<double>::quiet_NaN()
                                : (neg ? -1.0 : 1.0) * std::numeric_limits<double>::infinity();
    c.setPos(start + (c.startsWith("nan") ? 3 : (neg ? 4 : 3)));
    return lit;
  }
  size_t p = start + (neg || c.peek() == '+' ? 1 : 0);
  std::string_view t = c.text();
  bool is_float = false;
  while (p < t.size()) {
    char ch = t[p];
    if (ch >= '0' && ch <= '9') {
      ++p;
    } else if (ch == '.' || ch == 'e' || ch == 'E') {
      is_float = true;
      ++p;
      if ((ch == 'e' || ch == 'E') && p < t.size() && (t[p] == '+' || t[p] == '-')) ++p;
    } else {
      break;
    }
  }
  std::string text(t.substr(start, p - start));
  if (text.empty() || text == "-" || text == "+") c.fail("expected a value but found " + c.found());
  if (is_float) {
    lit.kind = Literal::Kind::Float;
    char* end = nullptr;
    lit.f = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) c.failAt(start, "malformed number '" + text + "'");
  } else {
    lit.kind = Literal::Kind::Int;
    auto [end, ec] =
        std::from_chars(text.data() + (text[0] == '+'), text.data() + text.size(), lit.i);
    if (ec != std::errc() || end != text.data() + text.size())
      c.failAt(start, "integer '" + text + "' is out of range");
    lit.f = static_cast<double>(lit.i);
  }
  c.setPos(p);
  return lit;
}

TypePtr readAnnotationType(TextCursor& c);

std::vector<TypePtr> readAnnotationArgs(TextCursor& c) {
  std::vector<TypePtr> args;
  c.expect("[");
  c.skipSpaces();
  while (!c.tryConsume("]")) {
    if (!args.empty()) {
      c.expect(",");
      c.skipSpaces();
    }
    args.push_back(readAnnotationType(c));
    c.skipSpaces();
  }
  return args;
}

// TorchScript annotation spelling, as annotate(...) in attribute values uses it.
TypePtr readAnnotationType(TextCursor& c) {
  TextCursor::Nest nest(c);
  size_t at = c.pos();
  std::string name(c.ident("."));
  static const std::map<std::string, TypePtr> simple = {
      {"int", IntType::get()},          {"float", FloatType::get()},
      {"bool", BoolType::get()},        {"str", StringType::get()},
      {"Tensor", TensorType::get()},    {"NoneType", NoneType::get()},
      {"Device", DeviceObjType::get()}, {"Any", AnyType::get()},
      {"number", NumberType::get()}};
  if (auto it = simple.find(name); it != simple.end()) return it->second;
  std::vector<TypePtr> args = c.peek() == '[' ? readAnnotationArgs(c) : std::vector<TypePtr>{};
  if (name == "List" && args.size() == 1) return ListType::create(args[0]);
  if (name == "Optional" && args.size() == 1) return OptionalType::create(args[0]);
  if (name == "Dict" && args.size() == 2) return DictType::create(args[0], args[1]);
  if (name == "Tuple") return TupleType::create(std::move(args));
  if (name == "Union" && !args.empty()) return UnionType::create(args);
  c.failAt(at, "unsupported type annotation '" + name + "'");
}

}  // namespace

TypePtr readGraphType(TextCursor& c, TypeNames& names) {
  TextCursor::Nest nest(c);
  TypePtr t = readPrimaryType(c, names);
  while (true) {
    if (c.tryConsume("[]")) {
      t = ListType::create(std::move(t));
    } else if (c.tryConsume("?")) {
      t = OptionalType::create(std::move(t));
    } else {
      return t;
    }
  }
}

Tensor readTensorText(TextCursor& c);  // parser_tensor.cpp

namespace {

// [a, b] and (a, b) / (a,): elements up to `close`.
void readElements(TextCursor& c, Literal& lit, const char* close) {
  c.setPos(c.pos() + 1);
  c.skipSpaces();
  while (!c.tryConsume(close)) {
    lit.elems.push_back(readLiteral(c, nullptr));
    c.skipSpaces();
    if (c.tryConsume(",")) {
      c.skipSpaces();
    } else if (!c.startsWith(close)) {
      c.fail(std::string("expected ',' or '") + close + "' but found " + c.found());
    }
  }
}

// {k: v, ...} after the '{'.
void readDictItems(TextCursor& c, Literal& lit) {
  lit.kind = Literal::Kind::Dict;
  while (!c.tryConsume("}")) {
    if (!lit.elems.empty()) {
      c.expect(",");
      c.skipSpaces();
    }
    lit.elems.push_back(readLiteral(c, nullptr));
    c.skipSpaces();
    c.expect(":");
    lit.elems.push_back(readLiteral(c, nullptr));
    c.skipSpaces();
  }
}

// Literals that start with a word: annotate(...), torch.device(...), True, False, None.
bool readWordLiteral(TextCursor& c, Literal& lit) {
  if (c.tryConsume("annotate(")) {
    lit.kind = Literal::Kind::Annotated;
    lit.annotation = readAnnotationType(c);
    c.skipSpaces();
    c.expect(",");
    lit.elems.push_back(readLiteral(c, nullptr));
    c.skipSpaces();
    c.expect(")");
  } else if (c.tryConsume("torch.device(")) {
    lit.kind = Literal::Kind::Device;
    lit.s = readQuoted(c);
    c.expect(")");
  } else if (c.startsWith("True") || c.startsWith("False")) {
    lit.kind = Literal::Kind::Bool;
    lit.i = c.tryConsume("True") ? 1 : 0;
    if (lit.i == 0) c.expect("False");
  } else if (c.tryConsume("None")) {
    lit.kind = Literal::Kind::None;
  } else if (std::isalpha(static_cast<unsigned char>(c.peek())) || c.peek() == '_') {
    size_t at = c.pos();
    std::string name(c.ident("."));
    if (name.find('.') == std::string::npos) {
      c.setPos(at);  // inf, nan and numbers
      return false;
    }
    lit.kind = Literal::Kind::Name;
    lit.s = std::move(name);
  } else {
    return false;
  }
  return true;
}

}  // namespace

Literal readLiteral(TextCursor& c, const TypePtr& tensor_type) {
  TextCursor::Nest nest(c);
  c.skipSpaces();
  Literal lit;
  if (tensor_type && c.peek() != '{') {
    if (c.startsWith("<Tensor>"))
      c.fail(
          "a tensor constant of more than 10 elements prints as <Tensor> and cannot be read back");
    lit.kind = Literal::Kind::TensorValue;
    lit.tensor = readTensorText(c);
    return lit;
  }
  char ch = c.peek();
  if (ch == '"') {
    lit.kind = Literal::Kind::Str;
    lit.s = readQuoted(c);
  } else if (ch == '[' || ch == '(') {
    lit.kind = ch == '[' ? Literal::Kind::List : Literal::Kind::Tuple;
    readElements(c, lit, ch == '[' ? "]" : ")");
  } else if (ch == '{') {
    c.setPos(c.pos() + 1);
    c.skipSpaces();
    if (!tensor_type) {
      readDictItems(c, lit);
      return lit;
    }
    // {2}: a one-element tensor printed as its value.
    lit.kind = Literal::Kind::TensorValue;
    lit.elems.push_back(readNumber(c));
    c.expect("}");
  } else if (!readWordLiteral(c, lit)) {
    return readNumber(c);
  }
  return lit;
}

}  // namespace wick::jit
