// The restricted unpickler (DESIGN decision 7): reads the protocol-2 pickles of TorchScript
// archives (data.pkl, constants.pkl) and of torch.save files into IValues. Nothing in the
// pickle is ever executed: GLOBAL may only name what such files use —
//   torch._utils._rebuild_tensor_v2 / _rebuild_parameter, torch.<T>Storage,
//   collections.OrderedDict, torch.device, torch.jit._pickle.build_*list / restore_type_tag,
//   and __torch__.* classes, which the caller resolves from the archive's code/.
// Anything else is an error naming the global. Every length, index and size is checked
// against the input; tensors are checked against their storage.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "serialize/pickle_common.h"
#include "wick/core/ivalue.h"

namespace wick::archive {

struct UnpicklerHooks {
  // Classes named by GLOBAL '__torch__.<module> <Name>' (ClassTypes for objects).
  ClassResolver resolve_class;
  // The storage for a persistent id ('storage', torch.<T>Storage, key, location, numel): at
  // least numel elements of dtype. Called once per occurrence; the caller caches by key.
  std::function<IntrusivePtr<StorageImpl>(DType dtype, const std::string& key, int64_t numel)>
      load_storage;
  // BUILD on an object whose class defines __setstate__ (runs that TorchScript method).
  std::function<void(const IntrusivePtr<Object>& obj, IValue state)> set_state;
};

// Reads one pickle. `what` names it in error messages ("data.pkl").
IValue unpickle(std::string_view bytes, const UnpicklerHooks& hooks, std::string_view what);

// Checks that sizes/strides/offset address only elements [0, storage_numel) and raises
// otherwise; `what` names the tensor.
void checkTensorBounds(IntArrayRef sizes, IntArrayRef strides, int64_t offset,
                       int64_t storage_numel, std::string_view what);

}  // namespace wick::archive
