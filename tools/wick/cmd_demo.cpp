// `wick demo`: a short tour of the mission using only what ships with wick — build a CNN,
// trace it, run it on a new batch size, see the tracer warn and check_trace catch a bad
// trace, switch train/eval, compile TorchScript, save, load, and (when PyTorch is installed)
// run the saved archive in PyTorch.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "npy.h"
#include "wick/jit/compile.h"
#include "wick/jit/serialize.h"
#include "wick/jit/trace.h"
#include "wick/wick.h"

namespace wick::cli {
namespace {

namespace fs = std::filesystem;

// The demo's model: conv → batch norm → relu → pool → global average → linear.
struct SmallCnnImpl : nn::Module {
  nn::Conv2d conv{nullptr};
  nn::BatchNorm2d bn{nullptr};
  nn::MaxPool2d pool{nullptr};
  nn::Linear fc{nullptr};

  SmallCnnImpl() : nn::Module("SmallCnn") {
    conv = register_module("conv", nn::Conv2d(nn::Conv2dOptions(3, 8, 3).padding(1)));
    bn = register_module("bn", nn::BatchNorm2d(8));
    pool = register_module("pool", nn::MaxPool2d(nn::MaxPool2dOptions(2)));
    fc = register_module("fc", nn::Linear(8, 4));
  }
  Tensor forward(const Tensor& x) {
    Tensor h = pool(relu(bn(conv(x))));
    return fc(h.mean({2, 3}));
  }
};
WICK_MODULE(SmallCnn);

void section(int n, const std::string& title) {
  size_t rule = title.size() < 64 ? 70 - title.size() : 6;
  std::cout << "\n== " << n << ". " << title << " " << std::string(rule, '=') << "\n\n";
}

double maxAbsDiff(const Tensor& a, const Tensor& b) { return (a - b).abs().max().item<double>(); }

// Prints warnings as they arrive instead of once per call site, so the demo shows them.
class DemoWarnings {
 public:
  DemoWarnings() {
    previous_ = setWarningHandler(
        [](const Warning& w) { std::cout << "  warning: " << formatWarning(w) << "\n"; });
  }
  ~DemoWarnings() { setWarningHandler(previous_); }

