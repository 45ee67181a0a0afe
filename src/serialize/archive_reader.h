// Reads TorchScript archives written by PyTorch 1.13 (traced or scripted) or by wick into a
// module object (spec/torchscript-archive.md): version 1-10 (.data/version first), any
// top-level folder, stored or deflated records. code/ is compiled by the TorchScript front end
// one file at a time as classes are first named; data.pkl and constants.pkl are read by the
// restricted unpickler, with stored tensor records used in place when aligned. Nothing from
// the file runs except TorchScript compiled from it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "ir/function.h"
#include "serialize/byte_source.h"
#include "wick/nn/module.h"

namespace wick::archive {

struct LoadedModule {
  IntrusivePtr<Object> object;
  std::shared_ptr<jit::CompilationUnit> cu;
};

// Loads the archive in `bytes`. For each key of `extra_files`, the record extra/<key> is read
// into it when present.
LoadedModule readArchive(std::shared_ptr<ByteSource> bytes,
                         std::map<std::string, std::string>* extra_files);

// Reads a file written by torch.save(model.state_dict(), path): the same zip and pickle
// format, tensors only.
nn::StateDict readStateDict(std::shared_ptr<ByteSource> bytes);
// Reads any torch.save file of plain values (tensors, numbers, strings, tuples, lists, dicts),
// with the same restrictions as archives: no classes.
IValue readSavedValues(std::shared_ptr<ByteSource> bytes);

// The archive's version: .data/version, else version; an integer in 1..10.
int64_t readArchiveVersion(const class ZipReader& zip);

}  // namespace wick::archive
