// The abstract syntax tree of TorchScript source: expressions, statements, function and class
// definitions. Nodes are immutable and shared (the emitter desugars some constructs by
// building new trees that reuse subtrees, as `a < b < c` -> `a < b and b < c`). Every node
// keeps the source range it was parsed from.
#pragma once

#include <cstdint>
#include <memory>
#include <memory_resource>
#include <string>
#include <vector>

#include "frontend/source.h"

namespace wick::jit::frontend {

struct Ident {
  std::string name;
  SourceRange range;
};

enum class ExprKind : uint8_t {
  Name,
  Number,
  String,
  True,
  False,
  None,
  Ellipsis,
  Binary,
  Unary,
  IfExp,
  Call,
  Attribute,
  Subscript,
  Slice,
  Starred,
  List,
  Tuple,
  Dict,
  ListComp,
  DictComp,
};

enum class BinOp : uint8_t {
  Add,
  Sub,
  Mul,
  Div,
  FloorDiv,
  Mod,
  Pow,
  MatMul,
  BitAnd,
  BitOr,
  BitXor,
  LShift,
  RShift,
  Eq,
  Ne,
  Lt,
  Gt,
  Le,
  Ge,
  Is,
  IsNot,
  In,
  NotIn,
  And,
  Or,
};
enum class UnaryOp : uint8_t { Neg, Pos, Invert, Not };

// The operator as written: "+", "is not", "and".
const char* binOpSpelling(BinOp op);
bool isComparison(BinOp op);

struct Expr {
  Expr(ExprKind k, SourceRange r) : kind(k), range(std::move(r)) {}
  virtual ~Expr() = default;
  template <class T>
  const T& as() const {
    return static_cast<const T&>(*this);
  }
  const ExprKind kind;
  SourceRange range;
};
using ExprPtr = std::shared_ptr<const Expr>;

struct NameExpr : Expr {
  NameExpr(SourceRange r, std::string n) : Expr(ExprKind::Name, std::move(r)), id(std::move(n)) {}
  std::string id;
};

// An int or float literal; `-1` is a negative literal (`-x` and `-(1)` are negations).
struct NumberExpr : Expr {
  NumberExpr(SourceRange r, bool f, int64_t i, double d)
      : Expr(ExprKind::Number, std::move(r)), is_float(f), int_value(i), float_value(d) {}
  bool is_float;
  int64_t int_value;
  double float_value;
};

// One or more adjacent string literals, concatenated.
struct StringExpr : Expr {
  StringExpr(SourceRange r, std::string v)
      : Expr(ExprKind::String, std::move(r)), value(std::move(v)) {}
  std::string value;
};

struct BinaryExpr : Expr {
  BinaryExpr(SourceRange r, BinOp o, ExprPtr l, ExprPtr rr)
      : Expr(ExprKind::Binary, std::move(r)), op(o), lhs(std::move(l)), rhs(std::move(rr)) {}
  BinOp op;
  ExprPtr lhs, rhs;
};

struct UnaryExpr : Expr {
  UnaryExpr(SourceRange r, UnaryOp o, ExprPtr e)
      : Expr(ExprKind::Unary, std::move(r)), op(o), operand(std::move(e)) {}
  UnaryOp op;
  ExprPtr operand;
};

struct IfExpr : Expr {
  IfExpr(SourceRange r, ExprPtr c, ExprPtr t, ExprPtr e)
      : Expr(ExprKind::IfExp, std::move(r)),
        cond(std::move(c)),
        then_expr(std::move(t)),
        else_expr(std::move(e)) {}
  ExprPtr cond, then_expr, else_expr;
};

struct Keyword {
  Ident name;
  ExprPtr value;
};

struct CallExpr : Expr {
  CallExpr(SourceRange r, ExprPtr c, std::vector<ExprPtr> a, std::vector<Keyword> k)
      : Expr(ExprKind::Call, std::move(r)),
        callee(std::move(c)),
        args(std::move(a)),
        keywords(std::move(k)) {}
  ExprPtr callee;
  std::vector<ExprPtr> args;
  std::vector<Keyword> keywords;
};

struct AttributeExpr : Expr {
  AttributeExpr(SourceRange r, ExprPtr v, Ident a)
      : Expr(ExprKind::Attribute, std::move(r)), value(std::move(v)), attr(std::move(a)) {}
  ExprPtr value;
  Ident attr;
};

// value[i], value[i, j:k, None, ...]: one entry per comma-separated index.
struct SubscriptExpr : Expr {
  SubscriptExpr(SourceRange r, ExprPtr v, std::vector<ExprPtr> i)
      : Expr(ExprKind::Subscript, std::move(r)), value(std::move(v)), indices(std::move(i)) {}
  ExprPtr value;
  std::vector<ExprPtr> indices;
};

// start:stop:step inside a subscript; absent parts are null.
struct SliceExpr : Expr {
  SliceExpr(SourceRange r, ExprPtr a, ExprPtr b, ExprPtr c)
      : Expr(ExprKind::Slice, std::move(r)),
        start(std::move(a)),
        stop(std::move(b)),
        step(std::move(c)) {}
  ExprPtr start, stop, step;
};

struct StarredExpr : Expr {
  StarredExpr(SourceRange r, ExprPtr v)
      : Expr(ExprKind::Starred, std::move(r)), value(std::move(v)) {}
  ExprPtr value;
};

// A list or tuple literal (kind List or Tuple).
struct SequenceExpr : Expr {
  SequenceExpr(ExprKind k, SourceRange r, std::vector<ExprPtr> e)
      : Expr(k, std::move(r)), elts(std::move(e)) {}
  std::vector<ExprPtr> elts;
};

struct DictExpr : Expr {
  DictExpr(SourceRange r, std::vector<ExprPtr> k, std::vector<ExprPtr> v)
      : Expr(ExprKind::Dict, std::move(r)), keys(std::move(k)), values(std::move(v)) {}
  std::vector<ExprPtr> keys, values;
};

// [elt for target in iter] (ListComp) or {key: value for target in iter} (DictComp).
struct CompExpr : Expr {
  CompExpr(ExprKind k, SourceRange r, ExprPtr e, ExprPtr v, ExprPtr t, ExprPtr i)
      : Expr(k, std::move(r)),
        elt(std::move(e)),
        value(std::move(v)),
        target(std::move(t)),
        iter(std::move(i)) {}
  ExprPtr elt;    // the element, or the key of a dict comprehension
  ExprPtr value;  // the value of a dict comprehension (null for lists)
  ExprPtr target;
  ExprPtr iter;
};

enum class StmtKind : uint8_t {
  Def,
  Class,
  If,
  While,
  For,
  Assign,
  AugAssign,
  Expr,
  Return,
  Raise,
  Assert,
  Pass,
  Break,
  Continue,
  Delete,
  With,
  Import,
  Global,
};

struct Stmt {
  Stmt(StmtKind k, SourceRange r) : kind(k), range(std::move(r)) {}
  virtual ~Stmt() = default;
  template <class T>
  const T& as() const {
    return static_cast<const T&>(*this);
  }
  const StmtKind kind;
  SourceRange range;
};
using StmtPtr = std::shared_ptr<const Stmt>;
using StmtList = std::vector<StmtPtr>;

struct Param {
  Ident name;
  ExprPtr annotation;     // null when not annotated
  ExprPtr default_value;  // null when required
  bool kwarg_only = false;
};

struct DefStmt : Stmt {
  DefStmt(SourceRange r) : Stmt(StmtKind::Def, std::move(r)) {}
  Ident name;
  std::vector<Param> params;
  SourceRange params_range;
  ExprPtr return_type;  // null when not annotated
  StmtList body;
};

struct ClassDefStmt : Stmt {
  ClassDefStmt(SourceRange r) : Stmt(StmtKind::Class, std::move(r)) {}
  Ident name;
  std::vector<ExprPtr> bases;
  StmtList body;
};

struct IfStmt : Stmt {
  IfStmt(SourceRange r, ExprPtr c, StmtList t, StmtList e)
      : Stmt(StmtKind::If, std::move(r)),
        cond(std::move(c)),
        then_body(std::move(t)),
        else_body(std::move(e)) {}
  ExprPtr cond;
  StmtList then_body, else_body;
};

struct WhileStmt : Stmt {
  WhileStmt(SourceRange r, ExprPtr c, StmtList b)
      : Stmt(StmtKind::While, std::move(r)), cond(std::move(c)), body(std::move(b)) {}
  ExprPtr cond;
  StmtList body;
};

// for target, ... in iter: body (several targets unpack each element).
struct ForStmt : Stmt {
  ForStmt(SourceRange r, std::vector<ExprPtr> t, ExprPtr i, StmtList b)
      : Stmt(StmtKind::For, std::move(r)),
        targets(std::move(t)),
        iter(std::move(i)),
        body(std::move(b)) {}
  std::vector<ExprPtr> targets;
  ExprPtr iter;
  StmtList body;
};

// with item [as target], ...: body. Each item's value must be an object whose class defines
// __enter__ and __exit__.
struct WithItem {
  ExprPtr value;
  ExprPtr target;  // null without `as`
};

struct WithStmt : Stmt {
  WithStmt(SourceRange r, std::vector<WithItem> i, StmtList b)
      : Stmt(StmtKind::With, std::move(r)), items(std::move(i)), body(std::move(b)) {}
  std::vector<WithItem> items;
  StmtList body;
};

// a = b = value, or an annotated `x : T = value` / declaration `x : T` (value null).
struct AssignStmt : Stmt {
  AssignStmt(SourceRange r, std::vector<ExprPtr> t, ExprPtr v, ExprPtr a)
      : Stmt(StmtKind::Assign, std::move(r)),
        targets(std::move(t)),
        value(std::move(v)),
        annotation(std::move(a)) {}
  std::vector<ExprPtr> targets;
  ExprPtr value;
  ExprPtr annotation;
};

struct AugAssignStmt : Stmt {
  AugAssignStmt(SourceRange r, ExprPtr t, BinOp o, ExprPtr v)
      : Stmt(StmtKind::AugAssign, std::move(r)), target(std::move(t)), op(o), value(std::move(v)) {}
  ExprPtr target;
  BinOp op;
  ExprPtr value;
};

// An expression statement, `return [value]`, `raise [value]` or `del value, ...` (kind
// tells which; `del` keeps its targets in a tuple expression).
struct ValueStmt : Stmt {
  ValueStmt(StmtKind k, SourceRange r, ExprPtr v) : Stmt(k, std::move(r)), value(std::move(v)) {}
  ExprPtr value;
};

struct AssertStmt : Stmt {
  AssertStmt(SourceRange r, ExprPtr t, ExprPtr m)
      : Stmt(StmtKind::Assert, std::move(r)), test(std::move(t)), msg(std::move(m)) {}
  ExprPtr test, msg;
};

// A parsed source file: top-level function and class definitions in order.
struct Module {
  // The parser allocates the nodes here: they are many and small, and die together. Declared
  // first, it is released after every node the module holds; whoever keeps a node beyond the
  // module keeps this too.
  std::shared_ptr<std::pmr::monotonic_buffer_resource> arena;
  SourcePtr source;
  std::vector<std::shared_ptr<const DefStmt>> functions;
  std::vector<std::shared_ptr<const ClassDefStmt>> classes;
  // Both, in source order.
  StmtList definitions;
};

}  // namespace wick::jit::frontend
