#include "serialize/archive_writer.h"

#include "runtime/interpreter.h"
#include "serialize/code_printer.h"
#include "serialize/pickler.h"
#include "wick/core/error.h"

namespace wick::archive {

namespace {

// Storages met while pickling, numbered in order; each becomes <folder>/<n>.
struct StorageRecords {
  std::vector<IntrusivePtr<StorageImpl>> storages;
  PicklerHooks hooks() {
    PicklerHooks h;
    h.storage_key = [this](const Tensor& t) {
      storages.push_back(t.impl()->storagePtr());
      return std::to_string(storages.size() - 1);
    };
    h.get_state = [](const IntrusivePtr<Object>& obj) {
      auto* fn = dynamic_cast<jit::Function*>(obj->type->findMethod("__getstate__"));
      WICK_INTERNAL_ASSERT(fn);
      Stack stack{IValue(obj)};
      jit::runFunction(*fn, stack);
      return stack.at(0);
    };
    return h;
  }
  void write(ZipWriter& zip, const std::string& folder) const {
    for (size_t i = 0; i < storages.size(); ++i) {
      const StorageImpl& s = *storages[i];
      zip.writeRecord(folder + "/" + std::to_string(i),
                      std::string_view(static_cast<const char*>(s.data()), s.nbytes()));
    }
  }
};

}  // namespace

void writeArchive(const IntrusivePtr<Object>& root, ZipWriter& zip, const ExtraFiles& extra) {
  WICK_CHECK(root && root->type->isModule(), "only modules can be saved as archives");
  WICK_CHECK(root->hasAttr("training"), "cannot save '", root->type->name(),
             "': a module needs a 'training' attribute (PyTorch requires it)");
  // Print first: the code names the constant table and decides the version.
  PrintedCode code = printArchiveCode(root->type);
  for (const auto& [name, bytes] : extra) {
    WICK_CHECK(!name.empty(), "extra file names must not be empty");
    zip.writeRecord("extra/" + name, bytes);
  }
  StorageRecords data;
  std::string data_pkl = pickle(IValue(root), data.hooks());
  data.write(zip, "data");
  zip.writeRecord("data.pkl", data_pkl);
  for (const auto& [file, source] : code.files) zip.writeRecord(file, source, /*compress=*/true);
  StorageRecords constants;
  std::string constants_pkl = pickle(IValue(makeTuple(code.constants)), constants.hooks());
  constants.write(zip, "constants");
  zip.writeRecord("constants.pkl", constants_pkl);
  // Versions from 6 on go in .data/version, as PyTorch writes them.
  zip.writeRecord(code.version >= 6 ? ".data/version" : "version",
                  std::to_string(code.version) + "\n");
  zip.finish();
}

PlaceholderModule::PlaceholderModule(const jit::Function& fn)
    : class_(ClassType::create("__torch__.PlaceholderModule", true)) {
  class_->addAttribute("training", BoolType::get());
  std::shared_ptr<jit::Graph> g = fn.graph()->copy();
  g->insertInput(0, "self")->setType(class_);
  auto forward = std::make_shared<jit::Function>(class_->name() + ".forward", g);
  const FunctionSchema& s = fn.schema();
  if (s.arguments.size() + 1 == g->inputs().size()) {
    FunctionSchema with_self = s;
    SchemaArgument self;
    self.name = "self";
    self.type = class_;
    with_self.arguments.insert(with_self.arguments.begin(), self);
    forward->setSchema(with_self);
  }
  class_->addMethod(forward);
  object_ = makeObject(class_);
  object_->setAttr("training", IValue(true));
}

PlaceholderModule::~PlaceholderModule() { class_->clearMethods(); }

std::string writeSavedValues(const IValue& value) {
  std::string bytes;
  ZipWriter zip("archive", [&](const char* d, size_t n) { bytes.append(d, n); });
  StorageRecords data;
  std::string data_pkl = pickle(value, data.hooks());
  zip.writeRecord("data.pkl", data_pkl);
  data.write(zip, "data");
  zip.writeRecord("version", "3\n");
  zip.finish();
  return bytes;
}

std::string archiveRootName(const std::string& path) {
  std::string base =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  size_t dot = base.rfind('.');
  if (dot != std::string::npos && dot > 0) base.resize(dot);
  return base.empty() ? "archive" : base;
}

}  // namespace wick::archive
