// wick::load_state_dict_file: weights PyTorch saved with torch.save(model.state_dict(), path)
// load into a wick module and give PyTorch's outputs; anything but tensors is refused.
#include "serialize/archive_reader.h"
#include "testing/testing.h"
#include "wick/jit/serialize.h"
#include "wick/nn/nn.h"

namespace wick::testing {
namespace {

struct MLPImpl : nn::Module {
  nn::Linear fc1{nullptr}, fc2{nullptr};
  MLPImpl() : nn::Module("MLP") {
    fc1 = register_module("fc1", nn::Linear(4, 8));
    fc2 = register_module("fc2", nn::Linear(8, 3));
  }
  Tensor forward(const Tensor& x) { return fc2(relu(fc1(x))); }
};

TEST(StateDictFile, LoadsPyTorchWeights) {
  std::string dir = tempDir("state_dict");
  runPython("ser_state_dict.py", {dir});
  nn::StateDict sd = load_state_dict_file(dir + "/mlp.pt");
  EXPECT_EQ(sd.keys(),
            (std::vector<std::string>{"fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}));
  auto m = std::make_shared<MLPImpl>();
  m->load_state_dict(sd);
  IValue io = archive::readSavedValues(archive::ByteSource::mapFile(dir + "/io.pt"));
  const auto& xy = io.toTuple().elems;
  EXPECT_TRUE(allClose(m->forward(xy[0].toTensor()), xy[1].toTensor(), 1e-5, 1e-6));

  EXPECT_THROW_MSG(load_state_dict_file(dir + "/mixed.pt"),
                   "state dict entry 'epoch' is a int, not a tensor");
  EXPECT_THROW_MSG(load_state_dict_file(dir + "/module.pt"), "Unknown type name '__main__.MLP'");
  EXPECT_THROW_MSG(load_state_dict_file(dir + "/missing.pt"), "cannot open");

  // Bool bytes other than 0/1 read as true, as in PyTorch (and without undefined behaviour).
  nn::StateDict flags = load_state_dict_file(dir + "/bool_bytes.pt");
  const Tensor& f = flags["flags"];
  EXPECT_EQ(f.sum().item<int64_t>(), flags["sum"].item<int64_t>());
  EXPECT_TRUE(ops::equal(f.to(kLong), flags["long"]));
  EXPECT_TRUE(ops::equal(~f, flags["not"]));
  EXPECT_TRUE(ops::equal(f.to(kFloat), flags["float"]));
  EXPECT_TRUE(ops::equal(f.view(kByte), flags["bytes"]));  // the bytes stay as saved
}

}  // namespace
}  // namespace wick::testing
