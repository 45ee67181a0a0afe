// The code/ folder of an archive: TorchScript source for every class reachable from the root
// module's class (submodule classes, classes and NamedTuples named in attributes, signatures
// and bodies) and every free function they call, laid out as PyTorch 1.13 does
// (spec/torchscript-archive.md §3): class `__torch__.a.b.C` goes in code/__torch__/a/b.py,
// several classes may share a file, 2-space indentation, no header lines.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "wick/core/ivalue.h"
#include "wick/core/type.h"

namespace wick::archive {

struct PrintedCode {
  // (record name "code/__torch__/a/b.py", source), in the order the files were first needed.
  std::vector<std::pair<std::string, std::string>> files;
  // CONSTANTS.cN, for constants.pkl.
  std::vector<IValue> constants;
  // The version record: max(3, the version bump of every operator printed).
  int64_t version = 3;
};

PrintedCode printArchiveCode(const ClassTypePtr& root);

// The record a qualified name's definition lives in: "__torch__.a.b.C" -> "code/__torch__/a/b.py",
// "__torch__.M" -> "code/__torch__.py".
std::string codeFileOf(const std::string& qualified_name);

}  // namespace wick::archive
