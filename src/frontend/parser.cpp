#include "frontend/parser.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <limits>

#include "frontend/diagnostics.h"
#include "frontend/lexer.h"

namespace wick::jit::frontend {

const char* binOpSpelling(BinOp op) {
  switch (op) {
    case BinOp::Add: return "+";
    case BinOp::Sub: return "-";
    case BinOp::Mul: return "*";
    case BinOp::Div: return "/";
    case BinOp::FloorDiv: return "//";
    case BinOp::Mod: return "%";
    case BinOp::Pow: return "**";
    case BinOp::MatMul: return "@";
    case BinOp::BitAnd: return "&";
    case BinOp::BitOr: return "|";
    case BinOp::BitXor: return "^";
    case BinOp::LShift: return "<<";
    case BinOp::RShift: return ">>";
    case BinOp::Eq: return "==";
    case BinOp::Ne: return "!=";
    case BinOp::Lt: return "<";
    case BinOp::Gt: return ">";
    case BinOp::Le: return "<=";
    case BinOp::Ge: return ">=";
    case BinOp::Is: return "is";
    case BinOp::IsNot: return "is not";
    case BinOp::In: return "in";
    case BinOp::NotIn: return "not in";
    case BinOp::And: return "and";
    case BinOp::Or: return "or";
  }
  return "?";
}

bool isComparison(BinOp op) { return op >= BinOp::Eq && op <= BinOp::NotIn; }

namespace {

using TK = TokenKind;

class Parser {
 public:
  explicit Parser(SourcePtr source)
      : lex_(std::move(source)),
        arena_(std::make_shared<std::pmr::monotonic_buffer_resource>(
            256 + kArenaBytesPerChar * lex_.source()->size())) {}

  Module parseModule() {
    Module m;
    m.arena = arena_;
    m.source = lex_.source();
    while (cur().kind != TK::Eof) {
      if (lex_.nextIf(TK::Newline)) continue;
      if (cur().kind == TK::Def) {
        auto def = parseDef();
        m.functions.push_back(def);
        m.definitions.push_back(def);
      } else if (cur().kind == TK::Class) {
        auto cls = parseClass();
        m.classes.push_back(cls);
        m.definitions.push_back(cls);
      } else if (cur().kind == TK::Import || cur().kind == TK::From || isVersionHeader()) {
        // Older archives start with `op_version_set = N` and `import __torch__...` lines.
        while (cur().kind != TK::Newline && cur().kind != TK::Eof) lex_.next();
      } else {
        failAt(cur().range, "expected a function or class definition but found ",
               describeToken(cur()));
      }
    }
    return m;
  }

  ExprPtr parseWholeExpression() {
    ExprPtr e = parseTest();
    lex_.nextIf(TK::Newline);
    if (cur().kind != TK::Eof) failAt(cur().range, "unexpected ", describeToken(cur()));
    return e;
  }

 private:
  // The first arena block: about what the nodes of typical archive code take.
  static constexpr size_t kArenaBytesPerChar = 4;

  const Token& cur() const { return lex_.cur(); }

  // A node in the module's arena (with its reference count, released with the arena).
  template <class T, class... A>
  std::shared_ptr<T> node(A&&... args) {
    return std::allocate_shared<T>(std::pmr::polymorphic_allocator<T>(arena_.get()),
                                   std::forward<A>(args)...);
  }

  bool isVersionHeader() const {
    return cur().kind == TK::Ident && cur().text == "op_version_set" &&
           lex_.lookahead().kind == TK::Assign;
  }

  // ---- definitions ----