 private:
  WarningHandler previous_;
};

void traceAndRun(SmallCnn& net, jit::ScriptModule& traced) {
  section(1, "Build a small CNN");
  std::cout << net->repr() << "\n";

  section(2, "Trace it on a batch of 2 (eval mode) and print the graph");
  net->eval();
  traced = jit::trace(net, {randn({2, 3, 16, 16})});
  std::cout << "methods: ";
  for (const auto& m : traced.method_names()) std::cout << m << " ";
  std::cout << "\n\nforward in eval mode calls:\n" << traced.graph() << "\n";
  std::cout << "the conv submodule's eval graph:\n"
            << traced.submodule("conv").graph("evalforward") << "\n";

  section(3, "Run the trace on a new batch size");
  Tensor x = randn({5, 3, 20, 20});
  Tensor got = traced.forward({x}).toTensor();
  Tensor want = net->forward(x);
  std::cout << "input " << x.sizes() << " -> output " << got.sizes()
            << ", max |traced - eager| = " << maxAbsDiff(got, want) << "\n";
}

void tracerWarnings() {
  section(4, "Data-dependent code: the tracer warns, check_trace catches it");
  auto signFlip = [](const Tensor& x) {
    // A C++ branch on a tensor's value: the trace records only the branch taken.
    if (x.sum().item<double>() > 0) return x * 2;
    return -x;
  };
  DemoWarnings warnings;
  jit::ScriptFunction f = jit::trace(signFlip, {ones({3})}, jit::TraceOptions().check_trace(false));
  std::cout << "\ntraced graph (only the positive branch):\n" << f.graph() << "\n";
  try {
    jit::trace(signFlip, {ones({3})},
               jit::TraceOptions().check_inputs({{ones({3})}, {-ones({3})}}));
  } catch (const jit::TracingCheckError& e) {
    // The report ends with both graphs in full; its head shows the first diverging node.
    std::istringstream msg(e.what());
    std::cout << "check_trace with check_inputs = {ones, -ones} fails:\n";
    std::string line;
    for (int i = 0; i < 12 && std::getline(msg, line); ++i) std::cout << "  " << line << "\n";
    std::cout << "  ...\n";
  }
}

void respectMode(SmallCnn& net, jit::ScriptModule& traced) {
  section(5, "Train and eval mode (respect_mode)");
  Tensor x = randn({4, 3, 8, 8});
  traced.train();
  Tensor train_out = traced.forward({x}).toTensor();
  net->train();
  Tensor eager_train = net->forward(x);
  traced.eval();
  net->eval();
  Tensor eval_out = traced.forward({x}).toTensor();
  std::cout << "forward dispatches on `training`: trainforward uses batch statistics,\n"
            << "evalforward the running statistics.\n"
            << "  train: max |traced - eager| = " << maxAbsDiff(train_out, eager_train) << "\n"
            << "  eval:  max |traced - eager| = " << maxAbsDiff(eval_out, net->forward(x)) << "\n"
            << "  max |train - eval|          = " << maxAbsDiff(train_out, eval_out) << "\n";
}

void compileScript() {
  section(6, "Compile TorchScript with a loop");
  const char* source = R"(
def power_sum(x: Tensor, n: int) -> Tensor:
    acc = torch.zeros_like(x)
    for i in range(n):
        acc = acc + x ** (i + 1)
    return acc
)";
  std::cout << source << "\n";
  jit::CompilationUnit cu = jit::compile(source);
  Tensor x = arange(4, DType::Float);
  Tensor y = cu.run("power_sum", {x, IValue(int64_t{3})}).toTensor();
  std::cout << "power_sum(" << x.sizes() << " arange, 3) =\n" << y << "\n";
  std::cout << "its graph:\n" << cu.get_function("power_sum").graph() << "\n";
}

// Runs the archive in PyTorch when /usr/bin/python3 has torch; returns the report line.
std::string compareWithPyTorch(const fs::path& archive, const fs::path& dir, const Tensor& x,
                               const Tensor& want) {
  const char* python = "/usr/bin/python3";
  if (!fs::exists(python)) return "PyTorch comparison skipped: /usr/bin/python3 not found";
  writeNpy((dir / "x.npy").string(), x);
  std::ofstream script(dir / "check.py");
  script << "import sys\n"
            "try:\n    import torch, numpy\nexcept ImportError:\n    sys.exit(3)\n"
            "m = torch.jit.load(sys.argv[1])\nm.eval()\n"
            "x = torch.from_numpy(numpy.load(sys.argv[2]))\n"
            "numpy.save(sys.argv[3], m(x).detach().numpy())\n"
            "print('torch', torch.__version__)\n";
  script.close();
  std::string cmd = std::string(python) + " " + (dir / "check.py").string() + " " +
                    archive.string() + " " + (dir / "x.npy").string() + " " +
                    (dir / "y.npy").string() + " > " + (dir / "log.txt").string() + " 2>&1";
  int rc = std::system(cmd.c_str());
  if (WIFEXITED(rc) && WEXITSTATUS(rc) == 3)
    return "PyTorch comparison skipped: torch not installed";
  if (rc != 0) {
    std::ifstream log(dir / "log.txt");
    std::stringstream text;
    text << log.rdbuf();
    return "PyTorch failed to run the archive:\n" + text.str();
  }
  Tensor got = readNpy((dir / "y.npy").string());
  std::ifstream log(dir / "log.txt");
  std::string version;
  std::getline(log, version);
  std::ostringstream out;
  out << version
      << " loaded the archive with torch.jit.load: max |torch - wick| = " << maxAbsDiff(got, want);
  return out.str();
}

void saveAndLoad(const jit::ScriptModule& traced) {
  section(7, "Save, load back, and run in PyTorch");
  fs::path dir = fs::temp_directory_path() / ("wick-demo-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path archive = dir / "small_cnn.pt";
  jit::save(traced, archive.string());
  std::cout << "saved " << archive.string() << " (" << fs::file_size(archive) << " bytes)\n";
  jit::ScriptModule loaded = jit::load(archive.string());
  loaded.eval();
  Tensor x = randn({3, 3, 12, 12});
  Tensor want = traced.forward({x}).toTensor();
  std::cout << "loaded back: max |loaded - traced| = "
            << maxAbsDiff(loaded.forward({x}).toTensor(), want) << "\n";
  std::cout << compareWithPyTorch(archive, dir, x, want) << "\n";
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

void runDemo() {
  manual_seed(0);
  SmallCnn net;
  jit::ScriptModule traced;
  traceAndRun(net, traced);
  tracerWarnings();
  respectMode(net, traced);
  compileScript();
  traced.eval();
  saveAndLoad(traced);
  std::cout << "\nNext: docs/guide.md, and `wick --help` for graph, code, run and bench.\n";
}

}  // namespace

void addDemoCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("demo", "A short tour: trace, check, compile, save, load");
  cmd->callback(runDemo);
}

}  // namespace wick::cli
