// bench/compare's load/ cases: loading TorchScript archives PyTorch wrote (ser_archives.py
// makes them), until the module is ready to run; PyTorch's side times torch.jit.load.
#include <array>
#include <cstdio>
#include <stdexcept>

#include "bench.h"

namespace wick::bench {

namespace {

// Runs ser_archives.py, which writes the archive if needed and prints its path.
std::string archivePath() {
  std::string cmd = std::string(WICK_PYTHON) + " '" + WICK_BENCH_DIR + "/ser_archives.py'";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + cmd);
  std::string out;
  std::array<char, 512> buf;
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  if (pclose(pipe) != 0 || out.empty()) throw std::runtime_error(cmd + " failed");
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace

Work benchLoadResnet18() {
  std::string path = archivePath();
  return [path] { (void)jit::load(path); };
}

}  // namespace wick::bench
