// Compiling archive code: PyTorch 1.13 scripts and saves modules (tests/oracle/fe_archive.py)
// and reports the code/ files of the archives and the graphs it compiles back from them when
// loading. wick compiles the same files (module classes, NamedTuples, Final constants, free
// functions in other files resolved by qualified name) and must produce the same graphs.
#include <map>
#include <set>
#include <sstream>

#include "corpus.h"
#include "frontend/compiler.h"
#include "ir/printer.h"
#include "ir/verifier.h"
#include "testing/testing.h"

namespace wick::testing {
namespace {

struct Archive {
  std::map<std::string, std::string> files;  // "code/__torch__/a/b.py" -> text
  std::vector<IValue> constants;             // CONSTANTS.c0, c1, ...
  // (class qualname, method) -> PyTorch's graph
  std::map<std::pair<std::string, std::string>, std::string> graphs;
};

std::map<std::string, Archive> loadArchives() {
  std::string text = runPython("fe_archive.py", {tempDir("fe_archive")});
  std::map<std::string, Archive> out;
  std::istringstream in(text);
  std::string line;
  Archive* cur = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("=== archive ", 0) == 0) {
      cur = &out[line.substr(12)];
    } else if (cur && line.rfind("=== file ", 0) == 0) {
      std::string path = line.substr(9), body;
      while (std::getline(in, line) && line != "=== end") body += line + "\n";
      cur->files[path] = body;
    } else if (cur && line.rfind("=== constant ", 0) == 0) {
      cur->constants.push_back(corpus::fromCanon(corpus::parseCanon(line.substr(13))));
    } else if (cur && line.rfind("=== graph ", 0) == 0) {
      std::istringstream names(line.substr(10));
      std::string cls, method, body;
      names >> cls >> method;
      while (std::getline(in, line) && line != "=== end") body += line + "\n";
      cur->graphs[{cls, method}] = body;
    }
  }
  return out;
}

const std::map<std::string, Archive>& archives() {
  static const auto* a = new std::map<std::string, Archive>(loadArchives());
  return *a;
}

// A minimal archive importer: a qualified name a.b.C lives in code/a/b.py, which is compiled
// (once) when one of its names is first needed.
class Importer {
 public:
  explicit Importer(const Archive& a) : archive_(a) {}

  jit::ResolvedName resolve(const std::string& qualname) {
    auto dot = qualname.rfind('.');
    if (dot == std::string::npos) return {};
    std::string module = qualname.substr(0, dot);
    std::string path = module;
    for (char& c : path)
      if (c == '.') c = '/';
    path = "code/" + path + ".py";
    auto file = archive_.files.find(path);
    if (file != archive_.files.end() && !compiled_.count(path)) {
      compiled_.insert(path);
      jit::CompileOptions options;
      options.filename = path;
      options.qualifier = module;
      options.resolve = [this](const std::string& q) { return resolve(q); };
      options.constants = archive_.constants;
      jit::compileInto(cu_, file->second, options);
    }
    if (auto c = cu_.findClass(qualname)) return {c, nullptr};
    if (auto t = cu_.findNamedTuple(qualname)) return {t, nullptr};
    if (auto f = cu_.findFunction(qualname)) return {nullptr, f};
    return {};
  }

  jit::CompilationUnit& cu() { return cu_; }

 private:
  const Archive& archive_;
  jit::CompilationUnit cu_;
  std::set<std::string> compiled_;
};

void checkArchive(const std::string& name) {
  const Archive& a = archives().at(name);
  ASSERT_FALSE(a.graphs.empty());
  Importer importer(a);
  for (const auto& [key, expected] : a.graphs) {
    const auto& [cls, method] = key;
    SCOPED_TRACE(cls + "." + method);
    jit::ResolvedName r;
    ASSERT_NO_THROW(r = importer.resolve(cls));
    auto* type = r.type ? r.type->cast<ClassType>() : nullptr;
    ASSERT_TRUE(type) << "class " << cls << " was not compiled";
    auto* fn = dynamic_cast<jit::Function*>(type->findMethod(method));
    ASSERT_TRUE(fn) << "no method " << method;
    EXPECT_NO_THROW(jit::verify(*fn->graph()));
    std::string mine = jit::printGraph(*fn->graph(), jit::PrintOptions{false, nullptr});
    EXPECT_EQ(corpus::normalizeGraph(mine),
              corpus::normalizeGraph(corpus::rewriteTorchCalls(expected)))
        << "wick:\n"
        << mine << "PyTorch:\n"
        << expected;
  }
}

TEST(ArchiveCode, ModulesWithSubmodulesConstantsAndNamedTuples) { checkArchive("net"); }

TEST(ArchiveCode, ModuleListsAndOptionalLoops) { checkArchive("loops"); }

// Traced code: CONSTANTS.cN, ops.prim.NumToTensor, torch.device("cpu"), keyword arguments.
TEST(ArchiveCode, TracedModulesWithConstants) { checkArchive("traced"); }

// `with torch.no_grad():` with a return inside: the no_grad class PyTorch carries along
// (Any-typed __exit__ arguments), prim::Enter/prim::Exit around the body.
TEST(ArchiveCode, WithStatements) { checkArchive("no_grad"); }

TEST(ArchiveCode, ClassAttributesFromDeclarations) {
  Importer importer(archives().at("net"));
  auto cls = importer.resolve("__torch__.Net").type->cast<ClassType>();
  ASSERT_TRUE(cls);
  auto slot = cls->findAttributeSlot("offset");
  ASSERT_TRUE(slot);
  EXPECT_EQ(cls->attributes()[*slot].kind, ClassType::AttrKind::Buffer);
  EXPECT_EQ(cls->attributes()[*cls->findAttributeSlot("names")].type->annotationStr(), "List[str]");
  EXPECT_EQ(cls->attributes()[*cls->findAttributeSlot("extra")].type->annotationStr(),
            "Optional[Tensor]");
  auto linear =
      importer.resolve("__torch__.torch.nn.modules.linear.Linear").type->cast<ClassType>();
  ASSERT_TRUE(linear);
  EXPECT_EQ(linear->attributes()[*linear->findAttributeSlot("weight")].kind,
            ClassType::AttrKind::Parameter);
  auto constants = jit::classConstants(*cls);
  ASSERT_EQ(constants.size(), 1u);
  EXPECT_EQ(constants[0].first, "scale");
  EXPECT_EQ(constants[0].second.toDouble(), 0.5);
  ASSERT_TRUE(importer.cu().findNamedTuple("__torch__.Stats"));
  ASSERT_TRUE(importer.cu().findFunction("__torch__.torch.nn.functional.relu"));
}

}  // namespace
}  // namespace wick::testing
