#include "wick/ops/registry.h"

#include <iterator>
#include <map>
#include <string>
#include <unordered_map>

#include "ops/boxing.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace {

// Each row of ops.def becomes one small factory function plus one entry of a constant table.
// Building the rows in one long constructor instead made a single function with over a
// thousand inlined OpInfo temporaries, which sanitizer builds could not compile in hours.
using RowFactory = OpInfo (*)(std::string_view name, std::string_view schema);

struct RowSpec {
  std::string_view name;
  std::string_view schema;
  RowFactory make;
};

template <auto Fn, OpId Id, uint32_t Traits>
OpInfo typedRow(std::string_view name, std::string_view schema) {
  using KT = boxing::KernelTraits<decltype(Fn)>;
  OpInfo info;
  info.id = Id;
  info.cpp_name = name;
  info.schema_text = schema;
  info.traits = Traits;
  info.kernel = &KT::template boxed<Fn, Id, Traits>;
  info.typed = true;
  info.cpp_params.assign(KT::kParams, KT::kParams + KT::kArity);
  info.cpp_returns = boxing::ReturnSchemas<typename KT::Return>::get();
  return info;
}

template <BoxedKernel Kernel, OpId Id, uint32_t Traits>
OpInfo boxedRow(std::string_view name, std::string_view schema) {
  OpInfo info;
  info.id = Id;
  info.cpp_name = name;
  info.schema_text = schema;
  info.traits = Traits;
  info.kernel = Kernel;
  return info;
}

constexpr RowSpec kRows[] = {
#define WICK_OP(id, schema, traits, R, P) \
  {#id, schema, &typedRow<&kernels::id, OpId::id, static_cast<uint32_t>(traits)>},
#define WICK_BOXED_OP(id, schema, traits) \
  {#id, schema, &boxedRow<&kernels::id, OpId::id, static_cast<uint32_t>(traits)>},
#include "wick/ops/ops.def"
#undef WICK_OP
#undef WICK_BOXED_OP
};
static_assert(std::size(kRows) == kNumOps, "ops.def rows and OpId values disagree");

struct Registry {
  std::vector<OpInfo> ops;
  std::unordered_map<std::string, std::vector<const OpInfo*>> by_name;
  std::unordered_map<std::string, const OpInfo*> by_qualified;

  Registry() {
    ops.reserve(kNumOps);
    for (const RowSpec& row : kRows) ops.push_back(row.make(row.name, row.schema));
    for (OpInfo& op : ops) {
      op.schema = parseSchema(op.schema_text);
      by_name[op.schema.name].push_back(&op);
      auto [it, fresh] = by_qualified.emplace(op.schema.qualifiedName(), &op);
      WICK_INTERNAL_ASSERT(fresh, "ops.def registers ", op.schema.qualifiedName(), " twice");
    }
  }
};

const Registry& registry() {
  static const Registry r;
  return r;
}

}  // namespace

const OpInfo& opInfo(OpId id) { return registry().ops[static_cast<size_t>(id)]; }

void dispatch::rejectNestedInput(OpId id) {
  WICK_FAIL(opInfo(id).schema.name, ": not supported for nested tensors");
}

const std::vector<OpInfo>& allOps() { return registry().ops; }

const std::vector<const OpInfo*>& overloadsOf(std::string_view name) {
  static const std::vector<const OpInfo*> none;
  const auto& m = registry().by_name;
  auto it = m.find(std::string(name));
  return it == m.end() ? none : it->second;
}

const OpInfo* findOp(std::string_view qualified_name) {
  const auto& m = registry().by_qualified;
  auto it = m.find(std::string(qualified_name));
  return it == m.end() ? nullptr : it->second;
}

}  // namespace wick
