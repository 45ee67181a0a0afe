#include "frontend/source.h"

#include <algorithm>

namespace wick::jit::frontend {

Source::Source(std::string text, std::string filename)
    : text_(std::move(text)), filename_(std::move(filename)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

size_t Source::lineOf(size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<size_t>(it - line_starts_.begin());
}

std::string_view Source::lineText(size_t line) const {
  size_t begin = lineStart(line);
  size_t end = begin;
  while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
  return std::string_view(text_).substr(begin, end - begin);
}

std::string_view SourceRange::text() const {
  if (!source) return {};
  return std::string_view(source->text()).substr(start, end - start);
}

SourceRange SourceRange::to(const SourceRange& other) const {
  if (!source) return other;
  if (!other.source) return *this;
  return SourceRange(source, std::min(start, other.start), std::max(end, other.end));
}

std::string SourceRange::nodeLocation() const {
  if (!source) return {};
  return source->filename() + ":" + std::to_string(line()) + ":" + std::to_string(column());
}

std::string SourceRange::diagnosticLocation() const {
  if (!source) return {};
  return source->filename() + ":" + std::to_string(line()) + ":" + std::to_string(column() + 1);
}

std::string SourceRange::highlight() const {
  if (!source) return {};
  size_t ln = line();
  std::string_view text = source->lineText(ln);
  size_t col = column();
  // The mark covers the range up to the end of its first line, at least one character.
  size_t line_end = source->lineStart(ln) + text.size();
  size_t width = std::max<size_t>(1, std::min(end, line_end) - std::min(start, line_end));
  std::string out(text);
  out += '\n';
  for (size_t i = 0; i < col && i < text.size(); ++i) out += text[i] == '\t' ? '\t' : ' ';
  out += '^';
  out.append(width - 1, '~');
  return out;
}

}  // namespace wick::jit::frontend
