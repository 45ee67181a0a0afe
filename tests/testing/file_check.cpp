#include "testing/file_check.h"

#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <vector>

namespace wick::testing {

namespace {

struct Directive {
  enum class Kind { Check, Next, Same, Not, Count, Dag };
  Kind kind = Kind::Check;
  int count = 1;
  std::string name;  // "CHECK-NEXT", for messages
  std::string pattern;
  size_t line = 0;  // 1-based line in the check text
};

const std::regex& directiveRegex() {
  static const std::regex re("CHECK(-NEXT|-SAME|-NOT|-DAG|-COUNT-([0-9]+))?:");
  return re;
}

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<Directive> parseDirectives(std::string_view checks) {
  std::vector<Directive> out;
  std::istringstream in{std::string(checks)};
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::smatch m;
    if (!std::regex_search(line, m, directiveRegex())) continue;
    Directive d;
    d.line = line_no;
    d.name = m.str(0).substr(0, m.str(0).size() - 1);
    std::string suffix = m.str(1);
    if (suffix == "-NEXT")
      d.kind = Directive::Kind::Next;
    else if (suffix == "-SAME")
      d.kind = Directive::Kind::Same;
    else if (suffix == "-NOT")
      d.kind = Directive::Kind::Not;
    else if (suffix == "-DAG")
      d.kind = Directive::Kind::Dag;
    else if (!suffix.empty()) {
      d.kind = Directive::Kind::Count;
      d.count = std::stoi(m.str(2));
    }
    d.pattern = trim(m.suffix().str());
    out.push_back(std::move(d));
  }
  return out;
}

std::string escapeRegex(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Capturing groups opened in a regex fragment (not "(?:", not escaped).
size_t countGroups(const std::string& re) {
  size_t n = 0;
  for (size_t i = 0; i < re.size(); ++i) {
    if (re[i] == '\\') {
      ++i;
    } else if (re[i] == '(' && (i + 1 >= re.size() || re[i + 1] != '?')) {
      ++n;
    }
  }
  return n;
}

struct Match {
  size_t begin = 0, end = 0;
};

class Checker {
 public:
  explicit Checker(std::string_view input) : input_(input) {}

  // The first match of d's pattern in [from, to), binding its captures.
  std::optional<Match> find(const Directive& d, size_t from, size_t to) {
    std::vector<std::pair<std::string, size_t>> captures;
    std::string re = toRegex(d, captures);
    std::regex rx(re);
    std::match_results<std::string_view::const_iterator> m;
    auto b = input_.begin() + static_cast<std::ptrdiff_t>(from);
    auto e = input_.begin() + static_cast<std::ptrdiff_t>(to);
    if (from > to || !std::regex_search(b, e, m, rx)) return std::nullopt;
    for (const auto& [name, group] : captures) vars_[name] = m.str(group);
    Match r;
    r.begin = from + static_cast<size_t>(m.position(0));
    r.end = r.begin + static_cast<size_t>(m.length(0));
    return r;
  }

  size_t lineOf(size_t pos) const {
    size_t n = 0;
    for (size_t i = 0; i < pos && i < input_.size(); ++i) n += input_[i] == '\n';
    return n;
  }

  std::string excerpt(size_t pos) const {
    size_t start = input_.rfind('\n', pos == 0 ? 0 : pos - 1);
    start = (start == std::string_view::npos || pos == 0) ? 0 : start + 1;
    std::string_view rest = input_.substr(std::min(start, input_.size()));
    size_t cut = 0;
    for (int lines = 0; cut < rest.size() && lines < 6; ++cut) lines += rest[cut] == '\n';
    return std::string(rest.substr(0, cut));
  }

 private:
  // The pattern as a regex; [[X:re]] captures are recorded as (name, group index).
  std::string toRegex(const Directive& d, std::vector<std::pair<std::string, size_t>>& captures) {
    const std::string& p = d.pattern;
    std::string re;
    size_t groups = 0;
    for (size_t i = 0; i < p.size();) {
      if (p.compare(i, 2, "{{") == 0) {
        size_t close = p.find("}}", i + 2);
        if (close == std::string::npos) throw std::runtime_error("unclosed {{ in " + d.name);
        std::string frag = p.substr(i + 2, close - i - 2);
        re += "(?:" + frag + ")";
        groups += countGroups(frag);
        i = close + 2;
      } else if (p.compare(i, 2, "[[") == 0) {
        size_t close = p.find("]]", i + 2);
        if (close == std::string::npos) throw std::runtime_error("unclosed [[ in " + d.name);
        std::string body = p.substr(i + 2, close - i - 2);
        size_t colon = body.find(':');
        if (colon == std::string::npos) {
          auto it = vars_.find(body);
          if (it == vars_.end())
            throw std::runtime_error("[[" + body + "]] is used before it is captured");
          re += escapeRegex(it->second);
        } else {
          std::string frag = body.substr(colon + 1);
          captures.emplace_back(body.substr(0, colon), ++groups);
          re += "(" + frag + ")";
          groups += countGroups(frag);
        }
        i = close + 2;
      } else {
        re += escapeRegex(p.substr(i, 1));
        ++i;
      }
    }
    return re;
  }

  std::string_view input_;
  std::map<std::string, std::string> vars_;
};

class Runner {
 public:
  Runner(std::vector<Directive> ds, std::string_view input)
      : ds_(std::move(ds)), input_(input), checker_(input) {}

  ::testing::AssertionResult run() {
    try {
      for (size_t i = 0; i < ds_.size();) i = step(i);
      checkNots(input_.size());
    } catch (const std::runtime_error& e) {
      return ::testing::AssertionFailure() << e.what() << "\n--- input ---\n" << input_;
    }
    return ::testing::AssertionSuccess();
  }

 private:
  [[noreturn]] void fail(const Directive& d, const std::string& what, size_t at) {
    std::ostringstream msg;
    msg << "check line " << d.line << ": " << d.name << ": " << d.pattern << "\n  " << what
        << "\n--- input from the failing position ---\n"
        << checker_.excerpt(at);
    throw std::runtime_error(msg.str());
  }

  void checkNots(size_t until) {
    for (const Directive& n : nots_) {
      if (auto m = checker_.find(n, pos_, until)) fail(n, "found where it must not be", m->begin);
    }
    nots_.clear();
  }

  void accept(const Match& m) {
    checkNots(m.begin);
    pos_ = m.end;
    last_line_ = checker_.lineOf(m.end == 0 ? 0 : m.end - 1);
  }

  size_t step(size_t i) {
    const Directive& d = ds_[i];
    using K = Directive::Kind;
    switch (d.kind) {
      case K::Not: nots_.push_back(d); return i + 1;
      case K::Dag: return dagGroup(i);
      case K::Count: {
        for (int k = 0; k < d.count; ++k) {
          auto m = checker_.find(d, pos_, input_.size());
          if (!m)
            fail(d, "found " + std::to_string(k) + " times, expected " + std::to_string(d.count),
                 pos_);
          if (k == 0) {
            accept(*m);
          } else {
            pos_ = m->end;
          }
        }
        last_line_ = checker_.lineOf(pos_ == 0 ? 0 : pos_ - 1);
        Directive extra = d;
        extra.name = d.name + " (one more)";
        nots_.push_back(extra);
        return i + 1;
      }
      default: break;
    }
    auto m = checker_.find(d, pos_, input_.size());
    if (!m) fail(d, "not found", pos_);
    size_t line = checker_.lineOf(m->begin);
    if (d.kind == K::Next && line != last_line_ + 1)
      fail(d,
           "found on line " + std::to_string(line + 1) +
               ", not on the line after the previous match",
           pos_);
    if (d.kind == K::Same && line != last_line_)
      fail(d, "not found on the same line as the previous match", pos_);
    accept(*m);
    return i + 1;
  }

  size_t dagGroup(size_t i) {
    size_t j = i;
    std::vector<Match> taken;
    size_t end = pos_, first = input_.size();
    for (; j < ds_.size() && ds_[j].kind == Directive::Kind::Dag; ++j) {
      size_t from = pos_;
      std::optional<Match> m;
      while ((m = checker_.find(ds_[j], from, input_.size()))) {
        bool overlaps = false;
        for (const Match& t : taken) overlaps |= m->begin < t.end && t.begin < m->end;
        if (!overlaps) break;
        from = m->begin + 1;
      }
      if (!m) fail(ds_[j], "not found (or only where another CHECK-DAG matched)", pos_);
      taken.push_back(*m);
      end = std::max(end, m->end);
      first = std::min(first, m->begin);
    }
    checkNots(first);
    pos_ = end;
    last_line_ = checker_.lineOf(end == 0 ? 0 : end - 1);
    return j;
  }

  std::vector<Directive> ds_;
  std::string_view input_;
  Checker checker_;
  std::vector<Directive> nots_;
  size_t pos_ = 0;
  size_t last_line_ = 0;
};

}  // namespace

bool hasCheckDirectives(std::string_view text) { return !parseDirectives(text).empty(); }

::testing::AssertionResult fileCheck(std::string_view checks, std::string_view input) {
  std::vector<Directive> ds = parseDirectives(checks);
  if (ds.empty()) return ::testing::AssertionFailure() << "no CHECK directives in the check text";
  return Runner(std::move(ds), input).run();
}

}  // namespace wick::testing
