// Lexer tests: Python's layout rules (indentation, continuation lines, comments), literals
// and the errors for malformed text.
#include <memory>
#include <string>
#include <vector>

#include "frontend/diagnostics.h"
#include "frontend/lexer.h"
#include "testing/testing.h"

namespace wick::jit::frontend {
namespace {

// A token with its text copied out of the lexer.
struct Lexed {
  TokenKind kind;
  std::string text;
};

std::vector<Lexed> lex(const std::string& text) {
  Lexer lexer(std::make_shared<Source>(text, "<test>"));
  std::vector<Lexed> out;
  while (true) {
    const Token& t = lexer.next();
    out.push_back(Lexed{t.kind, std::string(t.text)});
    if (t.kind == TokenKind::Eof) break;
  }
  return out;
}

// Kinds as a compact string: identifiers and numbers show their text.
std::string kinds(const std::string& text) {
  std::string out;
  for (const Lexed& t : lex(text)) {
    if (!out.empty()) out += ' ';
    switch (t.kind) {
      case TokenKind::Ident: out += "id:" + t.text; break;
      case TokenKind::Number: out += "num:" + t.text; break;
      case TokenKind::String: out += "str:" + t.text; break;
      case TokenKind::Newline: out += "NL"; break;
      case TokenKind::Indent: out += "IN"; break;
      case TokenKind::Dedent: out += "DE"; break;
      case TokenKind::Eof: out += "EOF"; break;
      default: out += tokenKindName(t.kind); break;
    }
  }
  return out;
}

std::string lexError(const std::string& text) {
  try {
    lex(text);
  } catch (const CompileError& e) {
    return e.what();
  }
  return "";
}

TEST(Lexer, IndentationBecomesIndentAndDedent) {
  EXPECT_EQ(kinds("def f(x):\n    if x:\n        return 1\n    return 2\n"),
            "'def' id:f '(' id:x ')' ':' NL IN 'if' id:x ':' NL IN 'return' num:1 NL DE "
            "'return' num:2 NL DE EOF");
}

TEST(Lexer, BlankAndCommentLinesAreIgnored) {
  EXPECT_EQ(kinds("a = 1  # one\n\n   # indented comment\n\nb = 2"),
            "id:a '=' num:1 NL id:b '=' num:2 NL EOF");
}

TEST(Lexer, BracketsAndBackslashJoinLines) {
  EXPECT_EQ(kinds("x = (1,\n       2)\ny = 1 + \\\n  2\n"),
            "id:x '=' '(' num:1 ',' num:2 ')' NL id:y '=' num:1 '+' num:2 NL EOF");
}

TEST(Lexer, DedentsAtEndOfInput) {
  EXPECT_EQ(kinds("def f():\n  if 1:\n    pass"),
            "'def' id:f '(' ')' ':' NL IN 'if' num:1 ':' NL IN 'pass' NL DE DE EOF");
}

TEST(Lexer, Numbers) {
  EXPECT_EQ(
      kinds("1 1e-05 3. .5 0x1F 0o17 0b101 1_000 2.5E+3"),
      "num:1 num:1e-05 num:3. num:.5 num:0x1F num:0o17 num:0b101 num:1_000 num:2.5E+3 NL EOF");
}

TEST(Lexer, StringLiteralsAndEscapes) {
  std::vector<Lexed> t = lex(R"('a\'b' "q\"\n\t\\" r'\n' '\x41\u00e9' """tri
ple""")");
  ASSERT_EQ(t[0].kind, TokenKind::String);
  EXPECT_EQ(t[0].text, "a'b");
  EXPECT_EQ(t[1].text, "q\"\n\t\\");
  EXPECT_EQ(t[2].text, "\\n");
  EXPECT_EQ(t[3].text, "A\xc3\xa9");
  EXPECT_EQ(t[4].text, "tri\nple");
}

TEST(Lexer, OperatorsUseLongestMatch) {
  EXPECT_EQ(kinds("a //= b ** c -> d ... e != f <<= g"),
            "id:a '//=' id:b '**' id:c '->' id:d '...' id:e '!=' id:f '<<=' id:g NL EOF");
}

TEST(Lexer, KeywordsAreNotIdentifiers) {
  EXPECT_EQ(kinds("is not None and True"), "'is' 'not' 'None' 'and' 'True' NL EOF");
}

TEST(Lexer, Errors) {
  EXPECT_NE(
      lexError("def f():\n    x = 1\n  y = 2\n").find("<test>:3:3: error: invalid indent level 2"),
      std::string::npos);
  EXPECT_NE(lexError("s = 'abc\n").find("<test>:1:5: error: unterminated string literal"),
            std::string::npos);
  EXPECT_NE(lexError("x = 1 $ 2").find("expected a valid token but found '$'"), std::string::npos);
  EXPECT_NE(lexError("x = 3j").find("complex number literals are not supported"),
            std::string::npos);
  EXPECT_NE(lexError("x = b'a'").find("string prefix 'b' is not supported"), std::string::npos);
}

TEST(Lexer, ErrorShowsSourceLineAndCaret) {
  EXPECT_EQ(lexError("x = 1 $ 2"),
            "<test>:1:7: error: expected a valid token but found '$'\nx = 1 $ 2\n      ^");
}

}  // namespace
}  // namespace wick::jit::frontend
