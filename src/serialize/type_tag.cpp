// Type tags: the type strings of restore_type_tag (see pickle_common.h).
#include <cctype>
#include <vector>

#include "serialize/pickle_common.h"
#include "wick/core/error.h"

namespace wick::archive {

namespace {

class TagParser {
 public:
  TagParser(std::string_view text, const ClassResolver& resolve) : text_(text), resolve_(resolve) {}

  TypePtr parseAll() {
    TypePtr t = parse(0);
    skipSpace();
    WICK_CHECK(pos_ == text_.size(), "unpickler: bad type tag '", text_, "'");
    return t;
  }

 private:
  // Nesting is bounded so a hostile tag cannot exhaust the stack.
  static constexpr int kMaxDepth = 64;

  void skipSpace() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }
  std::string name() {
    skipSpace();
    size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '_' || text_[pos_] == '.')) {
      ++pos_;
    }
    WICK_CHECK(pos_ > start, "unpickler: bad type tag '", text_, "' at position ", start);
    return std::string(text_.substr(start, pos_ - start));
  }
  void expect(char c) {
    skipSpace();
    WICK_CHECK(pos_ < text_.size() && text_[pos_] == c, "unpickler: bad type tag '", text_,
               "': expected '", c, "' at position ", pos_);
    ++pos_;
  }
  std::vector<TypePtr> arguments(int depth) {
    std::vector<TypePtr> args;
    expect('[');
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return args;
    }
    for (;;) {
      args.push_back(parse(depth + 1));
      skipSpace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      expect(']');
      return args;
    }
  }
  TypePtr parse(int depth) {
    WICK_CHECK(depth < kMaxDepth, "unpickler: type tag nested too deeply: '", text_, "'");
    std::string n = name();
    if (n == "int") return IntType::get();
    if (n == "float") return FloatType::get();
    if (n == "bool") return BoolType::get();
    if (n == "str") return StringType::get();
    if (n == "Tensor") return TensorType::get();
    if (n == "NoneType") return NoneType::get();
    if (n == "Any") return AnyType::get();
    if (n == "Device") return DeviceObjType::get();
    if (n == "List" || n == "Optional" || n == "Dict" || n == "Tuple") {
      std::vector<TypePtr> args = arguments(depth);
      size_t want = n == "Dict" ? 2 : 1;
      WICK_CHECK(n == "Tuple" || args.size() == want, "unpickler: bad type tag '", text_, "': ", n,
                 " takes ", want, " type argument(s)");
      if (n == "List") return ListType::create(args[0]);
      if (n == "Optional") return OptionalType::create(args[0]);
      if (n == "Dict") return DictType::create(args[0], args[1]);
      return TupleType::create(std::move(args));
    }
    TypePtr t = resolve_ ? resolve_(n) : nullptr;
    WICK_CHECK(t, "Unknown type name '", n, "' in type tag '", text_, "'");
    return t;
  }

  std::string_view text_;
  const ClassResolver& resolve_;
  size_t pos_ = 0;
};

}  // namespace

TypePtr parseTypeTag(std::string_view text, const ClassResolver& resolve) {
  return TagParser(text, resolve).parseAll();
}

}  // namespace wick::archive
