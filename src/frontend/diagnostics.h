// Diagnostics of the TorchScript front end. A CompileError prints like a compiler message:
//
//   <string>:3:12: error: undefined value y
//       return y
//              ^
//
// followed by notes (for instance which caller made a function be compiled). Messages follow
// PyTorch's wording, lower-cased and without a final period.
#pragma once

#include <string>

#include "frontend/source.h"
#include "wick/core/error.h"

namespace wick::jit {

class CompileError : public Error {
 public:
  CompileError(std::string message, std::string filename, size_t line, size_t column,
               std::string rendered)
      : Error(rendered),
        message_(std::move(message)),
        filename_(std::move(filename)),
        line_(line),
        column_(column) {}

  // The message without location or source excerpt.
  const std::string& message() const { return message_; }
  const std::string& filename() const { return filename_; }
  // 1-based line and column of the primary location (0 when unknown).
  size_t line() const { return line_; }
  size_t column() const { return column_; }

 private:
  std::string message_;
  std::string filename_;
  size_t line_;
  size_t column_;
};

namespace frontend {

// "file:line:col: <kind>: message" and the highlighted source line.
std::string renderDiagnostic(const SourceRange& range, std::string_view kind,
                             std::string_view message);

[[noreturn]] void throwCompileError(const SourceRange& range, const std::string& message);

// Adds "note: message" at `range` to an error being propagated.
[[noreturn]] void rethrowWithNote(const CompileError& e, const SourceRange& range,
                                  const std::string& note);

template <class... A>
[[noreturn]] void failAt(const SourceRange& range, const A&... parts) {
  throwCompileError(range, ::wick::detail::str(parts...));
}

}  // namespace frontend
}  // namespace wick::jit
