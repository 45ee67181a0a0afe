// String operations of TorchScript code (aten::len.str, add.str, slice.str, split.str, strip,
// find, replace, join, startswith, isdigit, zfill, partition, ...). Strings are byte strings,
// as in TorchScript. Where TorchScript's methods differ from Python's they follow TorchScript:
// a negative `end` counts from one past the last character (end=-1 means the whole string),
// rsplit() splits on single spaces by default, zfill ignores signs, splitlines(True) returns
// each line break as an element of its own, expandtabs never resets its column, and
// isidentifier accepts letters and digits only (Python 2's rule).
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "ops/kernels/script_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

constexpr std::string_view kWhitespace = " \t\n\v\f\r";

bool isWhite(char c) { return kWhitespace.find(c) != std::string_view::npos; }
int up(char c) { return std::toupper(static_cast<unsigned char>(c)); }
int low(char c) { return std::tolower(static_cast<unsigned char>(c)); }

IValue strList(std::vector<std::string> parts) { return IValue(parts); }

// The [start, end) range of a str method's start/end arguments.
std::pair<size_t, size_t> range(std::string_view s, int64_t start, int64_t end) {
  auto n = static_cast<int64_t>(s.size());
  if (start < 0) start = std::max<int64_t>(0, start + n);
  if (end < 0) end = std::max<int64_t>(0, end + n + 1);
  start = std::min(start, n);
  end = std::min(end, n);
  return {static_cast<size_t>(start), static_cast<size_t>(std::max(start, end))};
}

template <class Pred>
bool allChars(std::string_view s, Pred p) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return p(c); });
}

char fillChar(std::string_view fillchar, const char* op) {
  WICK_CHECK_TYPE(fillchar.size() == 1, op,
                  ": TypeError: The fill character must be exactly one character long");
  return fillchar[0];
}

std::vector<std::string> splitOn(std::string_view s, std::string_view sep, int64_t max) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (max < 0 || static_cast<int64_t>(out.size()) < max) {
    size_t hit = s.find(sep, pos);
    if (hit == std::string_view::npos) break;
    out.emplace_back(s.substr(pos, hit - pos));
    pos = hit + sep.size();
  }
  out.emplace_back(s.substr(pos));
  return out;
}

// split() without a separator: runs of whitespace separate, empty parts are dropped.
// TorchScript ignores `max` here.
std::vector<std::string> splitWhitespace(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && isWhite(s[i])) ++i;
    if (i == s.size()) break;
    size_t j = i;
    while (j < s.size() && !isWhite(s[j])) ++j;
    out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

void checkSeparator(std::string_view sep, const char* op) {
  WICK_CHECK(!sep.empty(), op, ": ValueError: empty separator");
}

}  // namespace

// ---- basics ----
int64_t len_str(std::string_view s) { return static_cast<int64_t>(s.size()); }
std::string add_str(std::string_view a, std::string_view b) {
  std::string out(a);
  out += b;
  return out;
}
std::string dunder_getitem_str(std::string_view s, int64_t index) {
  int64_t i =
      script::normalizeIndex(index, static_cast<int64_t>(s.size()), "string index out of range");
  return std::string(1, s[static_cast<size_t>(i)]);
}
std::string prim_StringIndex(std::string_view string, int64_t index) {
  return dunder_getitem_str(string, index);
}
std::string slice_str(std::string_view string, std::optional<int64_t> start,
                      std::optional<int64_t> end, int64_t step) {
  int64_t n =
      script::sliceBounds(static_cast<int64_t>(string.size()), start, end, step, "aten::slice.str");
  std::string out;
  for (int64_t i = 0, j = *start; i < n; ++i, j += step) out += string[static_cast<size_t>(j)];
  return out;
}
IValue list(std::string_view t) {
  std::vector<std::string> chars;
  for (char c : t) chars.emplace_back(1, c);
  return strList(std::move(chars));
}

