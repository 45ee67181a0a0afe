// Runs the TorchScript corpus (tests/frontend/corpus/*.py, see corpus.h) through wick's
// front end and executor and through PyTorch 1.13 (tests/oracle/fe_corpus.py, one Python
// run for the whole corpus), and compares compile errors, graphs, results and output.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>

#include "corpus.h"
#include "frontend/compiler.h"
#include "ir/printer.h"
#include "ir/verifier.h"
#include "runtime/interpreter.h"
#include "testing/testing.h"

namespace wick::testing::corpus {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> corpusFiles() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(sourcePath("tests/frontend/corpus"))) {
    if (e.path().extension() == ".py") out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct OracleChunk {
  bool compiled = false;
  std::string compile_error;
  std::map<std::string, std::string> graphs;
  std::map<size_t, std::string> values;
  std::map<size_t, std::string> raises;
  std::map<size_t, std::string> stdouts;
};

std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      out += s[i + 1] == 'n' ? '\n' : s[i + 1];
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::map<std::string, OracleChunk> parseOracle(const std::string& text) {
  std::map<std::string, OracleChunk> out;
  std::istringstream in(text);
  std::string line;
  OracleChunk* cur = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("=== chunk ", 0) == 0) {
      cur = &out[line.substr(10)];
    } else if (!cur || line == "=== end") {
      continue;
    } else if (line == "compile: ok") {
      cur->compiled = true;
    } else if (line.rfind("compile-error: ", 0) == 0) {
      cur->compile_error = unescape(line.substr(15));
    } else if (line.rfind("graph ", 0) == 0) {
      std::string name = line.substr(6), body, g;
      while (std::getline(in, g) && g != "=== end-graph") body += g + "\n";
      cur->graphs[name] = body;
    } else if (line.rfind("run ", 0) == 0) {
      std::istringstream ls(line.substr(4));
      size_t k;
      std::string what;
      ls >> k >> what;
      std::string rest;
      std::getline(ls, rest);
      rest = rest.empty() ? rest : rest.substr(1);
      if (what == "value") {
        cur->values[k] = rest;
      } else {
        cur->raises[k] = unescape(rest);
      }
    } else if (line.rfind("stdout ", 0) == 0) {
      size_t space = line.find(' ', 7);
      size_t k = std::stoul(line.substr(7, space - 7));
      cur->stdouts[k] = space == std::string::npos ? "" : unescape(line.substr(space + 1));
    }
  }
  return out;
}

// All chunks of the corpus and PyTorch's results for them, computed once.
struct Corpus {
  std::map<std::string, std::vector<Chunk>> chunks;
  std::map<std::string, OracleChunk> oracle;

  static const Corpus& get() {
    static const Corpus* c = new Corpus();
    return *c;
  }

  Corpus() {
    std::string request;
    for (const std::string& f : corpusFiles()) {
      auto cs = readCorpusFile(sourcePath("tests/frontend/corpus/" + f), f);
      for (const Chunk& c : cs) {
        bool python = c.source.find("class ") != std::string::npos ||
                      c.source.find("# oracle: python") != std::string::npos;
        request += "=== chunk " + c.id + "\nmode: " + (python ? "python" : "cu") + "\ngraphs:";
        for (const auto& g : c.graphs) request += " " + g;
        request += "\nruns: " + std::to_string(c.runs.size()) + "\n" + c.source + "=== end\n";
      }
      chunks[f] = std::move(cs);
    }
    std::string path = tempDir("fe_corpus") + "/request.txt";
    std::ofstream(path) << request;
    oracle = parseOracle(runPython("fe_corpus.py", {path}));
  }
};

std::string rtrim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

// PyTorch's exception text without the interpreter's "RuntimeError: " wrapper.
std::string torchMessage(const std::string& m) {
  const std::string prefix = "RuntimeError: ";
  return rtrim(m.rfind(prefix, 0) == 0 ? m.substr(prefix.size()) : m);
}

// Raised by the script itself (raise/assert): wick must give the same text.
bool isUserRaise(const std::string& m) {
  return m.rfind("builtins.", 0) == 0 || m.rfind("AssertionError", 0) == 0 || m.empty();
}

