#include "wick/jit/compilation_unit.h"
#include "ir/function.h"
#include "runtime/interpreter.h"
#include "runtime/type_check.h"

namespace wick::jit {

std::vector<std::string> CompilationUnit::function_names() const {
  // Free functions only: methods belong to the unit's classes.
  std::vector<std::string> out;
  for (const auto& f : functions_) {
    if (!isMethod(*f)) out.push_back(f->name());
  }
  return out;
}

bool CompilationUnit::has_function(const std::string& name) const {
  for (const auto& f : functions_)
    if ((f->name() == name || f->qualname() == name) && !isMethod(*f)) return true;
  return false;
}

std::shared_ptr<Function> CompilationUnit::freeFunction(const std::string& name) const {
  for (const auto& f : functions_) {
    if ((f->name() == name || f->qualname() == name) && !isMethod(*f)) return f;
  }
  std::string names;
  for (const auto& n : function_names()) names += (names.empty() ? "" : ", ") + n;
  WICK_FAIL("the compilation unit has no function '", name, "'",
            names.empty() ? std::string() : " (it has: " + names + ")");
}

ScriptFunction CompilationUnit::get_function(const std::string& name) const {
  // The handle shares the unit's classes, whose methods the function may call.
  return ScriptFunction(freeFunction(name), share());
}

IValue CompilationUnit::run(const std::string& name, std::vector<IValue> args) const {
  // This unit outlives the call: the handle need not share it.
  return ScriptFunction(freeFunction(name), nullptr)(std::move(args));
}

}  // namespace wick::jit
