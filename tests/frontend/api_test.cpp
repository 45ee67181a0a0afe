// The public face of the front end (wick/jit/compile.h): compile() returns a CompilationUnit
// whose functions are listed, run by name or through ScriptFunction handles that outlive the
// unit, and show their graph and TorchScript code.
#include <sstream>
#include <thread>

#include "testing/testing.h"
#include "wick/wick.h"

namespace wick::jit {
namespace {

const char* kSource =
    "class Counter:\n"
    "    def __init__(self, start: int):\n"
    "        self.count = start\n"
    "    def bump(self, by: int) -> int:\n"
    "        self.count += by\n"
    "        return self.count\n"
    "\n"
    "def scale(x: Tensor, k: float = 2.0) -> Tensor:\n"
    "    return x * k\n"
    "\n"
    "def count_to(n: int) -> int:\n"
    "    c = Counter(0)\n"
    "    for i in range(n):\n"
    "        c.bump(i)\n"
    "    return c.count\n"
    "\n"
    "def pick(x: Tensor, n: int) -> Tensor:\n"
    "    if n > 2:\n"
    "        return torch.relu(x) * n\n"
    "    return scale(x)\n";

TEST(CompileApi, ListsAndRunsFunctions) {
  CompilationUnit cu = compile(kSource);
  EXPECT_EQ(cu.function_names(), (std::vector<std::string>{"scale", "count_to", "pick"}));
  EXPECT_TRUE(cu.has_function("pick"));
  EXPECT_FALSE(cu.has_function("bump"));
  Tensor x = tensor({-1.0f, 3.0f});
  EXPECT_EQ(cu.run("scale", {x}).toTensor().to_vector<float>(), (std::vector<float>{-2.0f, 6.0f}));
  EXPECT_EQ(cu.run("scale", {x, scalar(0.5)}).toTensor().to_vector<float>(),
            (std::vector<float>{-0.5f, 1.5f}));
  EXPECT_EQ(cu.run("count_to", {scalar(4)}).toInt(), 6);
  EXPECT_EQ(cu.get_function("pick")({x, scalar(3)}).toTensor().to_vector<float>(),
            (std::vector<float>{0.0f, 9.0f}));
  EXPECT_THROW_MSG(cu.run("nope", {}), "the compilation unit has no function 'nope'");
  EXPECT_TRUE(compile("").function_names().empty());
  EXPECT_TRUE(compile("# nothing but a comment\n").function_names().empty());
  EXPECT_THROW_MSG(cu.run("scale", {scalar(1)}), "scale");
}

TEST(CompileApi, EnumMembersAreArgumentsAndResults) {
  CompilationUnit cu = compile(
      "class Color(Enum):\n"
      "    RED = 1\n"
      "    GREEN = 2\n"
      "class Other(Enum):\n"
      "    RED = 1\n"
      "def next_color(c: Color) -> Color:\n"
      "    if c == Color.RED:\n"
      "        return Color.GREEN\n"
      "    return Color.RED\n"
      "def label(c: Color) -> str:\n"
      "    return c.name + str(c.value)\n");
  IValue red = cu.enum_member("Color", "RED");
  IValue green = cu.enum_member("__torch__.Color", "GREEN");
  EXPECT_EQ(cu.run("next_color", {red}), green);
  EXPECT_EQ(cu.run("next_color", {green}), red);
  EXPECT_NE(red, green);
  EXPECT_EQ(cu.run("label", {green}).toStringRef(), "GREEN2");
  std::ostringstream shown;
  shown << red;
  EXPECT_EQ(shown.str(), "Enum<Color.RED>");
  EXPECT_EQ(red.type()->str(), "Enum<__torch__.Color>");
  EXPECT_EQ(red.toEnum().value(), IValue(int64_t(1)));
  // A member of another enum class with the same member name and value is not a Color.
  IValue other = cu.enum_member("Other", "RED");
  EXPECT_NE(red, other);
  EXPECT_THROW_MSG(cu.run("label", {other}), "Expected a value of type '__torch__.Color'");
  EXPECT_THROW_MSG(cu.run("label", {scalar(1)}), "Expected a value of type '__torch__.Color'");
  EXPECT_THROW_MSG(cu.enum_member("Color", "BLUE"),
                   "enum class __torch__.Color has no member 'BLUE'");
  EXPECT_THROW_MSG(cu.enum_member("Shade", "RED"),
                   "the compilation unit has no enum class 'Shade'");
  std::string code = cu.get_function("next_color").code();
  EXPECT_NE(code.find("torch.eq(c, __torch__.Color.RED)"), std::string::npos) << code;
}

TEST(CompileApi, DiagnosticsAndLocationsNameTheFile) {
  EXPECT_THROW_MSG(compile("def f(x: int) -> int:\n    return y\n", "prog.py"),
                   "prog.py:2:12: error: undefined value y");
  std::string graph = toString(compile(kSource, "prog.py").get_function("scale").graph());
  EXPECT_NE(graph.find("# prog.py:9:11"), std::string::npos) << graph;
}

TEST(CompileApi, FunctionsOutliveTheUnit) {
  ScriptFunction pick, count_to;
  {
    CompilationUnit cu = compile(kSource);
    pick = cu.get_function("pick");
    count_to = cu.get_function("count_to");
  }
  Tensor x = tensor({-1.0f, 3.0f});
  EXPECT_EQ(pick({x, scalar(1)}).toTensor().to_vector<float>(), (std::vector<float>{-2.0f, 6.0f}));
  EXPECT_EQ(count_to({scalar(5)}).toInt(), 10);
}

TEST(CompileApi, GraphAndCode) {
  CompilationUnit cu = compile(kSource);
  ScriptFunction pick = cu.get_function("pick");
  EXPECT_EQ(pick.schema(), "pick(Tensor x, int n) -> Tensor");
  std::string graph = toString(pick.graph());
  EXPECT_NE(graph.find("graph(%x.1 : Tensor,\n      %n.1 : int):"), std::string::npos) << graph;
  EXPECT_NE(graph.find("prim::If"), std::string::npos) << graph;
  EXPECT_NE(graph.find("prim::CallFunction[name=\"scale\"]"), std::string::npos) << graph;
  // The code compiles back to a function with the same behaviour.
  std::string code = pick.code();
  EXPECT_EQ(code.rfind("def pick(x: Tensor,\n    n: int) -> Tensor:\n", 0), 0u) << code;
  EXPECT_NE(code.find("torch.relu(x)"), std::string::npos) << code;
  std::string scale = cu.get_function("scale").code();
  CompilationUnit again = compile(scale + pick.code());
  Tensor x = tensor({-1.0f, 3.0f});
  for (int64_t n : {1, 3}) {
    EXPECT_EQ(again.run("pick", {x, scalar(n)}).toTensor().to_vector<float>(),
              cu.run("pick", {x, scalar(n)}).toTensor().to_vector<float>());
  }
}

// Compiling shares caches (builtin overloads, global names) between threads.
TEST(CompileApi, CompilesOnSeveralThreadsAtOnce) {
  std::vector<int64_t> results(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&results, t] {
      CompilationUnit cu = compile(kSource);
      results[t] = cu.run("count_to", {scalar(static_cast<int64_t>(t + 3))}).toInt();
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(results, (std::vector<int64_t>{3, 6, 10, 15}));
}

}  // namespace
}  // namespace wick::jit
