// TorchScript source text and positions in it. A SourceRange points into a shared Source, so
// tokens, AST nodes, diagnostics and graph nodes can all name the text they came from.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wick::jit::frontend {

class Source {
 public:
  Source(std::string text, std::string filename);

  const std::string& text() const { return text_; }
  const std::string& filename() const { return filename_; }
  size_t size() const { return text_.size(); }

  // 1-based line of a byte offset. Lookups mostly move forward a little (every node the
  // emitter inserts asks for its line), so the last answer is tried first; a source belongs
  // to one compilation on one thread, so the hint needs no synchronization.
  size_t lineOf(size_t offset) const;
  // 0-based column of a byte offset in its line.
  size_t columnOf(size_t offset) const { return offset - line_starts_[lineOf(offset) - 1]; }
  size_t lineStart(size_t line) const { return line_starts_.at(line - 1); }
  // The text of a 1-based line, without its line break.
  std::string_view lineText(size_t line) const;
  size_t numLines() const { return line_starts_.size(); }

 private:
  std::string text_;
  std::string filename_;
  std::vector<size_t> line_starts_;
  mutable size_t line_hint_ = 0;  // index into line_starts_ of the last lookup
};

using SourcePtr = std::shared_ptr<const Source>;

// The bytes [start, end) of a source. Ranges are copied everywhere (tokens, every AST node,
// call arguments), so they do not own their source: the compilation that parsed a source
// keeps it alive while its tokens, AST and diagnostics are in use, and nothing that outlives
// the compilation (graphs, errors) keeps a range.
struct SourceRange {
  const Source* source = nullptr;
  size_t start = 0;
  size_t end = 0;

  SourceRange() = default;
  SourceRange(const Source* s, size_t b, size_t e) : source(s), start(b), end(e) {}

  bool valid() const { return source != nullptr; }
  std::string_view text() const;
  size_t line() const { return source->lineOf(start); }
  size_t column() const { return source->columnOf(start); }
  // The smallest range covering this one and `other` (same source).
  SourceRange to(const SourceRange& other) const;

  // "file:line:col" with PyTorch's 0-based column, as graph text prints node locations.
  std::string nodeLocation() const;
  // "file:line:col" with a 1-based column, for diagnostics.
  std::string diagnosticLocation() const;
  // The first line of the range followed by a line marking the range with ^~~~.
  std::string highlight() const;
};

}  // namespace wick::jit::frontend
