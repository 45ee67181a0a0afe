#include "frontend/source.h"

#include <algorithm>
#include <charconv>

namespace wick::jit::frontend {

Source::Source(std::string text, std::string filename)
    : text_(std::move(text)), filename_(std::move(filename)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

size_t Source::lineOf(size_t offset) const {
  size_t h = line_hint_;
  if (line_starts_[h] <= offset && (h + 1 == line_starts_.size() || offset < line_starts_[h + 1]))
    return h + 1;
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts_.begin());
  line_hint_ = line - 1;
  return line;
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

namespace {

// "file:line:col"; every node the emitter inserts gets one, so it is built in one buffer.
std::string location(const Source& source, size_t offset, size_t column_base) {
  size_t line = source.lineOf(offset);
  size_t column = offset - source.lineStart(line) + column_base;
  std::string out;
  out.reserve(source.filename().size() + 24);
  out += source.filename();
  char digits[24];
  for (size_t n : {line, column}) {
    auto r = std::to_chars(digits, digits + sizeof(digits), n);
    out += ':';
    out.append(digits, r.ptr);
  }
  return out;
}

}  // namespace

std::string SourceRange::nodeLocation() const {
  return source ? location(*source, start, 0) : std::string();
}

std::string SourceRange::diagnosticLocation() const {
  return source ? location(*source, start, 1) : std::string();
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
