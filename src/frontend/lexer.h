// The TorchScript lexer: Python's token rules. Indentation becomes Indent/Dedent tokens, a
// logical line ends with Newline, line breaks inside brackets or after a backslash join
// lines, comments and blank lines vanish, and string literals are decoded (escapes, raw
// strings, triple quotes).
#pragma once

#include <cstdint>
#include <string>
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
  // Identifier name, number spelling or decoded string value; empty for other tokens.
  std::string text;
};

class Lexer {
 public:
  // Tokenizes the whole source; raises a CompileError on malformed text.
  explicit Lexer(SourcePtr source);

  const Token& cur() const { return tokens_[pos_]; }
  // The token `n` positions after the current one (Eof past the end).
  const Token& lookahead(size_t n = 1) const;
  Token next();
  bool nextIf(TokenKind k);
  // Consumes a token of kind `k` or raises "expected <k> but found <cur>".
  Token expect(TokenKind k);
  const SourcePtr& source() const { return source_; }

 private:
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  SourcePtr source_;
};

// How a token reads in "found ..." messages: "'foo'", "'+'", "newline".
std::string describeToken(const Token& t);

}  // namespace wick::jit::frontend
