// The `wick` command line, run as a user would: the demo, running a PyTorch-saved archive on
// .npy inputs, TorchScript source files, graph/info/code/ops/bench, Graphviz output, and one
// clear line on stderr with exit status 1 for every kind of bad input.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "testing/testing.h"

namespace wick::testing {
namespace {

namespace fs = std::filesystem;

const std::string kWick = WICK_CLI;

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

struct WickRun {
  int status;
  std::string out, err;
};

// Runs `wick <args>`; stderr goes to its own file so tests can check it is one line.
WickRun wick(const std::string& args) {
  static int n = 0;
  std::string err_file = tempDir("cli_stderr") + "/" + std::to_string(n++) + ".txt";
  auto [status, out] = runCommand("{ " + kWick + " " + args + " 2>" + err_file + "; }");
  return {status, out, readFile(err_file)};
}

// The PyTorch-made archives and arrays, written once for all tests.
const std::string& models() {
  static const std::string dir = [] {
    std::string d = tempDir("cli_models");
    runPython("cli_models.py", {d});
    return d;
  }();
  return dir;
}

double maxDiff(const std::string& a, const std::string& b) {
  std::string out = runPython("cli_models.py", {"--compare", a, b});
  EXPECT_TRUE(out.rfind("maxdiff ", 0) == 0) << out;
  return out.rfind("maxdiff ", 0) == 0 ? std::stod(out.substr(8)) : 1e9;
}

void writeFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(Cli, DemoRunsTheWholeTour) {
  WickRun r = wick("demo");
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  for (const char* part : {"aten::_convolution", "prim::CallMethod[name=\"evalforward\"]",
                           "TracerWarning", "Graphs differed across invocations!", "trainforward",
                           "prim::Loop", "loaded back: max |loaded - traced| = 0"}) {
    EXPECT_TRUE(contains(r.out, part)) << part << "\n" << r.out;
  }
  // With PyTorch on the machine (the oracle), the demo runs its archive there too.
  size_t at = r.out.find("torch.jit.load: max |torch - wick| = ");
  ASSERT_NE(at, std::string::npos) << r.out;
  EXPECT_LT(std::stod(r.out.substr(at + 37)), 1e-4) << r.out;
}

TEST(Cli, RunsAPyTorchArchiveOnNpyInputs) {
  std::string out = tempDir("cli_run");
  WickRun r = wick("run " + models() + "/cnn.pt -i " + models() + "/x.npy -o " + out);
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_LT(maxDiff(models() + "/y.npy", out + "/out_0.npy"), 1e-5);
  WickRun json = wick("run " + models() + "/cnn.pt -i randn:5x3x9x9 --json");
  ASSERT_EQ(json.status, 0) << json.err;
  EXPECT_TRUE(contains(json.out, "\"name\": \"out_0\", \"dtype\": \"float32\", \"shape\": [5, 2]"))
      << json.out;
}

TEST(Cli, RunsScriptedArchivesAndSourceFiles) {
  WickRun r = wick("run " + models() + "/scripted.pt -i randn:2x2 -i int:3 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "\"shape\": [2, 2]")) << r.out;
  std::string dir = tempDir("cli_source");
  writeFile(dir + "/prog.py",
            "def scale(x: Tensor, k: float) -> Tensor:\n"
            "    return x * k\n\n"
            "def describe(n: int, name: str) -> str:\n"
            "    return name + str(n)\n");
  WickRun s = wick("run " + dir + "/prog.py --method describe -i int:7 -i str:abc");
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_TRUE(contains(s.out, "abc7")) << s.out;
  WickRun t =
      wick("run " + dir + "/prog.py --method scale -i " + models() + "/x.npy -i float:2 -o " + dir);
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_TRUE(fs::exists(dir + "/out_0.npy"));
}

// .npy in and out for every dtype NumPy shares with wick (bfloat16 has no NumPy dtype):
// an identity function returns each array unchanged; Fortran-order and big-endian arrays
// are converted on reading.
TEST(Cli, NpyRoundTripsEveryDtype) {
  std::string dir = tempDir("cli_npy");
  writeFile(dir + "/identity.py", "def same(x: Tensor) -> Tensor:\n    return x\n");
  std::istringstream names(runPython("cli_models.py", {"--npy-zoo", dir}));
  int n = 0;
  for (std::string name; std::getline(names, name); ++n) {
    std::string out = dir + "/out_" + name;
    WickRun r = wick("run " + dir + "/identity.py -i " + dir + "/" + name + ".npy -o " + out);
    ASSERT_EQ(r.status, 0) << name << ": " << r.err;
    std::string same =
        runPython("cli_models.py", {"--same", dir + "/" + name + ".npy", out + "/out_0.npy"});
    EXPECT_EQ(same, "same\n") << name;
  }
  EXPECT_EQ(n, 13);
}

TEST(Cli, InspectsArchives) {
  WickRun info = wick("info " + models() + "/cnn.pt");
  ASSERT_EQ(info.status, 0) << info.err;
  EXPECT_TRUE(contains(info.out, "forward")) << info.out;
  EXPECT_TRUE(contains(info.out, "parameters: 6 tensors")) << info.out;
  WickRun graph = wick("graph " + models() + "/cnn.pt");
  ASSERT_EQ(graph.status, 0) << graph.err;
  EXPECT_TRUE(contains(graph.out, "prim::CallMethod[name=\"forward\"]")) << graph.out;
  WickRun inlined = wick("graph --inlined " + models() + "/cnn.pt");
  ASSERT_EQ(inlined.status, 0) << inlined.err;
  EXPECT_TRUE(contains(inlined.out, "aten::_convolution")) << inlined.out;
  WickRun code = wick("code " + models() + "/cnn.pt");
  ASSERT_EQ(code.status, 0) << code.err;
  EXPECT_TRUE(contains(code.out, "def forward(self")) << code.out;
  WickRun ops = wick("ops relu");
  ASSERT_EQ(ops.status, 0) << ops.err;
  EXPECT_TRUE(contains(ops.out, "aten::relu(Tensor self) -> Tensor")) << ops.out;
}

TEST(Cli, GraphvizOutputRenders) {
  std::string dir = tempDir("cli_dot");
  WickRun dot = wick("graph --format dot --inlined " + models() + "/cnn.pt");
  ASSERT_EQ(dot.status, 0) << dot.err;
  EXPECT_TRUE(contains(dot.out, "digraph")) << dot.out;
  EXPECT_TRUE(contains(dot.out, "aten::_convolution")) << dot.out;
  auto [status, out] = runCommand(kWick + " graph --format dot " + models() +
                                  "/cnn.pt | dot -Tpng -o " + dir + "/g.png");
  ASSERT_EQ(status, 0) << out;
  std::string png = readFile(dir + "/g.png");
  EXPECT_EQ(png.substr(1, 3), "PNG");
}

TEST(Cli, BenchReportsTimesAndMemory) {
  WickRun b = wick("bench " + models() + "/cnn.pt -i " + models() + "/x.npy --iters 5 --warmup 1");
  ASSERT_EQ(b.status, 0) << b.err;
  for (const char* part : {"min: ", "median: ", "p90: ", "throughput: ", "peak memory: "}) {
    EXPECT_TRUE(contains(b.out, part)) << part << "\n" << b.out;
  }
}

// Every failure: exit status 1 and exactly one line on stderr that names the problem.
void expectOneLineError(const std::string& args, const std::string& part) {
  WickRun r = wick(args);
  EXPECT_EQ(r.status, 1) << args << "\n" << r.out << r.err;
  EXPECT_TRUE(contains(r.err, part)) << args << ": " << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
}

TEST(Cli, BadInputsGiveOneLineErrors) {
  std::string dir = tempDir("cli_errors");
  writeFile(dir + "/not_an_archive.pt", "hello, this is not a zip file");
  writeFile(dir + "/bad.npy", "\x93NUMPY\x01\x00garbage");
  const std::string cnn = models() + "/cnn.pt";
  expectOneLineError("run " + dir + "/missing.pt", "missing.pt");
  expectOneLineError("run " + dir + "/not_an_archive.pt -i randn:1", "not_an_archive.pt");
  expectOneLineError("run " + cnn + " --method nope -i randn:1x3x8x8", "nope");
  expectOneLineError("run " + cnn, "forward() is missing value for argument 'input'");
  expectOneLineError("run " + cnn + " -i randn:1x3x8x8 -i randn:2",
                     "forward() expected at most 1 argument(s) but received 2");
  expectOneLineError("run " + cnn + " -i int:3",
                     "Expected a value of type 'Tensor' for argument 'input'");
  expectOneLineError("run " + cnn + " -i " + dir + "/bad.npy", "bad.npy");
  expectOneLineError("run " + cnn + " -i " + dir + "/absent.npy", "absent.npy");
  expectOneLineError("run " + cnn + " -i what:1", "what:1");
  expectOneLineError("graph " + cnn + " --format svg", "svg");
}

TEST(Cli, EverySubcommandHasHelp) {
  for (const char* sub : {"info", "graph", "code", "run", "bench", "ops", "demo"}) {
    WickRun r = wick(std::string(sub) + " --help");
    EXPECT_EQ(r.status, 0) << sub;
    EXPECT_TRUE(contains(r.out, "Usage")) << sub << ": " << r.out;
  }
}

}  // namespace
}  // namespace wick::testing
