// Op resolution for graph nodes: picks the ops.def overload of a node kind ("aten::add") whose
// schema accepts the node's input types exactly as they are (graph text spells every argument,
// defaults included, so no implicit conversions are applied), with schema type variables (t, t1)
// bound consistently. The graph parser, the importer and passes that create nodes use it; the
// TorchScript front end has its own, richer resolution (defaults, keyword arguments, implicit
// conversions).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "ir/symbol.h"
#include "wick/core/type.h"
#include "wick/ops/registry.h"

namespace wick::jit {

class Node;

// True for the structural kinds of prims.def (prim::Constant, prim::If, ...): they have no
// schema and are never resolved.
bool isStructuralPrim(Symbol kind);

// Bindings of schema type variables while matching one overload.
using TypeBindings = std::unordered_map<std::string, TypePtr>;

// True if a value of type `actual` may be passed where the schema spells `formal`: subtypes,
// None for optionals, ints for ScalarType/Layout/MemoryFormat, int/float/bool for Scalar, and
// type variables bound on first use.
bool schemaTypeAccepts(const TypePtr& formal, const TypePtr& actual, TypeBindings& bindings);

// `formal` with its type variables replaced by their bindings (Any where unbound).
TypePtr substituteTypeVars(const TypePtr& formal, const TypeBindings& bindings);

// The overload of `kind` accepting `input_types` and returning `num_outputs` values, or null.
// When several match, the one needing the fewest conversions wins (ops.def order breaks ties);
// with `output_types` (the node's declared output types, null where undeclared), overloads
// whose returns fit them come first. `why_not` (if given) receives the reason on failure:
// "unknown operator aten::foo" or the list of candidates.
const OpInfo* findOverload(Symbol kind, const std::vector<TypePtr>& input_types, size_t num_outputs,
                           std::string* why_not = nullptr,
                           const std::vector<TypePtr>* output_types = nullptr);

// Resolves `n` (inputs typed) and sets n->op(); raises wick::Error naming the node when no
// overload fits. Structural prims are left alone.
void resolveNodeOp(Node& n);

}  // namespace wick::jit