  std::shared_ptr<DefStmt> parseDef() {
    const Token& def_tok = lex_.expect(TK::Def);
    auto def = node<DefStmt>(def_tok.range);
    const Token& name = lex_.expect(TK::Ident);
    def->name = Ident{std::string(name.text), name.range};
    const Token& lparen = lex_.expect(TK::LParen);
    bool kwarg_only = false;
    while (cur().kind != TK::RParen) {
      if (cur().kind == TK::Star) {
        const Token& star = lex_.next();
        if (cur().kind == TK::Ident)
          failAt(star.range.to(cur().range),
                 "variable number of arguments (*args) is not supported");
        kwarg_only = true;
      } else if (cur().kind == TK::StarStar) {
        failAt(cur().range, "variable number of keyword arguments (**kwargs) is not supported");
      } else {
        def->params.push_back(parseParam(kwarg_only));
      }
      if (!lex_.nextIf(TK::Comma)) break;
    }
    const Token& rparen = lex_.expect(TK::RParen);
    def->params_range = lparen.range.to(rparen.range);
    if (lex_.nextIf(TK::Arrow)) def->return_type = parseTest();
    def->range = def_tok.range.to(lex_.cur().range);
    lex_.expect(TK::Colon);
    def->body = parseSuite();
    return def;
  }

  Param parseParam(bool kwarg_only) {
    const Token& name = lex_.expect(TK::Ident);
    Param p;
    p.name = Ident{std::string(name.text), name.range};
    p.kwarg_only = kwarg_only;
    if (lex_.nextIf(TK::Colon)) p.annotation = parseTest();
    if (lex_.nextIf(TK::Assign)) p.default_value = parseTest();
    return p;
  }

  std::shared_ptr<ClassDefStmt> parseClass() {
    const Token& class_tok = lex_.expect(TK::Class);
    auto cls = node<ClassDefStmt>(class_tok.range);
    const Token& name = lex_.expect(TK::Ident);
    cls->name = Ident{std::string(name.text), name.range};
    if (lex_.nextIf(TK::LParen)) {
      while (cur().kind != TK::RParen) {
        cls->bases.push_back(parseTest());
        if (!lex_.nextIf(TK::Comma)) break;
      }
      lex_.expect(TK::RParen);
    }
    cls->range = class_tok.range.to(cur().range);
    lex_.expect(TK::Colon);
    cls->body = parseSuite();
    return cls;
  }

  // ---- statements ----

  // After a ':': either simple statements on the same line or an indented block.
  StmtList parseSuite() {
    StmtList body;
    if (!lex_.nextIf(TK::Newline)) {
      parseSimpleStatements(body);
      return body;
    }
    lex_.expect(TK::Indent);
    while (cur().kind != TK::Dedent && cur().kind != TK::Eof) {
      if (lex_.nextIf(TK::Newline)) continue;
      parseStatement(body);
    }
    lex_.expect(TK::Dedent);
    return body;
  }

  void parseStatement(StmtList& out) {
    switch (cur().kind) {
      case TK::If: out.push_back(parseIf()); return;
      case TK::While: out.push_back(parseWhile()); return;
      case TK::For: out.push_back(parseFor()); return;
      case TK::Def: out.push_back(parseDef()); return;
      case TK::Class: out.push_back(parseClass()); return;
      case TK::With: out.push_back(parseWith()); return;
      case TK::Try: failAt(cur().range, "'try' statements are not supported");
      default: parseSimpleStatements(out);
    }
  }

  void parseSimpleStatements(StmtList& out) {
    while (true) {
      out.push_back(parseSimpleStatement());
      if (!lex_.nextIf(TK::Semicolon)) break;
      if (cur().kind == TK::Newline || cur().kind == TK::Eof) break;
    }
    if (cur().kind != TK::Eof) lex_.expect(TK::Newline);
  }

