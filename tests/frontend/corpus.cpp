#include "corpus.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "wick/core/tensor.h"
#include "wick/ops/functions.h"

namespace wick::testing::corpus {

namespace {

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// The text after `# <key>` on a comment line, if the line is such a comment.
std::optional<std::string> annotation(const std::string& line, const std::string& key) {
  std::string t = trim(line);
  std::string prefix = "# " + key;
  if (t.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  return t.substr(prefix.size());
}

void finishChunk(Chunk& c) {
  for (size_t k = 0; k < c.runs.size(); ++k) {
    c.source += "\ndef __run_" + std::to_string(k) + "():\n    return " + c.runs[k] + "\n";
  }
}

}  // namespace

std::vector<Chunk> readCorpusFile(const std::string& path, const std::string& name) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Chunk> chunks(1);
  chunks.back().id = name + "#0";
  std::string line;
  size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (trim(line) == "# ---") {
      finishChunk(chunks.back());
      Chunk next;
      next.id = name + "#" + std::to_string(chunks.size());
      // Earlier lines stay as blank lines so that line numbers match the file.
      next.source = std::string(lineno, '\n');
      chunks.push_back(std::move(next));
      continue;
    }
    Chunk& c = chunks.back();
    c.source += line + "\n";
    if (auto a = annotation(line, "run:")) {
      c.runs.push_back(trim(*a));
    } else if (auto g = annotation(line, "graph:")) {
      std::istringstream names(*g);
      std::string n;
      while (names >> n) c.graphs.push_back(n);
    } else if (auto x = annotation(line, "expect:")) {
      c.expected_stdout.push_back(x->empty() ? std::string() : x->substr(1));
    } else if (auto e = annotation(line, "expect-error")) {
      size_t target = lineno;
      std::string rest = *e;
      if (!rest.empty() && rest[0] == '@') {
        size_t colon = rest.find(':');
        target =
            static_cast<size_t>(static_cast<long>(lineno) + std::stol(rest.substr(1, colon - 1)));
        rest = rest.substr(colon);
      }
      c.error_line = target;
      c.error_message = trim(rest.substr(1));
    }
  }
  finishChunk(chunks.back());
  return chunks;
}

// ---- canonical values ----

namespace {

class CanonParser {
 public:
  explicit CanonParser(std::string_view s) : s_(s) {}

  Canon parse() {
    Canon c = value();
    if (p_ != s_.size()) fail("trailing text");
    return c;
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("bad canonical value at " + std::to_string(p_) + " (" + what +
                             "): " + std::string(s_));
  }
  char next() { return p_ < s_.size() ? s_[p_++] : '\0'; }
  char peek() const { return p_ < s_.size() ? s_[p_] : '\0'; }
  void expect(char c) {
    if (next() != c) fail(std::string("expected ") + c);
  }
  std::string token() {
    size_t b = p_;
    while (p_ < s_.size() && std::string_view(",)]}:([").find(s_[p_]) == std::string_view::npos)
      ++p_;
    return std::string(s_.substr(b, p_ - b));
  }
  double number(const std::string& t) {
    if (t == "inf") return INFINITY;
    if (t == "-inf") return -INFINITY;
    if (t == "nan") return NAN;
    return std::stod(t);
  }
  std::string quoted() {
    expect('"');
    std::string out;
    while (peek() != '"') {
      char c = next();
      if (c == '\0') fail("unterminated string");
      if (c != '\\') {
        out += c;
        continue;
      }
      char e = next();
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'u': {
          unsigned cp =
              static_cast<unsigned>(std::stoul(std::string(s_.substr(p_, 4)), nullptr, 16));
          p_ += 4;
          if (cp < 0x80) {
            out += static_cast<char>(cp);
          } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
          } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
          }
          break;
        }
        default: out += e;
      }
    }
    expect('"');
    return out;
  }
  void sequence(Canon& c, char close) {
    while (peek() != close) {
      c.elems.push_back(value());
      if (c.kind == 'D') {
        expect(':');
        c.elems.push_back(value());
      }
      if (peek() == ',') ++p_;
    }
    expect(close);
  }
  Canon value() {
    Canon c;
    c.kind = next();
    switch (c.kind) {
      case 'N': break;
      case 'b': c.i = next() == '1'; break;
      case 'i': c.i = std::stoll(token()); break;
      case 'f': c.f = number(token()); break;
      case 's':
      case 'd':
      case 'e': c.s = quoted(); break;
      case 't': {
        c.s = token();
        expect('[');
        while (peek() != ']') {
          c.shape.push_back(std::stoll(token()));
          if (peek() == ',') ++p_;
        }
        expect(']');
        expect('(');
        while (peek() != ')') {
          c.data.push_back(number(token()));
          if (peek() == ',') ++p_;
        }
        expect(')');
        break;
      }
      case 'L':
        expect('[');
        sequence(c, ']');
        break;
      case 'T':
        expect('(');
        sequence(c, ')');
        break;
      case 'D':
        expect('{');
        sequence(c, '}');
        break;
      default: fail("unknown kind");
    }
    return c;
  }

  std::string_view s_;
  size_t p_ = 0;
};

