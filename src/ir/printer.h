// The graph printer: PyTorch 1.13's `str(graph)` text, byte for byte, so graphs can be compared
// with the real thing and read back by ir/parser.h. Graph::toString() is the usual entry point;
// the helpers here also serve the parser (value spellings), the verifier (a marked line) and
// error messages (one node).
//
//   graph(%x : Float(2, 4, strides=[4, 1], requires_grad=0, device=cpu),
//         %n : int):
//     %2 : int = prim::Constant[value=1]() # t.py:3:0
//     %y : Tensor = prim::If(%c)
//       block0():
//         -> (%x)
//       block1():
//         -> (%x)
//     return (%y)
//
// Note [Source locations in nested blocks]: PyTorch's Graph::str(false) drops the "# file:l:c"
// comments of top-level nodes only; nodes inside blocks always print theirs. We do the same.
#pragma once

#include <string>
#include <string_view>

#include "ir/ir.h"

namespace wick::jit {

struct PrintOptions {
  // Top-level nodes' "# file:line:col" comments (see Note [Source locations in nested blocks]).
  bool source_locations = true;
  // This node's line ends with "  <-- here" (verifier messages).
  const Node* highlight = nullptr;
};

std::string printGraph(const Graph& g, const PrintOptions& options = {});

// One node's first line, without indentation or trailing newline: "%y : int = aten::add(%a, %b)".
std::string nodeString(const Node& n);

// A type as graph text spells it: complete tensor types in full, NamedTuple(a : int, ...).
std::string graphTypeString(const Type& t);

// An attribute value as PyTorch prints it (prim::Constant's `value` and every other attribute):
// ints, floats ("1.", "inf"), bools as 0/1, quoted strings, devices as "cpu", tensors ({2} for
// one element, LibTorch's print up to 10 elements, <Tensor> above), containers by repr
// ([1, 2], (1, "a"), annotate(List[int], []), {"a": 1}) with True/False inside them.
std::string attributeValueString(const IValue& v);

// PyTorch's quoted string with C escapes (\" \\ \' \n \t \a \b \f \r \v, \NNN for other
// control bytes). Bytes >= 0x80 pass through unchanged (PyTorch mangles them; UTF-8 text should
// read back).
std::string quotedString(std::string_view s);

// A double as an IValue repr prints it: integral values below 1e10 as "3." (and "-0."),
// others with 17 significant digits ("0.10000000000000001", "1e+20"), "inf", "-inf", "nan".
std::string doubleRepr(double d);

}  // namespace wick::jit