  StmtPtr parseSimpleStatement() {
    const Token& t = cur();
    switch (t.kind) {
      case TK::Pass: lex_.next(); return node<Stmt>(StmtKind::Pass, t.range);
      case TK::Break: lex_.next(); return node<Stmt>(StmtKind::Break, t.range);
      case TK::Continue: lex_.next(); return node<Stmt>(StmtKind::Continue, t.range);
      case TK::Return: {
        lex_.next();
        ExprPtr v = atStatementEnd() ? nullptr : parseTestList();
        return node<ValueStmt>(StmtKind::Return, v ? t.range.to(v->range) : t.range, v);
      }
      case TK::Raise: {
        lex_.next();
        ExprPtr v = atStatementEnd() ? nullptr : parseTest();
        if (cur().kind == TK::From) failAt(cur().range, "'raise ... from ...' is not supported");
        return node<ValueStmt>(StmtKind::Raise, v ? t.range.to(v->range) : t.range, v);
      }
      case TK::Assert: {
        lex_.next();
        ExprPtr test = parseTest();
        ExprPtr msg = lex_.nextIf(TK::Comma) ? parseTest() : nullptr;
        return node<AssertStmt>(t.range.to((msg ? msg : test)->range), test, msg);
      }
      case TK::Del: {
        lex_.next();
        ExprPtr v = parseExprList();
        return node<ValueStmt>(StmtKind::Delete, t.range.to(v->range), v);
      }
      case TK::Global:
      case TK::Nonlocal: failAt(t.range, tokenKindName(t.kind), " statements are not supported");
      case TK::Import:
      case TK::From: failAt(t.range, "import statements are only allowed at the top level");
      default: return parseExprOrAssign();
    }
  }

  bool atStatementEnd() const {
    return cur().kind == TK::Newline || cur().kind == TK::Semicolon || cur().kind == TK::Eof;
  }

  static bool augOp(TK k, BinOp* op) {
    switch (k) {
      case TK::PlusEq: *op = BinOp::Add; return true;
      case TK::MinusEq: *op = BinOp::Sub; return true;
      case TK::StarEq: *op = BinOp::Mul; return true;
      case TK::SlashEq: *op = BinOp::Div; return true;
      case TK::SlashSlashEq: *op = BinOp::FloorDiv; return true;
      case TK::PercentEq: *op = BinOp::Mod; return true;
      case TK::StarStarEq: *op = BinOp::Pow; return true;
      case TK::AtEq: *op = BinOp::MatMul; return true;
      case TK::AmpEq: *op = BinOp::BitAnd; return true;
      case TK::PipeEq: *op = BinOp::BitOr; return true;
      case TK::CaretEq: *op = BinOp::BitXor; return true;
      case TK::LShiftEq: *op = BinOp::LShift; return true;
      case TK::RShiftEq: *op = BinOp::RShift; return true;
      default: return false;
    }
  }

  StmtPtr parseExprOrAssign() {
    ExprPtr first = parseTestList(/*allow_star=*/true);
    if (lex_.nextIf(TK::Colon)) {
      ExprPtr annotation = parseTest();
      ExprPtr value = lex_.nextIf(TK::Assign) ? parseTestList() : nullptr;
      SourceRange r = first->range.to(value ? value->range : annotation->range);
      return node<AssignStmt>(r, std::vector<ExprPtr>{first}, value, annotation);
    }
    BinOp op;
    if (augOp(cur().kind, &op)) {
      lex_.next();
      ExprPtr value = parseTestList();
      return node<AugAssignStmt>(first->range.to(value->range), first, op, value);
    }
    if (cur().kind != TK::Assign) {
      return node<ValueStmt>(StmtKind::Expr, first->range, first);
    }
    std::vector<ExprPtr> targets{first};
    ExprPtr value;
    while (lex_.nextIf(TK::Assign)) {
      value = parseTestList(/*allow_star=*/true);
      targets.push_back(value);
    }
    targets.pop_back();
    return node<AssignStmt>(first->range.to(value->range), std::move(targets), value, nullptr);
  }

  StmtPtr parseIf() {
    const Token& t = lex_.next();  // 'if' or 'elif'
    ExprPtr cond = parseTest();
    lex_.expect(TK::Colon);
    StmtList then_body = parseSuite();
    StmtList else_body;
    if (cur().kind == TK::Elif) {
      else_body.push_back(parseIf());
    } else if (lex_.nextIf(TK::Else)) {
      lex_.expect(TK::Colon);
      else_body = parseSuite();
    }
    return node<IfStmt>(t.range.to(cond->range), cond, std::move(then_body), std::move(else_body));
  }

