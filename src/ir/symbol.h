// Symbol: an interned node kind or attribute name such as aten::add or prim::Constant.
// Comparing symbols compares integers; the text is kept once in a process-wide table.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace wick::jit {

class Symbol {
 public:
  Symbol() = default;
  // "aten::add" or "prim::Constant"; interned on first use (thread-safe).
  static Symbol fromQualString(std::string_view qual);
  static Symbol attr(std::string_view name) {
    return fromQualString(std::string("attr::") += name);
  }
  static Symbol aten(std::string_view name) {
    return fromQualString(std::string("aten::") += name);
  }
  static Symbol prim(std::string_view name) {
    return fromQualString(std::string("prim::") += name);
  }

  // "aten::add"
  const std::string& toQualString() const;
  // "add"
  std::string_view toUnqualString() const;
  // "aten"
  std::string_view ns() const;
  bool isAten() const { return ns() == "aten"; }
  bool isPrim() const { return ns() == "prim"; }
  bool isAttr() const { return ns() == "attr"; }

  uint32_t id() const { return id_; }
  bool operator==(Symbol o) const { return id_ == o.id_; }
  bool operator!=(Symbol o) const { return id_ != o.id_; }
  bool operator<(Symbol o) const { return id_ < o.id_; }

 private:
  explicit Symbol(uint32_t id) : id_(id) {}
  uint32_t id_ = 0;  // 0 is the empty symbol
};

std::ostream& operator<<(std::ostream& os, Symbol s);

// prim:: kinds from prims.def, interned once: prim::kConstant == Symbol::prim("Constant").
namespace prim {
#define WICK_PRIM(Name, doc) extern const Symbol k##Name;
#include "ir/prims.def"
#undef WICK_PRIM
}  // namespace prim

}  // namespace wick::jit

template <>
struct std::hash<wick::jit::Symbol> {
  size_t operator()(wick::jit::Symbol s) const { return std::hash<uint32_t>()(s.id()); }
};
