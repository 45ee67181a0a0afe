#include "wick/jit/compilation_unit.h"
#include "ir/function.h"
#include "runtime/interpreter.h"
#include "runtime/type_check.h"

namespace wick::jit {

std::vector<std::string> CompilationUnit::function_names() const {
  // Free functions only: methods belong to the unit's classes.
  std::vector<std::string> out;
  for (const auto& f : functions_) {
    bool method = false;
    for (const auto& c : classes_) method = method || c->findMethod(f->name()) == f.get();
    if (!method) out.push_back(f->name());
  }
  return out;
}

bool CompilationUnit::has_function(const std::string& name) const {
  for (const auto& f : functions_)
    if (f->name() == name || f->qualname() == name) return true;
  return false;
}

ScriptFunction CompilationUnit::get_function(const std::string& name) const {
  for (const auto& f : functions_) {
    if (f->name() == name || f->qualname() == name) return ScriptFunction(f, nullptr);
  }
  std::string names;
  for (const auto& n : function_names()) names += (names.empty() ? "" : ", ") + n;
  WICK_FAIL("the compilation unit has no function '", name, "'",
            names.empty() ? std::string() : " (it has: " + names + ")");
}

IValue CompilationUnit::run(const std::string& name, std::vector<IValue> args) const {
  return get_function(name)(std::move(args));
}

}  // namespace wick::jit
