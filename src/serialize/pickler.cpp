#include "serialize/pickler.h"

#include <bit>
#include <limits>
#include <unordered_map>

#include "serialize/pickle_common.h"
#include "wick/core/error.h"

namespace wick::archive {

namespace {

class Pickler {
 public:
  explicit Pickler(const PicklerHooks& hooks) : hooks_(hooks) {}

  std::string run(const IValue& v) {
    op(PickleOp::Proto);
    out_.push_back(2);
    push(v);
    op(PickleOp::Stop);
    return std::move(out_);
  }

 private:
  void op(PickleOp o) { out_.push_back(static_cast<char>(o)); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  uint32_t memoize() {
    uint32_t id = next_memo_++;
    if (id <= 0xff) {
      op(PickleOp::BinPut);
      out_.push_back(static_cast<char>(id));
    } else {
      op(PickleOp::LongBinPut);
      u32(id);
    }
    return id;
  }
  void memoGet(uint32_t id) {
    if (id <= 0xff) {
      op(PickleOp::BinGet);
      out_.push_back(static_cast<char>(id));
    } else {
      op(PickleOp::LongBinGet);
      u32(id);
    }
  }
  // Reference values already written are fetched from the memo: sharing survives the trip.
  bool fromMemo(const void* identity) {
    auto it = identity_memo_.find(identity);
    if (it == identity_memo_.end()) return false;
    memoGet(it->second);
    return true;
  }
  void remember(const void* identity) { identity_memo_[identity] = memoize(); }

  void push(const IValue& v);
  void pushInt(int64_t v);
  void pushDouble(double d);
  void pushString(const std::string& s);
  void pushGlobal(const std::string& module, const std::string& name);
  void pushTuple(const TupleObj& t);
  void pushList(const ListObj& l);
  void pushDict(const DictObj& d);
  void pushObject(const IntrusivePtr<Object>& obj);
  void pushTensor(const Tensor& t);
  void pushStorage(const Tensor& t);
  void pushIntTuple(IntArrayRef v);

  const PicklerHooks& hooks_;
  std::string out_;
  uint32_t next_memo_ = 0;
  std::unordered_map<std::string, uint32_t> string_memo_;
  std::unordered_map<std::string, uint32_t> global_memo_;
  std::unordered_map<const void*, uint32_t> identity_memo_;
  std::unordered_map<const StorageImpl*, std::pair<uint32_t, DType>> storage_memo_;
  std::vector<IValue> keep_alive_;
};

void Pickler::push(const IValue& v) {
  // The identity memo is keyed by address: values (such as __getstate__ results) must stay
  // alive until the end so no later value can reuse an address.
  if (v.isIntrusive() || v.isTensor()) keep_alive_.push_back(v);
  switch (v.tag()) {
    case IValue::Tag::None: op(PickleOp::None); return;
    case IValue::Tag::Bool: op(v.toBool() ? PickleOp::NewTrue : PickleOp::NewFalse); return;
    case IValue::Tag::Int: pushInt(v.toInt()); return;
    case IValue::Tag::Double: pushDouble(v.toDouble()); return;
    case IValue::Tag::String: pushString(v.toStringRef()); return;
    case IValue::Tag::Tensor: pushTensor(v.toTensor()); return;
    case IValue::Tag::Tuple: pushTuple(v.toTuple()); return;
    case IValue::Tag::List: pushList(v.toList()); return;
    case IValue::Tag::Dict: pushDict(v.toDict()); return;
    case IValue::Tag::Object: pushObject(v.toObjectPtr()); return;
    case IValue::Tag::Device:
      pushGlobal("torch", "device");
      pushString(v.toDevice().str());
      op(PickleOp::Tuple1);
      op(PickleOp::Reduce);
      return;
    case IValue::Tag::Enum: {
      // GLOBAL '__torch__ Color', the member's value, REDUCE: the class called on the value
      // (not on a tuple of it), as PyTorch writes enums.
      const EnumObj& e = v.toEnum();
      const std::string& qualname = e.type->name();
      size_t dot = qualname.rfind('.');
      WICK_CHECK(dot != std::string::npos, "cannot save a member of enum class '", qualname,
                 "': its name is not qualified");
      pushGlobal(qualname.substr(0, dot), qualname.substr(dot + 1));
      push(e.value());
      op(PickleOp::Reduce);
      return;
    }
    case IValue::Tag::Generator: break;
  }
  WICK_FAIL("cannot save a value of type ", v.typeName(), " in an archive");
}

void Pickler::pushInt(int64_t v) {
  if (v >= 0 && v <= 0xff) {
    op(PickleOp::BinInt1);
    out_.push_back(static_cast<char>(v));
  } else if (v >= 0 && v <= 0xffff) {
    op(PickleOp::BinInt2);
    out_.push_back(static_cast<char>(v & 0xff));
    out_.push_back(static_cast<char>(v >> 8));
  } else if (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max()) {
    op(PickleOp::BinInt);
    u32(static_cast<uint32_t>(static_cast<int32_t>(v)));
  } else {
    op(PickleOp::Long1);
    out_.push_back(8);
    auto u = static_cast<uint64_t>(v);
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((u >> (8 * i)) & 0xff));
  }
}

void Pickler::pushDouble(double d) {
  op(PickleOp::BinFloat);
  auto bits = std::bit_cast<uint64_t>(d);
  for (int i = 7; i >= 0; --i) out_.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
}

void Pickler::pushString(const std::string& s) {
  if (auto it = string_memo_.find(s); it != string_memo_.end()) {
    memoGet(it->second);
    return;
  }
  WICK_CHECK(s.size() <= 0xffffffffu, "cannot save a string of ", s.size(), " bytes");
  op(PickleOp::BinUnicode);
  u32(static_cast<uint32_t>(s.size()));
  out_ += s;
  string_memo_[s] = memoize();
}

void Pickler::pushGlobal(const std::string& module, const std::string& name) {
  std::string key = module + "\n" + name + "\n";
  if (auto it = global_memo_.find(key); it != global_memo_.end()) {
    memoGet(it->second);
    return;
  }
  op(PickleOp::Global);
  out_ += key;
  global_memo_[key] = memoize();
}

// Tuples, lists and dicts are not memoized (PyTorch does not either): a container referenced
// twice is written twice.
void Pickler::pushTuple(const TupleObj& t) {
  size_t n = t.elems.size();
  if (n == 0) {
    op(PickleOp::EmptyTuple);
  } else if (n <= 3) {
    for (const IValue& e : t.elems) push(e);
    op(n == 1 ? PickleOp::Tuple1 : n == 2 ? PickleOp::Tuple2 : PickleOp::Tuple3);
  } else {
    op(PickleOp::Mark);
    for (const IValue& e : t.elems) push(e);
    op(PickleOp::Tuple);
  }
}

void Pickler::pushList(const ListObj& l) {
  const char* builder = nullptr;
  switch (l.elem_type->kind()) {
    case TypeKind::Int: builder = "build_intlist"; break;
    case TypeKind::Float: builder = "build_doublelist"; break;
    case TypeKind::Bool: builder = "build_boollist"; break;
    case TypeKind::Tensor: builder = "build_tensorlist"; break;
    default: break;
  }
  pushGlobal("torch.jit._pickle", builder ? builder : "restore_type_tag");
  op(PickleOp::EmptyList);
  if (!l.elems.empty()) {
    op(PickleOp::Mark);
    for (const IValue& e : l.elems) push(e);
    op(PickleOp::Appends);
  }
  if (builder) {
    op(PickleOp::Tuple1);
  } else {
    pushString("List[" + l.elem_type->annotationStr() + "]");
    op(PickleOp::Tuple2);
  }
  op(PickleOp::Reduce);
}

void Pickler::pushDict(const DictObj& d) {
  pushGlobal("torch.jit._pickle", "restore_type_tag");
  op(PickleOp::EmptyDict);
  if (d.size() > 0) {
    op(PickleOp::Mark);
    for (const auto& [k, v] : d.items()) {
      push(k);
      push(v);
    }
    op(PickleOp::SetItems);
  }
  pushString("Dict[" + d.key_type->annotationStr() + ", " + d.value_type->annotationStr() + "]");
  op(PickleOp::Tuple2);
  op(PickleOp::Reduce);
}

void Pickler::pushObject(const IntrusivePtr<Object>& obj) {
  if (fromMemo(obj.get())) return;
  const std::string& qualname = obj->type->name();
  size_t dot = qualname.rfind('.');
  WICK_CHECK(dot != std::string::npos, "cannot save an object of class '", qualname,
             "': its name is not qualified");
  pushGlobal(qualname.substr(0, dot), qualname.substr(dot + 1));
  op(PickleOp::EmptyTuple);
  op(PickleOp::NewObj);
  remember(obj.get());
  if (obj->type->findMethod("__getstate__")) {
    WICK_CHECK(hooks_.get_state, "cannot run ", qualname, ".__getstate__ here");
    push(hooks_.get_state(obj));
    op(PickleOp::Build);
    return;
  }
  op(PickleOp::EmptyDict);
  const auto& attrs = obj->type->attributes();
  if (!attrs.empty()) {
    op(PickleOp::Mark);
    for (size_t i = 0; i < attrs.size(); ++i) {
      pushString(attrs[i].name);
      push(i < obj->slots.size() ? obj->slots[i] : IValue());
    }
    op(PickleOp::SetItems);
  }
  op(PickleOp::Build);
}

void Pickler::pushIntTuple(IntArrayRef v) {
  op(PickleOp::Mark);
  for (int64_t x : v) pushInt(x);
  op(PickleOp::Tuple);
}

void Pickler::pushStorage(const Tensor& t) {
  const StorageImpl* s = t.impl()->storage();
  if (auto it = storage_memo_.find(s); it != storage_memo_.end()) {
    WICK_CHECK(it->second.second == t.dtype(), "cannot save tensors of dtypes ", it->second.second,
               " and ", t.dtype(), " that share one storage");
    memoGet(it->second.first);
    return;
  }
  WICK_CHECK(hooks_.storage_key, "this pickle cannot hold tensors");
  std::string key = hooks_.storage_key(t);
  op(PickleOp::Mark);
  pushString("storage");
  pushGlobal("torch", std::string(storageClassName(t.dtype())));
  pushString(key);
  pushString("cpu");
  pushInt(static_cast<int64_t>(s->nbytes() / t.element_size()));
  op(PickleOp::Tuple);
  op(PickleOp::BinPersId);
  storage_memo_[s] = {memoize(), t.dtype()};
}

void Pickler::pushTensor(const Tensor& t) {
  WICK_CHECK(t.defined(), "cannot save an undefined tensor");
  // A nested tensor has no single strided storage to name; PyTorch 1.13 cannot
  // serialize one either.
  WICK_CHECK(!t.impl()->isNested(), "cannot save a nested tensor");
  if (fromMemo(t.impl())) return;
  pushGlobal("torch._utils", "_rebuild_tensor_v2");
  op(PickleOp::Mark);
  pushStorage(t);
  pushInt(t.storage_offset());
  pushIntTuple(t.impl()->sizes());
  pushIntTuple(t.strides());
  op(t.requires_grad() ? PickleOp::NewTrue : PickleOp::NewFalse);
  pushGlobal("collections", "OrderedDict");
  op(PickleOp::EmptyTuple);
  op(PickleOp::Reduce);
  op(PickleOp::Tuple);
  op(PickleOp::Reduce);
  remember(t.impl());
}

}  // namespace

std::string pickle(const IValue& value, const PicklerHooks& hooks) {
  return Pickler(hooks).run(value);
}

}  // namespace wick::archive
