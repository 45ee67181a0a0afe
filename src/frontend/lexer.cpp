#include "frontend/lexer.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <vector>

#include "frontend/diagnostics.h"

namespace wick::jit::frontend {

namespace {

struct Spelling {
  std::string_view text;
  TokenKind kind;
};

// Spellings bucketed by their first character, longest first in each bucket, so that a
// lookup compares a few candidates held in place and maximal munch is the first match.
struct SpellingBucket {
  std::array<Spelling, 6> items;
  size_t count = 0;

  // The spelling that `text` starts with (whole: `text` is exactly it), if any.
  const Spelling* match(std::string_view text, bool whole) const {
    for (size_t i = 0; i < count; ++i) {
      const Spelling& sp = items[i];
      if (whole ? sp.text.size() != text.size() : sp.text.size() > text.size()) continue;
      if (std::equal(sp.text.begin(), sp.text.end(), text.begin())) return &sp;
    }
    return nullptr;
  }
};
using SpellingTable = std::array<SpellingBucket, 128>;

SpellingTable bucketed(std::vector<Spelling> all) {
  std::stable_sort(all.begin(), all.end(), [](const Spelling& a, const Spelling& b) {
    return a.text.size() > b.text.size();
  });
  SpellingTable table;
  for (const Spelling& sp : all) {
    SpellingBucket& b = table[static_cast<unsigned char>(sp.text[0])];
    WICK_INTERNAL_ASSERT(b.count < b.items.size(), "too many spellings start with ", sp.text[0]);
    b.items[b.count++] = sp;
  }
  return table;
}

const SpellingTable& keywords() {
  static const SpellingTable table = bucketed({
#define WICK_TOKEN(Name, desc)
#define WICK_KEYWORD(Name, spelling) {spelling, TokenKind::Name},
#define WICK_PUNCT(Name, spelling)
#include "frontend/tokens.def"
#undef WICK_TOKEN
#undef WICK_KEYWORD
#undef WICK_PUNCT
  });
  return table;
}

const SpellingTable& punctuation() {
  static const SpellingTable table = bucketed({
#define WICK_TOKEN(Name, desc)
#define WICK_KEYWORD(Name, spelling)
#define WICK_PUNCT(Name, spelling) {spelling, TokenKind::Name},
#include "frontend/tokens.def"
#undef WICK_TOKEN
#undef WICK_KEYWORD
#undef WICK_PUNCT
  });
  return table;
}

// ASCII classification without the locale lookups of <cctype>.
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isIdentStart(char c) { return isAlpha(c) || c == '_'; }
bool isIdentChar(char c) { return isAlpha(c) || isDigit(c) || c == '_'; }
bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char toLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Scanner {
 public:
  Scanner(const Source& source, std::deque<std::string>& strings)
      : src_(&source), s_(source.text()), strings_(strings) {}

  std::vector<Token> run() {
    indents_.push_back(0);
    tokens_.reserve(s_.size() / 4 + 16);
    while (true) {
      if (at_line_start_ && depth_ == 0) {
        if (!startLine()) break;
      }
      if (pos_ >= s_.size()) break;
      scanToken();
    }
    finish();
    return std::move(tokens_);
  }

 private:
  [[noreturn]] void fail(size_t begin, size_t end, const std::string& msg) {
    throwCompileError(SourceRange(src_, begin, end), msg);
  }

  void push(TokenKind k, size_t begin, size_t end, std::string_view text = {}) {
    tokens_.push_back(Token{k, SourceRange(src_, begin, end), text});
  }

  // Measures the indentation of a new line and emits Indent/Dedent. Blank and comment-only
  // lines are skipped. Returns false at the end of the input.
  bool startLine() {
    while (pos_ < s_.size()) {
      size_t width = 0;
      size_t p = pos_;
      while (p < s_.size() && (s_[p] == ' ' || s_[p] == '\t' || s_[p] == '\f')) {
        width = s_[p] == '\t' ? (width / 8 + 1) * 8 : s_[p] == ' ' ? width + 1 : 0;
        ++p;
      }
      if (p < s_.size() && s_[p] == '#') {
        while (p < s_.size() && s_[p] != '\n') ++p;
      }
      if (p < s_.size() && s_[p] == '\r') ++p;
      if (p >= s_.size()) {
        pos_ = p;
        return false;
      }
      if (s_[p] == '\n') {
        pos_ = p + 1;
        continue;
      }
      if (s_[p] == '\\' && p + 1 < s_.size() && s_[p + 1] == '\n') {
        pos_ = p + 2;  // a continuation of an empty line joins the next one
        continue;
      }
      pos_ = p;
      applyIndent(width, p);
      at_line_start_ = false;
      return true;
    }
    return false;
  }

  void applyIndent(size_t width, size_t at) {
    if (width > indents_.back()) {
      indents_.push_back(width);
      push(TokenKind::Indent, at, at);
      return;
    }
    while (width < indents_.back()) {
      indents_.pop_back();
      push(TokenKind::Dedent, at, at);
    }
    if (width != indents_.back()) fail(at, at + 1, "invalid indent level " + std::to_string(width));
  }

  void scanToken() {
    char c = s_[pos_];
    if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
      ++pos_;
    } else if (c == '#') {
      while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
    } else if (c == '\\') {
      size_t p = pos_ + 1;
      if (p < s_.size() && s_[p] == '\r') ++p;
      if (p >= s_.size() || s_[p] != '\n')
        fail(pos_, pos_ + 1, "unexpected character after line continuation");
      pos_ = p + 1;
    } else if (c == '\n') {
      if (depth_ == 0) {
        push(TokenKind::Newline, pos_, pos_ + 1);
        at_line_start_ = true;
      }
      ++pos_;
    } else if (isIdentStart(c)) {
      scanIdentOrPrefixedString();
    } else if (isDigit(c) || (c == '.' && pos_ + 1 < s_.size() && isDigit(s_[pos_ + 1]))) {
      scanNumber();
    } else if (c == '"' || c == '\'') {
      scanString(pos_, /*raw=*/false);
    } else {
      scanPunct();
    }
  }

