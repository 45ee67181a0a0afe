// Dict operations of TorchScript code (d[k], d[k] = v, len, keys/values/items, get,
// setdefault, pop, popitem, update, clear, copy, `in`, del) for every key type a TorchScript
// dict can have: str, int, float, bool and Tensor (by identity). Each schema overload is a
// one-line kernel over the key-type-independent implementation; dicts keep insertion order.
#include "ops/kernels/script_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using script::dictArg;

[[noreturn]] void keyError(const IValue& key) {
  WICK_FAIL("KeyError: ", script::toDisplayString(key));
}

IValue getItem(const IValue& self, const IValue& key) {
  const IValue* v = dictArg(self, "aten::__getitem__").find(key);
  if (!v) keyError(key);
  return *v;
}

void setItem(const IValue& self, IValue key, const IValue& value) {
  dictArg(self, "aten::_set_item").insert(std::move(key), value);
}

IValue getOr(const IValue& self, const IValue& key, const IValue& dflt) {
  const IValue* v = dictArg(self, "aten::get").find(key);
  return v ? *v : dflt;
}

IValue setDefault(const IValue& self, const IValue& key, const IValue& dflt) {
  DictObj& d = dictArg(self, "aten::setdefault");
  if (const IValue* v = d.find(key)) return *v;
  d.insert(key, dflt);
  return dflt;
}

IValue popKey(const IValue& self, const IValue& key, const IValue* dflt) {
  DictObj& d = dictArg(self, "aten::pop");
  const IValue* v = d.find(key);
  if (!v) {
    if (dflt) return *dflt;
    keyError(key);
  }
  IValue out = *v;
  d.erase(key);
  return out;
}

void deleteKey(const IValue& self, const IValue& key) {
  DictObj& d = dictArg(self, "aten::Delete");
  if (!d.erase(key)) keyError(key);
}

IValue popItem(const IValue& self) {
  DictObj& d = dictArg(self, "aten::popitem");
  WICK_CHECK(d.size() != 0, "popitem(): dictionary is empty");
  // TorchScript pops the first item in insertion order (Python pops the last).
  auto [k, v] = d.items().front();
  d.erase(k);
  return IValue(makeTuple({k, v}, TupleType::create({d.key_type, d.value_type})));
}

IValue keysOf(const IValue& self) {
  const DictObj& d = dictArg(self, "aten::keys");
  std::vector<IValue> out;
  out.reserve(d.size());
  for (const auto& kv : d.items()) out.push_back(kv.first);
  return IValue(makeList(d.key_type, std::move(out)));
}

IValue valuesOf(const IValue& self) {
  const DictObj& d = dictArg(self, "aten::values");
  std::vector<IValue> out;
  out.reserve(d.size());
  for (const auto& kv : d.items()) out.push_back(kv.second);
  return IValue(makeList(d.value_type, std::move(out)));
}

IValue itemsOf(const IValue& self) {
  const DictObj& d = dictArg(self, "aten::items");
  TypePtr pair = TupleType::create({d.key_type, d.value_type});
  std::vector<IValue> out;
  out.reserve(d.size());
  for (const auto& [k, v] : d.items()) out.emplace_back(makeTuple({k, v}, pair));
  return IValue(makeList(pair, std::move(out)));
}

void updateFrom(const IValue& self, const IValue& to_add) {
  // Copy first so that d.update(d) is safe.
  auto items = dictArg(to_add, "aten::update").items();
  DictObj& d = dictArg(self, "aten::update");
  for (auto& [k, v] : items) d.insert(k, v);
}

IValue copyOf(const IValue& self) {
  const DictObj& d = dictArg(self, "aten::copy");
  auto out = makeDict(d.key_type, d.value_type);
  for (const auto& [k, v] : d.items()) out->insert(k, v);
  return IValue(out);
}

}  // namespace

