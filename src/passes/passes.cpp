#include "passes/passes.h"

#include <string>

namespace wick::jit {

const std::vector<PassInfo>& allPasses() {
  // The cast picks the resolver-free overload of inlineCalls.
  static const std::vector<PassInfo> passes = {
#define WICK_PASS(name, function, doc) \
  PassInfo{#name, doc, static_cast<bool (*)(Graph&)>(&function)},
#include "passes/passes.def"
#undef WICK_PASS
  };
  return passes;
}

const PassInfo* findPass(std::string_view name) {
  for (const PassInfo& p : allPasses())
    if (p.name == name) return &p;
  return nullptr;
}

bool runPass(std::string_view name, Graph& g) {
  const PassInfo* p = findPass(name);
  if (!p) {
    std::string known;
    for (const PassInfo& q : allPasses())
      known += (known.empty() ? "" : ", ") + std::string(q.name);
    WICK_FAIL("unknown pass '", name, "'; passes are: ", known);
  }
  return p->run(g);
}

}  // namespace wick::jit