template <class T>
void appendData(const Tensor& t, std::vector<double>& out) {
  for (const T& v : t.to_vector<T>()) out.push_back(static_cast<double>(v));
}

std::string fmtDouble(double d) {
  if (std::isnan(d)) return "nan";
  std::ostringstream os;
  os.precision(17);
  os << d;
  return os.str();
}

}  // namespace

Canon parseCanon(std::string_view text) { return CanonParser(text).parse(); }

Canon toCanon(const IValue& v) {
  Canon c;
  switch (v.tag()) {
    case IValue::Tag::None: c.kind = 'N'; break;
    case IValue::Tag::Bool:
      c.kind = 'b';
      c.i = v.toBool();
      break;
    case IValue::Tag::Int:
      c.kind = 'i';
      c.i = v.toInt();
      break;
    case IValue::Tag::Double:
      c.kind = 'f';
      c.f = v.toDouble();
      break;
    case IValue::Tag::String:
      c.kind = 's';
      c.s = v.toStringRef();
      break;
    case IValue::Tag::Device:
      c.kind = 'd';
      c.s = v.toDevice().str();
      break;
    case IValue::Tag::Enum:
      c.kind = 'e';
      c.s = v.toEnum().type->baseName() + "." + v.toEnum().name();
      break;
    case IValue::Tag::Tensor: {
      const Tensor& t = v.toTensor();
      c.kind = 't';
      c.s = std::string(pythonName(t.dtype()));
      for (int64_t s : t.sizes()) c.shape.push_back(s);
      switch (t.dtype()) {
        case kFloat: appendData<float>(t, c.data); break;
        case kDouble: appendData<double>(t, c.data); break;
        case kLong: appendData<int64_t>(t, c.data); break;
        case kInt: appendData<int32_t>(t, c.data); break;
        case kShort: appendData<int16_t>(t, c.data); break;
        case kChar: appendData<int8_t>(t, c.data); break;
        case kByte: appendData<uint8_t>(t, c.data); break;
        case kBool: appendData<bool>(t, c.data); break;
        case kHalf: appendData<Half>(t, c.data); break;
        case kBFloat16: appendData<BFloat16>(t, c.data); break;
      }
      break;
    }
    case IValue::Tag::List:
      c.kind = 'L';
      for (const IValue& e : v.toList().elems) c.elems.push_back(toCanon(e));
      break;
    case IValue::Tag::Tuple:
      c.kind = 'T';
      for (const IValue& e : v.toTuple().elems) c.elems.push_back(toCanon(e));
      break;
    case IValue::Tag::Dict:
      c.kind = 'D';
      for (const auto& [k, x] : v.toDict().items()) {
        c.elems.push_back(toCanon(k));
        c.elems.push_back(toCanon(x));
      }
      break;
    default: throw std::runtime_error("cannot compare a value of type " + v.typeName());
  }
  return c;
}

IValue fromCanon(const Canon& c) {
  switch (c.kind) {
    case 'N': return IValue();
    case 'b': return IValue(c.i != 0);
    case 'i': return IValue(c.i);
    case 'f': return IValue(c.f);
    case 's': return IValue(c.s);
    case 't': {
      DType dtype;
      if (!parseDType(c.s, &dtype)) throw std::runtime_error("unknown dtype " + c.s);
      std::vector<int64_t> shape = c.shape;
      return IValue(tensor(c.data, shape).to(dtype));
    }
    case 'L':
    case 'T': {
      std::vector<IValue> elems;
      for (const Canon& e : c.elems) elems.push_back(fromCanon(e));
      if (c.kind == 'T') return IValue(makeTuple(std::move(elems)));
      TypePtr elem = elems.empty() ? TensorType::get() : elems[0].type();
      return IValue(makeList(elem, std::move(elems)));
    }
    default: throw std::runtime_error("cannot make a value of kind " + std::string(1, c.kind));
  }
}

