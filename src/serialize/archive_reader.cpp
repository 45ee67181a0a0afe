#include "serialize/archive_reader.h"

#include <cctype>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "frontend/compiler.h"
#include "runtime/interpreter.h"
#include "runtime/type_check.h"
#include "serialize/code_printer.h"
#include "serialize/unpickler.h"
#include "serialize/zip_reader.h"
#include "wick/core/error.h"

namespace wick::archive {

namespace {

constexpr int64_t kMinVersion = 1;
constexpr int64_t kMaxVersion = 10;

// Storages of one folder (data/ or constants/), each read once by key. Aligned stored
// records become storages in place; others are copied.
class StorageLoader {
 public:
  StorageLoader(const ZipReader& zip, std::string folder) : zip_(zip), folder_(std::move(folder)) {}

  IntrusivePtr<StorageImpl> load(DType dtype, const std::string& key, int64_t numel) {
    std::string name = folder_ + "/" + key;
    size_t item = elementSize(dtype);
    WICK_CHECK(static_cast<uint64_t>(numel) <= std::numeric_limits<size_t>::max() / item,
               "storage ", name, " claims ", numel, " elements, more than memory can hold");
    size_t needed = static_cast<size_t>(numel) * item;
    auto it = cache_.find(key);
    if (it == cache_.end()) it = cache_.emplace(key, read(name, needed, dtype, numel)).first;
    WICK_CHECK(it->second->nbytes() >= needed, "storage ", name, " is used with ", numel, " x ",
               dtype, " (", needed, " bytes) but holds only ", it->second->nbytes(), " bytes");
    return it->second;
  }

 private:
  IntrusivePtr<StorageImpl> read(const std::string& name, size_t needed, DType dtype,
                                 int64_t numel) {
    Record r = zip_.getRecord(name);
    WICK_CHECK(r.size >= needed, "storage ", name, " needs ", needed, " bytes (", numel, " x ",
               dtype, ") but its record has only ", r.size, " bytes");
    // A bool storage may hold bytes other than 0 and 1 (saved from a bool view of other
    // data); it is kept as it is, as PyTorch keeps it, and kernels read such bytes as true.
    if (reinterpret_cast<uintptr_t>(r.data) % kStorageAlignment == 0) {
      return StorageImpl::wrap(const_cast<uint8_t*>(r.data), needed, std::move(r.owner));
    }
    IntrusivePtr<StorageImpl> s = StorageImpl::allocate(needed);
    if (needed > 0) std::memcpy(s->data(), r.data, needed);
    return s;
  }

  const ZipReader& zip_;
  std::string folder_;
  std::unordered_map<std::string, IntrusivePtr<StorageImpl>> cache_;
};

// Gives containers read from a pickle the types their attributes declare (element types of
// lists and dicts, NamedTuple types of tuples) and checks every value against its type.
class TypeRestorer {
 public:
  void object(Object& obj) {
    if (!seen_.insert(&obj).second) return;
    const auto& attrs = obj.type->attributes();
    for (size_t i = 0; i < attrs.size() && i < obj.slots.size(); ++i) {
      if (!value(obj.slots[i], attrs[i].type)) {
        WICK_FAIL("attribute '", attrs[i].name, "' of ", obj.type->name(), " is declared ",
                  attrs[i].type->annotationStr(), " but the archive holds a value of type ",
                  obj.slots[i].typeName());
      }
    }
  }

