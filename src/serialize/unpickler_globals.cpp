// The globals a pickle may name, and what REDUCE and BINPERSID do with them (unpickler.h).
#include <limits>

#include "serialize/unpickler_impl.h"
#include "wick/core/error.h"

namespace wick::archive {

void checkTensorBounds(IntArrayRef sizes, IntArrayRef strides, int64_t offset,
                       int64_t storage_numel, std::string_view what) {
  WICK_CHECK(sizes.size() == strides.size(), what, ": size ", sizes, " and stride ", strides,
             " have different lengths");
  WICK_CHECK(offset >= 0, what, ": negative storage offset ", offset);
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t last = offset;  // highest element index the tensor reaches
  bool empty = false;
  for (size_t i = 0; i < sizes.size(); ++i) {
    WICK_CHECK(sizes[i] >= 0 && strides[i] >= 0, what, ": bad size ", sizes, " or stride ",
               strides);
    if (sizes[i] == 0) empty = true;
    if (sizes[i] <= 1 || strides[i] == 0) continue;
    WICK_CHECK(sizes[i] - 1 <= (kMax - last) / strides[i], what, ": size ", sizes, " with stride ",
               strides, " overflows");
    last += (sizes[i] - 1) * strides[i];
  }
  if (empty) {
    WICK_CHECK(offset <= storage_numel, what, ": storage offset ", offset,
               " is past the end of its storage of ", storage_numel, " elements");
    return;
  }
  WICK_CHECK(last < storage_numel, what, ": size ", sizes, ", stride ", strides, " and offset ",
             offset, " need ", last + 1, " elements but its storage has ", storage_numel);
}

namespace detail {

namespace {

struct AllowedGlobal {
  std::string_view module;
  std::string_view name;
  GlobalId id;
};

// Everything a TorchScript archive or a torch.save state dict names, and nothing else.
constexpr AllowedGlobal kAllowedGlobals[] = {
    {"torch._utils", "_rebuild_tensor_v2", GlobalId::RebuildTensorV2},
    {"torch._utils", "_rebuild_parameter", GlobalId::RebuildParameter},
    {"collections", "OrderedDict", GlobalId::OrderedDict},
    {"torch.jit._pickle", "build_intlist", GlobalId::BuildIntList},
    {"torch.jit._pickle", "build_doublelist", GlobalId::BuildDoubleList},
    {"torch.jit._pickle", "build_boollist", GlobalId::BuildBoolList},
    {"torch.jit._pickle", "build_tensorlist", GlobalId::BuildTensorList},
    {"torch.jit._pickle", "restore_type_tag", GlobalId::RestoreTypeTag},
    {"torch", "device", GlobalId::Device},
};

bool storageDType(std::string_view name, DType* out) {
  for (DType d : kAllDTypes) {
    if (storageClassName(d) == name) {
      *out = d;
      return true;
    }
  }
  return false;
}

const IValue& arg(const IValue& args, size_t i, const std::string& fn) {
  const auto& elems = args.toTuple().elems;
  WICK_CHECK(i < elems.size(), fn, ": expected at least ", i + 1, " arguments, got ", elems.size());
  return elems[i];
}

std::vector<int64_t> intTuple(const IValue& v, const char* field, std::string_view what) {
  WICK_CHECK(v.isTuple(), what, ": tensor ", field, " must be a tuple of ints, got ", v.typeName());
  std::vector<int64_t> out;
  for (const IValue& e : v.toTuple().elems) {
    WICK_CHECK(e.isInt(), what, ": tensor ", field, " must be a tuple of ints");
    out.push_back(e.toInt());
  }
  return out;
}

IValue rebuildTensor(const IValue& args, std::string_view what) {
  size_t n = args.toTuple().elems.size();
  WICK_CHECK(n >= 5 && n <= 7, what, ": _rebuild_tensor_v2 takes 5 to 7 arguments, got ", n);
  const std::string fn = "_rebuild_tensor_v2";
  const IValue& storage = arg(args, 0, fn);
  WICK_CHECK(storage.isTensor(), what, ": _rebuild_tensor_v2 expects a storage, got ",
             storage.typeName());
  const IValue& offset = arg(args, 1, fn);
  WICK_CHECK(offset.isInt(), what, ": tensor storage offset must be an int");
  std::vector<int64_t> sizes = intTuple(arg(args, 2, fn), "size", what);
  std::vector<int64_t> strides = intTuple(arg(args, 3, fn), "stride", what);
  const IValue& requires_grad = arg(args, 4, fn);
  WICK_CHECK(requires_grad.isBool(), what, ": tensor requires_grad must be a bool");
  const Tensor& s = storage.toTensor();
  checkTensorBounds(sizes, strides, offset.toInt(), s.impl()->numel(), what);
  Tensor t = makeTensor(s.impl()->storagePtr(), s.dtype(), sizes, strides, offset.toInt());
  t.impl()->setRequiresGrad(requires_grad.toBool());
  return IValue(std::move(t));
}

IValue rebuildParameter(const IValue& args, std::string_view what) {
  const IValue& data = arg(args, 0, "_rebuild_parameter");
  const IValue& requires_grad = arg(args, 1, "_rebuild_parameter");
  WICK_CHECK(data.isTensor() && requires_grad.isBool(), what,
             ": _rebuild_parameter expects (Tensor, bool, hooks)");
  data.toTensor().impl()->setRequiresGrad(requires_grad.toBool());
  return data;
}

// build_intlist and friends: the list argument gets its element type, checked.
IValue buildTypedList(const IValue& args, const TypePtr& elem, std::string_view what) {
  const IValue& list = arg(args, 0, "build_list");
  WICK_CHECK(list.isList(), what, ": build_", elem->str(), "list expects a list");
  for (const IValue& e : list.toList().elems) {
    bool ok = (elem->kind() == TypeKind::Int && e.isInt()) ||
              (elem->kind() == TypeKind::Float && e.isDouble()) ||
              (elem->kind() == TypeKind::Bool && e.isBool()) ||
              (elem->kind() == TypeKind::Tensor && e.isTensor());
    WICK_CHECK(ok, what, ": a List[", elem->annotationStr(), "] holds a ", e.typeName());
  }
  list.toList().elem_type = elem;
  return list;
}

IValue restoreTypeTag(const IValue& args, const ClassResolver& resolve, std::string_view what) {
  const IValue& container = arg(args, 0, "restore_type_tag");
  const IValue& tag = arg(args, 1, "restore_type_tag");
  WICK_CHECK(tag.isString(), what, ": restore_type_tag expects a type string");
  TypePtr type = parseTypeTag(tag.toStringRef(), resolve);
  if (const auto* lt = type->cast<ListType>()) {
    WICK_CHECK(container.isList(), what, ": a ", tag.toStringRef(), " tag on a ",
               container.typeName());
    container.toList().elem_type = lt->elem();
  } else if (const auto* dt = type->cast<DictType>()) {
    WICK_CHECK(container.isDict(), what, ": a ", tag.toStringRef(), " tag on a ",
               container.typeName());
    container.toDict().key_type = dt->key();
    container.toDict().value_type = dt->value();
  }
  return container;
}

}  // namespace

Item resolveGlobal(const std::string& module, const std::string& name,
                   const UnpicklerHooks& hooks) {
  Item g;
  g.kind = Item::Kind::Global;
  g.name = module + "." + name;
  for (const AllowedGlobal& a : kAllowedGlobals) {
    if (a.module == module && a.name == name) {
      g.global = a.id;
      return g;
    }
  }
  if (module == "torch") {
    WICK_CHECK(storageDType(name, &g.dtype), "Unpickler found unknown torch global, '", g.name,
               "'");
    g.global = GlobalId::Storage;
    return g;
  }
  if (module == "__torch__" || module.rfind("__torch__.", 0) == 0) {
    g.type = hooks.resolve_class ? hooks.resolve_class(g.name) : nullptr;
    WICK_CHECK(g.type, "Unknown type name '", g.name, "'");
    g.global = GlobalId::Class;
    return g;
  }
  WICK_FAIL("Unknown type name '", g.name,
            "': the unpickler only accepts the globals TorchScript archives use");
}

IValue reduceGlobal(const Item& callable, const IValue& args, const UnpicklerHooks& hooks,
                    std::string_view what) {
  switch (callable.global) {
    case GlobalId::RebuildTensorV2: return rebuildTensor(args, what);
    case GlobalId::RebuildParameter: return rebuildParameter(args, what);
    case GlobalId::OrderedDict:
      WICK_CHECK(args.toTuple().elems.empty(), what, ": OrderedDict with arguments");
      return IValue(makeDict(AnyType::get(), AnyType::get()));
    case GlobalId::BuildIntList: return buildTypedList(args, IntType::get(), what);
    case GlobalId::BuildDoubleList: return buildTypedList(args, FloatType::get(), what);
    case GlobalId::BuildBoolList: return buildTypedList(args, BoolType::get(), what);
    case GlobalId::BuildTensorList: return buildTypedList(args, TensorType::get(), what);
    case GlobalId::Device: {
      const IValue& spec = arg(args, 0, "torch.device");
      WICK_CHECK(spec.isString(), what, ": torch.device expects a string");
      return IValue(Device(spec.toStringRef()));
    }
    case GlobalId::RestoreTypeTag: return restoreTypeTag(args, hooks.resolve_class, what);
    case GlobalId::Storage:
    case GlobalId::Class: break;
  }
  WICK_FAIL(what, ": '", callable.name, "' cannot be called");
}

IValue loadPersistentStorage(const std::vector<Item>& pid, const UnpicklerHooks& hooks,
                             std::string_view what) {
  WICK_CHECK(!pid.empty() && pid[0].kind == Item::Kind::Value && pid[0].value.isString(), what,
             ": a persistent id must start with a string tag");
  const std::string& tag = pid[0].value.toStringRef();
  WICK_CHECK(tag == "storage", what, ": unknown PERSID key ", tag);
  WICK_CHECK(pid.size() == 5, what,
             ": a storage persistent id has 5 elements "
             "('storage', torch.<T>Storage, key, location, numel), got ",
             pid.size());
  WICK_CHECK(pid[1].kind == Item::Kind::Global && pid[1].global == GlobalId::Storage, what,
             ": the second element of a storage persistent id must be a storage class");
  for (size_t i = 2; i < 5; ++i) {
    WICK_CHECK(pid[i].kind == Item::Kind::Value, what, ": bad storage persistent id");
  }
  const IValue& key = pid[2].value;
  const IValue& location = pid[3].value;
  const IValue& numel = pid[4].value;
  WICK_CHECK(key.isString() && location.isString() && numel.isInt(), what,
             ": a storage persistent id is ('storage', torch.<T>Storage, str key, str location, "
             "int numel)");
  WICK_CHECK(numel.toInt() >= 0, what, ": storage '", key.toStringRef(), "' has negative size ",
             numel.toInt());
  Device device(location.toStringRef());  // raises for unknown locations
  WICK_CHECK(device.type != DeviceType::Meta, what, ": storage '", key.toStringRef(),
             "' is on the meta device and has no data");
  WICK_CHECK(hooks.load_storage, what, ": this pickle may not reference storages");
  DType dtype = pid[1].dtype;
  IntrusivePtr<StorageImpl> storage = hooks.load_storage(dtype, key.toStringRef(), numel.toInt());
  int64_t n = numel.toInt();
  return IValue(makeTensor(std::move(storage), dtype, {n}, {1}, 0));
}

}  // namespace detail

}  // namespace wick::archive