// ---- case ----
std::string lower(std::string_view self) {
  std::string s(self);
  for (char& c : s) c = static_cast<char>(low(c));
  return s;
}
std::string upper(std::string_view self) {
  std::string s(self);
  for (char& c : s) c = static_cast<char>(up(c));
  return s;
}
std::string capitalize(std::string_view self) {
  std::string s = lower(self);
  if (!s.empty()) s[0] = static_cast<char>(up(s[0]));
  return s;
}
std::string title(std::string_view self) {
  std::string s(self);
  bool prev_cased = false;
  for (char& c : s) {
    bool alpha = std::isalpha(static_cast<unsigned char>(c)) != 0;
    c = static_cast<char>(alpha ? (prev_cased ? low(c) : up(c)) : c);
    prev_cased = alpha;
  }
  return s;
}
std::string swapcase(std::string_view self) {
  std::string s(self);
  for (char& c : s) {
    c = static_cast<char>(std::isupper(static_cast<unsigned char>(c)) ? low(c) : up(c));
  }
  return s;
}

// ---- stripping and padding ----
std::string strip(std::string_view self, std::string_view chars) {
  size_t b = self.find_first_not_of(chars);
  if (b == std::string_view::npos) return "";
  size_t e = self.find_last_not_of(chars);
  return std::string(self.substr(b, e - b + 1));
}
std::string lstrip(std::string_view self, std::string_view chars) {
  size_t b = self.find_first_not_of(chars);
  return b == std::string_view::npos ? "" : std::string(self.substr(b));
}
std::string rstrip(std::string_view self, std::string_view chars) {
  size_t e = self.find_last_not_of(chars);
  return e == std::string_view::npos ? "" : std::string(self.substr(0, e + 1));
}
std::string center(std::string_view self, int64_t width, std::string_view fillchar) {
  char f = fillChar(fillchar, "aten::center");
  auto n = static_cast<int64_t>(self.size());
  if (width <= n) return std::string(self);
  int64_t pad = width - n;
  // Python's rule: the odd padding character goes left only for odd widths.
  int64_t left = pad / 2 + (pad & width & 1);
  return std::string(static_cast<size_t>(left), f) + std::string(self) +
         std::string(static_cast<size_t>(pad - left), f);
}
std::string ljust(std::string_view self, int64_t width, std::string_view fillchar) {
  char f = fillChar(fillchar, "aten::ljust");
  auto n = static_cast<int64_t>(self.size());
  return std::string(self) + std::string(static_cast<size_t>(std::max<int64_t>(0, width - n)), f);
}
std::string rjust(std::string_view self, int64_t width, std::string_view fillchar) {
  char f = fillChar(fillchar, "aten::rjust");
  auto n = static_cast<int64_t>(self.size());
  return std::string(static_cast<size_t>(std::max<int64_t>(0, width - n)), f) + std::string(self);
}
std::string zfill(std::string_view self, int64_t width) { return rjust(self, width, "0"); }
std::string expandtabs(std::string_view self, int64_t tabsize) {
  std::string out;
  int64_t col = 0;
  for (char c : self) {
    if (c == '\t') {
      int64_t n = tabsize > 0 ? tabsize - col % tabsize : 0;
      out.append(static_cast<size_t>(n), ' ');
      col += n;
    } else {
      // TorchScript counts line breaks as columns too (the column never resets).
      out += c;
      ++col;
    }
  }
  return out;
}

