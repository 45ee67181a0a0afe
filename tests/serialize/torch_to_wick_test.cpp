// PyTorch -> wick: archives PyTorch 1.13 traced, scripted and saved at test time
// (tests/oracle/ser_zoo.py) load in wick and give PyTorch's results.
#include "wick/jit/serialize.h"
#include "zoo_util.h"

namespace wick::testing {
namespace {

class TorchToWick : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    dir_ = tempDir("torch_to_wick");
    runPython("ser_zoo.py", {dir_});
  }
  static std::string dir_;
};
std::string TorchToWick::dir_;

TEST_P(TorchToWick, LoadsAndMatches) {
  const std::string& name = GetParam();
  jit::ExtraFilesMap extra{{"meta.txt", ""}, {"dir/config.json", ""}, {"absent", "kept"}};
  jit::ScriptModule m = jit::load(dir_ + "/" + name + ".pt", &extra);
  ZooCase c = readZooCase(dir_ + "/" + name + ".io.pt");
  EXPECT_EQ(runZooCase(m, c), "");
  if (name == "s_dtypes") {
    EXPECT_EQ(extra["meta.txt"], "hello wick");
    EXPECT_EQ(extra["dir/config.json"], "{\"a\": 1}");
  }
  EXPECT_EQ(extra["absent"], "kept");
}

INSTANTIATE_TEST_SUITE_P(
    Zoo, TorchToWick,
    ::testing::Values("t_fn_tensor", "t_fn_tuple", "t_fn_list", "t_fn_dict", "t_fn_shapes",
                      "t_fn_const", "t_fn_versions", "t_mlp", "t_cnn_bn", "t_lstm", "t_gru",
                      "t_transformer", "t_resnet18", "t_mobilenet_v2", "s_fn_control", "s_fn_types",
                      "s_fn_union", "s_ordered_dict", "s_enums", "s_detection_ops", "s_ssdlite",
                      "s_module_methods", "s_storages", "s_dtypes", "s_lstm", "s_gru",
                      "s_transformer_encoder", "s_nn_extras", "s_nn_extras2"),
    [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace wick::testing
