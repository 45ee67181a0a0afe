// The pickle machine: opcodes, stack, marks and memo (see unpickler.h). What GLOBAL, REDUCE
// and BINPERSID may do lives in unpickler_globals.cpp.
#include <algorithm>
#include <bit>
#include <cstring>
#include <unordered_map>

#include "serialize/unpickler_impl.h"
#include "wick/core/error.h"

namespace wick::archive {

namespace {

using detail::Item;

// Note [Nesting in pickles]: no value read from a file may be nested deeper than kMaxNesting
// or contain itself, or the recursive destructors and walkers of IValues would overflow the
// stack. Containers are checked as they are built: a container may change only until it is
// placed in another one (PyTorch's and Python's picklers always finish a container first), so
// its depth is final by then and a parent's depth follows from its children's.
class Nesting {
 public:
  static constexpr uint32_t kMaxNesting = 2000;

  void created(const IValue& v) {
    if (!isContainer(v)) return;
    state_.emplace(v.intrusivePtr(), State{});
    keep_.push_back(v);  // addresses stay unique while the pickle is read
  }
  void adopt(const IValue& parent, const IValue& child, std::string_view what) {
    if (!isContainer(child)) return;
    WICK_CHECK(child.intrusivePtr() != parent.intrusivePtr(), what,
               ": a value contains itself (recursive values are not supported)");
    State& c = stateOf(child);
    c.sealed = true;
    State& p = stateOf(parent);
    p.depth = std::max(p.depth, c.depth + 1);
    WICK_CHECK(p.depth <= kMaxNesting, what, ": values are nested more than ", kMaxNesting,
               " levels deep");
  }
  void checkOpen(const IValue& container, std::string_view what) {
    WICK_CHECK(!stateOf(container).sealed, what, ": the pickle changes a ", container.typeName(),
               " after using it (recursive values are not supported)");
  }

 private:
  struct State {
    uint32_t depth = 1;
    bool sealed = false;
  };
  static bool isContainer(const IValue& v) {
    return v.isList() || v.isTuple() || v.isDict() || v.isObject();
  }
  State& stateOf(const IValue& v) {
    auto [it, added] = state_.emplace(v.intrusivePtr(), State{});
    if (added) keep_.push_back(v);
    return it->second;
  }

  std::unordered_map<const void*, State> state_;
  std::vector<IValue> keep_;
};

class Unpickler {
 public:
  Unpickler(std::string_view bytes, const UnpicklerHooks& hooks, std::string_view what)
      : bytes_(bytes), hooks_(hooks), what_(what) {}

  IValue run() {
    for (;;) {
      size_t at = pos_;
      auto op = static_cast<PickleOp>(readByte());
      if (op == PickleOp::Stop) break;
      step(op, at);
    }
    WICK_CHECK(!stack_.empty(), what_, ": the pickle ends with an empty stack");
    return toValue(std::move(stack_.back()));
  }