  StmtPtr parseWhile() {
    const Token& t = lex_.next();
    ExprPtr cond = parseTest();
    lex_.expect(TK::Colon);
    StmtList body = parseSuite();
    if (cur().kind == TK::Else) failAt(cur().range, "'else' after a 'while' loop is not supported");
    return node<WhileStmt>(t.range.to(cond->range), cond, std::move(body));
  }

  StmtPtr parseWith() {
    const Token& t = lex_.next();
    std::vector<WithItem> items;
    SourceRange last = t.range;
    do {
      WithItem item;
      item.value = parseTest();
      last = item.value->range;
      if (lex_.nextIf(TK::As)) {
        item.target = parseTarget();
        last = item.target->range;
      }
      items.push_back(std::move(item));
    } while (lex_.nextIf(TK::Comma));
    lex_.expect(TK::Colon);
    StmtList body = parseSuite();
    return node<WithStmt>(t.range.to(last), std::move(items), std::move(body));
  }

  StmtPtr parseFor() {
    const Token& t = lex_.next();
    std::vector<ExprPtr> targets;
    do {
      if (cur().kind == TK::In) break;
      targets.push_back(parseTarget());
    } while (lex_.nextIf(TK::Comma));
    lex_.expect(TK::In);
    ExprPtr iter = parseTestList();
    lex_.expect(TK::Colon);
    StmtList body = parseSuite();
    if (cur().kind == TK::Else) failAt(cur().range, "'else' after a 'for' loop is not supported");
    return node<ForStmt>(t.range.to(iter->range), std::move(targets), iter, std::move(body));
  }

  // A loop or comprehension target: a name, subscript, attribute, starred name or a tuple.
  ExprPtr parseTarget() {
    if (cur().kind == TK::Star) {
      const Token& star = lex_.next();
      ExprPtr v = parseBitOr();
      return node<StarredExpr>(star.range.to(v->range), v);
    }
    return parseBitOr();
  }

  // ---- expressions ----

  // test (',' test)* [','] -> a tuple when there is a comma.
  ExprPtr parseTestList(bool allow_star = false) {
    ExprPtr first = parseTestOrStar(allow_star);
    if (cur().kind != TK::Comma) return first;
    std::vector<ExprPtr> elts{first};
    SourceRange r = first->range;
    while (lex_.nextIf(TK::Comma)) {
      if (atStatementEnd() || cur().kind == TK::Assign || cur().kind == TK::Colon ||
          cur().kind == TK::RParen) {
        break;
      }
      elts.push_back(parseTestOrStar(allow_star));
      r = r.to(elts.back()->range);
    }
    return node<SequenceExpr>(ExprKind::Tuple, r, std::move(elts));
  }

  ExprPtr parseExprList() {
    ExprPtr first = parseBitOr();
    if (cur().kind != TK::Comma) return first;
    std::vector<ExprPtr> elts{first};
    while (lex_.nextIf(TK::Comma)) {
      if (atStatementEnd()) break;
      elts.push_back(parseBitOr());
    }
    SourceRange r = first->range.to(elts.back()->range);
    return node<SequenceExpr>(ExprKind::Tuple, r, std::move(elts));
  }

  ExprPtr parseTestOrStar(bool allow_star) {
    if (allow_star && cur().kind == TK::Star) {
      const Token& star = lex_.next();
      ExprPtr v = parseBitOr();
      return node<StarredExpr>(star.range.to(v->range), v);
    }
    return parseTest();
  }

  ExprPtr parseTest() {
    if (cur().kind == TK::Lambda) failAt(cur().range, "lambda expressions are not supported");
    if (cur().kind == TK::Yield) failAt(cur().range, "generators ('yield') are not supported");
    ExprPtr e = parseOrTest();
    if (cur().kind != TK::If) return e;
    lex_.next();
    ExprPtr cond = parseOrTest();
    lex_.expect(TK::Else);
    ExprPtr other = parseTest();
    return node<IfExpr>(e->range.to(other->range), cond, e, other);
  }

