// `wick run` and `wick bench`: run a method on inputs given on the command line.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>

#include "commands.h"
#include "program.h"
#include "values.h"
#include "wick/core/threads.h"

namespace wick::cli {

namespace {

struct RunArgs {
  std::string path;
  std::string method;
  std::vector<std::string> inputs;
  std::string outdir;
  bool json = false;
  int threads = 0;
  int iters = 20;
  int warmup = 3;
};

std::vector<IValue> parseInputs(const std::vector<std::string>& specs) {
  std::vector<IValue> out;
  for (size_t i = 0; i < specs.size(); ++i) out.push_back(parseInput(specs[i], i));
  return out;
}

std::string jsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

void printJson(const IValue& result, double ms) {
  std::cout << "{\"time_ms\": " << ms << ", \"outputs\": [";
  bool first = true;
  std::function<void(const std::string&, const IValue&)> leaf = [&](const std::string& name,
                                                                    const IValue& v) {
    if (v.isTuple() || v.isList()) {
      const auto& e = v.isTuple() ? v.toTuple().elems : v.toList().elems;
      for (size_t i = 0; i < e.size(); ++i) leaf(name + "_" + std::to_string(i), e[i]);
      return;
    }
    std::cout << (first ? "" : ", ") << "{\"name\": \"" << name << "\", ";
    first = false;
    if (v.isTensor()) {
      const Tensor& t = v.toTensor();
      std::cout << "\"dtype\": \"" << pythonName(t.dtype()) << "\", \"shape\": [";
      IntArrayRef s = t.impl()->sizes();
      for (size_t i = 0; i < s.size(); ++i) std::cout << (i ? ", " : "") << s[i];
      std::cout << "]}";
    } else {
      std::cout << "\"type\": \"" << jsonEscape(v.typeName()) << "\", \"value\": \""
                << jsonEscape(describe(v)) << "\"}";
    }
  };
  if (result.isTuple() || result.isList()) {
    const auto& e = result.isTuple() ? result.toTuple().elems : result.toList().elems;
    for (size_t i = 0; i < e.size(); ++i) leaf("out_" + std::to_string(i), e[i]);
  } else {
    leaf("out_0", result);
  }
  std::cout << "]}\n";
}

void run(const RunArgs& a) {
  Program p = Program::load(a.path);
  std::string method = a.method.empty() ? p.defaultMethod() : a.method;
  std::vector<IValue> inputs = parseInputs(a.inputs);
  if (a.threads > 0) set_num_threads(a.threads);
  auto start = std::chrono::steady_clock::now();
  IValue result = p.run(method, inputs);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (a.json) {
    printJson(result, ms);
  } else if (!a.outdir.empty()) {
    writeOutputs(result, a.outdir, std::cout);
  } else {
    describeOutputs(result, std::cout);
  }
}

double peakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void bench(const RunArgs& a) {
  WICK_CHECK(a.iters > 0, "--iters must be positive");
  WICK_CHECK(a.warmup >= 0, "--warmup must not be negative");
  Program p = Program::load(a.path);
  std::string method = a.method.empty() ? p.defaultMethod() : a.method;
  std::vector<IValue> inputs = parseInputs(a.inputs);
  if (a.threads > 0) set_num_threads(a.threads);
  for (int i = 0; i < a.warmup; ++i) p.run(method, inputs);
  bool tty = isatty(STDERR_FILENO) != 0;
  std::vector<double> times;
  auto begin = std::chrono::steady_clock::now();
  for (int i = 0; i < a.iters; ++i) {
    auto s = std::chrono::steady_clock::now();
    p.run(method, inputs);
    auto e = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::milli>(e - s).count());
    double elapsed = std::chrono::duration<double>(e - begin).count();
    if (tty && elapsed > 1.0) {
      std::cerr << "\r  " << (i + 1) << "/" << a.iters << " iterations" << std::flush;
    }
  }
  if (tty &&
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count() > 1.0) {
    std::cerr << "\r" << std::string(40, ' ') << "\r";
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  auto pct = [&](double q) {
    return sorted[std::min(sorted.size() - 1, static_cast<size_t>(q * sorted.size()))];
  };
  double median = pct(0.5);
  std::cout << std::fixed << std::setprecision(3) << "method: " << method << "\n"
            << "threads: " << get_num_threads() << "\n"
            << "iterations: " << a.iters << " (warm-up " << a.warmup << ")\n"
            << "min: " << sorted.front() << " ms\n"
            << "median: " << median << " ms\n"
            << "p90: " << pct(0.9) << " ms\n"
            << "throughput: " << std::setprecision(1) << 1000.0 / median << " calls/s\n"
            << "peak memory: " << peakRssMiB() << " MiB\n";
}

}  // namespace

void addRunCommands(CLI::App& app) {
  auto r = std::make_shared<RunArgs>();
  auto* run_cmd =
      app.add_subcommand("run", "Run a method of an archive or a TorchScript source file");
  run_cmd->add_option("model", r->path, "A TorchScript archive (.pt) or source file (.py)")
      ->required();
  run_cmd->add_option("--method,-m", r->method, "The method or function to run (default: forward)");
  run_cmd->add_option("-i,--input", r->inputs,
                      "An input: a .npy file, int:5, float:0.5, bool:true, str:hello, none, or "
                      "randn:1x3x224x224");
  run_cmd->add_option("-o,--output-dir", r->outdir, "Write each output as out_<k>.npy here");
  run_cmd->add_flag("--json", r->json, "Print a JSON summary of the outputs");
  run_cmd->add_option("--threads", r->threads, "Threads for each op (default: all cores)");
  run_cmd->callback([r] { run(*r); });

  auto b = std::make_shared<RunArgs>();
  auto* bench_cmd = app.add_subcommand("bench", "Time a method: min/median/p90 and throughput");
  bench_cmd->add_option("model", b->path, "A TorchScript archive (.pt) or source file (.py)")
      ->required();
  bench_cmd->add_option("--method,-m", b->method, "The method or function (default: forward)");
  bench_cmd->add_option("-i,--input", b->inputs, "Inputs, as for `wick run`");
  bench_cmd->add_option("--threads", b->threads, "Threads for each op (default: all cores)");
  bench_cmd->add_option("--iters", b->iters, "Timed iterations (default: 20)");
  bench_cmd->add_option("--warmup", b->warmup, "Untimed iterations first (default: 3)");
  bench_cmd->callback([b] { bench(*b); });
}

}  // namespace wick::cli
