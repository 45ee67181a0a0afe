// The IR emitter: compiles one function definition (a free function or a method) into a
// graph, following PyTorch 1.13's emission so that graphs print the same:
//   1. statements and expressions are emitted with prim::Store/prim::Load for variables and
//      prim::ReturnStmt/BreakStmt/ContinueStmt for exits (emit_*.cpp),
//   2. ssa.cpp adds control-flow outputs and loop-carried values and removes loads/stores,
//      exit_transform.cpp lowers early returns, break and continue,
//   3. cleanup.cpp canonicalizes loops, lowers simple tuples, folds constants of immutable
//      types, pools constants and removes dead code.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "frontend/ast.h"
#include "frontend/environment.h"
#include "frontend/sugared_value.h"
#include "frontend/type_parser.h"
#include "ir/function.h"

namespace wick::jit::frontend {

class UnitCompiler;

enum class LoopStatus { NotInLoop, InLoop, InUnrolledLoop };

// The container type a literal or comprehension builds for a type hint: the hint itself, or T
// for Optional[T] when T is a container of `kind` (x: Optional[List[int]] = [1] builds a
// List[int]).
TypePtr containerHint(const TypePtr& hint, TypeKind kind);

class FunctionEmitter {
 public:
  // `self_type` is the class of a method (null for free functions).
  FunctionEmitter(UnitCompiler& unit, Function& fn, std::shared_ptr<const DefStmt> def,
                  ClassTypePtr self_type);

  // Emits the whole function and sets its schema.
  void run();

  Graph& graph() { return *graph_; }
  UnitCompiler& unit() { return unit_; }
  Function& function() { return fn_; }
  const TypeParser& typeParser() const { return type_parser_; }
  Environment& env() { return *env_; }

  // ---- node helpers ----
  Node* insertNode(Node* n, const SourceRange& loc);
  Value* insertConstant(const IValue& v, const SourceRange& loc, TypePtr type = nullptr);
  // Int and float literals: one constant per value, placed at the start of the graph.
  Value* materializeConstant(const IValue& v, const SourceRange& loc);
  Value* insertUncheckedCast(Value* v, const TypePtr& type, const SourceRange& loc);
  Value* castToOptionalHint(Value* v, const TypePtr& hint, const SourceRange& loc);
  Value* insertUninitialized(const TypePtr& type, const SourceRange& loc);
  Value* emitToBool(const SourceRange& loc, Value* v);
  Value* emitBuiltin(const SourceRange& loc, const std::string& name,
                     const std::vector<NamedValue>& args,
                     const std::vector<NamedValue>& kwargs = {},
                     const std::optional<NamedValue>& self = std::nullopt);

  // ---- expressions (emit_expr.cpp, emit_call.cpp, emit_subscript.cpp) ----
  Value* emitExpr(const ExprPtr& e, const TypePtr& hint = nullptr);
  SugaredPtr emitSugaredExpr(const ExprPtr& e, size_t n_binders, const TypePtr& hint = nullptr);
  CondValue emitCondExpr(const ExprPtr& e);
  std::vector<NamedValue> emitArgs(const std::vector<ExprPtr>& args, bool unpack_starred);

 private:
  friend class Environment;

  // emitter.cpp
  void pushFrame(Block* b);
  std::shared_ptr<Environment> popFrame();
  FunctionSchema emitDef();
  std::vector<SchemaArgument> emitFormalArguments(const FunctionSchema& declared);
  void handleMaybeNoReturn();
  FunctionSchema declaredSchema();

  // emit_stmt.cpp
  void emitStatements(const StmtList& stmts);
  void emitStatement(const StmtPtr& s);
  void emitAssignment(const AssignStmt& s);
  void emitSingleAssignment(const SourceRange& range, const ExprPtr& lhs, const ExprPtr& rhs,
                            const ExprPtr& annotation);
  void emitAnnotatedDeclaration(const AssignStmt& s);
  void emitTupleAssign(const SequenceExpr& lhs, const ExprPtr& rhs);
  void emitTupleAssign(const SequenceExpr& lhs, const SugaredPtr& rhs, const SourceRange& rhs_loc,
                       size_t n_binders, bool starred);
  void emitExprsAssign(const std::vector<ExprPtr>& lhs, const std::vector<SugaredPtr>& values,
                       const SourceRange& rhs_loc, size_t n_binders);
  bool validateAssignLhs(const std::vector<ExprPtr>& lhs, const SourceRange& range);
  void emitAugAssignment(const AugAssignStmt& s);
  Value* emitAugAssignmentHelper(const AugAssignStmt& s, Value* lhs);
  void emitAugAssignmentToSubscript(const AugAssignStmt& s);
  void emitSubscriptAssign(const SourceRange& range, const SubscriptExpr& lhs, NamedValue rhs);
  void emitSelectAssign(const SourceRange& range, const AttributeExpr& lhs, const ExprPtr& rhs,
                        const ExprPtr& annotation);
  void emitIf(const IfStmt& s);
  void emitIfElseBlocks(const SourceRange& loc, const CondValue& cond, const StmtList& then_body,
                        const StmtList& else_body);
  struct IfBranch {
    Block* block;
    std::shared_ptr<Environment> env;
    bool exits;
  };
  void mergeIfVariables(const SourceRange& loc, const IfBranch& t, const IfBranch& f);
  Value* branchValue(const IfBranch& b, const std::string& name);
  Value* exitPlaceholder(Block* b, const std::string& name, const TypePtr& type);
  std::shared_ptr<Environment> emitSingleIfBranch(Block* b, const StmtList& body,
                                                  const RefinementSet& refinements);
  void insertRefinements(const SourceRange& loc, const RefinementSet& refinements);
  void emitWhile(const WhileStmt& s);
  void emitFor(const std::vector<ExprPtr>& targets, const ExprPtr& iter, const SourceRange& loc,
               const std::function<void()>& body);
  void emitLoopCommon(const SourceRange& loc, const std::function<void()>& body,
                      const SugaredPtr& iterable, const std::vector<ExprPtr>* targets,
                      const ExprPtr& cond);
  void emitUnrolledLoop(const SourceRange& loc, const std::function<void()>& body,
                        const SugaredPtr& iterable, const std::vector<ExprPtr>& targets);
  void emitReturn(const ValueStmt& s);
  void emitRaise(const ValueStmt& s);
  void emitAssert(const AssertStmt& s);
  void emitDelete(const ValueStmt& s);
  void emitBreakContinue(const Stmt& s, bool is_break);
  // emit_with.cpp
  void emitWith(const WithStmt& s);

