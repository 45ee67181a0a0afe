// The parser's API beyond text files: op resolution, class type resolvers, types, errors.
#include "ir/parser.h"
#include "ir/op_resolution.h"
#include "ir/printer.h"
#include "testing/testing.h"

namespace wick::jit {
namespace {

Node* firstNodeOfKind(const Graph& g, std::string_view kind) {
  for (Node* n : g)
    if (n->kind().toQualString() == kind) return n;
  return nullptr;
}

TEST(GraphParser, ResolvesOverloadsByArgumentTypes) {
  auto g = parseGraph(R"IR(graph(%x : Float(4, 2, strides=[2, 1], requires_grad=0, device=cpu)):
  %1 : int = prim::Constant[value=0]()
  %2 : int = aten::size(%x, %1)
  %3 : int[] = aten::size(%x)
  %n : Long(device=cpu) = prim::NumToTensor(%2)
  %5 : int = aten::Int(%n)
  return (%5, %3)
)IR");
  std::vector<std::string> overloads;
  for (Node* n : *g)
    if (n->op()) overloads.push_back(n->op()->schema.qualifiedName());
  EXPECT_EQ(overloads, (std::vector<std::string>{"aten::size.int", "aten::size",
                                                 "prim::NumToTensor.Scalar", "aten::Int.Tensor"}));
}

TEST(GraphParser, UntypedOutputsTakeTheReturnType) {
  auto g = parseGraph(
      "graph(%x : Tensor):\n  %1 = prim::Constant[value=1]()\n"
      "  %2 = aten::size(%x, %1)\n  %3 = prim::NumToTensor(%2)\n  return (%3)\n");
  EXPECT_EQ(g->toString(),
            "graph(%x : Tensor):\n  %1 : int = prim::Constant[value=1]()\n"
            "  %2 : int = aten::size(%x, %1)\n  %3 : Tensor = prim::NumToTensor(%2)\n"
            "  return (%3)\n");
}

TEST(GraphParser, UnknownOperatorIsNamed) {
  EXPECT_THROW_MSG(
      parseGraph("graph(%x : Tensor):\n  %y : Tensor = aten::foo(%x)\n  return (%y)\n"),
      "unknown operator aten::foo");
  ParseOptions options;
  options.allow_unresolved_ops = true;
  auto g =
      parseGraph("graph(%x : Tensor):\n  %y : Tensor = aten::foo(%x)\n  return (%y)\n", options);
  EXPECT_EQ(firstNodeOfKind(*g, "aten::foo")->op(), nullptr);
}

TEST(GraphParser, OverloadMismatchListsCandidates) {
  std::string msg = testing::errorOf([] {
    parseGraph(
        "graph(%x : Tensor):\n  %1 : str = prim::Constant[value=\"a\"]()\n"
        "  %y : int = aten::size(%x, %1)\n  return (%y)\n");
  });
  EXPECT_NE(msg.find("aten::size: no overload accepts arguments (Tensor, str)"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("aten::size.int(Tensor self, int dim) -> int"), std::string::npos) << msg;
  EXPECT_NE(msg.find("graph text:3:"), std::string::npos) << msg;
}

TEST(GraphParser, ResolverSuppliesClassTypes) {
  auto cls = ClassType::create("__torch__.Net", true);
  cls->addAttribute("weight", TensorType::get(), ClassType::AttrKind::Parameter);
  ParseOptions options;
  options.resolve_type = [&](std::string_view name) -> TypePtr {
    return name == "__torch__.Net" ? cls : nullptr;
  };
  auto g = parseGraph(
      "graph(%self : __torch__.Net):\n"
      "  %w : Tensor = prim::GetAttr[name=\"weight\"](%self)\n  return (%w)\n",
      options);
  EXPECT_EQ(g->inputs()[0]->type().get(), cls.get());
  // Without a resolver, a placeholder class learns its attributes from GetAttr.
  auto h = parseGraph(
      "graph(%self : __torch__.Other):\n"
      "  %w : int = prim::GetAttr[name=\"n\"](%self)\n  return (%w)\n");
  const auto* other = h->inputs()[0]->type()->cast<ClassType>();
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->name(), "__torch__.Other");
  EXPECT_TRUE(other->hasAttribute("n"));
}

// Enum types and member constants read back as PyTorch prints them, the class supplied by
// the resolver.
TEST(GraphParser, EnumTypesAndMembers) {
  EnumType::Member red, green;
  red.name = "RED";
  red.int_value = 1;
  green.name = "GREEN";
  green.int_value = 2;
  auto color = EnumType::create("__torch__.Color", IntType::get(), {red, green});
  ParseOptions options;
  options.resolve_type = [&](std::string_view name) -> TypePtr {
    return name == "__torch__.Color" ? color : nullptr;
  };
  const std::string text =
      "graph(%c.1 : Enum<__torch__.Color>):\n"
      "  %1 : Enum<__torch__.Color> = prim::Constant[value=__torch__.Color.RED]()\n"
      "  %2 : Enum<__torch__.Color>[] = prim::Constant[value=[__torch__.Color.RED, "
      "__torch__.Color.GREEN]]()\n"
      "  %3 : bool = aten::eq(%c.1, %1)\n"
      "  %4 : int = prim::EnumValue(%c.1)\n"
      "  %5 : str = prim::EnumName(%c.1)\n"
      "  %6 : (bool, int, str, Enum<__torch__.Color>[]) = prim::TupleConstruct(%3, %4, %5, %2)\n"
      "  return (%6)\n";
  auto g = parseGraph(text, options);
  EXPECT_EQ(printGraph(*g, PrintOptions{false, nullptr}), text);
  EXPECT_EQ(g->inputs()[0]->type().get(), color.get());
  // prim::EnumValue's overloads differ only in their return: the declared output picks one.
  EnumType::Member cm;
  cm.name = "CM";
  cm.str_value = "cm";
  auto unit = EnumType::create("__torch__.Unit", StringType::get(), {cm});
  ParseOptions unit_options;
  unit_options.resolve_type = [&](std::string_view) -> TypePtr { return unit; };
  auto u = parseGraph(
      "graph(%u : Enum<__torch__.Unit>):\n  %1 : str = prim::EnumValue(%u)\n  return (%1)\n",
      unit_options);
  EXPECT_EQ(u->outputs()[0]->node()->op()->schema_text,
            "prim::EnumValue.str(AnyEnumType enum) -> str");
  EXPECT_THROW_MSG(parseGraph("graph(%c : Enum<__torch__.Shade>):\n  return (%c)\n", options),
                   "unknown enum class '__torch__.Shade'");
  EXPECT_THROW_MSG(parseGraph("graph():\n  %1 : Enum<__torch__.Color> = "
                              "prim::Constant[value=__torch__.Color.BLUE]()\n  return (%1)\n",
                              options),
                   "enum class __torch__.Color has no member 'BLUE'");
}

TEST(GraphParser, Types) {
  auto t = parseGraphType("Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)");
  const auto& tt = static_cast<const TensorType&>(*t);
  EXPECT_EQ(tt.dtype, kFloat);
  EXPECT_EQ(*tt.sizes, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(*tt.strides, (std::vector<int64_t>{3, 1}));
  EXPECT_EQ(tt.requires_grad, false);
  for (std::string s :
       {"Long(requires_grad=0, device=cpu)", "Long(device=cpu)", "FloatTensor", "Tensor", "int[]?",
        "(int, (float, str))", "Dict(str, Tensor)", "NamedTuple(a : Tensor, b : int)", "Scalar",
        "Device", "Tensor[]", "Float()", "Bool(1, strides=[1], requires_grad=0, device=cpu)",
        "Union(int[], int, str)", "Union(int, str)?", "Union((int, str), Dict(str, int))"}) {
    EXPECT_EQ(graphTypeString(*parseGraphType(s)), s);
  }
  EXPECT_THROW_MSG(parseGraphType("Float(*, 3)"), "unknown dimensions ('*') are not supported");
  EXPECT_THROW_MSG(parseGraphType("Variant(int, str)"), "unsupported type 'Variant'");
  // Unions are put in PyTorch's canonical form: flattened, merged, sorted by kind.
  EXPECT_EQ(graphTypeString(*parseGraphType("Union(str, int, Union(float, int))")),
            "Union(float, int, str)");
  EXPECT_EQ(graphTypeString(*parseGraphType("Union(int, NoneType)")), "int?");
  EXPECT_EQ(graphTypeString(*parseGraphType("Union(Float(2), Long(3))")), "Tensor");
  EXPECT_TRUE(*parseGraphType("Union(int, str)?") == *parseGraphType("Union(str, NoneType, int)"));
  EXPECT_TRUE(parseGraphType("Union(float, int)")->isSubtypeOf(*NumberType::get()));
  EXPECT_FALSE(parseGraphType("Union(int, str)")->isSubtypeOf(*NumberType::get()));
  EXPECT_TRUE(IntType::get()->isSubtypeOf(*parseGraphType("Union(int, str)")));
  EXPECT_TRUE(parseGraphType("int?")->isSubtypeOf(*parseGraphType("Union(int, str)?")));
  EXPECT_THROW_MSG(parseGraphType("Float(2, strides=[1, 1])"), "strides do not match the sizes");
}

TEST(GraphParser, ErrorsPointAtTheText) {
  std::string msg = testing::errorOf([] { parseGraph("graph(%x : Tensor):\n  return (%y)\n"); });
  EXPECT_NE(msg.find("graph text:2:11: value %y is used before it is defined"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("  return (%y)\n          ^"), std::string::npos) << msg;
  EXPECT_THROW_MSG(
      parseGraph("graph(%x : Tensor):\n  %x : int = prim::Constant[value=1]()\n  return (%x)\n"),
      "value %x is defined twice");
  EXPECT_THROW_MSG(parseGraph("graph(%x : Tensor)\n  return (%x)\n"), "expected ':'");
  EXPECT_THROW_MSG(
      parseGraph("graph():\n  %1 : int = prim::Constant[value=\"a\"]()\n  return (%1)\n"),
      "value is a string but the type is int");
  EXPECT_THROW_MSG(
      parseGraph("graph():\n  %1 : str = prim::Constant[value=\"a\\q\"]()\n  return (%1)\n"),
      "unknown escape sequence");
  EXPECT_THROW_MSG(parseGraph("graph():\n  return ()\n  junk\n"),
                   "unexpected text after the graph's return");
}

TEST(GraphParser, HostileTextIsRejected) {
  std::string deep =
      "graph(%x : " + std::string(500, '(') + "int" + std::string(500, ')') + "):\n  return (%x)\n";
  EXPECT_THROW_MSG(parseGraph(deep), "types or values are nested too deeply");
  const std::string head = "graph():\n  %1 : Float(2, strides=[1], requires_grad=0, device=cpu) = ";
  const std::string tail = "\n  return (%1)\n";
  EXPECT_THROW_MSG(
      parseGraph(head + "prim::Constant[value= 1  2 [ CPUFloatType{1000000000000,1000000000} ]]()" +
                 tail),
      "a printed tensor constant has 2 to 10 elements");
  EXPECT_THROW_MSG(
      parseGraph(head + "prim::Constant[value=Columns 1e300 to 2 1 2 [ CPUFloatType{2} ]]()" +
                 tail),
      "cannot read the values of this tensor constant");
  EXPECT_THROW_MSG(parseGraph(head + "prim::Constant[value= 1  2 [ CPULongType{2} ]]()" + tail),
                   "tensor value has dtype Long but the type is Float(2, strides=[1]");
  EXPECT_THROW_MSG(parseGraph(head + "prim::Constant[value=<Tensor>]()" + tail),
                   "prints as <Tensor> and cannot be read back");
}

TEST(GraphParser, NumberedValuesKeepTheirNumbers) {
  auto g =
      parseGraph("graph(%x : Tensor):\n  %7 : int = prim::Constant[value=1]()\n  return (%7)\n");
  EXPECT_EQ(g->outputs()[0]->unique(), 7u);
  // New values number after the highest one read.
  EXPECT_GT(g->insertConstant(IValue(int64_t(2)))->unique(), 7u);
}

}  // namespace
}  // namespace wick::jit
