#include "wick/ops/schema.h"

#include <cctype>
#include <cmath>
#include <limits>
#include <sstream>

namespace wick {

namespace {

// A recursive-descent parser over the schema text. Errors name the text and the position.
class SchemaParser {
 public:
  explicit SchemaParser(std::string_view text) : s_(text) {}

  FunctionSchema parseSchema() {
    FunctionSchema fs;
    std::string qual = parseQualifiedName();
    auto dot = qual.find('.', qual.find("::") + 2);
    if (dot != std::string::npos) {
      fs.name = qual.substr(0, dot);
      fs.overload_name = qual.substr(dot + 1);
    } else {
      fs.name = qual;
    }
    expect('(');
    bool kwarg_only = false;
    skipSpace();
    if (!tryConsume(')')) {
      while (true) {
        skipSpace();
        if (tryConsume('*')) {
          kwarg_only = true;
        } else if (tryConsumeWord("...")) {
          fs.is_vararg = true;
        } else {
          SchemaArgument a = parseArgument(/*is_return=*/false);
          a.kwarg_only = kwarg_only;
          fs.arguments.push_back(std::move(a));
        }
        skipSpace();
        if (tryConsume(')')) break;
        expect(',');
      }
    }
    skipSpace();
    expectWord("->");
    skipSpace();
    if (peek() == '(' && !looksLikeTupleType()) {
      expect('(');
      skipSpace();
      if (!tryConsume(')')) {
        while (true) {
          skipSpace();
          if (tryConsumeWord("...")) {
            fs.is_varret = true;
          } else {
            fs.returns.push_back(parseArgument(/*is_return=*/true));
          }
          skipSpace();
          if (tryConsume(')')) break;
          expect(',');
        }
      }
    } else if (tryConsumeWord("...")) {
      fs.is_varret = true;
    } else {
      fs.returns.push_back(parseArgument(/*is_return=*/true));
    }
    skipSpace();
    if (pos_ != s_.size()) fail("unexpected text after the returns");
    return fs;
  }

  TypePtr parseTypeOnly() {
    SchemaArgument a;
    parseType(a);
    skipSpace();
    if (pos_ != s_.size()) fail("unexpected text after the type");
    return a.type;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    WICK_FAIL("malformed schema '", s_, "' at position ", pos_, ": ", what);
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void skipSpace() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool tryConsume(char c) {
    skipSpace();
    if (peek() == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!tryConsume(c)) fail(std::string("expected '") + c + "'");
  }
  bool tryConsumeWord(std::string_view w) {
    skipSpace();
    if (s_.substr(pos_, w.size()) == w) {
      pos_ += w.size();
      return true;
    }
    return false;
  }
  void expectWord(std::string_view w) {
    if (!tryConsumeWord(w)) fail("expected '" + std::string(w) + "'");
  }
  static bool isIdentChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  }
  std::string parseIdent() {
    skipSpace();
    size_t start = pos_;
    while (pos_ < s_.size() && isIdentChar(s_[pos_])) ++pos_;
    if (start == pos_) fail("expected a name");
    return std::string(s_.substr(start, pos_ - start));
  }
  std::string parseQualifiedName() {
    std::string ns = parseIdent();
    expectWord("::");
    std::string name = parseIdent();
    std::string out = ns + "::" + name;
    if (peek() == '.') {
      ++pos_;
      out += "." + parseIdent();
    }
    return out;
  }
  // "(Tensor, Tensor)" as a return list vs "(Tensor, tVal)[]" as a type.
  bool looksLikeTupleType() const {
    int depth = 0;
    for (size_t i = pos_; i < s_.size(); ++i) {
      if (s_[i] == '(') ++depth;
      if (s_[i] == ')' && --depth == 0) return i + 1 < s_.size() && s_[i + 1] == '[';
    }
    return false;
  }

  void parseAlias(SchemaArgument& a, std::string& text) {
    // (a), (a!), (a -> *), (a! -> a|b), (b -> *)
    expect('(');
    skipSpace();
    size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != ')') ++pos_;
    std::string_view body = s_.substr(start, pos_ - start);
    expect(')');
    text += "(" + std::string(body) + ")";
    if (a.alias_set.empty()) {
      size_t i = 0;
      while (i < body.size() && (isIdentChar(body[i]) || body[i] == '*')) ++i;
      a.alias_set = std::string(body.substr(0, i));
      if (i < body.size() && body[i] == '!') a.is_write = true;
    }
  }

