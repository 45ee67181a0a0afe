#include "serialize/zip_reader.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

#include "serialize/le_bytes.h"
#include "wick/core/error.h"

namespace wick::archive {

namespace {

constexpr std::string_view kZipError = "PytorchStreamReader failed reading zip archive: ";
// Deflate cannot expand data by more than about 1032:1; a larger claim is a corrupt header,
// and believing it would mean a huge allocation.
constexpr uint64_t kMaxDeflateRatio = 1032;

// a + b <= limit without overflow.
bool fits(uint64_t a, uint64_t b, uint64_t limit) { return a <= limit && b <= limit - a; }

}  // namespace

ZipReader::ZipReader(std::shared_ptr<ByteSource> source) : source_(std::move(source)) {
  std::string_view bytes = source_->view();
  WICK_CHECK(bytes.substr(0, 8) != "PYTORCH1",
             "File is an unsupported archive format from the preview release.");
  EndRecord end = readEnd();
  WICK_CHECK(end.entries > 0, "archive does not contain any files");
  readCentralDirectory(end);
  const std::string& first = entries_.front().name;
  size_t slash = first.find('/');
  root_ = slash == std::string::npos ? "" : first.substr(0, slash);
  // Lookups are relative to the first entry's folder; entries elsewhere are unreachable, as
  // in PyTorch.
  std::string prefix = root_.empty() ? "" : root_ + "/";
  for (size_t i = 0; i < entries_.size(); ++i) {
    const std::string& n = entries_[i].name;
    if (!prefix.empty() && n.compare(0, prefix.size(), prefix) == 0) {
      index_.emplace(n.substr(prefix.size()), i);
    }
  }
}

ZipReader::EndRecord ZipReader::readEnd() const {
  const uint8_t* p = source_->data();
  const size_t size = source_->size();
  WICK_CHECK(size >= kEndSize, kZipError, "failed finding central directory");
  size_t lowest = size - kEndSize > 0xffff ? size - kEndSize - 0xffff : 0;
  size_t pos = size - kEndSize;
  while (readU32(p + pos) != kEndSig) {
    WICK_CHECK(pos > lowest, kZipError, "failed finding central directory");
    --pos;
  }
  EndRecord end;
  end.entries = readU16(p + pos + 10);
  end.cd_size = readU32(p + pos + 12);
  end.cd_offset = readU32(p + pos + 16);
  uint64_t limit = pos;  // the central directory ends before the end records
  if (pos >= kZip64LocatorSize && readU32(p + pos - kZip64LocatorSize) == kZip64LocatorSig) {
    uint64_t z64 = readU64(p + pos - kZip64LocatorSize + 8);
    WICK_CHECK(
        fits(z64, kZip64EndSize, pos - kZip64LocatorSize) && readU32(p + z64) == kZip64EndSig,
        kZipError, "the zip64 end of central directory record is missing or corrupt");
    end.entries = readU64(p + z64 + 32);
    end.cd_size = readU64(p + z64 + 40);
    end.cd_offset = readU64(p + z64 + 48);
    limit = z64;
  }
  WICK_CHECK(fits(end.cd_offset, end.cd_size, limit), kZipError, "the central directory (offset ",
             end.cd_offset, ", ", end.cd_size, " bytes) lies outside the file of ", size, " bytes");
  WICK_CHECK(end.entries <= end.cd_size / kCentralHeaderSize, kZipError,
             "the central directory claims ", end.entries, " entries but holds only ", end.cd_size,
             " bytes");
  return end;
}

void ZipReader::readCentralDirectory(const EndRecord& end) {
  entries_.resize(static_cast<size_t>(end.entries));
  size_t pos = static_cast<size_t>(end.cd_offset);
  const size_t stop = static_cast<size_t>(end.cd_offset + end.cd_size);
  for (size_t i = 0; i < entries_.size(); ++i) {
    WICK_CHECK(fits(pos, kCentralHeaderSize, stop), kZipError, "central directory entry ", i,
               " is truncated");
    pos += parseEntry(pos, entries_[i]);
    WICK_CHECK(pos <= stop, kZipError, "central directory entry ", i, " is truncated");
    locateData(entries_[i]);
  }
}

size_t ZipReader::parseEntry(size_t pos, Entry& e) const {
  const uint8_t* h = source_->data() + pos;
  WICK_CHECK(readU32(h) == kCentralHeaderSig, kZipError,
             "corrupt central directory entry at offset ", pos);
  e.flags = readU16(h + 8);
  e.method = readU16(h + 10);
  e.crc = readU32(h + 16);
  e.compressed_size = readU32(h + 20);
  e.size = readU32(h + 24);
  size_t name_len = readU16(h + 28), extra_len = readU16(h + 30), comment_len = readU16(h + 32);
  e.header_offset = readU32(h + 42);
  size_t total = kCentralHeaderSize + name_len + extra_len + comment_len;
  WICK_CHECK(fits(pos, total, source_->size()), kZipError, "central directory entry at offset ",
             pos, " is truncated");
  e.name.assign(reinterpret_cast<const char*>(h + kCentralHeaderSize), name_len);
  // Zip64 extra field: 8-byte values for the fields saturated at 0xffffffff, in this order.
  const uint8_t* x = h + kCentralHeaderSize + name_len;
  for (size_t off = 0; off + 4 <= extra_len;) {
    uint16_t id = readU16(x + off), len = readU16(x + off + 2);
    WICK_CHECK(off + 4 + len <= extra_len, kZipError, "corrupt extra field in entry '", e.name,
               "'");
    if (id == kZip64ExtraId) {
      const uint8_t* v = x + off + 4;
      size_t left = len;
      for (uint64_t* field : {&e.size, &e.compressed_size, &e.header_offset}) {
        if (*field != 0xffffffffu) continue;
        WICK_CHECK(left >= 8, kZipError, "corrupt zip64 extra field in entry '", e.name, "'");
        *field = readU64(v);
        v += 8;
        left -= 8;
      }
    }
    off += 4 + len;
  }
  return total;
}

void ZipReader::locateData(Entry& e) const {
  const size_t size = source_->size();
  WICK_CHECK(fits(e.header_offset, kLocalHeaderSize, size), kZipError, "record '", e.name,
             "' has a local header outside the file (offset ", e.header_offset, ")");
  const uint8_t* h = source_->data() + e.header_offset;
  WICK_CHECK(readU32(h) == kLocalHeaderSig, kZipError, "record '", e.name,
             "' has a corrupt local header at offset ", e.header_offset);
  uint64_t start = e.header_offset + kLocalHeaderSize + readU16(h + 26) + readU16(h + 28);
  WICK_CHECK(fits(start, e.compressed_size, size), kZipError, "record '", e.name, "' (",
             e.compressed_size, " bytes at offset ", start, ") extends past the end of the file (",
             size, " bytes)");
  e.data_offset = start;
}

bool ZipReader::hasRecord(std::string_view name) const {
  return index_.find(std::string(name)) != index_.end();
}

const ZipReader::Entry& ZipReader::entry(std::string_view name) const {
  auto it = index_.find(std::string(name));
  WICK_CHECK(it != index_.end(), "PytorchStreamReader failed locating file ", name,
             ": file not found");
  return entries_[it->second];
}

std::vector<std::string> ZipReader::recordNames() const {
  std::vector<std::string> out;
  std::string prefix = root_ + "/";
  for (const Entry& e : entries_) {
    if (!root_.empty() && e.name.compare(0, prefix.size(), prefix) == 0) {
      out.push_back(e.name.substr(prefix.size()));
    }
  }
  return out;
}

uint64_t ZipReader::dataOffset(std::string_view name) const { return entry(name).data_offset; }

Record ZipReader::getRecord(std::string_view name) const {
  const Entry& e = entry(name);
  WICK_CHECK((e.flags & 1) == 0, "record '", name, "' is encrypted, which is not supported");
  Record r;
  if (e.method == kMethodStored) {
    WICK_CHECK(e.compressed_size == e.size, kZipError, "stored record '", name, "' has size ",
               e.size, " but occupies ", e.compressed_size, " bytes");
    r.data = source_->data() + e.data_offset;
    r.size = static_cast<size_t>(e.size);
    r.owner = source_;
  } else if (e.method == kMethodDeflated) {
    r = inflateRecord(e);
  } else {
    WICK_FAIL("record '", name, "' uses compression method ", e.method,
              "; only stored (0) and deflated (8) records are supported");
  }
  if (!e.verified) checkCrc(e, crc32Of(r.data, r.size));
  return r;
}

void ZipReader::checkCrc(const Entry& e, uint32_t crc) const {
  WICK_CHECK(crc == e.crc, "PytorchStreamReader: CRC-32 mismatch in record '",
             std::string_view(e.name).substr(root_.empty() ? 0 : root_.size() + 1),
             "' (the archive is corrupt): expected ", e.crc, ", computed ", crc);
}

void ZipReader::verifyStoredRecords(std::string_view folder) {
  std::string prefix = root_.empty() ? std::string(folder) : root_ + "/" + std::string(folder);
  std::vector<Entry*> todo;
  for (Entry& e : entries_) {
    bool stored = e.method == kMethodStored && (e.flags & 1) == 0 && e.compressed_size == e.size;
    if (stored && !e.verified && std::string_view(e.name).substr(0, prefix.size()) == prefix) {
      todo.push_back(&e);
    }
  }
  // Largest first, so the threads finish together.
  std::sort(todo.begin(), todo.end(),
            [](const Entry* a, const Entry* b) { return a->size > b->size; });
  std::vector<uint32_t> crcs(todo.size());
  const int64_t n = static_cast<int64_t>(todo.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (int64_t i = 0; i < n; ++i) {
    const Entry& e = *todo[static_cast<size_t>(i)];
    source_->prefault(e.data_offset, e.size);
    crcs[static_cast<size_t>(i)] =
        crc32Of(source_->data() + e.data_offset, static_cast<size_t>(e.size));
  }
  for (size_t i = 0; i < todo.size(); ++i) {
    checkCrc(*todo[i], crcs[i]);
    todo[i]->verified = true;
  }
}

Record ZipReader::inflateRecord(const Entry& e) const {
  WICK_CHECK(e.size <= e.compressed_size * kMaxDeflateRatio + 64, kZipError, "deflated record '",
             e.name, "' claims ", e.size, " bytes from ", e.compressed_size, " compressed bytes");
  auto buffer = std::make_shared<std::string>(static_cast<size_t>(e.size), '\0');
  z_stream zs{};
  WICK_CHECK(::inflateInit2(&zs, -MAX_WBITS) == Z_OK, "zlib: cannot start inflating");
  zs.next_in = const_cast<Bytef*>(source_->data() + e.data_offset);
  zs.avail_in = 0;
  zs.next_out = reinterpret_cast<Bytef*>(buffer->data());
  zs.avail_out = 0;
  uint64_t in_left = e.compressed_size, out_left = e.size;
  int rc = Z_OK;
  // avail_in/avail_out are 32-bit: feed records of any size in slices.
  constexpr uint64_t kSlice = 1u << 30;
  for (;;) {
    if (zs.avail_in == 0 && in_left > 0) {
      zs.avail_in = static_cast<uInt>(std::min(in_left, kSlice));
      in_left -= zs.avail_in;
    }
    if (zs.avail_out == 0 && out_left > 0) {
      zs.avail_out = static_cast<uInt>(std::min(out_left, kSlice));
      out_left -= zs.avail_out;
    }
    rc = ::inflate(&zs, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) break;
    bool can_refill = (zs.avail_in == 0 && in_left > 0) || (zs.avail_out == 0 && out_left > 0);
    if (rc == Z_OK || (rc == Z_BUF_ERROR && can_refill)) continue;
    break;  // corrupt data, truncated input, or more output than declared
  }
  uint64_t produced = zs.total_out;
  ::inflateEnd(&zs);
  WICK_CHECK(rc == Z_STREAM_END && produced == e.size, kZipError, "deflated record '", e.name,
             "' is corrupt (", rc == Z_STREAM_END ? "wrong size" : "bad deflate data", ")");
  Record r;
  r.data = reinterpret_cast<const uint8_t*>(buffer->data());
  r.size = buffer->size();
  r.owner = std::move(buffer);
  return r;
}

}  // namespace wick::archive
