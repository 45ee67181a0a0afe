// Internals of the unpickler shared by its two source files: the stack item type and the
// table of globals a pickle may name.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "serialize/unpickler.h"

namespace wick::archive::detail {

// What a GLOBAL opcode may push (see the table in unpickler_globals.cpp).
enum class GlobalId : uint8_t {
  RebuildTensorV2,
  RebuildParameter,
  OrderedDict,
  BuildIntList,
  BuildDoubleList,
  BuildBoolList,
  BuildTensorList,
  RestoreTypeTag,
  Device,
  Storage,  // torch.<T>Storage; dtype in Item::dtype
  Class,    // __torch__.* class; type in Item::type
};

// A stack or memo entry. Most are plain values; globals and tuples holding globals (the
// persistent id of a storage) are not values and never leave the unpickler.
struct Item {
  enum class Kind : uint8_t { Value, Global, RawTuple };
  Kind kind = Kind::Value;
  IValue value;
  GlobalId global = GlobalId::OrderedDict;
  DType dtype = DType::Float;
  TypePtr type;
  std::string name;                          // the global's qualified name, for messages
  std::shared_ptr<std::vector<Item>> elems;  // RawTuple elements

  static Item ofValue(IValue v) {
    Item i;
    i.value = std::move(v);
    return i;
  }
};

// Resolves GLOBAL module/name against the allow-list; raises for anything else.
Item resolveGlobal(const std::string& module, const std::string& name, const UnpicklerHooks& hooks);
// REDUCE: calls an allowed global on its argument tuple.
IValue reduceGlobal(const Item& callable, const IValue& args, const UnpicklerHooks& hooks,
                    std::string_view what);
// BINPERSID: turns ('storage', torch.<T>Storage, key, location, numel) into a storage,
// represented as a flat tensor over all of it.
IValue loadPersistentStorage(const std::vector<Item>& pid, const UnpicklerHooks& hooks,
                             std::string_view what);

}  // namespace wick::archive::detail
