// The pickler: writes IValues as the protocol-2 pickles TorchScript archives hold
// (spec/torchscript-archive.md §2): module objects as GLOBAL + NEWOBJ + BUILD of their state
// dict in slot order, tensors through torch._utils._rebuild_tensor_v2 with their storages as
// persistent ids (each storage written once, later tensors share it through the memo),
// typed lists and dicts through torch.jit._pickle, and every string and global memoized.
#pragma once

#include <functional>
#include <string>

#include "wick/core/ivalue.h"

namespace wick::archive {

struct PicklerHooks {
  // Records the storage of `t` for writing and returns its record key ("0", "1", ...). Called
  // once per storage, in the order the pickler meets them.
  std::function<std::string(const Tensor& t)> storage_key;
  // The state of an object whose class defines __getstate__ (runs that method).
  std::function<IValue(const IntrusivePtr<Object>& obj)> get_state;
};

std::string pickle(const IValue& value, const PicklerHooks& hooks);

}  // namespace wick::archive