#define WICK_DICT_KERNELS(K, KT)                                                                 \
  IValue dunder_getitem_Dict_##K(const IValue& self, KT key) {                                   \
    return getItem(self, IValue(key));                                                           \
  }                                                                                              \
  void _set_item_##K(const IValue& l, KT idx, const IValue& v) { setItem(l, IValue(idx), v); }   \
  int64_t len_Dict_##K(const IValue& self) {                                                     \
    return static_cast<int64_t>(dictArg(self, "aten::len").size());                              \
  }                                                                                              \
  IValue keys_##K(const IValue& self) { return keysOf(self); }                                   \
  IValue values_##K(const IValue& self) { return valuesOf(self); }                               \
  IValue items_##K(const IValue& self) { return itemsOf(self); }                                 \
  IValue get_##K(const IValue& self, KT key) { return getOr(self, IValue(key), IValue()); }      \
  IValue get_default_##K(const IValue& self, KT key, const IValue& default_value) {              \
    return getOr(self, IValue(key), default_value);                                              \
  }                                                                                              \
  IValue setdefault_##K(const IValue& self, KT key, const IValue& default_value) {               \
    return setDefault(self, IValue(key), default_value);                                         \
  }                                                                                              \
  IValue pop_Dict_##K(const IValue& self, KT key) { return popKey(self, IValue(key), nullptr); } \
  IValue pop_Dict_default_##K(const IValue& self, KT key, const IValue& default_value) {         \
    return popKey(self, IValue(key), &default_value);                                            \
  }                                                                                              \
  IValue popitem_##K(const IValue& self) { return popItem(self); }                               \
  void update_##K(const IValue& self, const IValue& to_add) { updateFrom(self, to_add); }        \
  void clear_##K(const IValue& self) { dictArg(self, "aten::clear").clear(); }                   \
  IValue copy_Dict_##K(const IValue& self) { return copyOf(self); }                              \
  IValue dict_Dict_##K(const IValue& self) { return copyOf(self); }                              \
  bool dunder_contains_##K(const IValue& dict, KT key) {                                         \
    return dictArg(dict, "aten::__contains__").contains(IValue(key));                            \
  }                                                                                              \
  void Delete_Dict_##K(const IValue& self, KT key) { deleteKey(self, IValue(key)); }

// torch.dict() in archive code (scripted OrderedDict()): a new, empty Dict[str, Tensor].
IValue dict() { return IValue(makeDict(StringType::get(), TensorType::get())); }

namespace {

// torch.dict(pairs) in archive code (a scripted OrderedDict(zip(names, values))): a dict of
// the (key, value) tuples, later pairs overwriting earlier ones. The types come from the
// list's (key, value) element type.
IValue dictFromPairs(const IValue& inputs, const TypePtr& key_type) {
  const ListObj& pairs = script::listArg(inputs, "aten::dict");
  TypePtr value_type = AnyType::get();
  if (const auto* t = pairs.elem_type ? pairs.elem_type->cast<TupleType>() : nullptr;
      t && t->elements().size() == 2) {
    value_type = t->elements()[1];
  }
  auto out = makeDict(key_type, value_type);
  for (const IValue& p : pairs.elems) {
    WICK_CHECK(p.isTuple() && p.toTuple().elems.size() == 2,
               "aten::dict: expected (key, value) pairs, got ", p.typeName());
    out->insert(p.toTuple().elems[0], p.toTuple().elems[1]);
  }
  return IValue(out);
}

}  // namespace

IValue dict_str(const IValue& inputs) { return dictFromPairs(inputs, StringType::get()); }
IValue dict_int(const IValue& inputs) { return dictFromPairs(inputs, IntType::get()); }
IValue dict_float(const IValue& inputs) { return dictFromPairs(inputs, FloatType::get()); }
IValue dict_bool(const IValue& inputs) { return dictFromPairs(inputs, BoolType::get()); }
IValue dict_Tensor(const IValue& inputs) { return dictFromPairs(inputs, TensorType::get()); }

WICK_DICT_KERNELS(str, std::string_view)
WICK_DICT_KERNELS(int, int64_t)
WICK_DICT_KERNELS(float, double)
WICK_DICT_KERNELS(bool, bool)
WICK_DICT_KERNELS(Tensor, const Tensor&)
#undef WICK_DICT_KERNELS

}  // namespace wick::kernels
