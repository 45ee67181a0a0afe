#include "program.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "wick/jit/compile.h"
#include "wick/jit/serialize.h"

namespace wick::cli {

Program Program::load(const std::string& path) {
  WICK_CHECK(std::filesystem::exists(path), "cannot open '", path, "': no such file");
  WICK_CHECK(!std::filesystem::is_directory(path), "'", path, "' is a directory, not a model");
  Program p;
  p.path_ = path;
  if (std::filesystem::path(path).extension() == ".py") {
    std::ifstream in(path, std::ios::binary);
    WICK_CHECK(in, "cannot read '", path, "'");
    std::ostringstream src;
    src << in.rdbuf();
    p.unit_ = std::make_shared<jit::CompilationUnit>(jit::compile(src.str()));
    return p;
  }
  try {
    p.module_ = jit::load(path);
  } catch (const Error& e) {
    throw Error("'" + path + "': " + e.what());
  }
  return p;
}

std::vector<std::string> Program::methods() const {
  return module_ ? module_->method_names() : unit_->function_names();
}

std::string Program::defaultMethod() const {
  if (module_) return "forward";
  std::vector<std::string> names = unit_->function_names();
  for (const auto& n : names)
    if (n == "forward" || n == "main") return n;
  WICK_CHECK(names.size() == 1, "'", path_, "' defines ", names.size(),
             " functions; choose one with --method");
  return names[0];
}

jit::ScriptFunction Program::function(const std::string& method) const {
  bool known = false;
  for (const auto& m : methods()) known = known || m == method;
  if (!known) {
    std::string names;
    for (const auto& m : methods()) names += (names.empty() ? "" : ", ") + m;
    WICK_FAIL("'", path_, "' has no method '", method, "' (it has: ", names, ")");
  }
  return module_ ? module_->get_method(method) : unit_->get_function(method);
}

IValue Program::run(const std::string& method, std::vector<IValue> inputs) const {
  function(method);  // names the available methods when unknown
  if (module_) return module_->run_method(method, std::move(inputs));
  return unit_->run(method, std::move(inputs));
}

}  // namespace wick::cli
