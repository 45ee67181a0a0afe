#include "nn_oracle.h"

#include <fstream>
#include <sstream>

namespace wick::testing {

const std::string& nnOracleDir() {
  static const std::string dir = [] {
    std::string d = tempDir("nn_oracle");
    runPython("nn_oracle.py", {d});
    return d;
  }();
  return dir;
}

std::string NNCase::dir() const { return nnOracleDir() + "/" + name; }

namespace {

double option(const std::string& token, const std::string& key) {
  return std::stod(token.substr(key.size() + 1));
}

NNArg parseArg(std::istringstream& line) {
  NNArg a;
  std::string kind;
  line >> kind;
  if (kind == "t" || kind == "tt") {
    a.kind = kind == "t" ? NNArg::Kind::Tensor : NNArg::Kind::TensorTuple;
    for (std::string f; line >> f;) a.files.push_back(f);
  } else if (kind == "b") {
    int v = 0;
    line >> v;
    a.kind = NNArg::Kind::Bool;
    a.flag = v != 0;
  }
  return a;
}

std::vector<NNCase> parseManifest(const std::string& text) {
  std::vector<NNCase> cases;
  std::istringstream in(text);
  NNCase current;
  for (std::string raw; std::getline(in, raw);) {
    std::istringstream line(raw);
    std::string word;
    line >> word;
    if (word == "case") {
      current = NNCase();
      line >> current.name;
      int calls = 0;
      for (std::string tok; line >> tok;) {
        std::string key = tok.substr(0, tok.find('='));
        if (key == "train") current.train = option(tok, key) != 0;
        if (key == "nograd") current.nograd = option(tok, key) != 0;
        if (key == "trace") current.trace = option(tok, key) != 0;
        if (key == "rtol") current.rtol = option(tok, key);
        if (key == "atol") current.atol = option(tok, key);
        if (key == "calls") calls = static_cast<int>(option(tok, key));
      }
      current.calls.resize(static_cast<size_t>(calls));
    } else if (word == "arg") {
      size_t call = 0;
      line >> call;
      if (call >= current.calls.size()) throw std::runtime_error("bad call index in manifest");
      current.calls[call].push_back(parseArg(line));
    } else if (word == "key") {
      std::string k;
      line >> k;
      current.keys.push_back(k);
    } else if (word == "end") {
      cases.push_back(current);
    }
  }
  return cases;
}

}  // namespace

const std::vector<NNCase>& nnCases() {
  static const std::vector<NNCase> cases = parseManifest(readFile(nnOracleDir() + "/manifest"));
  return cases;
}

const NNCase& nnCase(const std::string& name) {
  for (const NNCase& c : nnCases())
    if (c.name == name) return c;
  throw std::runtime_error("no oracle case named " + name);
}

}  // namespace wick::testing
