// wick -> wick: saving to files, streams and bytes and loading back keeps the module's
// structure, values, sharing and flags; loaded tensors point into the mapped file.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "serialize/byte_source.h"
#include "serialize/zip_reader.h"
#include "testing/testing.h"
#include "wick/jit/serialize.h"
#include "wick/jit/trace.h"
#include "wick/nn/nn.h"
#include "wick/ops/ops.h"

namespace wick::testing {
namespace {

struct NetImpl : nn::Module {
  nn::Linear fc1{nullptr}, fc2{nullptr};
  NetImpl() : nn::Module("Net") {
    fc1 = register_module("fc1", nn::Linear(4, 6));
    fc2 = register_module("fc2", nn::Linear(6, 2));
    Tensor base = arange(12.0);
    register_buffer("whole", base);
    register_buffer("part", base.slice(0, 4, 10).view({2, 3}).t());
    register_parameter("frozen", ones({2}), /*requires_grad=*/false);
  }
  Tensor forward(const Tensor& x) { return fc2(relu(fc1(x))) * named_parameters(false)["frozen"]; }
};

jit::ScriptModule tracedNet() {
  manual_seed(1);
  return jit::trace(std::make_shared<NetImpl>(), {randn({3, 4})});
}

TEST(Archive, FileRoundTripKeepsValuesFlagsAndSharing) {
  std::string dir = tempDir("archive_file");
  std::string path = dir + "/my.net.pt";
  jit::ScriptModule m = tracedNet();
  jit::save(m, path);
  // The temporary file was renamed into place; the folder is named after the file.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
  EXPECT_EQ(archive::ZipReader(archive::ByteSource::mapFile(path)).root(), "my.net");

  jit::ScriptModule back = jit::load(path);
  Tensor x = randn({5, 4});
  for (bool training : {true, false}) {
    m.train(training);
    back.train(training);
    EXPECT_TRUE(allClose(back.forward({x}).toTensor(), m.forward({x}).toTensor()));
  }
  EXPECT_EQ(back.named_parameters().keys(), m.named_parameters().keys());
  EXPECT_EQ(back.named_buffers().keys(), m.named_buffers().keys());
  EXPECT_FALSE(back.named_parameters()["frozen"].requires_grad());
  EXPECT_TRUE(back.named_parameters()["fc1.weight"].requires_grad());
  EXPECT_EQ(back.type_name(), m.type_name());
  // Buffers that shared a storage still do, with the same layout, read from the mapping.
  Tensor whole = back.named_buffers()["whole"], part = back.named_buffers()["part"];
  EXPECT_EQ(whole.impl()->storage(), part.impl()->storage());
  EXPECT_TRUE(whole.impl()->storage()->isExternal());
  EXPECT_EQ(part.storage_offset(), 4);
  EXPECT_TRUE(allClose(part, m.named_buffers()["part"]));
  // Writing a loaded tensor copies the page; the file is untouched.
  std::string before = readFile(path);
  whole.data_ptr<float>()[0] = 100.0f;
  EXPECT_EQ(readFile(path), before);
}

TEST(Archive, StreamsAndBytes) {
  jit::ScriptModule m = tracedNet();
  std::ostringstream out;
  jit::save(m, out);
  std::string bytes = jit::serialize(m);
  EXPECT_EQ(out.str(), bytes);
  EXPECT_EQ(archive::ZipReader(archive::ByteSource::copyOf(bytes)).root(), "archive");
  std::istringstream in(bytes);
  Tensor x = randn({2, 4});
  m.eval();
  jit::ScriptModule a = jit::load(in), b = jit::deserialize(bytes);
  a.eval();
  b.eval();
  EXPECT_TRUE(allClose(a.forward({x}).toTensor(), m.forward({x}).toTensor()));
  EXPECT_TRUE(allClose(b.forward({x}).toTensor(), m.forward({x}).toTensor()));
}

TEST(Archive, ExtraFiles) {
  jit::ScriptModule m = tracedNet();
  std::string bytes =
      jit::serialize(m, {{"meta.json", "{\"v\": 1}"}, {"a/b/c.bin", std::string("\0\1", 2)}});
  jit::ExtraFilesMap want{{"meta.json", ""}, {"a/b/c.bin", ""}, {"missing", "default"}};
  jit::deserialize(bytes, &want);
  EXPECT_EQ(want["meta.json"], "{\"v\": 1}");
  EXPECT_EQ(want["a/b/c.bin"], std::string("\0\1", 2));
  EXPECT_EQ(want["missing"], "default");
}

TEST(Archive, FunctionsAreSavedAsPlaceholderModules) {
  jit::ScriptFunction f = jit::trace([](const Tensor& a, const Tensor& b) { return a * b + 1; },
                                     {randn({3}), randn({3})});
  std::string bytes = jit::serialize(f);
  archive::ZipReader zip(archive::ByteSource::copyOf(bytes));
  EXPECT_NE(zip.getRecord("code/__torch__.py").view().find("class PlaceholderModule(Module):"),
            std::string::npos);
  jit::ScriptModule m = jit::deserialize(bytes);
  Tensor a = randn({3}), b = randn({3});
  EXPECT_TRUE(allClose(m.forward({a, b}).toTensor(), f({a, b}).toTensor()));
}

TEST(Archive, FailedSavesLeaveNothingBehind) {
  jit::ScriptModule m = tracedNet();
  EXPECT_THROW_MSG(jit::save(m, "/nonexistent/dir/net.pt"),
                   "cannot write '/nonexistent/dir/net.pt'");
  EXPECT_THROW_MSG(jit::save(jit::ScriptModule(), "/tmp/x.pt"),
                   "cannot save an empty ScriptModule");
}

TEST(Archive, NestedTensorsAreRefused) {
  jit::ScriptModule m = tracedNet();
  Tensor keep = tensor({true, false, true, true}).view({2, 2});
  m.register_buffer("nested", ops::_nested_tensor_from_mask(randn({2, 2, 3}), keep, true));
  EXPECT_THROW_MSG(jit::serialize(m), "cannot save a nested tensor");
}

}  // namespace
}  // namespace wick::testing