  ExprPtr binary(BinOp op, ExprPtr lhs, ExprPtr rhs) {
    SourceRange r = lhs->range.to(rhs->range);
    return node<BinaryExpr>(r, op, std::move(lhs), std::move(rhs));
  }

  ExprPtr parseOrTest() {
    ExprPtr e = parseAndTest();
    while (lex_.nextIf(TK::Or)) e = binary(BinOp::Or, std::move(e), parseAndTest());
    return e;
  }

  ExprPtr parseAndTest() {
    ExprPtr e = parseNotTest();
    while (lex_.nextIf(TK::And)) e = binary(BinOp::And, std::move(e), parseNotTest());
    return e;
  }

  ExprPtr parseNotTest() {
    if (cur().kind == TK::Not) {
      const Token& t = lex_.next();
      ExprPtr operand = parseNotTest();
      return node<UnaryExpr>(t.range.to(operand->range), UnaryOp::Not, operand);
    }
    return parseComparison();
  }

  bool comparisonOp(BinOp* op) {
    switch (cur().kind) {
      case TK::Less: *op = BinOp::Lt; break;
      case TK::Greater: *op = BinOp::Gt; break;
      case TK::LessEq: *op = BinOp::Le; break;
      case TK::GreaterEq: *op = BinOp::Ge; break;
      case TK::EqEq: *op = BinOp::Eq; break;
      case TK::NotEq: *op = BinOp::Ne; break;
      case TK::In: *op = BinOp::In; break;
      case TK::Is:
        lex_.next();
        *op = lex_.nextIf(TK::Not) ? BinOp::IsNot : BinOp::Is;
        return true;
      case TK::Not:
        if (lex_.lookahead().kind != TK::In) return false;
        lex_.next();
        *op = BinOp::NotIn;
        break;
      default: return false;
    }
    lex_.next();
    return true;
  }

  // Chained comparisons follow Python: `a < b < c` means `a < b and b < c`.
  ExprPtr parseComparison() {
    ExprPtr lhs = parseBitOr();
    ExprPtr result;
    BinOp op;
    while (comparisonOp(&op)) {
      ExprPtr rhs = parseBitOr();
      ExprPtr cmp = binary(op, std::move(lhs), rhs);
      result = result ? binary(BinOp::And, std::move(result), std::move(cmp)) : std::move(cmp);
      lhs = std::move(rhs);
    }
    return result ? result : lhs;
  }

  // The binary operators between comparisons and unary operators, by Python's precedence
  // (higher binds tighter); 0 for a token that is not one of them.
  static int binaryPrecedence(TK k, BinOp* op) {
    switch (k) {
      case TK::Pipe: *op = BinOp::BitOr; return 1;
      case TK::Caret: *op = BinOp::BitXor; return 2;
      case TK::Amp: *op = BinOp::BitAnd; return 3;
      case TK::LShift: *op = BinOp::LShift; return 4;
      case TK::RShift: *op = BinOp::RShift; return 4;
      case TK::Plus: *op = BinOp::Add; return 5;
      case TK::Minus: *op = BinOp::Sub; return 5;
      case TK::Star: *op = BinOp::Mul; return 6;
      case TK::Slash: *op = BinOp::Div; return 6;
      case TK::SlashSlash: *op = BinOp::FloorDiv; return 6;
      case TK::Percent: *op = BinOp::Mod; return 6;
      case TK::At: *op = BinOp::MatMul; return 6;
      default: return 0;
    }
  }

  // `|` down to `*`: all left-associative, parsed by precedence climbing rather than one
  // function per level, since every expression passes through these levels.
  ExprPtr parseBinary(int min_precedence) {
    ExprPtr e = parseFactor();
    while (true) {
      BinOp op;
      int precedence = binaryPrecedence(cur().kind, &op);
      if (precedence == 0 || precedence < min_precedence) return e;
      lex_.next();
      ExprPtr rhs = parseBinary(precedence + 1);
      e = binary(op, std::move(e), std::move(rhs));
    }
  }

