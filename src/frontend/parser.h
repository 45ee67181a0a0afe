// The TorchScript parser: tokens -> AST (frontend/ast.h), by recursive descent over Python's
// grammar for the statements and expressions TorchScript supports. Syntax errors raise a
// CompileError at the offending token; constructs TorchScript does not have (lambda, try,
// generators, ...) are reported here with a clear message.
#pragma once

#include "frontend/ast.h"

namespace wick::jit::frontend {

// Parses a source file: function definitions, class definitions, and (ignored) `import`
// lines and `op_version_set = N` headers of older archives.
Module parseModule(SourcePtr source);

// Parses one expression filling the whole text (used for type strings such as "List[int]").
ExprPtr parseExpression(SourcePtr source);

}  // namespace wick::jit::frontend