// ---- splitting and joining ----
IValue split_str(std::string_view self, std::optional<std::string_view> separator, int64_t max) {
  if (!separator) return strList(splitWhitespace(self));
  checkSeparator(*separator, "aten::split");
  return strList(splitOn(self, *separator, max));
}
IValue rsplit(std::string_view self, std::string_view separator, int64_t max) {
  checkSeparator(separator, "aten::rsplit");
  std::vector<std::string> out;
  size_t end = self.size();
  while (max < 0 || static_cast<int64_t>(out.size()) < max) {
    size_t hit = end < separator.size() ? std::string_view::npos
                                        : self.rfind(separator, end - separator.size());
    if (hit == std::string_view::npos) break;
    out.emplace_back(self.substr(hit + separator.size(), end - hit - separator.size()));
    end = hit;
  }
  out.emplace_back(self.substr(0, end));
  std::reverse(out.begin(), out.end());
  return strList(std::move(out));
}
IValue splitlines(std::string_view self, bool keepends) {
  constexpr std::string_view kBreaks = "\n\r\v\f\x1c\x1d\x1e";
  std::vector<std::string> out;
  size_t prev = 0;
  for (size_t pos = self.find_first_of(kBreaks); pos != std::string_view::npos;
       pos = self.find_first_of(kBreaks, pos + 1)) {
    out.emplace_back(self.substr(prev, pos - prev));
    if (keepends) out.emplace_back(self.substr(pos, 1));
    prev = pos + 1;
  }
  if (prev != self.size()) out.emplace_back(self.substr(prev));
  return strList(std::move(out));
}
std::string join(std::string_view self, const IValue& values) {
  std::string out;
  const auto& elems = script::listArg(values, "aten::join").elems;
  for (size_t i = 0; i < elems.size(); ++i) {
    if (i) out += self;
    out += elems[i].toStringRef();
  }
  return out;
}

// ---- searching ----
bool startswith(std::string_view self, std::string_view substr, int64_t start, int64_t end) {
  auto [b, e] = range(self, start, end);
  return self.substr(b, e - b).starts_with(substr);
}
bool endswith(std::string_view self, std::string_view substr, int64_t start, int64_t end) {
  auto [b, e] = range(self, start, end);
  return self.substr(b, e - b).ends_with(substr);
}
int64_t find(std::string_view self, std::string_view substr, int64_t start, int64_t end) {
  auto [b, e] = range(self, start, end);
  size_t hit = self.substr(b, e - b).find(substr);
  return hit == std::string_view::npos ? -1 : static_cast<int64_t>(hit + b);
}
int64_t rfind(std::string_view self, std::string_view substr, int64_t start, int64_t end) {
  auto [b, e] = range(self, start, end);
  size_t hit = self.substr(b, e - b).rfind(substr);
  return hit == std::string_view::npos ? -1 : static_cast<int64_t>(hit + b);
}
int64_t index_str(std::string_view self, std::string_view substr, int64_t start, int64_t end) {
  int64_t r = find(self, substr, start, end);
  WICK_CHECK(r >= 0, "aten::index: ValueError: substring not found");
  return r;
}
int64_t rindex(std::string_view self, std::string_view substr, int64_t start, int64_t end) {
  int64_t r = rfind(self, substr, start, end);
  WICK_CHECK(r >= 0, "aten::rindex: ValueError: substring not found");
  return r;
}
int64_t count(std::string_view self, std::string_view substr, int64_t start, int64_t end) {
  auto [b, e] = range(self, start, end);
  std::string_view s = self.substr(b, e - b);
  if (substr.empty()) return static_cast<int64_t>(s.size()) + 1;
  int64_t n = 0;
  for (size_t pos = s.find(substr); pos != std::string_view::npos;
       pos = s.find(substr, pos + substr.size())) {
    ++n;
  }
  return n;
}
std::string replace(std::string_view self, std::string_view old, std::string_view new_,
                    int64_t max) {
  std::string out;
  size_t pos = 0;
  int64_t done = 0;
  if (old.empty()) {
    // Python inserts `new` before every character and at the end.
    for (char c : self) {
      if (max >= 0 && done >= max) break;
      out += new_;
      out += c;
      ++pos, ++done;
    }
    if (max < 0 || done < max) out += new_;
    out += self.substr(pos);
    return out;
  }
  while (max < 0 || done < max) {
    size_t hit = self.find(old, pos);
    if (hit == std::string_view::npos) break;
    out += self.substr(pos, hit - pos);
    out += new_;
    pos = hit + old.size();
    ++done;
  }
  out += self.substr(pos);
  return out;
}

