// A program the tool works on: a TorchScript archive (a ScriptModule) or a TorchScript
// source file compiled into a CompilationUnit. Both offer named methods with graphs.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ir/function.h"
#include "wick/jit/compilation_unit.h"
#include "wick/jit/script.h"

namespace wick::cli {

class Program {
 public:
  // Loads `path`: .py files are compiled, anything else is read as an archive. Raises
  // wick::Error with a one-line reason (missing file, not an archive, syntax error).
  static Program load(const std::string& path);

  bool isModule() const { return module_.has_value(); }
  const jit::ScriptModule& module() const { return *module_; }
  const std::string& path() const { return path_; }

  // Method (or function) names, and the one `run` uses by default.
  std::vector<std::string> methods() const;
  std::string defaultMethod() const;
  // The function behind a name; raises naming the available ones when unknown.
  jit::ScriptFunction function(const std::string& method) const;
  IValue run(const std::string& method, std::vector<IValue> inputs) const;

 private:
  std::string path_;
  std::optional<jit::ScriptModule> module_;
  std::shared_ptr<jit::CompilationUnit> unit_;
};

}  // namespace wick::cli
