#include "testing/testing.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace wick::testing {

std::string tempDir(const std::string& name) {
  const char* base = std::getenv("WICK_TEST_TMP");
  std::filesystem::path dir = std::filesystem::path(base ? base : "/tmp/wick_tests") / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string sourcePath(const std::string& relative) {
  return std::string(WICK_SOURCE_DIR) + "/" + relative;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::pair<int, std::string> runCommand(const std::string& cmd) {
  std::string full = cmd + " 2>&1";
  FILE* pipe = popen(full.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run: " + cmd);
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

namespace {
std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}
}  // namespace

std::string runPython(const std::string& script, const std::vector<std::string>& args) {
  std::string cmd =
      std::string(WICK_PYTHON) + " " + shellQuote(sourcePath("tests/oracle/" + script));
  for (const auto& a : args) cmd += " " + shellQuote(a);
  std::string err_file = tempDir("python_stderr") + "/stderr.txt";
  cmd += " 2>" + shellQuote(err_file);
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run: " + cmd);
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  int status = pclose(pipe);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string err;
    try {
      err = readFile(err_file);
    } catch (...) {
    }
    throw std::runtime_error("oracle script " + script + " failed: " + err);
  }
  return out;
}

::testing::AssertionResult allClose(const Tensor& actual, const Tensor& expected, double rtol,
                                    double atol) {
  if (actual.dtype() != expected.dtype()) {
    return ::testing::AssertionFailure()
           << "dtype differs: " << actual.dtype() << " vs " << expected.dtype();
  }
  if (!(actual.sizes() == expected.sizes())) {
    return ::testing::AssertionFailure()
           << "shape differs: " << actual.sizes() << " vs " << expected.sizes();
  }
  std::vector<double> a = actual.to_vector<double>();
  std::vector<double> e = expected.to_vector<double>();
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) && std::isnan(e[i])) continue;
    if (a[i] == e[i]) continue;
    if (!(std::abs(a[i] - e[i]) <= atol + rtol * std::abs(e[i]))) {
      return ::testing::AssertionFailure()
             << "element " << i << " differs: " << a[i] << " vs expected " << e[i];
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace wick::testing