// ---- character classes ----
bool str_isdigit(std::string_view self) {
  return allChars(self, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}
bool str_isalpha(std::string_view self) {
  return allChars(self, [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
}
bool str_isalnum(std::string_view self) {
  return allChars(self, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}
bool str_isspace(std::string_view self) { return allChars(self, isWhite); }
bool str_islower(std::string_view self) {
  bool cased = false;
  for (char c : self) {
    if (std::isupper(static_cast<unsigned char>(c))) return false;
    cased |= std::islower(static_cast<unsigned char>(c)) != 0;
  }
  return cased;
}
bool str_isupper(std::string_view self) {
  bool cased = false;
  for (char c : self) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    cased |= std::isupper(static_cast<unsigned char>(c)) != 0;
  }
  return cased;
}
bool istitle(std::string_view self) {
  bool cased = false, prev_cased = false;
  for (char c : self) {
    bool is_up = std::isupper(static_cast<unsigned char>(c)) != 0;
    bool is_low = std::islower(static_cast<unsigned char>(c)) != 0;
    if ((is_up && prev_cased) || (is_low && !prev_cased)) return false;
    cased |= is_up || is_low;
    prev_cased = is_up || is_low;
  }
  return cased;
}
bool isdecimal(std::string_view self) { return str_isdigit(self); }
bool isnumeric(std::string_view self) { return str_isdigit(self); }
// TorchScript's isidentifier is Python 2's: letters and digits only, not starting with a digit.
bool isidentifier(std::string_view self) {
  if (self.empty() || std::isdigit(static_cast<unsigned char>(self[0]))) return false;
  return allChars(self, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}
bool isprintable(std::string_view self) {
  return std::all_of(self.begin(), self.end(),
                     [](char c) { return std::isprint(static_cast<unsigned char>(c)) != 0; });
}

// ---- tuple results (boxed: the schemas return three strings) ----
namespace {
void pushParts(Stack& stack, std::string_view a, std::string_view b, std::string_view c) {
  stack.emplace_back(a);
  stack.emplace_back(b);
  stack.emplace_back(c);
}
}  // namespace

void partition(Stack& stack, size_t) {
  IValue sep = script::pop(stack), self = script::pop(stack);
  std::string_view s = self.toStringView(), p = sep.toStringView();
  checkSeparator(p, "aten::partition");
  size_t hit = s.find(p);
  if (hit == std::string_view::npos) return pushParts(stack, s, "", "");
  pushParts(stack, s.substr(0, hit), p, s.substr(hit + p.size()));
}

void rpartition(Stack& stack, size_t) {
  IValue sep = script::pop(stack), self = script::pop(stack);
  std::string_view s = self.toStringView(), p = sep.toStringView();
  checkSeparator(p, "aten::rpartition");
  size_t hit = s.rfind(p);
  if (hit == std::string_view::npos) return pushParts(stack, "", "", s);
  pushParts(stack, s.substr(0, hit), p, s.substr(hit + p.size()));
}

// str.format: each "{}" takes the next argument's str(); extra arguments are ignored and
// other braces are copied, as TorchScript does.
void format(Stack& stack, size_t num_inputs) {
  WICK_CHECK(num_inputs >= 1, "aten::format: expected a format string");
  size_t base = stack.size() - num_inputs;
  std::string_view fmt = stack[base].toStringView();
  std::string out;
  size_t arg = base + 1, pos = 0;
  for (size_t hit = fmt.find("{}"); hit != std::string_view::npos; hit = fmt.find("{}", pos)) {
    WICK_CHECK(arg < stack.size(), "aten::format: Too few arguments for format string: ", fmt);
    out += fmt.substr(pos, hit - pos);
    script::appendDisplayString(out, stack[arg++]);
    pos = hit + 2;
  }
  out += fmt.substr(pos);
  stack.resize(base);
  stack.emplace_back(std::move(out));
}

// ---- "..." % args ----
namespace {

// The kind name PyTorch's messages give a value ("String", "Double", ...).
const char* valueKindName(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None: return "None";
    case IValue::Tag::Tensor: return "Tensor";
    case IValue::Tag::Double: return "Double";
    case IValue::Tag::Int: return "Int";
    case IValue::Tag::Bool: return "Bool";
    case IValue::Tag::String: return "String";
    case IValue::Tag::Device: return "Device";
    case IValue::Tag::Generator: return "Generator";
    case IValue::Tag::List: return "GenericList";
    case IValue::Tag::Tuple: return "Tuple";
    case IValue::Tag::Dict: return "GenericDict";
    case IValue::Tag::Object: return "Object";
    case IValue::Tag::Enum: return "Enum";
  }
  return "Unknown";
}

// Numbers for %d/%i/%e/%f. PyTorch 1.13 fails an internal assertion on a bool; wick rejects
// it with the message other non-numbers get.
void checkNumber(const IValue& arg, char key) {
  WICK_CHECK(arg.isInt() || arg.isDouble(), "aten::percentFormat: %", key,
             " requires a number for formatting, but got ", valueKindName(arg));
}

}  // namespace

// "fmt" % args, with TorchScript's specifiers: %d %i (truncated to an integer), %e %f (the
// value rounded to float32 first, as PyTorch does, then printed with 6 digits), %c (an int
// code or a string), %s (str()) and %%. Widths and flags are not part of TorchScript.
void percentFormat(Stack& stack, size_t num_inputs) {
  WICK_CHECK(num_inputs == 2, "aten::percentFormat: expected a format string and one argument");
  IValue args = script::pop(stack);
  IValue self = script::pop(stack);
  std::string_view fmt = self.toStringView();
  const std::vector<IValue>* tuple = args.isTuple() ? &args.toTuple().elems : nullptr;
  size_t n_args = tuple ? tuple->size() : 1;
  size_t used = 0, pos = 0;
  std::string out;
  while (true) {
    size_t hit = fmt.find('%', pos);
    if (hit == std::string_view::npos) {
      out += fmt.substr(pos);
      break;
    }
    WICK_CHECK(hit + 1 < fmt.size(), "aten::percentFormat: Incomplete format specifier");
    out += fmt.substr(pos, hit - pos);
    char key = fmt[hit + 1];
    pos = hit + 2;
    if (key == '%') {
      out += '%';
      continue;
    }
    WICK_CHECK(used < n_args, "aten::percentFormat: Too few arguments for format string");
    const IValue& arg = tuple ? (*tuple)[used] : args;
    ++used;
    switch (key) {
      case 'd':
      case 'i':
        checkNumber(arg, key);
        out += std::to_string(arg.isInt() ? arg.toInt() : static_cast<int64_t>(arg.toDouble()));
        break;
      case 'e':
      case 'f': {
        checkNumber(arg, key);
        auto value = static_cast<float>(script::toFloat(arg));
        char buf[512];
        std::snprintf(buf, sizeof(buf), key == 'e' ? "%e" : "%f", static_cast<double>(value));
        out += buf;
        break;
      }
      case 'c':
        WICK_CHECK(arg.isInt() || arg.isString(),
                   "aten::percentFormat: %c requires an int or char for formatting, but got ",
                   valueKindName(arg));
        if (arg.isInt()) {
          out += static_cast<char>(arg.toInt());
        } else {
          out += arg.toStringView();
        }
        break;
      case 's': script::appendDisplayString(out, arg); break;
      default:
        WICK_FAIL("aten::percentFormat: The specifier %", key,
                  " is not supported in TorchScript format strings");
    }
  }
  WICK_CHECK(used >= n_args, "aten::percentFormat: Too many arguments for format string");
  stack.emplace_back(std::move(out));
}

}  // namespace wick::kernels
