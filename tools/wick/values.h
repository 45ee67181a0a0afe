// `wick run` inputs and outputs: parsing -i specs (.npy files, typed scalars, seeded random
// tensors) and writing results as .npy files with one summary line each.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "wick/core/ivalue.h"

namespace wick::cli {

// Parses one -i argument: a path to an .npy file, `int:5`, `float:0.5`, `bool:true`,
// `str:hello`, `none`, or `randn:1x3x224x224` / `rand:...` / `zeros:...` / `ones:...`
// (random tensors are seeded, so runs repeat). `index` seeds random inputs differently.
IValue parseInput(const std::string& spec, size_t index);

// Writes each leaf of `result` to `dir` as out_<path>.npy (tuple/list/dict elements extend
// the index path; scalars become 0-d arrays; None writes nothing) and prints one line per
// leaf to `summary`.
void writeOutputs(const IValue& result, const std::string& dir, std::ostream& summary);

// Prints the result leaves without writing files.
void describeOutputs(const IValue& result, std::ostream& summary);

// "Float[2, 3]" style description of a value for summaries.
std::string describe(const IValue& v);

}  // namespace wick::cli
