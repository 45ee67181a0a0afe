// Shared by the pickler and the unpickler: the opcode enum (from pickle_opcodes.def) and the
// type-tag strings PyTorch writes for typed containers ("List[str]", "Dict[str, Tensor]").
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "wick/core/type.h"

namespace wick::archive {

enum class PickleOp : uint8_t {
#define WICK_PICKLE_OP(Name, byte, doc) Name = static_cast<uint8_t>(byte),
#include "serialize/pickle_opcodes.def"
#undef WICK_PICKLE_OP
};

// Looks up a class or NamedTuple by qualified name ("__torch__.Pt"); null when unknown.
using ClassResolver = std::function<TypePtr(const std::string& qualified_name)>;

// Parses a type tag as TorchScript spells annotations: int, float, bool, str, Tensor,
// NoneType, Any, Device, List[T], Dict[K, V], Optional[T], Tuple[A, B], and qualified class
// names (through `resolve`). Raises wick::Error for anything else.
TypePtr parseTypeTag(std::string_view text, const ClassResolver& resolve);

}  // namespace wick::archive
