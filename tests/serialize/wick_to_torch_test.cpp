// wick -> PyTorch: modules and functions wick traces or compiles are saved, loaded back by
// wick (the round trip must give the same results) and by PyTorch 1.13's torch.jit.load
// (tests/oracle/ser_check.py), which runs the same calls and compares with wick's results,
// including respect_mode modules switching between train and eval inside PyTorch and the
// parameters' requires_grad flags.
#include <map>

#include "serialize/zip_reader.h"
#include "wick/jit/compile.h"
#include "wick/jit/serialize.h"
#include "wick/jit/trace.h"
#include "wick/nn/nn.h"
#include "zoo_util.h"

namespace wick::testing {
namespace {

namespace nn = wick::nn;
using Calls = std::vector<std::tuple<std::string, std::optional<bool>, std::vector<IValue>>>;

struct CNNImpl : nn::Module {
  nn::Conv2d conv{nullptr};
  nn::BatchNorm2d bn{nullptr};
  nn::Sequential head{nullptr};
  CNNImpl() : nn::Module("CNN") {
    conv = register_module("conv", nn::Conv2d(nn::Conv2dOptions(3, 4, 3).padding(1)));
    bn = register_module("bn", nn::BatchNorm2d(4));
    head = register_module("head", nn::Sequential(nn::MaxPool2d(2), nn::AdaptiveAvgPool2d(1),
                                                  nn::Flatten(), nn::Linear(4, 3)));
  }
  Tensor forward(const Tensor& x) { return head(relu(bn(conv(x)))); }
};

struct FrozenImpl : nn::Module {
  nn::Linear fc{nullptr};
  FrozenImpl() : nn::Module("Frozen") {
    fc = register_module("fc", nn::Linear(3, 2));
    register_parameter("scale", ones({2}), /*requires_grad=*/false);
    register_buffer("shift", arange(2.0));
  }
  Tensor forward(const Tensor& x) {
    return fc(x) * named_parameters(false)["scale"] + named_buffers(false)["shift"];
  }
};

class WickToTorch : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = tempDir("wick_to_torch"); }

  // Saves, records wick's results on the original, and checks the wick -> wick round trip.
  void addModule(const std::string& name, jit::ScriptModule m, const Calls& calls,
                 const jit::ExtraFilesMap& extra = {}) {
    jit::save(m, path(name), extra);
    ZooCase c = record(
        calls, [&](const std::string& method, std::optional<bool> train, std::vector<IValue> in) {
          if (train) m.train(*train);
          return m.run_method(method, std::move(in));
        });
    for (const auto& [k, p] : m.named_parameters())
      c.requires_grad.emplace_back(k, p.requires_grad());
    finish(name, c);
  }

  void addFunction(const std::string& name, const jit::ScriptFunction& f, const Calls& calls) {
    jit::save(f, path(name));
    ZooCase c = record(calls, [&](const std::string&, std::optional<bool>, std::vector<IValue> in) {
      return f(std::move(in));
    });
    finish(name, c);
  }

  template <class Run>
  ZooCase record(const Calls& calls, Run run) {
    ZooCase c;
    for (const auto& [method, train, inputs] : calls) {
      c.calls.push_back(ZooCall{method, train, inputs, run(method, train, inputs)});
    }
    return c;
  }

  void finish(const std::string& name, const ZooCase& c) {
    writeZooCase(path(name) + ".io", c);
    std::rename((path(name) + ".io").c_str(), (dir_ + "/" + name + ".io.pt").c_str());
    jit::ScriptModule back = jit::load(path(name));
    EXPECT_EQ(runZooCase(back, c), "") << "wick -> wick round trip of " << name;
    names_.push_back(name);
  }

  std::string path(const std::string& name) const { return dir_ + "/" + name + ".pt"; }

  std::string dir_;
  std::vector<std::string> names_;
};

