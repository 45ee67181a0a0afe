// Passes through the C++ API: call inlining with method and function resolvers (and its
// errors), the pass table, and effects the text tests cannot show.
#include "passes/passes.h"
#include "ir/function.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "passes/graph_eval.h"
#include "passes/node_effects.h"
#include "testing/file_check.h"
#include "testing/testing.h"

namespace wick::jit {
namespace {

struct Modules {
  ClassTypePtr lin = ClassType::create("__torch__.Lin", true);
  ClassTypePtr net = ClassType::create("__torch__.Net", true);
  ParseOptions options;

  Modules() {
    lin->addAttribute("weight", TensorType::get(), ClassType::AttrKind::Parameter);
    net->addAttribute("l", lin);
    options.resolve_type = [this](std::string_view name) -> TypePtr {
      if (name == "__torch__.Lin") return lin;
      if (name == "__torch__.Net") return net;
      return nullptr;
    };
    addMethod(lin, "forward", R"IR(graph(%self : __torch__.Lin,
      %x : Tensor):
  %w : Tensor = prim::GetAttr[name="weight"](%self)
  %wt : Tensor = aten::t(%w)
  %y : Tensor = aten::mm(%x, %wt)
  return (%y)
)IR");
    addMethod(net, "forward", R"IR(graph(%self : __torch__.Net,
      %x : Tensor):
  %l : __torch__.Lin = prim::GetAttr[name="l"](%self)
  %h : Tensor = prim::CallMethod[name="forward"](%l, %x)
  %y : Tensor = prim::CallMethod[name="forward"](%l, %h)
  return (%y)
)IR");
  }

  // A class owns its methods and their graphs' values refer to the class: break the cycle.
  ~Modules() {
    for (const ClassTypePtr& cls : {lin, net})
      for (const auto& m : cls->methods())
        if (auto* f = dynamic_cast<Function*>(m.get())) f->setGraph(nullptr);
  }

  void addMethod(const ClassTypePtr& cls, const std::string& name, const char* text) {
    cls->addMethod(std::make_shared<Function>(cls->name() + "." + name, parseGraph(text, options)));
  }

  // A Net object whose weight is a 3x3 matrix.
  IValue object() const {
    auto l = makeObject(lin);
    Tensor w = emptyTensor({3, 3}, kFloat);
    for (int i = 0; i < 9; ++i) w.data_ptr<float>()[i] = static_cast<float>(i % 4) - 1.5f;
    l->setAttr("weight", w);
    auto n = makeObject(net);
    n->setAttr("l", IValue(l));
    return IValue(n);
  }
};

TEST(InlineCalls, MethodsAreInlinedRecursivelyWithTheSameResults) {
  Modules m;
  std::shared_ptr<Graph> caller = parseGraph(R"IR(graph(%self : __torch__.Net,
      %x : Tensor):
  %y : Tensor = prim::CallMethod[name="forward"](%self, %x)
  return (%y)
)IR",
                                             m.options);
  Tensor x = emptyTensor({2, 3}, kFloat);
  for (int i = 0; i < 6; ++i) x.data_ptr<float>()[i] = static_cast<float>(i) * 0.5f;
  CallResolver resolver;
  auto before = testing::evalGraph(*caller, {m.object(), x}, &resolver);
  ASSERT_TRUE(before.has_value());

  EXPECT_TRUE(inlineCalls(*caller));
  verify(*caller);
  EXPECT_TRUE(testing::fileCheck(R"(
    CHECK-NOT: prim::CallMethod
    CHECK: %l : __torch__.Lin = prim::GetAttr[name="l"](%self)
    CHECK-COUNT-2: aten::mm
  )",
                                 caller->toString()));
  auto after = testing::evalGraph(*caller, {m.object(), x});  // no resolver needed any more
  ASSERT_TRUE(after.has_value());
  EXPECT_TRUE(testing::sameResults(*before, *after));
  EXPECT_FALSE(inlineCalls(*caller));
  // The callee graphs are untouched.
  auto* f = dynamic_cast<Function*>(m.net->findMethod("forward"));
  EXPECT_NE(f->graph()->toString().find("prim::CallMethod"), std::string::npos);
}