  void scanIdentOrPrefixedString() {
    size_t begin = pos_;
    while (pos_ < s_.size() && isIdentChar(s_[pos_])) ++pos_;
    std::string_view word = s_.substr(begin, pos_ - begin);
    if (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\'') && word.size() <= 2) {
      std::string lower;
      for (char ch : word) lower += toLower(ch);
      if (lower == "r" || lower == "u") {
        scanString(begin, lower == "r");
        return;
      }
      if (lower == "b" || lower == "f" || lower == "br" || lower == "rb" || lower == "fr" ||
          lower == "rf") {
        fail(begin, pos_ + 1, "string prefix '" + std::string(word) + "' is not supported");
      }
    }
    if (const Spelling* k = keywords()[static_cast<unsigned char>(word[0])].match(word, true)) {
      return push(k->kind, begin, pos_);
    }
    push(TokenKind::Ident, begin, pos_, word);
  }

  void scanDigits(bool (*ok)(char)) {
    while (pos_ < s_.size() &&
           (ok(s_[pos_]) || (s_[pos_] == '_' && pos_ + 1 < s_.size() && ok(s_[pos_ + 1])))) {
      ++pos_;
    }
  }

  void scanNumber() {
    size_t begin = pos_;
    if (s_[pos_] == '0' && pos_ + 1 < s_.size() && std::strchr("xXoObB", s_[pos_ + 1]) &&
        s_[pos_ + 1] != '\0') {
      char base = toLower(s_[pos_ + 1]);
      pos_ += 2;
      size_t digits = pos_;
      if (base == 'x') {
        scanDigits(isHexDigit);
      } else if (base == 'o') {
        scanDigits([](char c) { return c >= '0' && c <= '7'; });
      } else {
        scanDigits([](char c) { return c == '0' || c == '1'; });
      }
      if (pos_ == digits) fail(begin, pos_, "invalid number literal");
    } else {
      scanDigits(isDigit);
      if (pos_ < s_.size() && s_[pos_] == '.') {
        ++pos_;
        scanDigits(isDigit);
      }
      if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
        size_t p = pos_ + 1;
        if (p < s_.size() && (s_[p] == '+' || s_[p] == '-')) ++p;
        if (p < s_.size() && isDigit(s_[p])) {
          pos_ = p;
          scanDigits(isDigit);
        }
      }
    }
    if (pos_ < s_.size() && (s_[pos_] == 'j' || s_[pos_] == 'J')) {
      fail(begin, pos_ + 1, "complex number literals are not supported");
    }
    if (pos_ < s_.size() && isIdentChar(s_[pos_])) fail(begin, pos_ + 1, "invalid number literal");
    push(TokenKind::Number, begin, pos_, s_.substr(begin, pos_ - begin));
  }

  // Decodes one escape sequence starting after the backslash at s_[pos_ - 1].
  void scanEscape(std::string& out, size_t begin) {
    char e = s_[pos_++];
    switch (e) {
      case '\n': return;  // backslash-newline continues the string
      case '\\': out += '\\'; return;
      case '\'': out += '\''; return;
      case '"': out += '"'; return;
      case 'n': out += '\n'; return;
      case 't': out += '\t'; return;
      case 'r': out += '\r'; return;
      case 'a': out += '\a'; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'v': out += '\v'; return;
      default: break;
    }
    if (e >= '0' && e <= '7') {
      uint32_t v = static_cast<uint32_t>(e - '0');
      for (int i = 0; i < 2 && pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '7'; ++i) {
        v = v * 8 + static_cast<uint32_t>(s_[pos_++] - '0');
      }
      appendUtf8(out, v);
      return;
    }
    int hex_digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    if (hex_digits == 0) {
      out += '\\';  // unknown escapes stay as written, as in Python
      out += e;
      return;
    }
    uint32_t v = 0;
    for (int i = 0; i < hex_digits; ++i) {
      if (pos_ >= s_.size() || !isHexDigit(s_[pos_])) {
        fail(begin, pos_, std::string("truncated \\") + e + " escape in string literal");
      }
      char h = s_[pos_++];
      v = v * 16 + static_cast<uint32_t>(isDigit(h) ? h - '0' : toLower(h) - 'a' + 10);
    }
    if (v > 0x10FFFF) fail(begin, pos_, "invalid unicode escape in string literal");
    appendUtf8(out, v);
  }

  // Scans a string literal whose quote is at pos_ (after any prefix starting at `begin`).
  void scanString(size_t begin, bool raw) {
    char q = s_[pos_];
    bool triple = pos_ + 2 < s_.size() && s_[pos_ + 1] == q && s_[pos_ + 2] == q;
    pos_ += triple ? 3 : 1;
    std::string value;
    while (true) {
      if (pos_ >= s_.size()) fail(begin, pos_, "unterminated string literal");
      char c = s_[pos_];
      if (c == q && (!triple || (pos_ + 2 < s_.size() && s_[pos_ + 1] == q && s_[pos_ + 2] == q))) {
        pos_ += triple ? 3 : 1;
        break;
      }
      if (c == '\n' && !triple) fail(begin, pos_, "unterminated string literal");
      ++pos_;
      if (c == '\\' && pos_ < s_.size()) {
        if (raw) {
          value += c;
          value += s_[pos_++];
        } else {
          scanEscape(value, begin);
        }
        continue;
      }
      value += c;
    }
    strings_.push_back(std::move(value));
    push(TokenKind::String, begin, pos_, strings_.back());
  }

  void scanPunct() {
    auto first = static_cast<unsigned char>(s_[pos_]);
    const Spelling* p =
        first < punctuation().size() ? punctuation()[first].match(s_.substr(pos_), false) : nullptr;
    if (!p) {
      fail(pos_, pos_ + 1, "expected a valid token but found '" + std::string(1, s_[pos_]) + "'");
    }
    if (p->kind == TokenKind::LParen || p->kind == TokenKind::LBracket ||
        p->kind == TokenKind::LBrace) {
      ++depth_;
    } else if ((p->kind == TokenKind::RParen || p->kind == TokenKind::RBracket ||
                p->kind == TokenKind::RBrace) &&
               depth_ > 0) {
      --depth_;
    }
    push(p->kind, pos_, pos_ + p->text.size());
    pos_ += p->text.size();
  }

  void finish() {
    size_t end = s_.size();
    if (!tokens_.empty() && tokens_.back().kind != TokenKind::Newline &&
        tokens_.back().kind != TokenKind::Dedent && tokens_.back().kind != TokenKind::Indent) {
      push(TokenKind::Newline, end, end);
    }
    while (indents_.size() > 1) {
      indents_.pop_back();
      push(TokenKind::Dedent, end, end);
    }
    push(TokenKind::Eof, end, end);
  }

  const Source* src_;
  std::string_view s_;
  std::deque<std::string>& strings_;
  size_t pos_ = 0;
  size_t depth_ = 0;
  bool at_line_start_ = true;
  std::vector<size_t> indents_;
  std::vector<Token> tokens_;
};

}  // namespace

// clang-format off
std::string tokenKindName(TokenKind k) {
  switch (k) {
#define WICK_TOKEN(Name, desc) \
  case TokenKind::Name:        \
    return desc;
#define WICK_KEYWORD(Name, spelling) \
  case TokenKind::Name:              \
    return "'" spelling "'";
#define WICK_PUNCT(Name, spelling) \
  case TokenKind::Name:            \
    return "'" spelling "'";
#include "frontend/tokens.def"
#undef WICK_TOKEN
#undef WICK_KEYWORD
#undef WICK_PUNCT
  }
  return "?";
}
// clang-format on

std::string describeToken(const Token& t) {
  if (t.kind == TokenKind::Ident || t.kind == TokenKind::Number)
    return "'" + std::string(t.text) + "'";
  return tokenKindName(t.kind);
}

Lexer::Lexer(SourcePtr source) : source_(std::move(source)) {
  tokens_ = Scanner(*source_, strings_).run();
}

void Lexer::failExpected(TokenKind k) const {
  failAt(cur().range, "expected ", tokenKindName(k), " but found ", describeToken(cur()));
}

}  // namespace wick::jit::frontend