  TypePtr parseBaseType(SchemaArgument& a, std::string& text) {
    skipSpace();
    if (peek() == '(') {
      // Tuple type: (A, B)
      ++pos_;
      std::vector<TypePtr> elems;
      text += "(";
      while (true) {
        SchemaArgument inner;
        parseType(inner);
        elems.push_back(inner.type);
        text += inner.type_text;
        if (!inner.supported) a.supported = false;
        skipSpace();
        if (tryConsume(')')) break;
        expect(',');
        text += ", ";
      }
      text += ")";
      return TupleType::create(std::move(elems));
    }
    size_t start = pos_;
    while (pos_ < s_.size() && (isIdentChar(s_[pos_]) || s_[pos_] == '.')) ++pos_;
    std::string name(s_.substr(start, pos_ - start));
    if (name.empty()) fail("expected a type");
    text += name;
    if (name == "Dict" || name == "Future" || name == "RRef") {
      expect('(');
      SchemaArgument k;
      parseType(k);
      TypePtr result;
      text += "(" + k.type_text;
      if (name == "Dict") {
        expect(',');
        SchemaArgument v;
        parseType(v);
        text += ", " + v.type_text;
        result = DictType::create(k.type, v.type);
        if (!v.supported) a.supported = false;
      } else {
        a.supported = false;
        result = AnyType::get();
      }
      expect(')');
      text += ")";
      if (!k.supported) a.supported = false;
      return result;
    }
    if (name == "Tensor") return TensorType::get();
    if (name == "int" || name == "SymInt") return IntType::get();
    if (name == "float") return FloatType::get();
    if (name == "bool") return BoolType::get();
    if (name == "str") return StringType::get();
    if (name == "Scalar") return NumberType::get();
    if (name == "ScalarType") return ScalarTypeType::get();
    if (name == "Layout") return LayoutType::get();
    if (name == "MemoryFormat") return MemoryFormatType::get();
    if (name == "Device") return DeviceObjType::get();
    if (name == "Generator") return GeneratorType::get();
    if (name == "Any") return AnyType::get();
    if (name == "NoneType") return NoneType::get();
    if (name == "AnyEnumType") return AnyEnumType::get();
    if (name.size() <= 4 && name[0] == 't' &&
        (name.size() == 1 || std::isdigit((unsigned char)name[1]))) {
      return VarType::create(name);
    }
    if (name == "tVal") return VarType::create(name);
    // complex, Storage, Stream, RRef, __torch__.torch.classes.*: no values in wick.
    a.supported = false;
    return AnyType::get();
  }

  void parseType(SchemaArgument& a) {
    std::string text;
    TypePtr t = parseBaseType(a, text);
    while (true) {
      if (peek() == '(') {
        parseAlias(a, text);
      } else if (peek() == '[') {
        ++pos_;
        size_t start = pos_;
        while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
        if (pos_ > start) a.list_size = std::stoll(std::string(s_.substr(start, pos_ - start)));
        if (peek() != ']') fail("expected ']'");
        ++pos_;
        text += "[" + std::string(s_.substr(start, pos_ - 1 - start)) + "]";
        t = ListType::create(t);
      } else if (peek() == '?') {
        ++pos_;
        text += "?";
        t = OptionalType::create(t);
      } else {
        break;
      }
    }
    a.type = std::move(t);
    a.type_text = std::move(text);
  }

  SchemaArgument parseArgument(bool is_return) {
    SchemaArgument a;
    parseType(a);
    skipSpace();
    if (isIdentChar(peek())) a.name = parseIdent();
    if (!is_return) {
      skipSpace();
      if (tryConsume('=')) {
        skipSpace();
        size_t start = pos_;
        skipDefaultText();
        a.default_text = std::string(s_.substr(start, pos_ - start));
        a.default_value = defaultValue(a, a.default_text);
      }
    }
    if (!is_return && a.name.empty()) fail("argument without a name");
    return a;
  }

  // Advances over a default value: a string literal, a [...] list, or a plain token.
  void skipDefaultText() {
    if (peek() == '"' || peek() == '\'') {
      char q = s_[pos_++];
      while (pos_ < s_.size() && s_[pos_] != q) {
        if (s_[pos_] == '\\') ++pos_;
        ++pos_;
      }
      if (pos_ >= s_.size()) fail("unterminated string default");
      ++pos_;
      return;
    }
    if (peek() == '[') {
      while (pos_ < s_.size() && s_[pos_] != ']') ++pos_;
      if (pos_ >= s_.size()) fail("unterminated list default");
      ++pos_;
      return;
    }
    while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != ')') ++pos_;
    while (pos_ > 0 && std::isspace(static_cast<unsigned char>(s_[pos_ - 1]))) --pos_;
  }