TEST(InlineCalls, FunctionsComeFromTheCompilationUnit) {
  CompilationUnit unit;
  unit.addFunction(
      std::make_shared<Function>("__torch__.double_t", parseGraph(R"IR(graph(%x : Tensor):
  %a : Tensor = aten::t(%x)
  %b : Tensor = aten::t(%a)
  return (%b)
)IR")));
  auto g = parseGraph(R"IR(graph(%x : Tensor):
  %y : Tensor = prim::CallFunction[name="__torch__.double_t"](%x)
  return (%y)
)IR");
  EXPECT_FALSE(inlineCalls(*g));  // the default resolver knows no functions
  EXPECT_TRUE(inlineCalls(*g, CompilationUnitResolver(unit)));
  verify(*g);
  EXPECT_TRUE(testing::fileCheck(
      "CHECK: aten::t(%x)\nCHECK-NEXT: aten::t(%a)\nCHECK-NOT: CallFunction", g->toString()));
}

TEST(InlineCalls, RecursionIsAnError) {
  CompilationUnit unit;
  unit.addFunction(std::make_shared<Function>("__torch__.f", parseGraph(R"IR(graph(%x : Tensor):
  %y : Tensor = prim::CallFunction[name="__torch__.f"](%x)
  return (%y)
)IR")));
  auto g = parseGraph(
      "graph(%x : Tensor):\n  %y : Tensor = prim::CallFunction[name=\"__torch__.f\"](%x)\n"
      "  return (%y)\n");
  EXPECT_THROW_MSG(
      inlineCalls(*g, CompilationUnitResolver(unit)),
      "recursive call of __torch__.f cannot be inlined (call chain: __torch__.f -> __torch__.f)");
}

TEST(InlineCalls, ArityMismatchIsAnError) {
  CompilationUnit unit;
  unit.addFunction(std::make_shared<Function>(
      "__torch__.g", parseGraph("graph(%x : Tensor, %y : Tensor):\n  return (%x)\n")));
  auto g = parseGraph(
      "graph(%x : Tensor):\n  %y : Tensor = prim::CallFunction[name=\"__torch__.g\"](%x)\n"
      "  return (%y)\n");
  EXPECT_THROW_MSG(inlineCalls(*g, CompilationUnitResolver(unit)),
                   "inlining __torch__.g: the call passes 1 values but the callee takes 2");
}

TEST(PassTable, EveryRowRunsByName) {
  EXPECT_FALSE(allPasses().empty());
  for (const PassInfo& p : allPasses()) {
    EXPECT_EQ(findPass(p.name), &p);
    EXPECT_FALSE(p.doc.empty());
    auto g = parseGraph("graph(%x : Tensor):\n  return (%x)\n");
    runPass(p.name, *g);
    verify(*g);
  }
  auto g = parseGraph("graph(%x : Tensor):\n  return (%x)\n");
  EXPECT_THROW_MSG(runPass("frobnicate", *g), "unknown pass 'frobnicate'; passes are: dce, ");
}

TEST(NodeEffects, TraitsAndSchemasDecide) {
  ParseOptions options;
  options.allow_unresolved_ops = true;
  auto g = parseGraph(R"IR(graph(%x : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu),
      %out : Tensor):
  %none : NoneType = prim::Constant()
  %f : bool = prim::Constant[value=0]()
  %1 : Tensor = aten::sum(%x, %none)
  %2 : Tensor = aten::sum(%x, %none, %f, %none, %out)
  %3 : Tensor = aten::made_up(%x)
  %4 : Tensor = aten::t(%out)
  %5 : Tensor[] = prim::ListConstruct(%1)
  return (%2, %3, %4, %5)
)IR",
                      options);
  auto nodes = g->block()->nodeList();
  EXPECT_FALSE(hasSideEffects(*nodes[2]));
  EXPECT_TRUE(isDeterministic(*nodes[2]));
  EXPECT_TRUE(hasSideEffects(*nodes[3]));    // writes %out
  EXPECT_TRUE(hasSideEffects(*nodes[4]));    // unknown op
  EXPECT_FALSE(isDeterministic(*nodes[6]));  // a fresh mutable list each run
  MutationInfo mutation(*g);
  EXPECT_TRUE(mutation.mayBeMutated(g->inputs()[1]));
  EXPECT_TRUE(mutation.mayBeMutated(nodes[5]->output()));   // a view of %out
  EXPECT_TRUE(mutation.mayBeMutated(g->inputs()[0]));       // handed to an unknown op
  EXPECT_FALSE(mutation.mayBeMutated(nodes[0]->output()));  // None is immutable
}

}  // namespace
}  // namespace wick::jit
