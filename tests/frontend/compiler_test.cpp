// The compiler entry point: qualified names, resolution of names from other files, the
// constant table, module classes as archives print them, and diagnostics with notes.
#include <algorithm>

#include "frontend/compiler.h"
#include "ir/printer.h"
#include "ir/verifier.h"
#include "runtime/interpreter.h"
#include "testing/testing.h"

namespace wick::jit {
namespace {

std::string compileError(const std::string& source, CompileOptions options = {}) {
  CompilationUnit cu;
  try {
    compileInto(cu, source, options);
  } catch (const CompileError& e) {
    return e.what();
  }
  return "";
}

IValue run(const Function& f, Stack stack) {
  runFunction(f, stack);
  return stack.at(0);
}

TEST(Compiler, FunctionsHaveSchemasWithDefaults) {
  CompilationUnit cu;
  compileInto(cu,
              "def f(x: Tensor, n: int = 2, s: Optional[str] = None) -> Tensor:\n"
              "    return x * n\n"
              "def g(a, b: List[float] = [1.5, -2.0]):\n"
              "    return a\n");
  ASSERT_EQ(cu.functions().size(), 2u);
  EXPECT_EQ(cu.findFunction("f")->schema().str(), "f(Tensor x, int n=2, str? s=None) -> Tensor");
  EXPECT_EQ(cu.findFunction("g")->schema().arguments[0].type->str(), "Tensor");
  EXPECT_EQ(cu.findFunction("g")->schema().arguments[1].default_value->toDoubleVector(),
            (std::vector<double>{1.5, -2.0}));
  for (const auto& f : cu.functions()) EXPECT_NO_THROW(verify(*f->graph()));
}

TEST(Compiler, CallsToFunctionsOfAnotherSourceGoThroughTheResolver) {
  CompilationUnit lib;
  CompileOptions lib_options;
  lib_options.qualifier = "__torch__.lib";
  compileInto(lib, "def helper(x: int) -> int:\n    return x + 1\n", lib_options);
  auto helper = lib.findFunction("__torch__.lib.helper");
  ASSERT_TRUE(helper);

  CompilationUnit cu;
  CompileOptions options;
  std::vector<std::string> asked;
  options.resolve = [&](const std::string& name) {
    asked.push_back(name);
    return ResolvedName{nullptr, lib.findFunction(name)};
  };
  compileInto(cu, "def g(x: int) -> int:\n    return __torch__.lib.helper(x) * 2\n", options);
  auto g = cu.findFunction("g");
  std::string text = printGraph(*g->graph(), PrintOptions{false, nullptr});
  EXPECT_NE(text.find("prim::CallFunction[name=\"__torch__.lib.helper\"]"), std::string::npos)
      << text;
  EXPECT_EQ(run(*g, {IValue(int64_t{3})}).toInt(), 8);
  EXPECT_NE(std::find(asked.begin(), asked.end(), "__torch__.lib.helper"), asked.end());
}

TEST(Compiler, ConstantTable) {
  CompilationUnit cu;
  CompileOptions options;
  options.constants = {IValue(tensor({1.0f, 2.0f})), IValue(int64_t{5})};
  compileInto(cu, "def f(x: Tensor) -> Tensor:\n    return torch.add(x, CONSTANTS.c0)\n", options);
  Tensor out = run(*cu.findFunction("f"), {IValue(tensor({10.0f, 20.0f}))}).toTensor();
  EXPECT_EQ(out.to_vector<float>(), (std::vector<float>{11.0f, 22.0f}));
  EXPECT_NE(compileError("def f(x: Tensor) -> Tensor:\n    return CONSTANTS.c7\n", options)
                .find("constant index 7 is out of bounds (constant table has 2 entries)"),
            std::string::npos);
}

// A module class as archives print it, run on an object built by hand.
TEST(Compiler, ModuleClassWithAttributesAndConstants) {
  const char* source =
      "class M(Module):\n"
      "  __parameters__ = [\"w\", ]\n"
      "  __buffers__ = []\n"
      "  w : Tensor\n"
      "  training : bool\n"
      "  count : int\n"
      "  scale : Final[float] = 0.5\n"
      "  def forward(self: __torch__.M,\n"
      "    x: Tensor) -> Tensor:\n"
      "    count = self.count\n"
      "    self.count = torch.add(count, 1)\n"
      "    return torch.add(torch.mul(x, self.w), self.scale)\n";
  CompilationUnit cu;
  CompileOptions options;
  options.qualifier = "__torch__";
  compileInto(cu, source, options);
  ClassTypePtr cls = cu.findClass("__torch__.M");
  ASSERT_TRUE(cls);
  EXPECT_TRUE(cls->isModule());
  EXPECT_EQ(cls->attributes()[cls->attributeSlot("w")].kind, ClassType::AttrKind::Parameter);
  EXPECT_EQ(cls->constantNames(), std::vector<std::string>{"scale"});
  auto forward = dynamic_cast<Function*>(cls->findMethod("forward"));
  ASSERT_TRUE(forward);
  EXPECT_EQ(forward->qualname(), "__torch__.M.forward");
  EXPECT_NO_THROW(verify(*forward->graph()));

  auto obj = makeObject(cls);
  obj->setAttr("w", tensor({2.0f, 3.0f}));
  obj->setAttr("training", true);
  obj->setAttr("count", int64_t{0});
  Tensor out = run(*forward, {IValue(obj), IValue(tensor({1.0f, 1.0f}))}).toTensor();
  EXPECT_EQ(out.to_vector<float>(), (std::vector<float>{2.5f, 3.5f}));
  EXPECT_EQ(obj->attr("count").toInt(), 1);
}

// Forms that appear in printed code: ops.<ns>.<op>, unchecked_cast, uninitialized.
TEST(Compiler, PrintedCodeForms) {
  CompilationUnit cu;
  compileInto(cu,
              "def f(x: Optional[Tensor], n: int) -> Tensor:\n"
              "    y = unchecked_cast(Tensor, x)\n"
              "    if torch.gt(n, 0):\n"
              "        z = ops.aten.relu(y)\n"
              "    else:\n"
              "        z = uninitialized(Tensor)\n"
              "        ops.prim.RaiseException(\"negative\", None)\n"
              "    return z\n");
  auto f = cu.findFunction("f");
  EXPECT_NO_THROW(verify(*f->graph()));
  Tensor out = run(*f, {IValue(tensor({-1.0f, 2.0f})), IValue(int64_t{1})}).toTensor();
  EXPECT_EQ(out.to_vector<float>(), (std::vector<float>{0.0f, 2.0f}));
  EXPECT_THROW_MSG(run(*f, {IValue(tensor({1.0f})), IValue(int64_t{0})}), "negative");
}

// Running code that raises reports the message and the TorchScript lines of the raise and of
// the calls that led to it.
TEST(Compiler, RuntimeErrorsNameTheMessageAndTheLine) {
  CompilationUnit cu;
  CompileOptions options;
  options.filename = "prog.py";
  compileInto(cu,
              "def check(n: int) -> int:\n"
              "    if n > 3:\n"
              "        raise ValueError(\"too big: \" + str(n))\n"
              "    assert n != 2, \"two is \" + \"bad\"\n"
              "    return n\n"
              "def outer(n: int) -> int:\n"
              "    return check(n) + 1\n",
              options);
  auto outer = cu.findFunction("outer");
  EXPECT_EQ(run(*outer, {IValue(int64_t{1})}).toInt(), 2);
  auto failure = [&](int64_t n) -> std::pair<std::string, std::string> {
    try {
      run(*outer, {IValue(n)});
    } catch (const ScriptError& e) {
      return {e.original(), e.what()};
    }
    return {};
  };
  auto [message, text] = failure(5);
  EXPECT_EQ(message, "builtins.ValueError: too big: 5");
  EXPECT_NE(text.find("prim::RaiseException (prog.py:3:8)"), std::string::npos) << text;
  EXPECT_NE(text.find("prim::CallFunction (prog.py:7:11)"), std::string::npos) << text;
  std::tie(message, text) = failure(2);
  EXPECT_EQ(message, "AssertionError: two is bad");
  EXPECT_NE(text.find("(prog.py:4:4)"), std::string::npos) << text;
}

// An error leaving a with body still runs __exit__ of every entered object, innermost first,
// so torch.no_grad() does not leave grad mode off behind it.
TEST(Compiler, ErrorsLeavingWithBodiesRunExit) {
  CompilationUnit cu;
  compileInto(cu,
              "class Log:\n"
              "    def __init__(self, name: str, events: List[str]):\n"
              "        self.name = name\n"
              "        self.events = events\n"
              "    def __enter__(self) -> None:\n"
              "        self.events.append('enter ' + self.name)\n"
              "    def __exit__(self, a: Any, b: Any, c: Any) -> None:\n"
              "        self.events.append('exit ' + self.name)\n"
              "def body(events: List[str], n: int) -> int:\n"
              "    with Log('outer', events), torch.no_grad():\n"
              "        with Log('inner', events):\n"
              "            if n > 1:\n"
              "                raise ValueError('n is ' + str(n))\n"
              "    return n\n");
  auto fn = cu.findFunction("body");
  std::vector<std::string> expected{"enter outer", "enter inner", "exit inner", "exit outer"};
  auto events = [](const IValue& list) {
    std::vector<std::string> out;
    for (const IValue& e : list.toList().elems) out.push_back(e.toStringRef());
    return out;
  };
  IValue log(std::vector<std::string>{});
  ASSERT_TRUE(GradMode::isEnabled());
  EXPECT_EQ(run(*fn, {log, IValue(int64_t{1})}).toInt(), 1);
  EXPECT_EQ(events(log), expected);
  IValue failing_log(std::vector<std::string>{});
  EXPECT_THROW_MSG(run(*fn, {failing_log, IValue(int64_t{2})}), "builtins.ValueError: n is 2");
  EXPECT_EQ(events(failing_log), expected);
  EXPECT_TRUE(GradMode::isEnabled());
}

// break and continue inside a with body in a loop run __exit__ on the way out (PyTorch 1.13's
// compiler fails an internal assertion on this function).
TEST(Compiler, LoopExitsInsideWithBodiesRunExit) {
  CompilationUnit cu;
  compileInto(cu,
              "class Count:\n"
              "    def __init__(self):\n"
              "        self.entered = 0\n"
              "        self.exited = 0\n"
              "    def __enter__(self) -> None:\n"
              "        self.entered += 1\n"
              "    def __exit__(self, a: Any, b: Any, c: Any) -> None:\n"
              "        self.exited += 1\n"
              "def loop_exits(n: int) -> Tuple[int, int, int]:\n"
              "    c = Count()\n"
              "    total = 0\n"
              "    for i in range(n):\n"
              "        with c:\n"
              "            if i == 1:\n"
              "                continue\n"
              "            if i == 3:\n"
              "                break\n"
              "            total += i\n"
              "    return total, c.entered, c.exited\n");
  auto fn = cu.findFunction("loop_exits");
  auto result = [&](int64_t n) {
    IValue r = run(*fn, {IValue(n)});
    const auto& t = r.toTuple().elems;
    return std::vector<int64_t>{t.at(0).toInt(), t.at(1).toInt(), t.at(2).toInt()};
  };
  EXPECT_EQ(result(6), (std::vector<int64_t>{2, 4, 4}));
  EXPECT_EQ(result(2), (std::vector<int64_t>{0, 2, 2}));
  EXPECT_EQ(result(0), (std::vector<int64_t>{0, 0, 0}));
}

TEST(Compiler, ArchiveHeadersAreAccepted) {
  CompilationUnit cu;
  compileInto(cu,
              "op_version_set = 1\nimport __torch__.torch.nn.modules.linear\n"
              "def f(x: int) -> int:\n  return x\n");
  EXPECT_TRUE(cu.findFunction("f"));
}

TEST(Compiler, ErrorsInACalleeNameTheCall) {
  // f is compiled first and compiles g when it calls it.
  std::string e = compileError(
      "def f(x: int) -> int:\n"
      "    return g(x)\n"
      "def g(x: int) -> int:\n"
      "    return x + undefined_name\n");
  EXPECT_NE(e.find("<string>:4:16: error: undefined value undefined_name"), std::string::npos) << e;
  EXPECT_NE(e.find("<string>:2:12: note: 'g' is being compiled since it was called here"),
            std::string::npos)
      << e;
}

TEST(Compiler, DefinitionErrors) {
  EXPECT_NE(
      compileError("def f(x: int) -> int:\n    return x\ndef f(x: int) -> int:\n    return x\n")
          .find("<string>:3:5: error: 'f' is already defined"),
      std::string::npos);
  EXPECT_NE(compileError("x = 1\n").find("expected a function or class definition but found 'x'"),
            std::string::npos);
  // Enum class bodies.
  const std::pair<const char*, const char*> enum_errors[] = {
      {"class C(Enum):\n    pass\n", "enum class 'C' has no members"},
      {"class C(Enum):\n    A = 1\n    B = 'b'\n",
       "<string>:3:9: error: Could not unify type list since element 1 of type str did not match "
       "the types before it (int)"},
      {"class C(Enum):\n    A = 1\n    A = 2\n", "enum member 'A' is defined twice"},
      {"class C(Enum):\n    A: int = 1\n", "enum class bodies may only assign values to members"},
      {"class C(Enum, object):\n    A = 1\n", "enum class 'C' must derive from Enum alone"},
  };
  for (const auto& [source, message] : enum_errors) {
    EXPECT_NE(compileError(source).find(message), std::string::npos) << source;
  }
  EXPECT_NE(compileError("class D(Foo):\n    pass\n").find("unsupported base class 'Foo'"),
            std::string::npos);
  EXPECT_NE(compileError("def f(*args):\n    pass\n").find("variable number of arguments"),
            std::string::npos);
  EXPECT_NE(compileError("def f(x: int):\n    def g():\n        pass\n    return x\n")
                .find("nested function definitions are not supported"),
            std::string::npos);
  EXPECT_NE(compileError("class M(Module):\n  x = 3\n")
                .find("class attributes must be declared with a type"),
            std::string::npos);
  EXPECT_NE(compileError("def f(x: int = y) -> int:\n    return x\n")
                .find("default values of parameters must be constants"),
            std::string::npos);
}

TEST(Compiler, DiagnosticFormat) {
  CompileOptions options;
  options.filename = "prog.py";
  EXPECT_EQ(compileError("def f(x: int) -> int:\n    return x + y\n", options),
            "prog.py:2:16: error: undefined value y\n"
            "    return x + y\n"
            "               ^");
}

}  // namespace
}  // namespace wick::jit