  ExprPtr parseBitOr() { return parseBinary(1); }

  ExprPtr parseFactor() {
    // `-<number>` is a negative literal, as TorchScript's parser reads it (so that -1 is
    // one constant, placed with the other literals).
    if (cur().kind == TK::Minus && lex_.lookahead().kind == TK::Number &&
        lex_.lookahead(2).kind != TK::StarStar && lex_.lookahead(2).kind != TK::LParen &&
        lex_.lookahead(2).kind != TK::LBracket && lex_.lookahead(2).kind != TK::Dot) {
      lex_.next();
      return parseNumber(lex_.next(), /*negative=*/true);
    }
    UnaryOp op;
    switch (cur().kind) {
      case TK::Minus: op = UnaryOp::Neg; break;
      case TK::Plus: op = UnaryOp::Pos; break;
      case TK::Tilde: op = UnaryOp::Invert; break;
      default: return parsePower();
    }
    const Token& t = lex_.next();
    ExprPtr operand = parseFactor();
    return node<UnaryExpr>(t.range.to(operand->range), op, operand);
  }

  ExprPtr parsePower() {
    ExprPtr base = parsePrimary();
    if (!lex_.nextIf(TK::StarStar)) return base;
    return binary(BinOp::Pow, std::move(base), parseFactor());
  }

  ExprPtr parsePrimary() {
    ExprPtr e = parseAtom();
    while (true) {
      if (cur().kind == TK::LParen) {
        e = parseCall(e);
      } else if (cur().kind == TK::LBracket) {
        e = parseSubscript(e);
      } else if (cur().kind == TK::Dot) {
        lex_.next();
        const Token& name = lex_.expect(TK::Ident);
        e = node<AttributeExpr>(e->range.to(name.range), e,
                                Ident{std::string(name.text), name.range});
      } else {
        return e;
      }
    }
  }

  ExprPtr parseCall(ExprPtr callee) {
    lex_.expect(TK::LParen);
    std::vector<ExprPtr> args;
    std::vector<Keyword> kwargs;
    while (cur().kind != TK::RParen) {
      if (cur().kind == TK::StarStar) failAt(cur().range, "'**' arguments are not supported");
      if (cur().kind == TK::Ident && lex_.lookahead().kind == TK::Assign) {
        const Token& name = lex_.next();
        lex_.next();
        kwargs.push_back(Keyword{Ident{std::string(name.text), name.range}, parseTest()});
      } else {
        ExprPtr a = parseTestOrStar(/*allow_star=*/true);
        if (!kwargs.empty()) failAt(a->range, "positional argument follows keyword argument");
        if (cur().kind == TK::For) {
          // f(x for x in xs): the generator is the only argument.
          if (!args.empty()) failAt(cur().range, "a generator expression must be parenthesized");
          a = parseGeneratorTail(a);
          if (cur().kind != TK::RParen)
            failAt(cur().range, "a generator expression must be parenthesized");
        }
        args.push_back(a);
      }
      if (!lex_.nextIf(TK::Comma)) break;
    }
    const Token& rparen = lex_.expect(TK::RParen);
    return node<CallExpr>(callee->range.to(rparen.range), callee, std::move(args),
                          std::move(kwargs));
  }

  ExprPtr parseSubscript(ExprPtr value) {
    lex_.expect(TK::LBracket);
    std::vector<ExprPtr> indices;
    while (cur().kind != TK::RBracket) {
      indices.push_back(parseSliceOrTest());
      if (!lex_.nextIf(TK::Comma)) break;
    }
    const Token& rbracket = lex_.expect(TK::RBracket);
    if (indices.empty()) failAt(rbracket.range, "expected an index but found ']'");
    return node<SubscriptExpr>(value->range.to(rbracket.range), value, std::move(indices));
  }