 private:
  bool value(IValue& v, const TypePtr& t) {
    switch (t->kind()) {
      case TypeKind::Optional: return v.isNone() || value(v, t->expect<OptionalType>().elem());
      case TypeKind::List: {
        if (!v.isList()) return false;
        const TypePtr& elem = t->expect<ListType>().elem();
        ListObj& l = v.toList();
        if (l.elem_type->kind() == TypeKind::Any) l.elem_type = elem;
        for (IValue& e : l.elems)
          if (!value(e, elem)) return false;
        break;
      }
      case TypeKind::Dict: {
        if (!v.isDict()) return false;
        const auto& d = t->expect<DictType>();
        DictObj& obj = v.toDict();
        if (obj.key_type->kind() == TypeKind::Any) obj.key_type = d.key();
        if (obj.value_type->kind() == TypeKind::Any) obj.value_type = d.value();
        for (const auto& [k, x] : obj.items()) {
          IValue copy = x;
          if (!value(copy, d.value())) return false;
        }
        break;
      }
      case TypeKind::Tuple: {
        if (!v.isTuple()) return false;
        const auto& tt = t->expect<TupleType>();
        TupleObj& tup = v.toTuple();
        if (tup.elems.size() != tt.elements().size()) return false;
        if (tt.isNamed()) tup.type = t;
        for (size_t i = 0; i < tup.elems.size(); ++i)
          if (!value(tup.elems[i], tt.elements()[i])) return false;
        break;
      }
      case TypeKind::Class:
        if (v.isObject()) object(v.toObject());
        break;
      default: break;
    }
    return jit::valueMatchesType(v, *t);
  }

  std::unordered_set<const Object*> seen_;
};

class Importer {
 public:
  explicit Importer(std::shared_ptr<ByteSource> bytes)
      : zip_(std::move(bytes)), cu_(std::make_shared<jit::CompilationUnit>()) {}

  LoadedModule run(std::map<std::string, std::string>* extra_files) {
    readArchiveVersion(zip_);
    zip_.verifyStoredRecords("data/");
    zip_.verifyStoredRecords("constants/");
    constants_ = readConstants();
    IValue root = readData();
    WICK_CHECK(root.isObject() && root.toObject().type->isModule(),
               "data.pkl does not hold a module (found a value of type ", root.typeName(), ")");
    Object& obj = root.toObject();
    WICK_CHECK(obj.hasAttr("training"),
               "the root module's state in data.pkl has no 'training' "
               "attribute (PyTorch: Argument passed to at() was not in the map.)");
    TypeRestorer().object(obj);
    if (extra_files) {
      for (auto& [name, contents] : *extra_files) {
        if (zip_.hasRecord("extra/" + name))
          contents = std::string(zip_.getRecord("extra/" + name).view());
      }
    }
    return LoadedModule{root.toObjectPtr(), cu_};
  }

 private:
  std::vector<IValue> readConstants() {
    StorageLoader storages(zip_, "constants");
    UnpicklerHooks hooks;
    hooks.load_storage = [&](DType d, const std::string& k, int64_t n) {
      return storages.load(d, k, n);
    };
    IValue table = unpickle(zip_.getRecord("constants.pkl").view(), hooks, "constants.pkl");
    WICK_CHECK(table.isTuple(), "constants.pkl must hold a tuple, found ", table.typeName());
    return table.toTuple().elems;
  }

  IValue readData() {
    StorageLoader storages(zip_, "data");
    UnpicklerHooks hooks;
    hooks.load_storage = [&](DType d, const std::string& k, int64_t n) {
      return storages.load(d, k, n);
    };
    hooks.resolve_class = [this](const std::string& q) { return resolve(q).type; };
    hooks.set_state = [](const IntrusivePtr<Object>& obj, IValue state) {
      auto* fn = dynamic_cast<jit::Function*>(obj->type->findMethod("__setstate__"));
      WICK_INTERNAL_ASSERT(fn);
      Stack stack{IValue(obj), std::move(state)};
      jit::runFunction(*fn, stack);
    };
    return unpickle(zip_.getRecord("data.pkl").view(), hooks, "data.pkl");
  }

  jit::ResolvedName lookup(const std::string& q) const {
    jit::ResolvedName r;
    if (auto c = cu_->findClass(q)) {
      r.type = c;
    } else if (auto t = cu_->findNamedTuple(q)) {
      r.type = t;
    } else if (auto e = cu_->findEnum(q)) {
      r.type = e;
    } else {
      r.function = cu_->findFunction(q);
    }
    return r;
  }

