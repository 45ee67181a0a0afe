// ByteSource: the bytes of an archive being read, either a whole file mapped into memory or an
// owned, 64-byte aligned copy of a buffer. Storages made from stored tensor records point
// straight into it and keep it alive through StorageImpl::wrap's owner, so a loaded module
// needs no second copy of its weights (DESIGN decision 10).
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

namespace wick::archive {

class ByteSource {
 public:
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;
  ~ByteSource();

  // Maps `path` copy-on-write: tensors that point into the mapping may be written in place
  // without touching the file. Raises wick::Error naming the path when it cannot be read.
  static std::shared_ptr<ByteSource> mapFile(const std::string& path);
  // Copies `bytes` into an aligned buffer.
  static std::shared_ptr<ByteSource> copyOf(std::string_view bytes);
  // Reads a stream to its end.
  static std::shared_ptr<ByteSource> readStream(std::istream& in);

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }
  // Maps the pages of [offset, offset + size) of a mapped file in one go (about twice as
  // fast as faulting them in one by one as they are read). A hint: no-op when unsupported.
  void prefault(uint64_t offset, uint64_t size) const;

 private:
  ByteSource() = default;
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
};

}  // namespace wick::archive