TEST_F(WickToTorch, ZooLoadsInPyTorch) {
  manual_seed(0);
  Tensor a = randn({3}), b = randn({3});
  addFunction("fn_tensor",
              jit::trace([](const Tensor& x, const Tensor& y) { return relu(x) + y * 2; }, {a, b}),
              {{"forward", {}, {randn({3}), randn({3})}}});
  addFunction(
      "fn_tuple",
      jit::trace(
          [](const Tensor& x, const Tensor& y) {
            return wick::tuple({x + y, IValue(std::vector<Tensor>{x * 2, y.sin()}), x.sum()});
          },
          {a, b}),
      {{"forward", {}, {randn({3}), randn({3})}}});
  addFunction("fn_dict",
              jit::trace(
                  [](const Tensor& x, const Tensor& y) {
                    return jit::dict({{"plus", x + y}, {"times", x * y}});
                  },
                  {a, b}, jit::TraceOptions{}.strict(false)),
              {{"forward", {}, {randn({3}), randn({3})}}});
  addFunction("fn_shapes",
              jit::trace(
                  [](const Tensor& x) {
                    return x.view({x.size(0), -1}) * 2;
                  },
                  {randn({4, 2, 3})}),
              {{"forward", {}, {randn({5, 2, 3})}}});
  addFunction("fn_versions",
              jit::trace([](const Tensor& x) { return gelu(div(x, 2)) + full({3}, 1.5); }, {a}),
              {{"forward", {}, {randn({3})}}});

  auto mlp = nn::Sequential(nn::Linear(4, 8), nn::ReLU(), nn::Dropout(0.0), nn::Linear(8, 2));
  addModule("mlp", jit::trace(mlp, {randn({3, 4})}),
            {{"forward", true, {randn({5, 4})}}, {"forward", false, {randn({5, 4})}}});
  auto cnn = std::make_shared<CNNImpl>();
  // Eval first (running statistics as initialised), then a train-mode call inside PyTorch.
  addModule("cnn_bn", jit::trace(cnn, {randn({2, 3, 8, 8})}),
            {{"forward", false, {randn({2, 3, 8, 8})}}, {"forward", true, {randn({2, 3, 8, 8})}}});
  addModule("frozen", jit::trace(std::make_shared<FrozenImpl>(), {randn({2, 3})}),
            {{"forward", false, {randn({2, 3})}}});
  addModule("lstm",
            jit::trace(nn::LSTM(nn::LSTMOptions(6, 8).num_layers(2).batch_first(true)),
                       {randn({2, 5, 6})}),
            {{"forward", false, {randn({2, 5, 6})}}});
  addModule("gru", jit::trace(nn::GRU(nn::GRUOptions(6, 8).batch_first(true)), {randn({2, 5, 6})}),
            {{"forward", false, {randn({2, 5, 6})}}});
  addModule("extra_files", jit::trace(nn::Linear(2, 2), {randn({1, 2})}),
            {{"forward", false, {randn({3, 2})}}}, {{"meta.txt", "hello"}, {"a/b.json", "{}"}});

  jit::CompilationUnit cu = jit::compile(
      "def helper(x: Tensor, k: int) -> Tensor:\n"
      "    return x * k\n"
      "def control(x: Tensor, n: int, name: str, o: Optional[int]) -> Tuple[Tensor, List[int], "
      "str]:\n"
      "    y = x\n"
      "    sizes: List[int] = []\n"
      "    for i in range(n):\n"
      "        y = helper(y, 2) + i\n"
      "        sizes.append(i)\n"
      "    k = 0\n"
      "    while k < 3:\n"
      "        k += 1\n"
      "        if bool(y.sum() > 100.0):\n"
      "            y = y - 1.0\n"
      "        else:\n"
      "            y = y + 0.5\n"
      "    if o is not None:\n"
      "        y = y * o\n"
      "    return y, sizes, name + '!'\n");
  addFunction("compiled_control", cu.get_function("control"),
              {{"forward", {}, {randn({3}), IValue(int64_t(3)), IValue("x"), IValue(int64_t(2))}},
               {"forward", {}, {randn({3}), IValue(int64_t(0)), IValue(""), IValue()}}});

  // with statements: torch.no_grad() (the library class travels in the archive) and a class
  // of the source, exits from inside the body.
  jit::CompilationUnit with_cu = jit::compile(
      "class Scale:\n"
      "    def __init__(self, k: float):\n"
      "        self.k = k\n"
      "    def __enter__(self) -> float:\n"
      "        return self.k\n"
      "    def __exit__(self, a: Any, b: Any, c: Any) -> None:\n"
      "        self.k = 0.0\n"
      "def scaled(x: Tensor, flag: bool) -> Tuple[Tensor, bool]:\n"
      "    with torch.no_grad(), Scale(2.0) as k:\n"
      "        inside = torch.is_grad_enabled()\n"
      "        if flag:\n"
      "            return x * k, inside\n"
      "        y = x + k\n"
      "    return y, inside\n");
  addFunction(
      "compiled_with", with_cu.get_function("scaled"),
      {{"forward", {}, {randn({3}), IValue(true)}}, {"forward", {}, {randn({3}), IValue(false)}}});

  // Union types: annotations, isinstance refinement, a union-typed if and list.
  jit::CompilationUnit union_cu = jit::compile(
      "def describe(x: Union[int, str, List[int]], o: Optional[Union[int, float]]) -> "
      "Tuple[Union[int, str], List[Union[int, str]]]:\n"
      "    out: List[Union[int, str]] = []\n"
      "    r: Union[int, str] = 0\n"
      "    if isinstance(x, int):\n"
      "        out.append(x * 2)\n"
      "        r = x\n"
      "    elif isinstance(x, str):\n"
      "        out.append(x + '!')\n"
      "        r = len(x)\n"
      "    else:\n"
      "        for v in x:\n"
      "            out.append(v)\n"
      "        r = 'list'\n"
      "    if o is not None and isinstance(o, float):\n"
      "        out.append(str(o))\n"
      "    return r, out\n");
  addFunction("compiled_union", union_cu.get_function("describe"),
              {{"forward", {}, {IValue(int64_t(3)), IValue(2.5)}},
               {"forward", {}, {IValue("ab"), IValue()}},
               {"forward", {}, {IValue(std::vector<int64_t>{4, 5}), IValue(int64_t(1))}}});

  // Enum classes: printed as `class Color(Enum)` in the code, members as constants and in a
  // list constant, .name/.value of int, str and float enums, ==, iteration over the class.
  jit::CompilationUnit enum_cu = jit::compile(
      "class Color(Enum):\n"
      "    RED = 1\n"
      "    GREEN = 2\n"
      "    BLUE = 4\n"
      "class Unit(Enum):\n"
      "    CM = 'cm'\n"
      "    M = 'm'\n"
      "class Ratio(Enum):\n"
      "    HALF = 0.5\n"
      "    TWICE = 2.0\n"
      "def weight(c: Color, r: Ratio) -> float:\n"
      "    if c != Color.RED:\n"
      "        return c.value * r.value\n"
      "    return r.value\n"
      "def paint(x: Tensor, k: int) -> Tuple[Tensor, str, List[int]]:\n"
      "    palette = [Color.RED, Color.GREEN, Color.BLUE]\n"
      "    c = palette[k]\n"
      "    if c == Color.GREEN:\n"
      "        x = x * 2\n"
      "    seen: List[int] = []\n"
      "    for e in Color:\n"
      "        seen.append(e.value)\n"
      "    return x * weight(c, Ratio.HALF), c.name + '/' + Unit.M.value, seen\n");
  addFunction("compiled_enums", enum_cu.get_function("paint"),
              {{"forward", {}, {randn({3}), IValue(int64_t(0))}},
               {"forward", {}, {randn({3}), IValue(int64_t(1))}},
               {"forward", {}, {randn({2}), IValue(int64_t(2))}}});
  // A module holding enum members as attributes: pickled as the class called on the value.
  jit::ScriptModule with_enum = jit::trace(nn::Linear(2, 2), {randn({1, 2})});
  with_enum.setattr("color", enum_cu.enum_member("Color", "BLUE"));
  with_enum.setattr("unit", enum_cu.enum_member("__torch__.Unit", "CM"));
  addModule("module_enum_attrs", with_enum, {{"forward", {}, {randn({3, 2})}}});
  jit::ScriptModule back = jit::load(path("module_enum_attrs"));
  EXPECT_EQ(back.attr("color"), enum_cu.enum_member("Color", "BLUE"));
  EXPECT_EQ(back.attr("unit").toEnum().name(), "CM");
  EXPECT_EQ(back.attr("unit").toEnum().value(), IValue("cm"));

  std::vector<std::string> args{dir_};
  args.insert(args.end(), names_.begin(), names_.end());
  std::string out = runPython("ser_check.py", args);
  for (const std::string& name : names_) {
    EXPECT_NE(out.find(name + ": ok\n"), std::string::npos) << out;
  }
}

TEST_F(WickToTorch, VersionRecordFollowsTheOpsUsed) {
  auto plain = jit::trace([](const Tensor& x) { return x + 1; }, {randn({2})});
  auto divides = jit::trace([](const Tensor& x) { return div(x, 2); }, {randn({2})});
  auto gelus = jit::trace([](const Tensor& x) { return gelu(x); }, {randn({2})});
  auto record = [](const std::string& bytes, const char* name) {
    archive::ZipReader zip(archive::ByteSource::copyOf(bytes));
    return zip.hasRecord(name) ? std::string(zip.getRecord(name).view()) : "(none)";
  };
  EXPECT_EQ(record(jit::serialize(plain), "version"), "3\n");
  EXPECT_EQ(record(jit::serialize(divides), "version"), "4\n");
  EXPECT_EQ(record(jit::serialize(gelus), ".data/version"), "10\n");
  EXPECT_EQ(record(jit::serialize(gelus), "version"), "(none)");
}

}  // namespace
}  // namespace wick::testing
