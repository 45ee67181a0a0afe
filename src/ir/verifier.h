// The graph verifier: checks the invariants every pass, the tracer, the front end and the
// importer must keep, and names the first broken one. Tests run it after every pass.
//
//  - use lists match inputs both ways, and every user is a node of the graph;
//  - every input is defined before it is used and is in scope (a value defined inside a block
//    is not visible after the block's node);
//  - prim::If has a bool condition and two blocks without inputs whose outputs match the
//    node's; prim::Loop has (max_trip_count, cond, carried...) and a block
//    (i, carried...) -> (cond, carried...) matching its outputs;
//  - structural prims have their shapes (Constant values fit their type, tuple sizes agree,
//    GetAttr names an attribute of the class, ...);
//  - op nodes are resolved to an ops.def row whose schema accepts their inputs and outputs;
//  - every value has a type.
//
// A failure raises wick::Error: "graph verification failed: <what>" followed by the graph with
// "<-- here" on the offending node's line.
#pragma once

#include "ir/ir.h"

namespace wick::jit {

struct VerifyOptions {
  // Accepts nodes whose kind has no ops.def row (tests of passes use made-up ops).
  bool allow_unresolved_ops = false;
};

void verify(const Graph& g, const VerifyOptions& options = {});

}  // namespace wick::jit
