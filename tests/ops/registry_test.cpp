// The operator table against PyTorch: every ops.def row's schema parses and is exactly one
// of PyTorch 1.13's (torch._C._jit_get_all_schemas(), queried at test time) unless it is a
// wick:: op; every typed kernel's C++ signature matches its schema; and the schema parser
// round-trips every PyTorch schema.
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ops/conformance_data.h"
#include "testing/testing.h"
#include "wick/ops/registry.h"

namespace wick::testing {
namespace {

const std::vector<std::string>& torchSchemas() {
  static const std::vector<std::string> schemas = [] {
    std::vector<std::string> lines;
    std::istringstream in(pytorchFacts("schemas"));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) lines.push_back(line);
    }
    return lines;
  }();
  return schemas;
}

// A schema argument type in the spelling the kernel-signature descriptions use: alias
// annotations dropped, SymInt as int, fixed-size lists as plain lists.
std::string canonicalType(std::string t) {
  for (size_t open; (open = t.find('(')) != std::string::npos;) {
    size_t close = t.find(')', open);
    if (close == std::string::npos) break;
    t.erase(open, close - open + 1);
  }
  for (size_t p; (p = t.find("SymInt")) != std::string::npos;) t.replace(p, 6, "int");
  for (size_t open = t.find('['); open != std::string::npos; open = t.find('[', open + 1)) {
    size_t close = t.find(']', open);
    if (close != std::string::npos && close > open + 1) t.erase(open + 1, close - open - 1);
  }
  return t;
}

TEST(Registry, EveryRowParsesAndPrintsBack) {
  for (const OpInfo& info : allOps()) {
    FunctionSchema s;
    ASSERT_NO_THROW(s = parseSchema(info.schema_text)) << info.schema_text;
    EXPECT_EQ(s.str(), info.schema_text) << info.cpp_name;
  }
}

TEST(Registry, EveryRowIsAPyTorchSchema) {
  std::set<std::string> known(torchSchemas().begin(), torchSchemas().end());
  ASSERT_GT(known.size(), 1000u);
  // torchvision 0.14's operators, as torch.ops.torchvision.<name>.default._schema prints them
  // (the conformance oracle calls them by these argument names).
  known.insert(
      "torchvision::nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor");
  known.insert(
      "torchvision::roi_align(Tensor input, Tensor rois, float spatial_scale, int pooled_height, "
      "int pooled_width, int sampling_ratio, bool aligned) -> Tensor");
  for (const OpInfo& info : allOps()) {
    if (info.schema.ns() == "wick") continue;
    EXPECT_TRUE(known.count(std::string(info.schema_text)))
        << info.cpp_name << ": not a PyTorch 1.13 schema: " << info.schema_text;
  }
}

TEST(Registry, TypedKernelsMatchTheirSchemas) {
  for (const OpInfo& info : allOps()) {
    if (!info.typed) continue;
    const FunctionSchema& s = info.schema;
    ASSERT_EQ(info.cpp_params.size(), s.arguments.size())
        << info.cpp_name << ": kernel parameters vs schema arguments";
    for (size_t i = 0; i < s.arguments.size(); ++i) {
      // An IValue parameter ("") takes any type.
      if (info.cpp_params[i].empty()) continue;
      EXPECT_EQ(std::string(info.cpp_params[i]), canonicalType(s.arguments[i].type_text))
          << info.cpp_name << ": argument " << s.arguments[i].name;
    }
    // An IValue return (or a void kernel) stands for any returns.
    if (info.cpp_returns.size() == 1 && info.cpp_returns[0].empty()) continue;
    ASSERT_EQ(info.cpp_returns.size(), s.returns.size()) << info.cpp_name << ": returns";
    for (size_t i = 0; i < s.returns.size(); ++i) {
      EXPECT_EQ(std::string(info.cpp_returns[i]), canonicalType(s.returns[i].type_text))
          << info.cpp_name << ": return " << i;
    }
  }
}

TEST(Registry, ParserRoundTripsEveryPyTorchSchema) {
  size_t failures = 0;
  for (const std::string& text : torchSchemas()) {
    std::string printed;
    try {
      printed = parseSchema(text).str();
    } catch (const std::exception& e) {
      printed = std::string("<error: ") + e.what() + ">";
    }
    if (printed != text && ++failures <= 20) {
      ADD_FAILURE() << "schema does not round-trip:\n  " << text << "\n  " << printed;
    }
  }
  EXPECT_EQ(failures, 0u);
}

TEST(Registry, LookupByName) {
  const OpInfo* add = findOp("aten::add.Tensor");
  ASSERT_NE(add, nullptr);
  EXPECT_EQ(add->cpp_name, "add_Tensor");
  EXPECT_TRUE(add->has(kPointwise));
  EXPECT_FALSE(add->isMutating());
  const OpInfo* relu = findOp("aten::relu");
  ASSERT_NE(relu, nullptr);
  EXPECT_EQ(&opInfo(relu->id), relu);
  EXPECT_TRUE(findOp("aten::add_.Tensor")->isMutating());
  EXPECT_EQ(findOp("aten::no_such_op"), nullptr);
  EXPECT_GE(overloadsOf("aten::add").size(), 4u);
}

}  // namespace
}  // namespace wick::testing
