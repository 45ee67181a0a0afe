#include "wick/jit/compile.h"
#include "frontend/compiler.h"

namespace wick::jit {

CompilationUnit compile(const std::string& source) { return compile(source, "<string>"); }

CompilationUnit compile(const std::string& source, const std::string& filename) {
  CompilationUnit cu;
  CompileOptions options;
  options.filename = filename;
  compileInto(cu, source, options);
  return cu;
}

}  // namespace wick::jit
