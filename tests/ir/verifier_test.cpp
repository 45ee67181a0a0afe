// One test per verifier diagnostic: a graph broken through the IR API fails with a message
// naming the problem and marking the node's line.
#include "ir/verifier.h"
#include "ir/parser.h"
#include "testing/testing.h"

namespace wick::jit {
namespace {

const char* kSizes = R"IR(graph(%x : Tensor):
  %1 : int = prim::Constant[value=0]()
  %2 : int = aten::size(%x, %1)
  %n : Tensor = prim::NumToTensor(%2)
  return (%n)
)IR";

Node* nodeAt(const Graph& g, size_t index) {
  auto nodes = g.block()->nodeList();
  return nodes.at(index);
}

// The verifier's message, which must mark `marked_line` (a substring of the node's line).
std::string failure(const Graph& g, const std::string& marked_line, VerifyOptions options = {}) {
  std::string msg = testing::errorOf([&] { verify(g, options); });
  EXPECT_NE(msg.find("graph verification failed: "), std::string::npos) << msg;
  if (!marked_line.empty()) {
    size_t here = msg.find("  <-- here");
    EXPECT_NE(here, std::string::npos) << msg;
    size_t line_start = msg.rfind('\n', here) + 1;
    EXPECT_NE(msg.substr(line_start, here - line_start).find(marked_line), std::string::npos)
        << msg;
  }
  return msg;
}

TEST(Verifier, AcceptsAParsedGraph) { EXPECT_NO_THROW(verify(*parseGraph(kSizes))); }

TEST(Verifier, UseBeforeDefinition) {
  auto g = parseGraph(kSizes);
  nodeAt(*g, 1)->moveBefore(nodeAt(*g, 0));  // aten::size before its constant
  std::string msg = failure(*g, "aten::size(%x, %1)");
  EXPECT_NE(msg.find("input %1 of aten::size is not defined before this node or not in scope"),
            std::string::npos)
      << msg;
}

TEST(Verifier, ValueOfABlockUsedOutsideIt) {
  ParseOptions options;
  auto g = parseGraph(R"IR(graph(%c : bool, %x : Tensor):
  %y : Tensor = prim::If(%c)
    block0():
      %1 : int = prim::Constant[value=0]()
      -> (%x)
    block1():
      -> (%x)
  %2 : int = aten::size(%y, %1)
  return (%2)
)IR",
                      options);
  std::string msg = failure(*g, "aten::size(%y, %1)");
  EXPECT_NE(msg.find("input %1 of aten::size is not defined before this node or not in scope"),
            std::string::npos)
      << msg;
}

TEST(Verifier, IfBlockArity) {
  auto g = parseGraph(R"IR(graph(%c : bool, %x : Tensor):
  %y : Tensor = prim::If(%c)
    block0():
      -> (%x)
    block1():
      -> (%x)
  return (%y)
)IR");
  nodeAt(*g, 0)->blocks()[1]->registerOutput(g->inputs()[1]);
  std::string msg = failure(*g, "prim::If(%c)");
  EXPECT_NE(msg.find("prim::If has 1 outputs but a block returns 2"), std::string::npos) << msg;
}

TEST(Verifier, LoopShape) {
  auto g = parseGraph(R"IR(graph(%n : int, %x : Tensor):
  %t : bool = prim::Constant[value=1]()
  %y : Tensor = prim::Loop(%n, %t, %x)
    block0(%i : int, %a : Tensor):
      -> (%t, %a)
  return (%y)
)IR");
  Node* loop = nodeAt(*g, 1);
  loop->blocks()[0]->eraseOutput(1);
  std::string msg = failure(*g, "prim::Loop(%n, %t, %x)");
  EXPECT_NE(msg.find("prim::Loop's block must return (cond, carried...): 2 outputs, it has 1"),
            std::string::npos)
      << msg;
}

TEST(Verifier, OpInputTypeAgainstSchema) {
  auto g = parseGraph(kSizes);
  Node* size = nodeAt(*g, 1);
  Node* s = g->createConstant(IValue(std::string("zero")));
  s->insertBefore(size);
  size->replaceInput(1, s->output());
  std::string msg = failure(*g, "aten::size(%x, %");
  EXPECT_NE(msg.find("does not fit argument 'dim' of aten::size.int (int)"), std::string::npos)
      << msg;
}

TEST(Verifier, OpInputCount) {
  auto g = parseGraph(kSizes);
  nodeAt(*g, 1)->removeInput(1);
  std::string msg = failure(*g, "aten::size(%x)");
  EXPECT_NE(msg.find("aten::size.int takes 2 inputs, the node has 1"), std::string::npos) << msg;
}

TEST(Verifier, UntypedOutput) {
  auto g = parseGraph(kSizes);
  Node* n = g->create(Symbol::prim("Uninitialized"), 1);
  g->insertNode(n);
  std::string msg = failure(*g, "prim::Uninitialized()");
  EXPECT_NE(msg.find("has no type"), std::string::npos) << msg;
}

TEST(Verifier, UnresolvedOperator) {
  ParseOptions options;
  options.allow_unresolved_ops = true;
  auto g =
      parseGraph("graph(%x : Tensor):\n  %y : Tensor = aten::foo(%x)\n  return (%y)\n", options);
  std::string msg = failure(*g, "aten::foo(%x)");
  EXPECT_NE(msg.find("aten::foo is not resolved to an operator"), std::string::npos) << msg;
  VerifyOptions allow;
  allow.allow_unresolved_ops = true;
  EXPECT_NO_THROW(verify(*g, allow));
}

TEST(Verifier, ConstantOfTheWrongType) {
  Graph g;
  g.insertConstant(IValue(int64_t(1)), StringType::get());
  std::string msg = failure(g, "prim::Constant[value=1]()");
  EXPECT_NE(msg.find("constant value of type int does not fit its type str"), std::string::npos)
      << msg;
}

TEST(Verifier, GetAttrOfAMissingAttribute) {
  auto cls = ClassType::create("__torch__.M", true);
  ParseOptions options;
  options.resolve_type = [&](std::string_view) -> TypePtr { return cls; };
  auto g = parseGraph(
      "graph(%self : __torch__.M):\n  %w : Tensor = prim::GetAttr[name=\"w\"](%self)\n"
      "  return (%w)\n",
      options);
  std::string msg = failure(*g, "prim::GetAttr[name=\"w\"](%self)");
  EXPECT_NE(msg.find("class __torch__.M has no attribute 'w'"), std::string::npos) << msg;
}

TEST(Verifier, TupleUnpackArity) {
  auto g = parseGraph(R"IR(graph(%a : Tensor, %b : int):
  %t : (Tensor, int) = prim::TupleConstruct(%a, %b)
  %x : Tensor, %n : int = prim::TupleUnpack(%t)
  return (%x)
)IR");
  nodeAt(*g, 1)->eraseOutput(1);
  std::string msg = failure(*g, "prim::TupleUnpack(%t)");
  EXPECT_NE(msg.find("prim::TupleUnpack has 1 elements but the tuple type has 2"),
            std::string::npos)
      << msg;
}

TEST(Verifier, GraphOutputFromAnotherScope) {
  auto g = parseGraph(kSizes);
  Node* n = g->create(Symbol::prim("Uninitialized"), 1);
  n->output()->setType(IntType::get());  // never inserted into the graph
  g->registerOutput(n->output());
  std::string msg = failure(*g, "");
  EXPECT_NE(msg.find("graph output 1 is not defined in the graph"), std::string::npos) << msg;
  g->eraseOutput(1);
  n->destroy();
}

}  // namespace
}  // namespace wick::jit