 private:
  [[noreturn]] void truncated() const {
    WICK_FAIL(what_, ": the pickle is truncated (", bytes_.size(), " bytes)");
  }
  uint8_t readByte() {
    if (pos_ >= bytes_.size()) truncated();
    return static_cast<uint8_t>(bytes_[pos_++]);
  }
  std::string_view readBytes(uint64_t n) {
    if (n > bytes_.size() - pos_) truncated();
    std::string_view s = bytes_.substr(pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return s;
  }
  uint64_t readLE(size_t n) {
    std::string_view b = readBytes(n);
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i)
      v |= static_cast<uint64_t>(static_cast<uint8_t>(b[i])) << (8 * i);
    return v;
  }
  std::string readLine() {
    size_t end = bytes_.find('\n', pos_);
    if (end == std::string_view::npos) truncated();
    std::string s(bytes_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return s;
  }

  Item pop() {
    WICK_CHECK(stack_.size() > floor(), what_, ": pickle stack underflow at byte ", pos_);
    Item i = std::move(stack_.back());
    stack_.pop_back();
    return i;
  }
  Item& top() {
    WICK_CHECK(stack_.size() > floor(), what_, ": pickle stack underflow at byte ", pos_);
    return stack_.back();
  }
  size_t floor() const { return marks_.empty() ? 0 : marks_.back(); }
  std::vector<Item> popToMark() {
    WICK_CHECK(!marks_.empty(), what_, ": pickle has no MARK before byte ", pos_);
    size_t m = marks_.back();
    marks_.pop_back();
    std::vector<Item> items(std::make_move_iterator(stack_.begin() + static_cast<ptrdiff_t>(m)),
                            std::make_move_iterator(stack_.end()));
    stack_.resize(m);
    return items;
  }
  const IValue& toValueRef(const Item& i) const {
    WICK_CHECK(i.kind == Item::Kind::Value, what_, ": a global cannot be used as a value");
    return i.value;
  }
  IValue toValue(Item i) const {
    WICK_CHECK(i.kind == Item::Kind::Value, what_, ": the global '",
               i.kind == Item::Kind::Global ? i.name : "(a tuple holding a global)",
               "' cannot be used as a value");
    return std::move(i.value);
  }

  void step(PickleOp op, size_t at);
  void pushInt(int64_t v) { stack_.push_back(Item::ofValue(IValue(v))); }
  void pushContainer(IValue v) {
    nesting_.created(v);
    stack_.push_back(Item::ofValue(std::move(v)));
  }
  void pushTuple(std::vector<Item> items);
  void long1();
  void binFloat();
  void appendTo(Item& list, std::vector<Item> items);
  void setItems(Item& dict, std::vector<Item> items);
  void memoGet(uint64_t index);
  void memoPut(uint64_t index);
  void build();
  void newObj();

  std::string_view bytes_;
  const UnpicklerHooks& hooks_;
  std::string_view what_;
  size_t pos_ = 0;
  std::vector<Item> stack_;
  std::vector<size_t> marks_;
  std::vector<Item> memo_;
  std::vector<bool> memo_set_;
  Nesting nesting_;
};

void Unpickler::step(PickleOp op, size_t at) {
  switch (op) {
    case PickleOp::Proto: {
      uint8_t v = readByte();
      WICK_CHECK(v <= 5, what_, ": unsupported pickle protocol ", int(v));
      break;
    }
    case PickleOp::Mark: marks_.push_back(stack_.size()); break;
    case PickleOp::Pop:
      if (!marks_.empty() && marks_.back() == stack_.size()) {
        marks_.pop_back();
      } else {
        pop();
      }
      break;
    case PickleOp::PopMark: popToMark(); break;
    case PickleOp::Dup: stack_.push_back(top()); break;
    case PickleOp::None: stack_.push_back(Item::ofValue(IValue())); break;
    case PickleOp::NewTrue: stack_.push_back(Item::ofValue(IValue(true))); break;
    case PickleOp::NewFalse: stack_.push_back(Item::ofValue(IValue(false))); break;
    case PickleOp::BinInt: pushInt(static_cast<int32_t>(static_cast<uint32_t>(readLE(4)))); break;
    case PickleOp::BinInt1: pushInt(readByte()); break;
    case PickleOp::BinInt2: pushInt(static_cast<int64_t>(readLE(2))); break;
    case PickleOp::Long1: long1(); break;
    case PickleOp::BinFloat: binFloat(); break;
    case PickleOp::BinUnicode:
      stack_.push_back(Item::ofValue(IValue(std::string(readBytes(readLE(4))))));
      break;
    case PickleOp::ShortBinUnicode:
      stack_.push_back(Item::ofValue(IValue(std::string(readBytes(readByte())))));
      break;
    case PickleOp::EmptyTuple: pushTuple({}); break;
    case PickleOp::Tuple: pushTuple(popToMark()); break;
    case PickleOp::Tuple1:
    case PickleOp::Tuple2:
    case PickleOp::Tuple3: {
      size_t n = op == PickleOp::Tuple1 ? 1 : op == PickleOp::Tuple2 ? 2 : 3;
      std::vector<Item> items(n);
      for (size_t i = n; i-- > 0;) items[i] = pop();
      pushTuple(std::move(items));
      break;
    }
    case PickleOp::EmptyList: pushContainer(IValue(makeList(AnyType::get()))); break;
    case PickleOp::List: {
      std::vector<Item> items = popToMark();
      pushContainer(IValue(makeList(AnyType::get())));
      appendTo(stack_.back(), std::move(items));
      break;
    }
    case PickleOp::Append: {
      Item v = pop();
      std::vector<Item> items;
      items.push_back(std::move(v));
      appendTo(top(), std::move(items));
      break;
    }
    case PickleOp::Appends: {
      std::vector<Item> items = popToMark();
      appendTo(top(), std::move(items));
      break;
    }
    case PickleOp::EmptyDict:
      pushContainer(IValue(makeDict(AnyType::get(), AnyType::get())));
      break;
    case PickleOp::Dict: {
      std::vector<Item> items = popToMark();
      pushContainer(IValue(makeDict(AnyType::get(), AnyType::get())));
      setItems(stack_.back(), std::move(items));
      break;
    }
    case PickleOp::SetItem: {
      std::vector<Item> kv(2);
      kv[1] = pop();
      kv[0] = pop();
      setItems(top(), std::move(kv));
      break;
    }
    case PickleOp::SetItems: {
      std::vector<Item> items = popToMark();
      setItems(top(), std::move(items));
      break;
    }
    case PickleOp::Global: {
      std::string module = readLine();
      std::string name = readLine();
      stack_.push_back(detail::resolveGlobal(module, name, hooks_));
      break;
    }
    case PickleOp::Reduce: {
      IValue args = toValue(pop());
      Item callable = pop();
      WICK_CHECK(callable.kind == Item::Kind::Global, what_,
                 ": REDUCE on a value that is not a global");
      if (auto enum_type = std::dynamic_pointer_cast<EnumType>(callable.type)) {
        // An enum member: its class called on the member's value itself (not a tuple).
        WICK_CHECK(args.isInt() || args.isDouble() || args.isString(), what_, ": a member of ",
                   callable.name, " must be given by an int, float or str value, got ",
                   args.typeName());
        stack_.push_back(Item::ofValue(enumMemberWithValue(enum_type, args)));
        break;
      }
      WICK_CHECK(args.isTuple(), what_, ": REDUCE arguments of '", callable.name,
                 "' are not a tuple");
      IValue result = detail::reduceGlobal(callable, args, hooks_, what_);
      nesting_.created(result);  // a new OrderedDict; the typed lists were known already
      stack_.push_back(Item::ofValue(std::move(result)));
      break;
    }
    case PickleOp::NewObj: newObj(); break;
    case PickleOp::Build: build(); break;
    case PickleOp::BinPersId: {
      Item pid = pop();
      WICK_CHECK(pid.kind == Item::Kind::RawTuple, what_,
                 ": a persistent id must be a tuple ('storage', torch.<T>Storage, key, location, "
                 "numel)");
      stack_.push_back(Item::ofValue(detail::loadPersistentStorage(*pid.elems, hooks_, what_)));
      break;
    }
    case PickleOp::BinGet: memoGet(readByte()); break;
    case PickleOp::LongBinGet: memoGet(readLE(4)); break;
    case PickleOp::BinPut: memoPut(readByte()); break;
    case PickleOp::LongBinPut: memoPut(readLE(4)); break;
    case PickleOp::Stop: break;
    default:
      WICK_FAIL(what_, ": unknown pickle opcode 0x", std::hex, int(static_cast<uint8_t>(op)),
                std::dec, " at byte ", at);
  }
}

void Unpickler::pushTuple(std::vector<Item> items) {
  bool plain = true;
  for (const Item& i : items) plain = plain && i.kind == Item::Kind::Value;
  if (plain) {
    std::vector<IValue> elems;
    elems.reserve(items.size());
    for (Item& i : items) elems.push_back(std::move(i.value));
    IValue t(makeTuple(std::move(elems)));
    nesting_.created(t);
    for (const IValue& e : t.toTuple().elems) nesting_.adopt(t, e, what_);
    stack_.push_back(Item::ofValue(std::move(t)));
    return;
  }
  // Tuples holding globals only serve as persistent ids; they are never deep.
  for (const Item& i : items) {
    WICK_CHECK(i.kind != Item::Kind::RawTuple, what_,
               ": nested tuples of globals are not supported");
  }
  Item t;
  t.kind = Item::Kind::RawTuple;
  t.elems = std::make_shared<std::vector<Item>>(std::move(items));
  stack_.push_back(std::move(t));
}

void Unpickler::long1() {
  uint8_t n = readByte();
  std::string_view b = readBytes(n);
  // Accept any length whose value fits in 64 bits (sign extension bytes beyond the eighth).
  uint64_t v = 0;
  bool negative = n > 0 && (static_cast<uint8_t>(b[n - 1]) & 0x80);
  for (size_t i = 0; i < n; ++i) {
    uint8_t byte = static_cast<uint8_t>(b[i]);
    if (i < 8) {
      v |= static_cast<uint64_t>(byte) << (8 * i);
    } else {
      WICK_CHECK(byte == (negative ? 0xff : 0x00), what_, ": integer does not fit in 64 bits");
    }
  }
  if (n < 8 && negative) v |= ~uint64_t(0) << (8 * n);
  if (n >= 8) {
    WICK_CHECK(n == 8 || negative == bool(v >> 63), what_, ": integer does not fit in 64 bits");
  }
  pushInt(static_cast<int64_t>(v));
}

void Unpickler::binFloat() {
  std::string_view b = readBytes(8);
  uint64_t bits = 0;
  for (size_t i = 0; i < 8; ++i) bits = (bits << 8) | static_cast<uint8_t>(b[i]);
  stack_.push_back(Item::ofValue(IValue(std::bit_cast<double>(bits))));
}

void Unpickler::appendTo(Item& list, std::vector<Item> items) {
  WICK_CHECK(list.kind == Item::Kind::Value && list.value.isList(), what_,
             ": APPEND to something that is not a list");
  nesting_.checkOpen(list.value, what_);
  ListObj& l = list.value.toList();
  for (Item& i : items) {
    // Checked before it is stored: a list appended to itself would otherwise form a
    // reference cycle that outlives the error.
    IValue v = toValue(std::move(i));
    nesting_.adopt(list.value, v, what_);
    l.elems.push_back(std::move(v));
  }
}

void Unpickler::setItems(Item& dict, std::vector<Item> items) {
  WICK_CHECK(items.size() % 2 == 0, what_, ": SETITEMS with an odd number of items");
  WICK_CHECK(dict.kind == Item::Kind::Value && dict.value.isDict(), what_,
             ": SETITEMS on something that is not a dict");
  nesting_.checkOpen(dict.value, what_);
  DictObj& d = dict.value.toDict();
  for (size_t i = 0; i < items.size(); i += 2) {
    IValue k = toValue(std::move(items[i]));
    nesting_.adopt(dict.value, k, what_);
    nesting_.adopt(dict.value, toValueRef(items[i + 1]), what_);
    WICK_CHECK(k.isString() || k.isInt() || k.isDouble() || k.isBool() || k.isTensor(), what_,
               ": dict key of type ", k.typeName(), " is not allowed");
    d.insert(std::move(k), toValue(std::move(items[i + 1])));
  }
}

void Unpickler::memoGet(uint64_t index) {
  WICK_CHECK(index < memo_.size() && memo_set_[index], what_, ": memo entry ", index,
             " is read before it is written");
  stack_.push_back(memo_[index]);
}

void Unpickler::memoPut(uint64_t index) {
  // Writers number memo entries from 0 up; each takes at least two bytes of the input, so a
  // larger index is corrupt (and would otherwise ask for a huge memo).
  WICK_CHECK(index <= bytes_.size(), what_, ": memo index ", index, " is out of range");
  if (index >= memo_.size()) {
    memo_.resize(index + 1);
    memo_set_.resize(index + 1, false);
  }
  memo_[index] = top();
  memo_set_[index] = true;
}

void Unpickler::newObj() {
  IValue args = toValue(pop());
  Item cls = pop();
  WICK_CHECK(cls.kind == Item::Kind::Global && cls.global == detail::GlobalId::Class, what_,
             ": NEWOBJ of '", cls.kind == Item::Kind::Global ? cls.name : "a value",
             "', which is not a TorchScript class");
  WICK_CHECK(args.isTuple() && args.toTuple().elems.empty(), what_, ": NEWOBJ of '", cls.name,
             "' with arguments");
  auto class_type = std::dynamic_pointer_cast<ClassType>(cls.type);
  WICK_CHECK(class_type, what_, ": '", cls.name, "' is not a class and cannot be instantiated");
  pushContainer(IValue(makeObject(class_type)));
}

void Unpickler::build() {
  IValue state = toValue(pop());
  Item& target = top();
  WICK_CHECK(target.kind == Item::Kind::Value, what_, ": BUILD on a global");
  if (target.value.isDict()) return;  // OrderedDict's _metadata (torch.save state dicts)
  WICK_CHECK(target.value.isObject(), what_, ": BUILD on a value of type ",
             target.value.typeName());
  nesting_.checkOpen(target.value, what_);
  nesting_.adopt(target.value, state, what_);
  IntrusivePtr<Object> obj = target.value.toObjectPtr();
  if (obj->type->findMethod("__setstate__")) {
    WICK_CHECK(hooks_.set_state, what_, ": cannot run ", obj->type->name(), ".__setstate__ here");
    hooks_.set_state(obj, std::move(state));
    return;
  }
  WICK_CHECK(state.isDict(), what_, ": the state of a ", obj->type->name(),
             " object must be a dict, got ", state.typeName());
  for (const auto& [k, v] : state.toDict().items()) {
    WICK_CHECK(k.isString(), what_, ": attribute names of ", obj->type->name(), " must be strings");
    obj->setAttr(k.toStringRef(), v);
  }
}

}  // namespace

IValue unpickle(std::string_view bytes, const UnpicklerHooks& hooks, std::string_view what) {
  return Unpickler(bytes, hooks, what).run();
}

}  // namespace wick::archive
