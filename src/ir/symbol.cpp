#include "ir/symbol.h"

#include <deque>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "wick/core/error.h"

namespace wick::jit {

namespace {
struct SymbolTable {
  std::shared_mutex mutex;
  std::unordered_map<std::string, uint32_t> ids;
  std::deque<std::string> names;  // stable addresses; index 0 is the empty symbol
  SymbolTable() { names.emplace_back(); }
};
SymbolTable& table() {
  static SymbolTable t;
  return t;
}
}  // namespace

Symbol Symbol::fromQualString(std::string_view qual) {
  SymbolTable& t = table();
  std::string key(qual);
  {
    std::shared_lock<std::shared_mutex> lock(t.mutex);
    auto it = t.ids.find(key);
    if (it != t.ids.end()) return Symbol(it->second);
  }
  WICK_CHECK(key.find("::") != std::string::npos, "symbol '", key,
             "' needs a namespace (aten::, prim::, ...)");
  std::unique_lock<std::shared_mutex> lock(t.mutex);
  auto [it, fresh] = t.ids.emplace(key, static_cast<uint32_t>(t.names.size()));
  if (fresh) t.names.push_back(key);
  return Symbol(it->second);
}

const std::string& Symbol::toQualString() const {
  SymbolTable& t = table();
  std::shared_lock<std::shared_mutex> lock(t.mutex);
  return t.names[id_];
}

std::string_view Symbol::toUnqualString() const {
  std::string_view q = toQualString();
  auto p = q.find("::");
  return p == std::string_view::npos ? q : q.substr(p + 2);
}

std::string_view Symbol::ns() const {
  std::string_view q = toQualString();
  auto p = q.find("::");
  return p == std::string_view::npos ? std::string_view() : q.substr(0, p);
}

std::ostream& operator<<(std::ostream& os, Symbol s) { return os << s.toQualString(); }

namespace prim {
#define WICK_PRIM(Name, doc) const Symbol k##Name = Symbol::fromQualString("prim::" #Name);
#include "ir/prims.def"
#undef WICK_PRIM
}  // namespace prim

}  // namespace wick::jit