  // emit_expr.cpp
  Value* emitSimpleExpr(const ExprPtr& e, const TypePtr& hint);
  Value* emitBinary(const BinaryExpr& e);
  Value* emitUnary(const UnaryExpr& e);
  Value* emitNumber(const NumberExpr& e);
  Value* emitListLiteral(const SequenceExpr& e, const TypePtr& hint);
  Value* emitDictLiteral(const DictExpr& e, const TypePtr& hint);
  Value* emitTernary(const IfExpr& e, const TypePtr& hint);
  Value* emitIfExpr(const SourceRange& loc, const CondValue& cond,
                    const std::function<Value*()>& then_value,
                    const std::function<Value*()>& else_value);
  CondValue emitShortCircuit(const SourceRange& loc, const ExprPtr& lhs, const ExprPtr& rhs,
                             bool is_or);
  CondValue emitIsNone(const BinaryExpr& e);
  CondValue emitIsInstance(const ExprPtr& obj, const ExprPtr& classinfo);
  Value* emitListComprehension(const CompExpr& e, const TypePtr& hint);
  Value* emitDictComprehension(const CompExpr& e, const TypePtr& hint);

  // emit_call.cpp
  SugaredPtr emitCall(const CallExpr& e, size_t n_binders, const TypePtr& hint);
  SugaredPtr emitSpecialForm(int form, const CallExpr& e, const TypePtr& hint);
  SugaredPtr emitToList(const CallExpr& e, Value* self, const TypePtr& hint);
  SugaredPtr emitTypeForm(int form, const CallExpr& e);
  SugaredPtr emitObjectForm(int form, const CallExpr& e);
  SugaredPtr emitIterableForm(int form, const CallExpr& e);
  SugaredPtr emitListCall(const CallExpr& e, const TypePtr& hint);
  SugaredPtr emitDictCall(const CallExpr& e, const TypePtr& hint);
  void checkArgCount(const CallExpr& e, size_t n, const char* what);

  // emit_subscript.cpp
  SugaredPtr emitSubscript(const SubscriptExpr& e, const TypePtr& hint);
  Value* emitMultidimSlicing(const SourceRange& loc, Value* sliceable,
                             const std::vector<ExprPtr>& indices);
  std::pair<Value*, std::vector<Value*>> emitIntAndSliceIndexing(
      const SourceRange& loc, Value* sliceable, const std::vector<ExprPtr>& indices);
  Value* emitSlice(const SourceRange& loc, Value* input, Value* dim, const SliceExpr& slice);
  Value* emitSliceOp(const SourceRange& loc, Value* sliceable, Value* dim, Value* start, Value* end,
                     Value* step);
  Value* emitTupleIndex(const SourceRange& loc, Value* tuple, Value* index);
  Value* emitTupleSlice(const SourceRange& loc, Value* tuple, Value* start, Value* end,
                        Value* step);

  UnitCompiler& unit_;
  Function& fn_;
  std::shared_ptr<const DefStmt> def_;
  ClassTypePtr self_type_;
  std::shared_ptr<Graph> graph_;
  TypeParser type_parser_;
  std::shared_ptr<Environment> env_;
  LoopStatus loop_status_ = LoopStatus::NotInLoop;
  std::unordered_set<Block*> exit_blocks_;
  TypePtr declared_return_type_;
  TypePtr merged_return_type_;
  // Cache of materialized int/float literal constants, keyed by their printed value.
  std::unordered_map<std::string, Value*> literal_constants_;
  size_t temp_count_ = 0;
};

}  // namespace wick::jit::frontend
