// bench/compare [FILTER]: runs the benchmark cases whose name contains FILTER in wick
// (in-process) and in PyTorch 1.13 (one run of torch_cases.py), and prints a header and one
// tab-separated line per case: case, wick_ms, torch_ms, speedup (torch_ms / wick_ms), from
// the medians of repeated calls. When the sgemm 1024³ cases run, stderr gets their GFLOPS as
// a share of the measured FMA peak (peak.cpp), the measure of the sgemm target. PyTorch runs at its
// best on this machine: on AVX-512 CPUs OpenBLAS is told the core type it fails to detect
// (spec/cpu-kernels.md).
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench.h"
#include "ops/parallel.h"
#include "peak.h"

namespace wick::bench {

const std::vector<BenchCase>& allCases() {
  static const std::vector<BenchCase> cases = {
#define WICK_BENCH(NAME, SETUP, THREADS) {NAME, &SETUP, THREADS},
#include "cases.def"
#undef WICK_BENCH
  };
  return cases;
}

Tensor uniformTensor(int64_t n, float lo, float hi, uint64_t seed) {
  Tensor t = emptyTensor(std::vector<int64_t>{n}, kFloat);
  float* p = t.data_ptr<float>();
  uint64_t s = seed * 0x9E3779B97F4A7C15ull + 1;
  for (int64_t i = 0; i < n; ++i) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    p[i] = lo + (hi - lo) * static_cast<float>(s >> 40) / static_cast<float>(1 << 24);
  }
  return t;
}

namespace {

// Median milliseconds per call: a few warm-up calls, then calls until ~0.3 s have passed
// (at least 10, at most 2000).
double medianMs(const Work& work) {
  for (int i = 0; i < 3; ++i) work();
  std::vector<double> ms;
  double total = 0;
  while ((total < 300 || ms.size() < 10) && ms.size() < 2000) {
    auto start = std::chrono::steady_clock::now();
    work();
    double t =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ms.push_back(t);
    total += t;
  }
  std::nth_element(ms.begin(), ms.begin() + ms.size() / 2, ms.end());
  return ms[ms.size() / 2];
}

bool hasAvx512() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("flags", 0) == 0) return line.find(" avx512f") != std::string::npos;
  }
  return false;
}

std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs torch_cases.py for the named cases; returns case name -> median ms.
std::map<std::string, double> torchTimes(const std::vector<std::string>& names) {
  std::string cmd = hasAvx512() ? "OPENBLAS_CORETYPE=SkylakeX " : "";
  cmd +=
      std::string(WICK_PYTHON) + " " + shellQuote(std::string(WICK_BENCH_DIR) + "/torch_cases.py");
  for (const std::string& n : names) cmd += " " + shellQuote(n);
  std::map<std::string, double> times;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return times;
  std::array<char, 512> buf;
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) {
    std::istringstream line(buf.data());
    std::string name, ms;
    if (std::getline(line, name, '\t') && std::getline(line, ms) && ms != "-") {
      times[name] = std::stod(ms);
    }
  }
  if (pclose(pipe) != 0) std::cerr << "compare: torch_cases.py failed\n";
  return times;
}

}  // namespace
}  // namespace wick::bench

int main(int argc, char** argv) {
  using namespace wick::bench;
  std::string filter = argc > 1 ? argv[1] : "";
  std::vector<const BenchCase*> selected;
  for (const BenchCase& c : allCases()) {
    if (c.name.find(filter) != std::string::npos) selected.push_back(&c);
  }
  if (selected.empty()) {
    std::cerr << "compare: no case matches '" << filter << "'\n";
    return 1;
  }
  std::vector<double> wick_ms;
  std::vector<std::string> names;
  for (const BenchCase* c : selected) {
    wick::setNumThreads(c->threads);
    wick_ms.push_back(medianMs(c->setup()));
    names.push_back(c->name);
  }
  std::map<std::string, double> torch_ms = torchTimes(names);
  std::printf("case\twick_ms\ttorch_ms\tspeedup\n");
  for (size_t i = 0; i < selected.size(); ++i) {
    auto it = torch_ms.find(names[i]);
    if (it == torch_ms.end()) {
      std::printf("%s\t%.4f\t-\t-\n", names[i].c_str(), wick_ms[i]);
    } else {
      std::printf("%s\t%.4f\t%.4f\t%.2f\n", names[i].c_str(), wick_ms[i], it->second,
                  it->second / wick_ms[i]);
    }
  }
  std::fflush(stdout);
  for (size_t i = 0; i < selected.size(); ++i) {
    if (names[i].rfind("kernel/sgemm_1024_t", 0) != 0) continue;
    double gflops = 2.0 * 1024 * 1024 * 1024 / (wick_ms[i] * 1e6);
    double peak = fmaPeakGflops(selected[i]->threads);
    std::fprintf(stderr, "%s: %.1f GFLOPS, %.0f%% of the measured FMA peak (%.1f GFLOPS)\n",
                 names[i].c_str(), gflops, 100 * gflops / peak, peak);
  }
  return 0;
}
