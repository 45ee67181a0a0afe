// IR test files (tests/ir/*.ir, tests/passes/*.ir): graph text with directives on lines that
// start with '#':
//
//   # RUN: dce, cse            passes to run, in order (tests/passes)
//   # ALLOW-UNRESOLVED         made-up op kinds are allowed (parser and verifier)
//   # UNCHANGED                every pass must report that it changed nothing
//   # EXPECT-ERROR: text       parsing (or a pass, or the verifier) fails with this message
//   # CHECK...: pattern        FileCheck directives, matched against the printed result
//
// Everything else is the graph, which must be in canonical form: printing the parsed graph
// gives the text back exactly. Header-only so both IR test executables share it.
#pragma once

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "testing/testing.h"

namespace wick::testing {

struct IrTestFile {
  std::string name;
  std::string graph;       // the graph text, directive lines removed
  std::string directives;  // the directive lines, for FileCheck
  std::vector<std::string> passes;
  bool allow_unresolved = false;
  bool unchanged = false;
  std::string expect_error;
};

inline std::string trimmed(std::string s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

inline IrTestFile readIrTestFile(const std::string& path) {
  IrTestFile f;
  f.name = std::filesystem::path(path).stem().string();
  std::istringstream in(readFile(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '#') {
      f.graph += line + "\n";
      continue;
    }
    f.directives += line + "\n";
    std::string body = trimmed(line.substr(1));
    if (body.rfind("RUN:", 0) == 0) {
      std::istringstream passes(body.substr(4));
      std::string p;
      while (std::getline(passes, p, ',')) {
        if (!trimmed(p).empty()) f.passes.push_back(trimmed(p));
      }
    } else if (body == "UNCHANGED") {
      f.unchanged = true;
    } else if (body == "ALLOW-UNRESOLVED") {
      f.allow_unresolved = true;
    } else if (body.rfind("EXPECT-ERROR:", 0) == 0) {
      f.expect_error = trimmed(body.substr(13));
    }
  }
  // Blank lines around the graph are not part of it.
  size_t start = f.graph.find_first_not_of('\n');
  f.graph = start == std::string::npos ? "" : f.graph.substr(start);
  while (f.graph.size() >= 2 && f.graph[f.graph.size() - 2] == '\n') f.graph.pop_back();
  return f;
}

// The .ir files of a test folder (relative to the source tree), sorted.
inline std::vector<std::string> irTestFiles(const std::string& folder) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(sourcePath(folder)))
    if (e.path().extension() == ".ir") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace wick::testing
