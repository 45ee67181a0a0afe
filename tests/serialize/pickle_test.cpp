// The pickler and the restricted unpickler: value round trips, the exact opcodes PyTorch
// writes for small values, memoized sharing, and errors for hostile or broken pickles.
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

#include "serialize/pickler.h"
#include "serialize/unpickler.h"
#include "testing/testing.h"

namespace wick::archive {
namespace {

// Keeps storages in memory by key, as the archive writer and reader do with records.
struct StorageTable {
  std::map<std::string, IntrusivePtr<StorageImpl>> by_key;
  PicklerHooks picklerHooks() {
    PicklerHooks h;
    h.storage_key = [this](const Tensor& t) {
      std::string key = std::to_string(by_key.size());
      by_key[key] = t.impl()->storagePtr();
      return key;
    };
    return h;
  }
  UnpicklerHooks unpicklerHooks() {
    UnpicklerHooks h;
    h.load_storage = [this](DType dtype, const std::string& key, int64_t numel) {
      auto it = by_key.find(key);
      WICK_CHECK(it != by_key.end(), "no storage ", key);
      WICK_CHECK(static_cast<size_t>(numel) * elementSize(dtype) <= it->second->nbytes(), "short");
      return it->second;
    };
    return h;
  }
};

IValue roundTrip(const IValue& v, StorageTable& table) {
  std::string bytes = pickle(v, table.picklerHooks());
  return unpickle(bytes, table.unpicklerHooks(), "test.pkl");
}

Tensor iota(std::vector<int64_t> sizes) {
  Tensor t = emptyTensor(sizes, kFloat);
  float* p = t.data_ptr<float>();
  for (int64_t i = 0; i < t.impl()->numel(); ++i) p[i] = static_cast<float>(i);
  return t;
}

TEST(Pickle, ScalarsRoundTrip) {
  StorageTable table;
  for (int64_t v : {int64_t(0), int64_t(255), int64_t(256), int64_t(65535), int64_t(65536),
                    int64_t(-1), int64_t(1) << 40, std::numeric_limits<int64_t>::min(),
                    std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(roundTrip(IValue(v), table).toInt(), v);
  }
  for (double d : {0.0, -0.5, 1e300, 0.1, std::numeric_limits<double>::infinity()}) {
    EXPECT_EQ(roundTrip(IValue(d), table).toDouble(), d);
  }
  EXPECT_TRUE(std::isnan(roundTrip(IValue(std::nan("")), table).toDouble()));
  EXPECT_EQ(roundTrip(IValue(std::string("h\xc3\xa9llo\n")), table).toStringRef(),
            "h\xc3\xa9llo\n");
  EXPECT_TRUE(roundTrip(IValue(true), table).toBool());
  EXPECT_TRUE(roundTrip(IValue(), table).isNone());
  EXPECT_EQ(roundTrip(IValue(Device("cpu")), table).toDevice(), kCPU);
}

TEST(Pickle, BytesMatchPyTorchForSmallValues) {
  StorageTable table;
  // ('a', 'a', 1, -1, 2**40): strings memoized by value, ints by size class.
  IValue t = wick::tuple({IValue("a"), IValue("a"), IValue(int64_t(1)), IValue(int64_t(-1)),
                          IValue(int64_t(1) << 40)});
  std::string b = pickle(t, table.picklerHooks());
  std::string want(
      "\x80\x02(X\x01\x00\x00\x00"
      "aq\x00h\x00K\x01J\xff\xff\xff\xff"
      "\x8a\x08\x00\x00\x00\x00\x00\x01\x00\x00t.",
      32);
  EXPECT_EQ(b, want);
  // Floats are 8 big-endian bytes.
  EXPECT_EQ(pickle(IValue(1.0), table.picklerHooks()),
            std::string("\x80\x02G\x3f\xf0\x00\x00\x00\x00\x00\x00.", 12));
}

TEST(Pickle, ContainersKeepTheirTypes) {
  StorageTable table;
  IValue ints(std::vector<int64_t>{1, 2, 3});
  IValue strs(std::vector<std::string>{"x", "y"});
  auto d = makeDict(StringType::get(), IntType::get());
  d->insert(IValue("one"), IValue(int64_t(1)));
  auto empty = makeList(ListType::ofFloats());
  IValue v = wick::tuple({ints, strs, IValue(d), IValue(empty), IValue(std::vector<bool>{true})});
  IValue r = roundTrip(v, table);
  const auto& e = r.toTuple().elems;
  EXPECT_EQ(e[0].toIntVector(), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(e[0].toList().elem_type->str(), "int");
  EXPECT_EQ(e[1].toList().elem_type->str(), "str");
  EXPECT_EQ(e[2].toDict().key_type->str(), "str");
  EXPECT_EQ(e[2].toDict().value_type->str(), "int");
  EXPECT_EQ(e[2].toDict().find(IValue("one"))->toInt(), 1);
  EXPECT_EQ(e[3].toList().elem_type->annotationStr(), "List[float]");
  EXPECT_EQ(e[4].toBoolVector(), std::vector<bool>{true});
}

TEST(Pickle, TensorsShareStoragesAndKeepLayout) {
  StorageTable table;
  Tensor base = iota({30});
  Tensor view = makeTensor(base.impl()->storagePtr(), kFloat, {6, 4}, {1, 6}, 0);
  Tensor tail = makeTensor(base.impl()->storagePtr(), kFloat, {6}, {1}, 20);
  Tensor scalar = iota({});
  scalar.impl()->setRequiresGrad(true);
  IValue r = roundTrip(wick::tuple({view, tail, scalar, view}), table);
  EXPECT_EQ(table.by_key.size(), 2u);  // one record per storage
  const auto& e = r.toTuple().elems;
  Tensor v = e[0].toTensor(), t = e[1].toTensor(), s = e[2].toTensor();
  EXPECT_EQ(v.impl()->storage(), t.impl()->storage());
  EXPECT_EQ(std::vector<int64_t>(v.strides().begin(), v.strides().end()),
            (std::vector<int64_t>{1, 6}));
  EXPECT_EQ(t.storage_offset(), 20);
  EXPECT_EQ(t.data_ptr<float>()[0], 20.0f);
  EXPECT_EQ(s.dim(), 0);
  EXPECT_TRUE(s.requires_grad());
  EXPECT_FALSE(v.requires_grad());
  EXPECT_TRUE(e[3].toTensor().is_same(v));  // the same tensor twice stays one tensor
}

TEST(Pickle, ObjectsWriteTheirStateInSlotOrder) {
  StorageTable table;
  auto cls = ClassType::create("__torch__.torch.nn.modules.linear.Linear", true);
  cls->addAttribute("weight", TensorType::get(), ClassType::AttrKind::Parameter);
  cls->addAttribute("training", BoolType::get());
  auto obj = makeObject(cls);
  obj->setAttr("weight", IValue(iota({2, 3})));
  obj->setAttr("training", IValue(false));
  std::string b = pickle(IValue(obj), table.picklerHooks());
  EXPECT_EQ(b.substr(0, 46), std::string("\x80\x02"
                                         "c__torch__.torch.nn.modules.linear\nLinear\n"
                                         "q\x00",
                                         46));
  UnpicklerHooks h = table.unpicklerHooks();
  h.resolve_class = [&](const std::string& name) -> TypePtr {
    return name == cls->name() ? cls : nullptr;
  };
  IValue r = unpickle(b, h, "data.pkl");
  ASSERT_TRUE(r.isObject());
  EXPECT_EQ(r.toObject().type, cls);
  EXPECT_FALSE(r.toObject().attr("training").toBool());
  EXPECT_EQ(r.toObject().attr("weight").toTensor().data_ptr<float>()[5], 5.0f);
  // Without the class, the error names it as PyTorch does.
  EXPECT_THROW_MSG(unpickle(b, table.unpicklerHooks(), "data.pkl"),
                   "Unknown type name '__torch__.torch.nn.modules.linear.Linear'");
}

// Byte strings with embedded NULs.
std::string operator""_b(const char* s, size_t n) { return std::string(s, n); }

std::string pkl(const std::string& body) { return "\x80\x02"_b + body + "."; }

TEST(Pickle, RejectsGlobalsArchivesDoNotUse) {
  StorageTable table;
  UnpicklerHooks h = table.unpicklerHooks();
  EXPECT_THROW_MSG(unpickle(pkl("cos\nsystem\nX\x02\x00\x00\x00"
                                "ls\x85R"_b),
                            h, "data.pkl"),
                   "Unknown type name 'os.system'");
  EXPECT_THROW_MSG(unpickle(pkl("cbuiltins\neval\n"), h, "data.pkl"),
                   "Unknown type name 'builtins.eval'");
  EXPECT_THROW_MSG(unpickle(pkl("ctorch\nUntypedStorage\n"), h, "data.pkl"),
                   "Unpickler found unknown torch global, 'torch.UntypedStorage'");
  EXPECT_THROW_MSG(unpickle(pkl("ctorch.cuda\nFloatStorage\n"), h, "data.pkl"),
                   "Unknown type name 'torch.cuda.FloatStorage'");
  // An allowed global still cannot be used as a plain value.
  EXPECT_THROW_MSG(unpickle(pkl("ccollections\nOrderedDict\n"), h, "data.pkl"),
                   "cannot be used as a value");
}

TEST(Pickle, RejectsBrokenPickles) {
  StorageTable table;
  UnpicklerHooks h = table.unpicklerHooks();
  EXPECT_THROW_MSG(unpickle(std::string("\x80\x02X\xff\x00\x00\x00"
                                        "ab",
                                        9),
                            h, "data.pkl"),
                   "data.pkl: the pickle is truncated");
  EXPECT_THROW_MSG(unpickle(pkl("h\x05"_b), h, "data.pkl"), "memo entry 5 is read before");
  EXPECT_THROW_MSG(unpickle(pkl("N"
                                "r\xff\xff\xff\x7f"),
                            h, "data.pkl"),
                   "memo index");
  EXPECT_THROW_MSG(unpickle(pkl("t"), h, "data.pkl"), "no MARK");
  EXPECT_THROW_MSG(unpickle(pkl("a"), h, "data.pkl"), "stack underflow");
  EXPECT_THROW_MSG(unpickle(pkl("\xfe"), h, "data.pkl"), "unknown pickle opcode 0xfe");
  EXPECT_THROW_MSG(unpickle(pkl("NK\x01"
                                "a"),
                            h, "data.pkl"),
                   "not a list");
  EXPECT_THROW_MSG(unpickle(std::string("\x80\x02N", 3), h, "data.pkl"), "truncated");
  // Values that contain themselves or nest deeply would overflow recursive code later.
  EXPECT_THROW_MSG(unpickle(pkl("]q\x00h\x00"
                                "a"_b),
                            h, "data.pkl"),
                   "contains itself");
  EXPECT_THROW_MSG(unpickle(pkl("]q\x00]h\x00"
                                "aa"_b),
                            h, "data.pkl"),
                   "changes a List[Any] after using it");
  EXPECT_THROW_MSG(unpickle(pkl(std::string(3000, ']') + std::string(2999, 'a')), h, "data.pkl"),
                   "nested more than 2000 levels deep");
  EXPECT_THROW_MSG(unpickle(pkl(std::string(3000, ')') + std::string(2999, '\x85')), h, "data.pkl"),
                   "nested more than 2000 levels deep");
}

// ('storage', torch.FloatStorage, '0', 'cpu', numel) as PyTorch writes it.
std::string persid(const std::string& tag, int numel, const std::string& cls = "FloatStorage") {
  return "(X"_b + std::string(1, char(tag.size())) + std::string(3, '\0') + tag + "ctorch\n" + cls +
         "\nX\x01\x00\x00\x00"
         "0X\x03\x00\x00\x00"
         "cpuK"_b +
         std::string(1, char(numel)) + "tQ";
}

std::string rebuild(const std::string& pid, const std::string& rest) {
  return "ctorch._utils\n_rebuild_tensor_v2\n(" + pid + rest + "tR";
}

TEST(Pickle, TensorsAreCheckedAgainstTheirStorage) {
  StorageTable table;
  table.by_key["0"] = iota({6}).impl()->storagePtr();
  UnpicklerHooks h = table.unpicklerHooks();
  // A (2, 3) tensor over 6 floats is fine; (3, 3) is not; nor is an offset past the end.
  IValue ok = unpickle(pkl(rebuild(persid("storage", 6), "K\x00(K\x02K\x03t(K\x03K\x01t\x89"_b)), h,
                       "data.pkl");
  EXPECT_EQ(ok.toTensor().data_ptr<float>()[5], 5.0f);
  EXPECT_THROW_MSG(
      unpickle(pkl(rebuild(persid("storage", 6), "K\x00(K\x03K\x03t(K\x03K\x01t\x89"_b)), h, "d"),
      "need 9 elements but its storage has 6");
  EXPECT_THROW_MSG(unpickle(pkl(rebuild(persid("storage", 6), "K\x07(t(t\x89")), h, "d"),
                   "need 8 elements but its storage has 6");
  EXPECT_THROW_MSG(
      unpickle(pkl(rebuild(persid("storage", 6), "J\xff\xff\xff\xff(t(t\x89")), h, "d"),
      "negative storage offset");
  EXPECT_THROW_MSG(unpickle(pkl(rebuild(persid("blob", 6), "K\x00(t(t\x89"_b)), h, "d"),
                   "unknown PERSID key blob");
  EXPECT_THROW_MSG(unpickle(pkl(rebuild(persid("storage", 6, "BadStorage"), "")), h, "d"),
                   "Unpickler found unknown torch global, 'torch.BadStorage'");
  // A 4-element persistent id.
  std::string four =
      "(X\x07\x00\x00\x00storagectorch\nFloatStorage\nX\x01\x00\x00\x00"
      "0X\x03"
      "\x00\x00\x00"
      "cputQ"_b;
  EXPECT_THROW_MSG(unpickle(pkl(four), h, "d"), "has 5 elements");
}

TEST(Pickle, TypeTags) {
  EXPECT_EQ(parseTypeTag("Dict[str, List[Optional[int]]]", nullptr)->annotationStr(),
            "Dict[str, List[Optional[int]]]");
  EXPECT_EQ(parseTypeTag("Tuple[int, Tensor]", nullptr)->annotationStr(), "Tuple[int, Tensor]");
  EXPECT_THROW_MSG(parseTypeTag("List[int", nullptr), "bad type tag");
  EXPECT_THROW_MSG(parseTypeTag("__torch__.Foo", nullptr), "Unknown type name '__torch__.Foo'");
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "List[";
  EXPECT_THROW_MSG(parseTypeTag(deep, nullptr), "nested too deeply");
}

}  // namespace
}  // namespace wick::archive
