// Peephole rewrites: small local simplifications, one rule per function in peephole.cpp.
//
//  - aten::contiguous(%x, %fmt) with %fmt a constant contiguous/preserve format and %x of a
//    complete tensor type with contiguous strides: uses of the result use %x.
//  - aten::Int(prim::NumToTensor(%n)) with %n an int: uses of the result use %n (the tensor
//    stays where other nodes use it).
//  - prim::unchecked_cast(%x) when %x's type already is the target type: %x.
//  - aten::__is__ / aten::__isnot__ comparing None with a value whose type cannot be None
//    (or that always is None): a bool constant.
//  - prim::If outputs that both branches take from the same outer value: that value.
// aten::size and aten::dim are never folded, even on complete types: traced graphs must keep
// sizes symbolic (DESIGN decision 4). Nodes left unused are then removed.
//
// Given:
//   graph(%x : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)):
//     %1 : int = prim::Constant[value=0]()
//     %2 : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu) = aten::contiguous(%x, %1)
//     %3 : Tensor = aten::relu(%2)
//     return (%3)
// After:
//   graph(%x : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)):
//     %3 : Tensor = aten::relu(%x)
//     return (%3)
#pragma once

#include "ir/ir.h"

namespace wick::jit {

bool peephole(Graph& g);

}  // namespace wick::jit
