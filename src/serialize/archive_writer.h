// Writes a module object as a TorchScript archive PyTorch 1.13's torch.jit.load reads
// (spec/torchscript-archive.md §1.2 for the record order): extra files, tensor storages,
// data.pkl, the printed code, the constant table and the version record.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "ir/function.h"
#include "serialize/zip_writer.h"

namespace wick::archive {

using ExtraFiles = std::map<std::string, std::string>;  // jit::ExtraFilesMap

void writeArchive(const IntrusivePtr<Object>& root, ZipWriter& zip, const ExtraFiles& extra);

// A function saved the way PyTorch saves a scripted or traced function: an object of class
// __torch__.PlaceholderModule whose forward is the function (with a `self` input added).
// The forward's graph refers to the class and no compilation unit owns either, so the
// placeholder drops the class's methods when it goes away, breaking that reference cycle.
class PlaceholderModule {
 public:
  explicit PlaceholderModule(const jit::Function& fn);
  ~PlaceholderModule();
  PlaceholderModule(const PlaceholderModule&) = delete;
  PlaceholderModule& operator=(const PlaceholderModule&) = delete;

  const IntrusivePtr<Object>& object() const { return object_; }

 private:
  ClassTypePtr class_;
  IntrusivePtr<Object> object_;
};

// A file torch.load reads: plain values (tensors, numbers, strings, tuples, lists, dicts)
// pickled as torch.save does, storages in data/.
std::string writeSavedValues(const IValue& value);

// The top-level folder PyTorch names after the file: "/a/b/traced_mod.pt" -> "traced_mod".
std::string archiveRootName(const std::string& path);

}  // namespace wick::archive
