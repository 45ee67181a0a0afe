#include "wick/jit/compile.h"
#include "frontend/compiler.h"

namespace wick::jit {

CompilationUnit compile(const std::string& source) {
  CompilationUnit cu;
  compileInto(cu, source);
  return cu;
}

}  // namespace wick::jit
