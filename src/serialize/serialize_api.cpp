// The public save/load functions (wick/jit/serialize.h).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <ostream>

#include "serialize/archive_reader.h"
#include "serialize/archive_writer.h"
#include "wick/jit/serialize.h"

namespace wick::jit {

namespace {

IntrusivePtr<Object> moduleObject(const ScriptModule& m) {
  WICK_CHECK(m.defined(), "cannot save an empty ScriptModule");
  return m.object();
}

std::unique_ptr<archive::PlaceholderModule> functionObject(const ScriptFunction& f) {
  WICK_CHECK(f.defined(), "cannot save an empty ScriptFunction");
  return std::make_unique<archive::PlaceholderModule>(*f.function());
}

void writeTo(const IntrusivePtr<Object>& root, const std::string& root_name, std::ostream& out,
             const ExtraFilesMap& extra) {
  archive::ZipWriter zip(
      root_name, [&](const char* d, size_t n) { out.write(d, static_cast<std::streamsize>(n)); });
  archive::writeArchive(root, zip, extra);
  out.flush();
  WICK_CHECK(out.good(), "writing the archive failed");
}

void writeFile(const IntrusivePtr<Object>& root, const std::string& path,
               const ExtraFilesMap& extra) {
  std::string tmp = path + ".tmp" + std::to_string(::getpid());
  try {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    WICK_CHECK(out.is_open(), "cannot write '", path, "': ", std::strerror(errno));
    writeTo(root, archive::archiveRootName(path), out, extra);
    out.close();
    WICK_CHECK(!out.fail(), "cannot write '", path, "': ", std::strerror(errno));
    WICK_CHECK(std::rename(tmp.c_str(), path.c_str()) == 0, "cannot write '", path,
               "': ", std::strerror(errno));
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
}

std::string toBytes(const IntrusivePtr<Object>& root, const ExtraFilesMap& extra) {
  std::string bytes;
  archive::ZipWriter zip("archive", [&](const char* d, size_t n) { bytes.append(d, n); });
  archive::writeArchive(root, zip, extra);
  return bytes;
}

ScriptModule loadFrom(std::shared_ptr<archive::ByteSource> bytes, ExtraFilesMap* extra) {
  archive::LoadedModule m = archive::readArchive(std::move(bytes), extra);
  return ScriptModule(m.object, m.cu);
}

}  // namespace

void save(const ScriptModule& module, const std::string& path, const ExtraFilesMap& extra) {
  writeFile(moduleObject(module), path, extra);
}
void save(const ScriptModule& module, std::ostream& out, const ExtraFilesMap& extra) {
  writeTo(moduleObject(module), "archive", out, extra);
}
void save(const ScriptFunction& function, const std::string& path, const ExtraFilesMap& extra) {
  writeFile(functionObject(function)->object(), path, extra);
}
void save(const ScriptFunction& function, std::ostream& out, const ExtraFilesMap& extra) {
  writeTo(functionObject(function)->object(), "archive", out, extra);
}
std::string serialize(const ScriptModule& module, const ExtraFilesMap& extra) {
  return toBytes(moduleObject(module), extra);
}
std::string serialize(const ScriptFunction& function, const ExtraFilesMap& extra) {
  return toBytes(functionObject(function)->object(), extra);
}

ScriptModule load(const std::string& path, ExtraFilesMap* extra) {
  return loadFrom(archive::ByteSource::mapFile(path), extra);
}
ScriptModule load(std::istream& in, ExtraFilesMap* extra) {
  return loadFrom(archive::ByteSource::readStream(in), extra);
}
ScriptModule deserialize(std::string_view bytes, ExtraFilesMap* extra) {
  return loadFrom(archive::ByteSource::copyOf(bytes), extra);
}

}  // namespace wick::jit

namespace wick {

nn::StateDict load_state_dict_file(const std::string& path) {
  return archive::readStateDict(archive::ByteSource::mapFile(path));
}

}  // namespace wick
