// Saving and loading TorchScript archives (PyTorch 1.13's torch.jit.save / torch.jit.load, R
// torch's jit_save / jit_load / jit_serialize / jit_unserialize), and reading weights saved with
// torch.save(model.state_dict(), path).
//
//   jit::save(module, "net.pt");                  // torch.jit.load("net.pt") runs it in PyTorch
//   jit::ScriptModule m = jit::load("resnet18.pt"); // archives PyTorch 1.13 wrote, traced or
//   scripted std::string bytes = jit::serialize(module);     // the same archive in memory
//   jit::ExtraFilesMap extra{{"meta.json", ""}};
//   jit::load("net.pt", &extra);                    // fills the requested extra files
//
// Archives are checked as they are read: a truncated or corrupt file, an unsupported version,
// a tensor record shorter than its tensor or a pickle naming anything but what archives use
// gives a wick::Error, and nothing in the file runs except TorchScript compiled from it.
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <string_view>

#include "wick/jit/script.h"
#include "wick/nn/module.h"

namespace wick::jit {

// Names (records extra/<name>) and contents of files stored alongside the model.
using ExtraFilesMap = std::map<std::string, std::string>;

// Writes the archive to a temporary file next to `path` and renames it into place, so a
// failed save never leaves a partial file. The archive's top-level folder is the file's name
// without its extension, as in PyTorch.
void save(const ScriptModule& module, const std::string& path,
          const ExtraFilesMap& extra_files = {});
void save(const ScriptModule& module, std::ostream& out, const ExtraFilesMap& extra_files = {});
// A function is saved as PyTorch saves one: a module whose forward is the function.
void save(const ScriptFunction& function, const std::string& path,
          const ExtraFilesMap& extra_files = {});
void save(const ScriptFunction& function, std::ostream& out, const ExtraFilesMap& extra_files = {});
// The archive's bytes (top-level folder "archive").
std::string serialize(const ScriptModule& module, const ExtraFilesMap& extra_files = {});
std::string serialize(const ScriptFunction& function, const ExtraFilesMap& extra_files = {});

// Loads an archive. The file is mapped, and stored tensor records are used in place: the
// module keeps the mapping alive. For each key already in `extra_files`, the file of that
// name is read into it when the archive has one.
ScriptModule load(const std::string& path, ExtraFilesMap* extra_files = nullptr);
ScriptModule load(std::istream& in, ExtraFilesMap* extra_files = nullptr);
ScriptModule deserialize(std::string_view bytes, ExtraFilesMap* extra_files = nullptr);

}  // namespace wick::jit

namespace wick {

// Reads the tensors of a file written by torch.save(model.state_dict(), path), for
// nn::Module::load_state_dict. Only tensors are accepted.
nn::StateDict load_state_dict_file(const std::string& path);

}  // namespace wick
