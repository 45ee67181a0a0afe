#include "frontend/diagnostics.h"

namespace wick::jit::frontend {

std::string renderDiagnostic(const SourceRange& range, std::string_view kind,
                             std::string_view message) {
  std::string out;
  if (range.valid()) out += range.diagnosticLocation() + ": ";
  out += kind;
  out += ": ";
  out += message;
  if (range.valid()) {
    out += '\n';
    out += range.highlight();
  }
  return out;
}

void throwCompileError(const SourceRange& range, const std::string& message) {
  std::string filename = range.valid() ? range.source->filename() : std::string();
  size_t line = range.valid() ? range.line() : 0;
  size_t column = range.valid() ? range.column() + 1 : 0;
  throw CompileError(message, std::move(filename), line, column,
                     renderDiagnostic(range, "error", message));
}

void rethrowWithNote(const CompileError& e, const SourceRange& range, const std::string& note) {
  std::string rendered = std::string(e.what()) + "\n" + renderDiagnostic(range, "note", note);
  throw CompileError(e.message(), e.filename(), e.line(), e.column(), std::move(rendered));
}

}  // namespace wick::jit::frontend
