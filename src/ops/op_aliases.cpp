#include "ops/op_aliases.h"

#include <unordered_map>
#include <vector>

namespace wick {

namespace {

const std::unordered_map<std::string, std::string>& aliasTable() {
  static const auto* table = new std::unordered_map<std::string, std::string>{
#define WICK_OP_ALIAS(ALIAS, CANONICAL) {"aten::" #ALIAS, "aten::" #CANONICAL},
#include "ops/op_aliases.def"
#undef WICK_OP_ALIAS
  };
  return *table;
}

// The canonical overload of every op (itself for non-aliases), built once.
std::vector<const OpInfo*> buildCanonicalOps() {
  std::vector<const OpInfo*> out;
  for (const OpInfo& op : allOps()) {
    const OpInfo* target = &op;
    auto it = aliasTable().find(op.schema.name);
    if (it != aliasTable().end()) {
      std::string name = it->second;
      if (!op.schema.overload_name.empty()) name += "." + op.schema.overload_name;
      const OpInfo* canonical = findOp(name);
      if (canonical && canonical->schema.arguments.size() == op.schema.arguments.size() &&
          canonical->schema.returns.size() == op.schema.returns.size()) {
        target = canonical;
      }
    }
    out.push_back(target);
  }
  return out;
}

}  // namespace

std::string canonicalOpName(const std::string& qualified_name) {
  auto it = aliasTable().find(qualified_name);
  if (it == aliasTable().end() || overloadsOf(it->second).empty()) return qualified_name;
  return it->second;
}

const OpInfo& canonicalOp(const OpInfo& op) {
  static const std::vector<const OpInfo*>* canonical =
      new std::vector<const OpInfo*>(buildCanonicalOps());
  return *(*canonical)[static_cast<size_t>(op.id)];
}

}  // namespace wick