  // A class, NamedTuple or function `__torch__.a.b.X`, compiling code/__torch__/a/b.py the
  // first time something in it is named.
  jit::ResolvedName resolve(const std::string& q) {
    if (jit::ResolvedName r = lookup(q)) return r;
    if (q.rfind("__torch__.", 0) != 0) return {};
    std::string file = codeFileOf(q);
    if (!zip_.hasRecord(file) || !compiled_.insert(file).second) return {};
    jit::CompileOptions opts;
    opts.filename = file;
    opts.qualifier = q.substr(0, q.rfind('.'));
    opts.resolve = [this](const std::string& name) { return resolve(name); };
    opts.constants = constants_;
    Record source = zip_.getRecord(file);
    jit::compileInto(*cu_, source.view(), opts);
    return lookup(q);
  }

  ZipReader zip_;
  std::shared_ptr<jit::CompilationUnit> cu_;
  std::vector<IValue> constants_;
  std::unordered_set<std::string> compiled_;
};

}  // namespace

int64_t readArchiveVersion(const ZipReader& zip) {
  const char* name = zip.hasRecord(".data/version") ? ".data/version" : "version";
  WICK_CHECK(zip.hasRecord(name), "Expected hasRecord(\"version\") to be true, but got false. ",
             zip.root().empty() ? "(the archive's records are not inside a top-level folder)"
                                : "(the archive has no version record)");
  std::string_view text = zip.getRecord(name).view();
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  std::string_view digits = text.substr(b, e - b);
  bool ok = !digits.empty() && digits.size() <= 18;
  int64_t v = 0;
  for (size_t i = 0; ok && i < digits.size(); ++i) {
    bool sign = i == 0 && digits[i] == '-' && digits.size() > 1;
    ok = sign || std::isdigit(static_cast<unsigned char>(digits[i]));
    if (ok && !sign) v = v * 10 + (digits[i] - '0');
  }
  if (ok && digits[0] == '-') v = -v;
  WICK_CHECK(ok, "Couldn't parse the version ", digits, " as Long Long.");
  WICK_CHECK(v >= kMinVersion, "Attempted to read a PyTorch file with version ", v,
             ", but the minimum supported version for reading is ", kMinVersion, ".");
  WICK_CHECK(v <= kMaxVersion, "Attempted to read a PyTorch file with version ", v,
             ", but the maximum supported version for reading is ", kMaxVersion, ".");
  return v;
}

LoadedModule readArchive(std::shared_ptr<ByteSource> bytes,
                         std::map<std::string, std::string>* extra_files) {
  return Importer(std::move(bytes)).run(extra_files);
}

IValue readSavedValues(std::shared_ptr<ByteSource> bytes) {
  ZipReader zip(std::move(bytes));
  readArchiveVersion(zip);
  zip.verifyStoredRecords("data/");
  StorageLoader storages(zip, "data");
  UnpicklerHooks hooks;
  hooks.load_storage = [&](DType d, const std::string& k, int64_t n) {
    return storages.load(d, k, n);
  };
  return unpickle(zip.getRecord("data.pkl").view(), hooks, "data.pkl");
}

nn::StateDict readStateDict(std::shared_ptr<ByteSource> bytes) {
  IValue v = readSavedValues(std::move(bytes));
  WICK_CHECK(v.isDict(),
             "the file does not hold a state dict (a dict of tensors) but a value of "
             "type ",
             v.typeName());
  nn::StateDict out;
  for (const auto& [k, t] : v.toDict().items()) {
    WICK_CHECK(k.isString(), "state dict keys must be strings, found ", k.typeName());
    WICK_CHECK(t.isTensor(), "state dict entry '", k.toStringRef(), "' is a ", t.typeName(),
               ", not a tensor");
    out.insert(k.toStringRef(), t.toTensor());
  }
  return out;
}

}  // namespace wick::archive
