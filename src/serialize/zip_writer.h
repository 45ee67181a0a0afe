// ZipWriter: writes the zip container of a TorchScript archive the way PyTorch 1.13 does
// (spec/torchscript-archive.md §1.4): every record's data starts at a multiple of 64 thanks
// to an "FB" padding extra field, sizes and CRC-32 follow the data in a descriptor, and zip64
// end records are always present, so archives load in PyTorch, in Python's zipfile and in
// wick (which maps aligned tensor records without copying).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace wick::archive {

class ZipWriter {
 public:
  // Receives the archive's bytes in order.
  using Sink = std::function<void(const char* data, size_t size)>;

  // `root` is the top-level folder every record goes in ("archive" for streams).
  ZipWriter(std::string root, Sink sink);

  // Writes `<root>/<name>`. With `compress`, the data is deflated when that makes it
  // smaller (PyTorch deflates code/ records and stores everything else).
  void writeRecord(std::string_view name, std::string_view data, bool compress = false);
  // Writes the central directory and end records; no records may follow.
  void finish();

  uint64_t bytesWritten() const { return offset_; }

 private:
  struct CentralEntry {
    std::string name;
    uint64_t header_offset;
    uint64_t compressed_size;
    uint64_t size;
    uint32_t crc;
    uint16_t method;
  };

  void emit(std::string_view bytes);
  std::string localHeader(const CentralEntry& e, bool zip64) const;
  std::string centralHeader(const CentralEntry& e) const;
  std::string endRecords(uint64_t cd_offset, uint64_t cd_size) const;

  std::string root_;
  Sink sink_;
  uint64_t offset_ = 0;
  bool finished_ = false;
  std::vector<CentralEntry> entries_;
};

// Raw deflate (no zlib header), as zip records use.
std::string deflateBytes(std::string_view data);

}  // namespace wick::archive
