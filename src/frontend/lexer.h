// The TorchScript lexer: Python's token rules. Indentation becomes Indent/Dedent tokens, a
// logical line ends with Newline, line breaks inside brackets or after a backslash join
// lines, comments and blank lines vanish, and string literals are decoded (escapes, raw
// strings, triple quotes).
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/source.h"

namespace wick::jit::frontend {

enum class TokenKind : uint8_t {
#define WICK_TOKEN(Name, desc) Name,
#define WICK_KEYWORD(Name, spelling) Name,
#define WICK_PUNCT(Name, spelling) Name,
#include "frontend/tokens.def"
#undef WICK_TOKEN
#undef WICK_KEYWORD
#undef WICK_PUNCT
};

// How a token kind reads in messages: "'+'", "'def'", "identifier", "newline".
std::string tokenKindName(TokenKind k);

struct Token {
  TokenKind kind = TokenKind::Eof;
  SourceRange range;
  // Identifier name, number spelling or decoded string value; empty for other tokens. It
  // views the source text, or the lexer's copy of a decoded string literal, and is valid as
  // long as the lexer.
  std::string_view text;
};

class Lexer {
 public:
  // Tokenizes the whole source; raises a CompileError on malformed text.
  explicit Lexer(SourcePtr source);

  // The parser asks for tokens at every precedence level of every expression, so these are
  // inline. Tokens stay in place until the lexer is destroyed: references remain valid.
  const Token& cur() const { return tokens_[pos_]; }
  // The token `n` positions after the current one (Eof past the end).
  const Token& lookahead(size_t n = 1) const {
    return tokens_[std::min(pos_ + n, tokens_.size() - 1)];
  }
  const Token& next() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  bool nextIf(TokenKind k) {
    if (cur().kind != k) return false;
    next();
    return true;
  }
  // Consumes a token of kind `k` or raises "expected <k> but found <cur>".
  const Token& expect(TokenKind k) {
    if (cur().kind != k) failExpected(k);
    return next();
  }
  const SourcePtr& source() const { return source_; }

 private:
  [[noreturn]] void failExpected(TokenKind k) const;

  SourcePtr source_;
  // Decoded string literals (escapes resolved), which the tokens' text views. A deque keeps
  // its elements in place as it grows.
  std::deque<std::string> strings_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

// How a token reads in "found ..." messages: "'foo'", "'+'", "newline".
std::string describeToken(const Token& t);

}  // namespace wick::jit::frontend