std::string canonString(const Canon& c) {
  auto seq = [&](char open, char close) {
    std::string out(1, open);
    for (size_t i = 0; i < c.elems.size(); ++i) {
      if (i) out += (c.kind == 'D' && i % 2 == 1) ? ":" : ",";
      out += canonString(c.elems[i]);
    }
    return out + close;
  };
  switch (c.kind) {
    case 'N': return "N";
    case 'b': return c.i ? "b1" : "b0";
    case 'i': return "i" + std::to_string(c.i);
    case 'f': return "f" + fmtDouble(c.f);
    case 's': return "s\"" + c.s + "\"";
    case 'd': return "d\"" + c.s + "\"";
    case 'e': return "e\"" + c.s + "\"";
    case 't': {
      std::string out = "t" + c.s + "[";
      for (size_t i = 0; i < c.shape.size(); ++i)
        out += (i ? "," : "") + std::to_string(c.shape[i]);
      out += "](";
      for (size_t i = 0; i < c.data.size(); ++i) out += (i ? "," : "") + fmtDouble(c.data[i]);
      return out + ")";
    }
    case 'L': return "L" + seq('[', ']');
    case 'T': return "T" + seq('(', ')');
    case 'D': return "D" + seq('{', '}');
  }
  return "?";
}

namespace {
bool closeEnough(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::fabs(a - b) <= 1e-6 + 1e-5 * std::fabs(b);
}
}  // namespace

std::string compareCanon(const Canon& a, const Canon& e) {
  std::string mismatch = "got " + canonString(a) + ", expected " + canonString(e);
  if (a.kind != e.kind) return mismatch;
  switch (a.kind) {
    case 'b':
    case 'i': return a.i == e.i ? "" : mismatch;
    case 'f': return closeEnough(a.f, e.f) ? "" : mismatch;
    case 's':
    case 'd': return a.s == e.s ? "" : mismatch;
    case 't': {
      if (a.s != e.s || a.shape != e.shape || a.data.size() != e.data.size()) return mismatch;
      for (size_t i = 0; i < a.data.size(); ++i)
        if (!closeEnough(a.data[i], e.data[i])) return mismatch;
      return "";
    }
    case 'L':
    case 'T':
    case 'D': {
      if (a.elems.size() != e.elems.size()) return mismatch;
      for (size_t i = 0; i < a.elems.size(); ++i)
        if (!compareCanon(a.elems[i], e.elems[i]).empty()) return mismatch;
      return "";
    }
  }
  return "";
}

std::string normalizeGraph(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  std::unordered_map<std::string, std::string> names;
  while (std::getline(in, line)) {
    // Source locations (" # file:line:col") are not compared.
    size_t comment = line.find(" # ");
    if (comment != std::string::npos) line = line.substr(0, comment);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (line.empty()) continue;
    // PyTorch names a called function by its short name (prim::Constant[name="relu"]);
    // wick's CallFunction carries the qualified one.
    const std::string callee = "prim::CallFunction[name=\"";
    if (size_t c = line.find(callee); c != std::string::npos) {
      size_t b = c + callee.size(), e = line.find('"', b);
      size_t dot = line.rfind('.', e);
      if (dot != std::string::npos && dot > b) line.erase(b, dot + 1 - b);
    }
    // The oracle scripts classes inside a generated Python module (__fe_corpus_N__); wick
    // compiles them at the top of __torch__.
    for (size_t m = line.find("__torch__.__fe_corpus_"); m != std::string::npos;
         m = line.find("__torch__.__fe_corpus_", m)) {
      size_t end = line.find("__.", m + 22);
      if (end == std::string::npos) break;
      line.erase(m + 10, end + 3 - (m + 10));
    }
    std::string renamed;
    for (size_t i = 0; i < line.size();) {
      if (line[i] != '%') {
        renamed += line[i++];
        continue;
      }
      size_t j = i + 1;
      while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) ||
                                 line[j] == '_' || line[j] == '.'))
        ++j;
      std::string name = line.substr(i, j - i);
      auto it = names.find(name);
      if (it == names.end()) it = names.emplace(name, "%v" + std::to_string(names.size())).first;
      renamed += it->second;
      i = j;
    }
    out += renamed + "\n";
  }
  return out;
}

std::string rewriteTorchCalls(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  std::unordered_map<std::string, std::string> functions;  // value -> callee name
  const std::string marker = " : Function = prim::Constant[name=\"";
  while (std::getline(in, line)) {
    size_t m = line.find(marker);
    if (m != std::string::npos) {
      std::string value = line.substr(line.find('%'), m - line.find('%'));
      size_t b = m + marker.size();
      functions[value] = line.substr(b, line.find('"', b) - b);
      continue;
    }
    size_t call = line.find("prim::CallFunction(");
    if (call != std::string::npos) {
      size_t args = call + std::string("prim::CallFunction(").size();
      size_t end = line.find_first_of(",)", args);
      auto f = functions.find(line.substr(args, end - args));
      if (f != functions.end()) {
        std::string rest = line[end] == ',' ? line.substr(end + 2) : line.substr(end);
        line = line.substr(0, call) + "prim::CallFunction[name=\"" + f->second + "\"](" + rest;
      }
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace wick::testing::corpus
