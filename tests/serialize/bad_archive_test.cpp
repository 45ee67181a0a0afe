// Broken archives: every mistake gives one clear wick::Error (PyTorch's wording where it has
// one, spec/torchscript-archive.md §4), never a crash or a huge allocation. A hand-made
// archive is broken on purpose, then truncated and bit-flipped everywhere.
#include <map>

#include "serialize/byte_source.h"
#include "serialize/pickler.h"
#include "serialize/zip_writer.h"
#include "testing/testing.h"
#include "wick/jit/serialize.h"

namespace wick::testing {
namespace {

using Records = std::vector<std::pair<std::string, std::string>>;

const char* kCode =
    "class M(Module):\n"
    "  __parameters__ = [\"w\", ]\n"
    "  __buffers__ = []\n"
    "  w : Tensor\n"
    "  training : bool\n"
    "  def forward(self: __torch__.M,\n"
    "    x: Tensor) -> Tensor:\n"
    "    w = self.w\n"
    "    return torch.add(torch.mul(x, w), CONSTANTS.c0)\n";

Tensor floats(std::vector<float> v) {
  Tensor t = emptyTensor({static_cast<int64_t>(v.size())}, kFloat);
  for (size_t i = 0; i < v.size(); ++i) t.data_ptr<float>()[i] = v[i];
  return t;
}

// Pickles `v`, naming its storages 0, 1, ... and returning their bytes.
std::string pickled(const IValue& v, std::vector<std::string>* storages) {
  archive::PicklerHooks hooks;
  hooks.storage_key = [&](const Tensor& t) {
    const StorageImpl* s = t.impl()->storage();
    storages->emplace_back(static_cast<const char*>(s->data()), s->nbytes());
    return std::to_string(storages->size() - 1);
  };
  return archive::pickle(v, hooks);
}

// The minimal archive of spec §4: M.forward(x) = x * w + c0.
std::map<std::string, std::string> validRecords(bool with_training = true) {
  auto cls = ClassType::create("__torch__.M", true);
  cls->addAttribute("w", TensorType::get(), ClassType::AttrKind::Parameter);
  if (with_training) cls->addAttribute("training", BoolType::get());
  auto obj = makeObject(cls);
  obj->setAttr("w", IValue(floats({1, 2, 3})));
  if (with_training) obj->setAttr("training", IValue(true));
  std::map<std::string, std::string> r;
  std::vector<std::string> data, consts;
  r["data.pkl"] = pickled(IValue(obj), &data);
  r["data/0"] = data.at(0);
  r["constants.pkl"] = pickled(wick::tuple({floats({10})}), &consts);
  r["constants/0"] = consts.at(0);
  r["code/__torch__.py"] = kCode;
  r["version"] = "3\n";
  return r;
}

std::string zipOf(const std::map<std::string, std::string>& records,
                  const std::string& root = "m") {
  std::string out;
  archive::ZipWriter w(root, [&](const char* d, size_t n) { out.append(d, n); });
  for (const auto& [name, bytes] : records) w.writeRecord(name, bytes, name.rfind("code/", 0) == 0);
  w.finish();
  return out;
}

std::string loadError(const std::string& bytes) {
  try {
    jit::ScriptModule m = jit::deserialize(bytes);
    m.forward({floats({1, 1, 1})});
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? s : s.replace(at, from.size(), to);
}

TEST(BadArchive, TheHandMadeArchiveIsValid) {
  jit::ScriptModule m = jit::deserialize(zipOf(validRecords()));
  Tensor y = m.forward({floats({1, 1, 1})}).toTensor();
  EXPECT_TRUE(allClose(y, floats({11, 12, 13})));
  EXPECT_TRUE(m.named_parameters().contains("w"));
}

TEST(BadArchive, MissingOrWrongRecords) {
  auto without = [](const char* name) {
    auto r = validRecords();
    r.erase(name);
    return zipOf(r);
  };
  EXPECT_THROW_MSG(jit::deserialize(without("version")),
                   "Expected hasRecord(\"version\") to be true, but got false.");
  EXPECT_THROW_MSG(jit::deserialize(without("data.pkl")),
                   "PytorchStreamReader failed locating file data.pkl: file not found");
  EXPECT_THROW_MSG(jit::deserialize(without("constants.pkl")),
                   "PytorchStreamReader failed locating file constants.pkl: file not found");
  EXPECT_THROW_MSG(jit::deserialize(without("data/0")),
                   "PytorchStreamReader failed locating file data/0: file not found");
  EXPECT_NE(loadError(without("code/__torch__.py")).find("Unknown type name '__torch__.M'"),
            std::string::npos);
  std::string empty;
  archive::ZipWriter w("x", [&](const char* d, size_t n) { empty.append(d, n); });
  w.finish();
  EXPECT_THROW_MSG(jit::deserialize(empty), "archive does not contain any files");
  // The class in code/ declares `training : bool`; the pickled state lacks it.
  EXPECT_THROW_MSG(jit::deserialize(zipOf(validRecords(false))),
                   "attribute 'training' of __torch__.M is declared bool but the archive holds a "
                   "value of type None");
}

TEST(BadArchive, Versions) {
  for (auto [text, msg] : std::vector<std::pair<std::string, std::string>>{
           {"0\n", "version 0, but the minimum supported version for reading is 1."},
           {"11\n", "version 11, but the maximum supported version for reading is 10."},
           {"abc", "Couldn't parse the version abc as Long Long."},
           {"", "Couldn't parse the version"}}) {
    auto r = validRecords();
    r["version"] = text;
    EXPECT_THROW_MSG(jit::deserialize(zipOf(r)), msg);
  }
  auto r = validRecords();
  r["version"] = " 3\n";
  EXPECT_NO_THROW(jit::deserialize(zipOf(r)));
  // .data/version wins over version.
  r[".data/version"] = "12\n";
  EXPECT_THROW_MSG(jit::deserialize(zipOf(r)), "version 12");
}

TEST(BadArchive, BrokenPickles) {
  auto with = [](const std::string& record, const std::string& from, const std::string& to) {
    auto r = validRecords();
    r[record] = replaced(r[record], from, to);
    return zipOf(r);
  };
  EXPECT_THROW_MSG(jit::deserialize(with("data.pkl", "__torch__\nM\n", "__torch__\nN\n")),
                   "Unknown type name '__torch__.N'");
  EXPECT_THROW_MSG(jit::deserialize(with("data.pkl", "__torch__\nM\n", "foo\nM\n")),
                   "Unknown type name 'foo.M'");
  EXPECT_THROW_MSG(jit::deserialize(with("data.pkl", "storage", "blobxyz")),
                   "unknown PERSID key blobxyz");
  EXPECT_THROW_MSG(jit::deserialize(with("data.pkl", "FloatStorage", "BadooStorage")),
                   "Unpickler found unknown torch global, 'torch.BadooStorage'");
  EXPECT_THROW_MSG(
      jit::deserialize(with("data.pkl", "ctorch._utils\n_rebuild_tensor_v2", "cposix\nsystem")),
      "Unknown type name 'posix.system'");
  EXPECT_THROW_MSG(jit::deserialize(with("constants.pkl", "FloatStorage", "DoubleStorage")),
                   "storage constants/0 needs 8 bytes (1 x float64) but its record has only 4");
}

TEST(BadArchive, StoragesAreCheckedAgainstTheirRecords) {
  auto r = validRecords();
  r["data/0"].resize(8);  // 2 floats for a storage of 3
  EXPECT_THROW_MSG(jit::deserialize(zipOf(r)),
                   "storage data/0 needs 12 bytes (3 x float32) but its record has only 8 bytes");
  // A numel of 2^62 elements.
  auto big = validRecords();
  std::string& pkl = big["data.pkl"];
  size_t numel = pkl.find("cpu") + 5;  // after 'cpu' and its memo put
  ASSERT_EQ(pkl.substr(numel, 2), "K\x03");
  pkl.replace(numel, 2, std::string("\x8a\x08\0\0\0\0\0\0\0\x40", 10));
  EXPECT_THROW_MSG(jit::deserialize(zipOf(big)), "more than memory can hold");
}

TEST(BadArchive, CodeErrors) {
  auto r = validRecords();
  r["code/__torch__.py"] = replaced(kCode, "torch.mul(", "torch.mulx(");
  EXPECT_NE(loadError(zipOf(r)).find("mulx"), std::string::npos);
  r = validRecords();
  r["constants.pkl"] = std::string("\x80\x02).", 4);
  r.erase("constants/0");
  EXPECT_NE(loadError(zipOf(r)).find("constant"), std::string::npos);
  r = validRecords();
  r["code/__torch__.py"] = "class M(Module):\n  def forward(self x):\n";
  EXPECT_NE(loadError(zipOf(r)), "");
}

TEST(BadArchive, NotAZip) {
  EXPECT_THROW_MSG(jit::deserialize("PYTORCH1 and more"),
                   "File is an unsupported archive format from the preview release.");
  EXPECT_THROW_MSG(
      jit::deserialize(std::string(1000, 'x')),
      "PytorchStreamReader failed reading zip archive: failed finding central directory");
  EXPECT_THROW_MSG(jit::load("/nonexistent/model.pt"), "cannot open '/nonexistent/model.pt'");
}

// Every truncation and a bit flip in every byte of the archive: an error or a module that
// still works, never a crash (the suite also runs under ASan and UBSan).
TEST(BadArchive, TruncatedAndBitFlippedEverywhere) {
  std::string good = zipOf(validRecords());
  size_t errors = 0;
  for (size_t cut = 0; cut < good.size(); cut += 7) {
    if (!loadError(good.substr(0, cut)).empty()) ++errors;
  }
  EXPECT_EQ(errors, (good.size() + 6) / 7);  // every truncated file is rejected
  size_t flips = 0, rejected = 0;
  for (size_t i = 0; i < good.size(); i += 3) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ (1 << (i % 8)));
    ++flips;
    try {
      jit::ScriptModule m = jit::deserialize(bad);
      m.forward({floats({1, 1, 1})});
    } catch (const Error&) {
      ++rejected;
    }
  }
  // Flips in padding, unused header fields and the like are harmless; most are caught.
  EXPECT_GT(rejected, flips / 2);
}

}  // namespace
}  // namespace wick::testing
