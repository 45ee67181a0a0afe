// A position in graph text with the small lexing steps the graph parser needs. Errors name
// the line and column and show the line with a caret.
#pragma once

#include <string>
#include <string_view>

#include "wick/core/error.h"

namespace wick::jit {

class TextCursor {
 public:
  explicit TextCursor(std::string_view text) : text_(text) {}

  std::string_view text() const { return text_; }
  size_t pos() const { return pos_; }
  void setPos(size_t p) { pos_ = p; }
  bool eof() const { return pos_ >= text_.size(); }
  char peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  std::string_view rest() const { return text_.substr(std::min(pos_, text_.size())); }
  bool startsWith(std::string_view s) const { return rest().substr(0, s.size()) == s; }

  // Spaces and tabs only.
  void skipSpaces() {
    while (peek() == ' ' || peek() == '\t') ++pos_;
  }
  // Spaces, tabs, newlines.
  void skipWhitespace() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') ++pos_;
  }
  bool tryConsume(std::string_view s) {
    if (!startsWith(s)) return false;
    pos_ += s.size();
    return true;
  }
  void expect(std::string_view s) {
    if (!tryConsume(s)) fail("expected '" + std::string(s) + "' but found " + found());
  }
  // Text up to the end of the line (not including the newline).
  std::string_view restOfLine() {
    size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view line = text_.substr(pos_, end - pos_);
    pos_ = end;
    return line;
  }
  static bool isIdentChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  // [A-Za-z0-9_] plus any of `extra`.
  std::string_view ident(std::string_view extra = "") {
    size_t start = pos_;
    while (!eof() && (isIdentChar(peek()) || extra.find(peek()) != std::string_view::npos)) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  // What is at the cursor, for messages.
  std::string found() const {
    if (eof()) return "the end of the text";
    std::string_view r = rest();
    size_t n = 0;
    while (n < r.size() && n < 20 && r[n] != '\n') ++n;
    return n == 0 ? "a line break" : "'" + std::string(r.substr(0, n)) + "'";
  }

  // Counts nesting of types and values so hostile text cannot exhaust the stack.
  class Nest {
   public:
    explicit Nest(TextCursor& c) : c_(c) {
      if (++c_.depth_ > kMaxDepth) c_.fail("types or values are nested too deeply");
    }
    ~Nest() { --c_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    TextCursor& c_;
  };

  [[noreturn]] void fail(const std::string& msg) const { failAt(pos_, msg); }
  [[noreturn]] void failAt(size_t at, const std::string& msg) const {
    at = std::min(at, text_.size());
    size_t line_start = text_.rfind('\n', at == 0 ? 0 : at - 1);
    line_start = (line_start == std::string_view::npos || at == 0) ? 0 : line_start + 1;
    if (line_start > at) line_start = 0;
    size_t line_end = text_.find('\n', at);
    if (line_end == std::string_view::npos) line_end = text_.size();
    size_t line_no = 1;
    for (size_t i = 0; i < line_start; ++i) line_no += text_[i] == '\n';
    std::string caret(at - line_start, ' ');
    WICK_FAIL("graph text:", line_no, ":", at - line_start + 1, ": ", msg, "\n",
              text_.substr(line_start, line_end - line_start), "\n", caret, "^");
  }

 private:
  static constexpr int kMaxDepth = 200;
  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace wick::jit
