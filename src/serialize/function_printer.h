// Prints one graph as the body of a TorchScript `def` the way PyTorch 1.13 archives spell it
// (spec/torchscript-archive.md §3.3-3.4): ops as torch.<name>(...) or ops.<ns>.<name>(...)
// with trailing default arguments left out and keyword-only ones named, constants inline,
// tensor constants as CONSTANTS.cN, submodule calls, prim::If as if/else and prim::Loop as
// `for i in range(n)` or `while cond`. Every value is assigned to a variable of its own
// (constants excepted), so the printed code evaluates in the graph's order.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/function.h"

namespace wick::archive {

// State shared by every function printed into one archive.
struct PrintContext {
  // The constant table (CONSTANTS.cN): tensor constants, each once.
  std::vector<IValue> constants;
  std::unordered_map<const TensorImpl*, size_t> constant_index;
  // The highest operator-version bump among the ops printed (spec §1.5); at least 3.
  int64_t version = 3;
  // Called for every class or NamedTuple a printed annotation or call names, and for every
  // free function called, so they get printed too.
  std::function<void(const TypePtr&)> note_type;
  std::function<void(const std::shared_ptr<jit::Function>&)> note_function;
};

// The qualified name a class or function is printed under: names outside `__torch__` (a
// function compiled from source as "fn") are placed in it ("__torch__.fn").
std::string archiveQualname(const std::string& name);

// A type as an annotation ("List[int]", "__torch__.Pt"), noting classes it names.
std::string annotationOf(const TypePtr& type, PrintContext& ctx);

// Appends `def <name>(...) -> T:` and its body to `out`, indented by `indent` spaces. For a
// method, the graph's first input is `self` and `self_type` is its class.
void printFunction(std::string& out, const jit::Function& fn, const std::string& name,
                   const ClassType* self_type, int indent, PrintContext& ctx);

// The version bump of an operator ("aten::div" -> 4), or 0.
int64_t operatorVersionBump(std::string_view qualified_name);

}  // namespace wick::archive
