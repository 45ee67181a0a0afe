// The code printer: TorchScript source printed from graphs spells ops, constants and control
// flow as PyTorch archives do, and compiles back to functions that compute the same results.
#include "frontend/compiler.h"
#include "ir/function.h"
#include "runtime/interpreter.h"
#include "serialize/archive_writer.h"
#include "serialize/code_printer.h"
#include "serialize/function_printer.h"
#include "testing/testing.h"

namespace wick::archive {
namespace {

const char* kSource =
    "def twice(x: Tensor) -> Tensor:\n"
    "    return x * 2\n"
    "def f(x: Tensor, n: int, o: Optional[int], s: str) -> Tuple[Tensor, List[int], Dict[str, "
    "int], str]:\n"
    "    y = torch.add(x, x, alpha=2)\n"
    "    z = torch.zeros([2], dtype=torch.float64)\n"
    "    sizes: List[int] = []\n"
    "    for i in range(n):\n"
    "        y = twice(y) - i\n"
    "        sizes.append(i)\n"
    "    k = 0\n"
    "    while k < 2:\n"
    "        k = k + 1\n"
    "        y = y / 2\n"
    "    if o is not None:\n"
    "        y = y + o\n"
    "    else:\n"
    "        y = y - 1.5\n"
    "    d = {\"a\": 1, \"b\": n}\n"
    "    return y + z.sum().float(), sizes, d, s + \"\\n!\"\n";

// Prints `fn` as PyTorch saves a function, then compiles the printed code again.
struct Printed {
  PrintedCode code;
  jit::CompilationUnit cu;
  std::shared_ptr<jit::Function> forward;
};

std::unique_ptr<Printed> printAndRecompile(const jit::Function& fn) {
  auto p = std::make_unique<Printed>();
  PlaceholderModule module(fn);
  p->code = printArchiveCode(module.object()->type);
  // Deeper files first: code/__torch__.py uses the classes of code/__torch__/<...>.py.
  for (auto it = p->code.files.rbegin(); it != p->code.files.rend(); ++it) {
    const auto& [file, text] = *it;
    jit::CompileOptions opts;
    opts.filename = file;
    std::string q = file.substr(5, file.size() - 8);  // code/<...>.py
    for (char& c : q)
      if (c == '/') c = '.';
    opts.qualifier = q;
    opts.constants = p->code.constants;
    opts.resolve = [&p](const std::string& name) {
      jit::ResolvedName r;
      r.type = p->cu.findClass(name);
      if (!r.type) r.function = p->cu.findFunction(name);
      return r;
    };
    jit::compileInto(p->cu, text, opts);
  }
  auto cls = p->cu.findClass("__torch__.PlaceholderModule");
  EXPECT_TRUE(cls);
  p->forward =
      std::dynamic_pointer_cast<jit::Function>(std::shared_ptr<MethodBase>(cls->methods().at(0)));
  return p;
}

std::string allCode(const PrintedCode& c) {
  std::string s;
  for (const auto& [file, text] : c.files) s += "== " + file + "\n" + text;
  return s;
}

TEST(CodePrinter, SpellsOpsAndControlFlowAsPyTorch) {
  jit::CompilationUnit cu;
  jit::compileInto(cu, kSource);
  auto p = printAndRecompile(*cu.findFunction("f"));
  std::string code = allCode(p->code);
  EXPECT_NE(code.find("== code/__torch__.py\nclass PlaceholderModule(Module):\n"
                      "  __parameters__ = []\n  __buffers__ = []\n  training : bool\n"
                      "  def forward(self: __torch__.PlaceholderModule,\n    x: Tensor,\n"
                      "    n: int,\n    o: Optional[int],\n    s: str) -> Tuple[Tensor, List[int], "
                      "Dict[str, int], str]:\n"),
            std::string::npos)
      << code;
  EXPECT_NE(code.find("torch.add(x, x, alpha=2)"), std::string::npos) << code;
  EXPECT_NE(code.find("dtype=7"), std::string::npos) << code;
  EXPECT_NE(code.find("for "), std::string::npos) << code;
  EXPECT_NE(code.find("while "), std::string::npos) << code;
  EXPECT_NE(code.find("__torch__.twice("), std::string::npos) << code;
  EXPECT_NE(code.find("def twice(x: Tensor) -> Tensor:"), std::string::npos) << code;
  EXPECT_NE(code.find("\"\\n!\""), std::string::npos) << code;
  EXPECT_NE(code.find("annotate(List[int], [])"), std::string::npos) << code;
  EXPECT_EQ(p->code.version, 4);  // aten::div
}

// Graphs spell isinstance types as PyTorch prints them (int[], (int, str)); code spells them
// as annotations. with statements print as blocks.
TEST(CodePrinter, IsInstanceTypesAndWithBlocks) {
  jit::CompilationUnit cu;
  jit::compileInto(cu,
                   "def f(x: Any, y: Tensor) -> int:\n"
                   "    with torch.no_grad():\n"
                   "        pass\n"
                   "    with torch.no_grad():\n"
                   "        y = y + 1\n"
                   "    if isinstance(x, List[int]):\n"
                   "        return 1\n"
                   "    if isinstance(x, (Tuple[int, str], Dict[str, int])):\n"
                   "        return 2\n"
                   "    return 0\n");
  auto p = printAndRecompile(*cu.findFunction("f"));
  std::string code = allCode(p->code);
  EXPECT_NE(code.find("isinstance(x, List[int])"), std::string::npos) << code;
  EXPECT_NE(code.find("isinstance(x0, (Tuple[int, str], Dict[str, int]))"), std::string::npos)
      << code;
  EXPECT_NE(code.find(":\n      pass\n"), std::string::npos) << code;
  EXPECT_NE(code.find("class no_grad:"), std::string::npos) << code;
  auto call = [&](IValue x) {
    Stack stack{IValue(), x, IValue(ones({2}))};
    jit::runFunction(*p->forward, stack);
    return stack.at(0).toInt();
  };
  EXPECT_EQ(call(IValue(std::vector<int64_t>{1, 2})), 1);
  EXPECT_EQ(call(IValue(int64_t{3})), 0);
}

TEST(CodePrinter, PrintedCodeComputesTheSameResults) {
  jit::CompilationUnit cu;
  jit::compileInto(cu, kSource);
  auto f = cu.findFunction("f");
  auto p = printAndRecompile(*f);
  for (IValue o : {IValue(int64_t(3)), IValue()}) {
    Tensor x = emptyTensor({2}, kFloat);
    x.data_ptr<float>()[0] = 1.5f;
    x.data_ptr<float>()[1] = -2.0f;
    Stack a{IValue(x), IValue(int64_t(3)), o, IValue("hi")};
    jit::runFunction(*f, a);
    Stack b{IValue(), IValue(x), IValue(int64_t(3)), o, IValue("hi")};
    jit::runFunction(*p->forward, b);
    const auto& ra = a.at(0).toTuple().elems;
    const auto& rb = b.at(0).toTuple().elems;
    EXPECT_TRUE(testing::allClose(rb[0].toTensor(), ra[0].toTensor()));
    EXPECT_EQ(rb[1].toIntVector(), ra[1].toIntVector());
    EXPECT_EQ(rb[3].toStringRef(), "hi\n!");
  }
}

TEST(CodePrinter, FilesFollowQualifiedNames) {
  EXPECT_EQ(codeFileOf("__torch__.torch.nn.modules.linear.Linear"),
            "code/__torch__/torch/nn/modules/linear.py");
  EXPECT_EQ(codeFileOf("__torch__.M"), "code/__torch__.py");
  EXPECT_EQ(codeFileOf("__torch__.torch.nn.modules.linear.___torch_mangle_0.Linear"),
            "code/__torch__/torch/nn/modules/linear/___torch_mangle_0.py");
  EXPECT_EQ(archiveRootName("/a/b/traced_mod.pt"), "traced_mod");
  EXPECT_EQ(archiveRootName("x.y.z.pt"), "x.y.z");
  EXPECT_EQ(archiveRootName("noext"), "noext");
  EXPECT_EQ(operatorVersionBump("aten::gelu"), 10);
  EXPECT_EQ(operatorVersionBump("aten::add"), 0);
}

}  // namespace
}  // namespace wick::archive