  ExprPtr parseSliceOrTest() {
    SourceRange begin = cur().range;
    ExprPtr start;
    if (cur().kind != TK::Colon) {
      start = parseTest();
      if (cur().kind != TK::Colon) return start;
    }
    SourceRange r = begin.to(lex_.next().range);
    auto sliceEnd = [&] {
      return cur().kind == TK::Colon || cur().kind == TK::Comma || cur().kind == TK::RBracket;
    };
    ExprPtr stop, step;
    if (!sliceEnd()) {
      stop = parseTest();
      r = r.to(stop->range);
    }
    if (cur().kind == TK::Colon) {
      r = r.to(lex_.next().range);
      if (!sliceEnd()) {
        step = parseTest();
        r = r.to(step->range);
      }
    }
    return node<SliceExpr>(r, start, stop, step);
  }

  ExprPtr parseNumber(const Token& t, bool negative = false) {
    std::string_view s = t.text;
    std::string digits;
    for (char c : s)
      if (c != '_') digits += c;
    bool is_hex = digits.size() > 1 && digits[0] == '0' &&
                  std::isalpha(static_cast<unsigned char>(digits[1]));
    if (!is_hex && digits.find_first_of(".eE") != std::string::npos) {
      double d = std::strtod(digits.c_str(), nullptr);
      return node<NumberExpr>(t.range, true, 0, negative ? -d : d);
    }
    int base = 10;
    size_t skip = 0;
    if (is_hex) {
      char b = static_cast<char>(std::tolower(static_cast<unsigned char>(digits[1])));
      base = b == 'x' ? 16 : b == 'o' ? 8 : 2;
      skip = 2;
    } else if (digits.size() > 1 && digits[0] == '0' &&
               digits.find_first_not_of('0') != std::string::npos) {
      failAt(t.range, "leading zeros in decimal integer literals are not permitted");
    }
    errno = 0;
    unsigned long long v = std::strtoull(digits.c_str() + skip, nullptr, base);
    unsigned long long limit =
        static_cast<unsigned long long>(std::numeric_limits<int64_t>::max()) + (negative ? 1 : 0);
    if (errno == ERANGE || v > limit) {
      failAt(t.range, "integer literal ", negative ? "-" : "", s, " does not fit in a 64-bit int");
    }
    int64_t value = negative ? static_cast<int64_t>(0ULL - v) : static_cast<int64_t>(v);
    return node<NumberExpr>(t.range, false, value, 0.0);
  }

  ExprPtr parseAtom() {
    const Token& t = cur();
    switch (t.kind) {
      case TK::Ident: lex_.next(); return node<NameExpr>(t.range, std::string(t.text));
      case TK::Number: lex_.next(); return parseNumber(t);
      case TK::String: {
        std::string value;
        SourceRange r = t.range;
        while (cur().kind == TK::String) {
          r = r.to(cur().range);
          value += lex_.next().text;
        }
        return node<StringExpr>(r, std::move(value));
      }
      case TK::None: lex_.next(); return node<Expr>(ExprKind::None, t.range);
      case TK::True: lex_.next(); return node<Expr>(ExprKind::True, t.range);
      case TK::False: lex_.next(); return node<Expr>(ExprKind::False, t.range);
      case TK::Ellipsis: lex_.next(); return node<Expr>(ExprKind::Ellipsis, t.range);
      case TK::LParen: return parseParen();
      case TK::LBracket: return parseListDisplay();
      case TK::LBrace: return parseDictDisplay();
      default: failAt(t.range, "expected an expression but found ", describeToken(t));
    }
  }

  ExprPtr parseParen() {
    const Token& lp = lex_.next();
    if (cur().kind == TK::RParen) {
      const Token& rp = lex_.next();
      return node<SequenceExpr>(ExprKind::Tuple, lp.range.to(rp.range), std::vector<ExprPtr>{});
    }
    ExprPtr first = parseTestOrStar(/*allow_star=*/true);
    if (cur().kind == TK::For) {
      ExprPtr gen = parseGeneratorTail(first);
      lex_.expect(TK::RParen);
      return gen;
    }
    if (cur().kind != TK::Comma) {
      lex_.expect(TK::RParen);
      return first;
    }
    std::vector<ExprPtr> elts{first};
    while (lex_.nextIf(TK::Comma)) {
      if (cur().kind == TK::RParen) break;
      elts.push_back(parseTestOrStar(/*allow_star=*/true));
    }
    const Token& rp = lex_.expect(TK::RParen);
    return node<SequenceExpr>(ExprKind::Tuple, lp.range.to(rp.range), std::move(elts));
  }

