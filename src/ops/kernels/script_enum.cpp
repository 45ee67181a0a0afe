// Members of TorchScript enum classes (class Color(Enum)): == and != (aten::eq.enum /
// ne.enum), `.name` (prim::EnumName) and `.value` (prim::EnumValue.int / .float / .str; the
// front end picks the overload of the enum's value type).
#include "wick/ops/kernels.h"

namespace wick::kernels {

bool eq_enum(const IValue& a, const IValue& b) { return a == b; }
bool ne_enum(const IValue& a, const IValue& b) { return !(a == b); }

std::string prim_EnumName(const IValue& e) { return e.toEnum().name(); }

int64_t prim_EnumValue_int(const IValue& e) { return e.toEnum().value().toInt(); }
double prim_EnumValue_float(const IValue& e) { return e.toEnum().value().toDouble(); }
std::string prim_EnumValue_str(const IValue& e) { return e.toEnum().value().toStringRef(); }

}  // namespace wick::kernels