class CoutCapture {
 public:
  CoutCapture() : old_(std::cout.rdbuf(buf_.rdbuf())) {}
  ~CoutCapture() { std::cout.rdbuf(old_); }
  std::string text() const { return buf_.str(); }

 private:
  std::ostringstream buf_;
  std::streambuf* old_;
};

void checkChunk(const Chunk& c, const OracleChunk& o) {
  SCOPED_TRACE(c.id);
  jit::CompilationUnit cu;
  jit::CompileOptions options;
  options.filename = c.id.substr(0, c.id.find('#'));
  std::string error;
  size_t error_line = 0;
  try {
    jit::compileInto(cu, c.source, options);
  } catch (const jit::CompileError& e) {
    error = e.what();
    error_line = e.line();
  }
  if (c.error_line) {
    EXPECT_FALSE(o.compiled) << "PyTorch compiles a chunk that should not compile";
    ASSERT_FALSE(error.empty()) << "expected a compile error at line " << *c.error_line;
    EXPECT_EQ(error_line, *c.error_line) << error;
    EXPECT_NE(error.find(c.error_message), std::string::npos) << error;
    return;
  }
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_TRUE(o.compiled) << "PyTorch fails to compile the chunk: " << o.compile_error;
  for (const auto& f : cu.functions()) {
    EXPECT_NO_THROW(jit::verify(*f->graph())) << f->qualname();
  }
  for (const std::string& g : c.graphs) {
    auto fn = cu.findFunction(g);
    ASSERT_TRUE(fn) << "no function " << g;
    std::string mine = jit::printGraph(*fn->graph(), jit::PrintOptions{false, nullptr});
    auto theirs = o.graphs.find(g);
    ASSERT_NE(theirs, o.graphs.end());
    EXPECT_EQ(normalizeGraph(mine), normalizeGraph(rewriteTorchCalls(theirs->second)))
        << "wick:\n"
        << mine << "PyTorch:\n"
        << theirs->second;
  }
  std::string printed_all;
  for (size_t k = 0; k < c.runs.size(); ++k) {
    SCOPED_TRACE(c.runs[k]);
    auto fn = cu.findFunction("__run_" + std::to_string(k));
    ASSERT_TRUE(fn);
    Stack stack;
    std::string raised;
    std::string printed;
    {
      CoutCapture capture;
      try {
        jit::runFunction(*fn, stack);
      } catch (const jit::ScriptError& e) {
        raised = e.original();
      } catch (const Error& e) {
        raised = e.what();
      }
      printed = capture.text();
    }
    printed_all += printed;
    auto stdout_it = o.stdouts.find(k);
    EXPECT_EQ(printed, stdout_it == o.stdouts.end() ? "" : stdout_it->second);
    if (auto r = o.raises.find(k); r != o.raises.end()) {
      ASSERT_FALSE(raised.empty()) << "PyTorch raises " << r->second << " but wick returns";
      std::string expected = torchMessage(r->second);
      if (isUserRaise(expected)) {
        EXPECT_EQ(rtrim(raised), expected);
      }
      continue;
    }
    ASSERT_TRUE(raised.empty()) << "wick raises: " << raised;
    ASSERT_EQ(stack.size(), 1u);
    auto v = o.values.find(k);
    ASSERT_NE(v, o.values.end());
    EXPECT_EQ(compareCanon(toCanon(stack[0]), parseCanon(v->second)), "");
  }
  if (!c.expected_stdout.empty()) {
    std::string expected;
    for (const std::string& l : c.expected_stdout) expected += l + "\n";
    EXPECT_EQ(printed_all, expected);
  }
}

class CorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusTest, MatchesPyTorch) {
  const Corpus& corpus = Corpus::get();
  for (const Chunk& c : corpus.chunks.at(GetParam())) {
    auto o = corpus.oracle.find(c.id);
    ASSERT_NE(o, corpus.oracle.end()) << "no oracle result for " << c.id;
    checkChunk(c, o->second);
  }
}

std::string testName(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param.substr(0, info.param.find('.'));
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusTest, ::testing::ValuesIn(corpusFiles()), testName);

}  // namespace
}  // namespace wick::testing::corpus