  // `for target in iter` of a comprehension, up to the closing bracket.
  void parseComprehensionTail(ExprPtr* target, ExprPtr* iter) {
    lex_.expect(TK::For);
    std::vector<ExprPtr> targets;
    do {
      targets.push_back(parseTarget());
    } while (lex_.nextIf(TK::Comma));
    *target = targets.size() == 1
                  ? targets[0]
                  : node<SequenceExpr>(ExprKind::Tuple,
                                       targets.front()->range.to(targets.back()->range), targets);
    lex_.expect(TK::In);
    *iter = parseOrTest();
    if (cur().kind == TK::If)
      failAt(cur().range, "'if' clauses in comprehensions are not supported");
    if (cur().kind == TK::For)
      failAt(cur().range, "comprehensions with more than one 'for' are not supported");
  }

  // A generator expression `elt for target in iter`: TorchScript evaluates it eagerly, as the
  // list comprehension [elt for target in iter].
  ExprPtr parseGeneratorTail(const ExprPtr& elt) {
    ExprPtr target, iter;
    parseComprehensionTail(&target, &iter);
    return node<CompExpr>(ExprKind::ListComp, elt->range.to(iter->range), elt, nullptr, target,
                          iter);
  }

  ExprPtr parseListDisplay() {
    const Token& lb = lex_.next();
    std::vector<ExprPtr> elts;
    if (cur().kind != TK::RBracket) {
      ExprPtr first = parseTestOrStar(/*allow_star=*/true);
      if (cur().kind == TK::For) {
        ExprPtr target, iter;
        parseComprehensionTail(&target, &iter);
        const Token& rb = lex_.expect(TK::RBracket);
        return node<CompExpr>(ExprKind::ListComp, lb.range.to(rb.range), first, nullptr, target,
                              iter);
      }
      elts.push_back(first);
      while (lex_.nextIf(TK::Comma)) {
        if (cur().kind == TK::RBracket) break;
        elts.push_back(parseTestOrStar(/*allow_star=*/true));
      }
    }
    const Token& rb = lex_.expect(TK::RBracket);
    return node<SequenceExpr>(ExprKind::List, lb.range.to(rb.range), std::move(elts));
  }

  ExprPtr parseDictDisplay() {
    const Token& lb = lex_.next();
    std::vector<ExprPtr> keys, values;
    if (cur().kind != TK::RBrace) {
      ExprPtr key = parseTest();
      if (cur().kind != TK::Colon) failAt(key->range, "set literals are not supported");
      lex_.next();
      ExprPtr value = parseTest();
      if (cur().kind == TK::For) {
        ExprPtr target, iter;
        parseComprehensionTail(&target, &iter);
        const Token& rb = lex_.expect(TK::RBrace);
        return node<CompExpr>(ExprKind::DictComp, lb.range.to(rb.range), key, value, target, iter);
      }
      keys.push_back(key);
      values.push_back(value);
      while (lex_.nextIf(TK::Comma)) {
        if (cur().kind == TK::RBrace) break;
        keys.push_back(parseTest());
        lex_.expect(TK::Colon);
        values.push_back(parseTest());
      }
    }
    const Token& rb = lex_.expect(TK::RBrace);
    return node<DictExpr>(lb.range.to(rb.range), std::move(keys), std::move(values));
  }

  Lexer lex_;
  std::shared_ptr<std::pmr::monotonic_buffer_resource> arena_;
};

}  // namespace

Module parseModule(SourcePtr source) { return Parser(std::move(source)).parseModule(); }

ExprPtr parseExpression(SourcePtr source) {
  return Parser(std::move(source)).parseWholeExpression();
}

}  // namespace wick::jit::frontend