  IValue scalarDefault(const TypePtr& t, std::string_view text) {
    if (text == "True") return true;
    if (text == "False") return false;
    if (text == "None") return IValue();
    if (text == "inf") return std::numeric_limits<double>::infinity();
    if (text == "-inf") return -std::numeric_limits<double>::infinity();
    if (text == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (!text.empty() && (text[0] == '"' || text[0] == '\'')) return unquote(text);
    std::string s(text);
    bool is_float = s.find_first_of(".eE") != std::string::npos;
    TypeKind k = t->kind();
    if (k == TypeKind::Float || (k == TypeKind::Number && is_float) || is_float) {
      return std::stod(s);
    }
    try {
      return static_cast<int64_t>(std::stoll(s));
    } catch (const std::exception&) {
      fail("bad default value '" + s + "'");
    }
  }

  std::string unquote(std::string_view text) {
    std::string out;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
      char c = text[i];
      if (c == '\\' && i + 2 < text.size()) {
        char n = text[++i];
        switch (n) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case 'f': out += '\f'; break;
          case 'v': out += '\v'; break;
          default: out += n;
        }
      } else {
        out += c;
      }
    }
    return out;
  }

  IValue defaultValue(const SchemaArgument& a, std::string_view text) {
    TypePtr t = a.type;
    if (auto* o = t->cast<OptionalType>()) {
      if (text == "None") return IValue();
      t = o->elem();
    }
    if (auto* l = t->cast<ListType>()) {
      std::vector<IValue> elems;
      if (!text.empty() && text[0] == '[') {
        std::string_view body = text.substr(1, text.size() - 2);
        size_t p = 0;
        while (p < body.size()) {
          size_t comma = body.find(',', p);
          std::string_view item =
              body.substr(p, comma == std::string_view::npos ? body.npos : comma - p);
          while (!item.empty() && std::isspace((unsigned char)item.front())) item.remove_prefix(1);
          while (!item.empty() && std::isspace((unsigned char)item.back())) item.remove_suffix(1);
          if (!item.empty()) elems.push_back(scalarDefault(l->elem(), item));
          if (comma == std::string_view::npos) break;
          p = comma + 1;
        }
      } else {
        // int[2] stride=1 means [1, 1].
        IValue v = scalarDefault(l->elem(), text);
        int64_t n = a.list_size.value_or(1);
        for (int64_t i = 0; i < n; ++i) elems.push_back(v);
      }
      if (l->elem()->kind() == TypeKind::Float) {
        for (IValue& e : elems)
          if (e.isInt()) e = static_cast<double>(e.toInt());
      }
      return IValue(makeList(l->elem(), std::move(elems)));
    }
    IValue v = scalarDefault(t, text);
    if (t->kind() == TypeKind::Float && v.isInt()) v = static_cast<double>(v.toInt());
    return v;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

void printArgument(std::ostream& os, const SchemaArgument& a) {
  os << a.type_text;
  if (!a.name.empty()) os << " " << a.name;
  if (!a.default_text.empty()) os << "=" << a.default_text;
}

}  // namespace

FunctionSchema parseSchema(std::string_view text) { return SchemaParser(text).parseSchema(); }

TypePtr parseSchemaType(std::string_view text) { return SchemaParser(text).parseTypeOnly(); }

std::string FunctionSchema::qualifiedName() const {
  return overload_name.empty() ? name : name + "." + overload_name;
}

std::string_view FunctionSchema::baseName() const {
  std::string_view n = name;
  auto p = n.find("::");
  return p == std::string_view::npos ? n : n.substr(p + 2);
}

std::string_view FunctionSchema::ns() const {
  std::string_view n = name;
  auto p = n.find("::");
  return p == std::string_view::npos ? std::string_view() : n.substr(0, p);
}

std::optional<size_t> FunctionSchema::argumentIndex(std::string_view n) const {
  for (size_t i = 0; i < arguments.size(); ++i)
    if (arguments[i].name == n) return i;
  return std::nullopt;
}

bool FunctionSchema::isMutable() const {
  for (const auto& a : arguments)
    if (a.is_write) return true;
  return false;
}

bool FunctionSchema::hasSupportedTypes() const {
  for (const auto& a : arguments)
    if (!a.supported) return false;
  for (const auto& a : returns)
    if (!a.supported) return false;
  return true;
}

std::string FunctionSchema::str() const {
  std::ostringstream os;
  os << *this;
  return os.str();
}

std::ostream& operator<<(std::ostream& os, const FunctionSchema& s) {
  os << s.qualifiedName() << "(";
  bool seen_kwarg = false;
  for (size_t i = 0; i < s.arguments.size(); ++i) {
    if (i) os << ", ";
    if (s.arguments[i].kwarg_only && !seen_kwarg) {
      os << "*, ";
      seen_kwarg = true;
    }
    printArgument(os, s.arguments[i]);
  }
  if (s.is_vararg) os << (s.arguments.empty() ? "..." : ", ...");
  os << ") -> ";
  if (s.is_varret) {
    os << "...";
  } else if (s.returns.size() == 1 && !s.returns[0].type->cast<TupleType>() &&
             (s.returns[0].type_text.empty() || s.returns[0].type_text.front() != '(')) {
    // A single return is bare unless it starts with '(' ("-> ((str, t)[])"), which would
    // read back as a tuple of returns.
    printArgument(os, s.returns[0]);
  } else {
    os << "(";
    for (size_t i = 0; i < s.returns.size(); ++i) {
      if (i) os << ", ";
      printArgument(os, s.returns[i]);
    }
    os << ")";
  }
  return os;
}

}  // namespace wick
