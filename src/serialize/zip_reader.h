// ZipReader: reads the zip container of a TorchScript archive (spec/torchscript-archive.md §1).
// It accepts what PyTorch 1.13 writes (FB-padded local headers, data descriptors, zip64 end
// records) and what other tools write (no padding, sizes in local headers, deflated records
// anywhere). Every offset and size taken from the file is checked against the file before
// use; a record's CRC-32 is checked when it is read.
//
// Record names are relative to the archive's top-level folder, which is whatever the first
// central-directory entry is in (PyTorch's rule): "data.pkl", "code/__torch__.py".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "serialize/byte_source.h"

namespace wick::archive {

// The bytes of one record. Stored records point into the archive's ByteSource; deflated ones
// into a buffer of their own. `owner` keeps either alive.
struct Record {
  const uint8_t* data = nullptr;
  size_t size = 0;
  std::shared_ptr<void> owner;
  std::string_view view() const { return {reinterpret_cast<const char*>(data), size}; }
};

class ZipReader {
 public:
  // Parses the central directory; raises wick::Error for anything that is not a readable
  // zip archive (PyTorch's wording where it has one).
  explicit ZipReader(std::shared_ptr<ByteSource> source);

  // The top-level folder ("traced_mod", "archive"); empty when the first entry has none.
  const std::string& root() const { return root_; }
  bool hasRecord(std::string_view name) const;
  // The record's bytes, inflated if needed and checked against its CRC-32.
  Record getRecord(std::string_view name) const;
  // Checks the CRC-32 of every stored record under `folder` (e.g. "data/") at once, on all
  // threads, so getRecord() need not check them one by one; raises the same error
  // getRecord() would for the first bad one. Not thread-safe: call before sharing the reader.
  void verifyStoredRecords(std::string_view folder);
  // Names of the records under the top-level folder, in central-directory order.
  std::vector<std::string> recordNames() const;
  // Where a record's data starts in the file (for alignment checks).
  uint64_t dataOffset(std::string_view name) const;
  const std::shared_ptr<ByteSource>& source() const { return source_; }

 private:
  struct Entry {
    std::string name;  // full name, folder included
    uint64_t header_offset = 0;
    uint64_t data_offset = 0;
    uint64_t compressed_size = 0;
    uint64_t size = 0;
    uint32_t crc = 0;
    uint16_t method = 0;
    uint16_t flags = 0;
    bool verified = false;  // CRC already checked by verifyStoredRecords
  };
  struct EndRecord {
    uint64_t entries = 0;
    uint64_t cd_size = 0;
    uint64_t cd_offset = 0;
  };

  EndRecord readEnd() const;
  void readCentralDirectory(const EndRecord& end);
  size_t parseEntry(size_t pos, Entry& e) const;
  void locateData(Entry& e) const;
  const Entry& entry(std::string_view name) const;
  Record inflateRecord(const Entry& e) const;
  void checkCrc(const Entry& e, uint32_t crc) const;

  std::shared_ptr<ByteSource> source_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, size_t> index_;  // name under root -> entry
  std::string root_;
};

// CRC-32 (zlib's polynomial) of a byte range (crc32.cpp).
uint32_t crc32Of(const uint8_t* data, size_t size);

}  // namespace wick::archive
