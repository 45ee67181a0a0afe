#include "serialize/zip_writer.h"

#include <zlib.h>

#include <limits>

#include "serialize/le_bytes.h"
#include "serialize/zip_reader.h"
#include "wick/core/error.h"

namespace wick::archive {

namespace {

constexpr uint16_t kFlags = 0x0808;  // data descriptor follows; names are UTF-8
constexpr uint64_t kU32Max = 0xffffffffu;
constexpr uint64_t kAlignment = 64;

bool needsZip64(uint64_t offset, uint64_t compressed, uint64_t size) {
  return offset >= kU32Max || compressed >= kU32Max || size >= kU32Max;
}

}  // namespace

std::string deflateBytes(std::string_view data) {
  z_stream zs{};
  WICK_CHECK(::deflateInit2(&zs, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK,
             "zlib: cannot start deflating");
  std::string out(::deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = ::deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  ::deflateEnd(&zs);
  WICK_CHECK(rc == Z_STREAM_END, "zlib: deflate failed (", rc, ")");
  return out;
}

ZipWriter::ZipWriter(std::string root, Sink sink) : root_(std::move(root)), sink_(std::move(sink)) {
  WICK_CHECK(!root_.empty(), "an archive needs a top-level folder name");
}

void ZipWriter::emit(std::string_view bytes) {
  if (!bytes.empty()) sink_(bytes.data(), bytes.size());
  offset_ += bytes.size();
}

std::string ZipWriter::localHeader(const CentralEntry& e, bool zip64) const {
  std::string h;
  appendU32(h, kLocalHeaderSig);
  appendU16(h, zip64 ? 45 : e.method == kMethodDeflated ? 20 : 0);
  appendU16(h, kFlags);
  appendU16(h, e.method);
  appendU32(h, 0);  // DOS time and date
  appendU32(h, 0);  // crc, and both sizes: in the descriptor
  appendU32(h, zip64 ? kU32Max : 0);
  appendU32(h, zip64 ? kU32Max : 0);
  appendU16(h, static_cast<uint16_t>(e.name.size()));
  std::string extra;
  if (zip64) {
    appendU16(extra, kZip64ExtraId);
    appendU16(extra, 16);
    appendU64(extra, e.size);
    appendU64(extra, e.compressed_size);
  }
  // FB padding so the data starts on a 64-byte boundary.
  uint64_t start = e.header_offset + kLocalHeaderSize + e.name.size() + extra.size() + 4;
  uint16_t pad = static_cast<uint16_t>((kAlignment - start % kAlignment) % kAlignment);
  extra += "FB";
  appendU16(extra, pad);
  extra.append(pad, 'Z');
  appendU16(h, static_cast<uint16_t>(extra.size()));
  h += e.name;
  h += extra;
  return h;
}

void ZipWriter::writeRecord(std::string_view name, std::string_view data, bool compress) {
  WICK_CHECK(!finished_, "ZipWriter: record '", name, "' written after finish()");
  std::string full = root_ + "/" + std::string(name);
  WICK_CHECK(full.size() <= 0xffff, "record name too long: ", name);
  CentralEntry e{full,
                 offset_,
                 data.size(),
                 data.size(),
                 crc32Of(reinterpret_cast<const uint8_t*>(data.data()), data.size()),
                 kMethodStored};
  std::string packed;
  if (compress && !data.empty() && data.size() < kU32Max) {
    packed = deflateBytes(data);
    if (packed.size() < data.size()) {
      e.method = kMethodDeflated;
      e.compressed_size = packed.size();
    }
  }
  bool zip64 = needsZip64(e.header_offset, e.compressed_size, e.size);
  emit(localHeader(e, zip64));
  emit(e.method == kMethodDeflated ? std::string_view(packed) : data);
  std::string d;
  appendU32(d, kDataDescriptorSig);
  appendU32(d, e.crc);
  if (zip64) {
    appendU64(d, e.compressed_size);
    appendU64(d, e.size);
  } else {
    appendU32(d, static_cast<uint32_t>(e.compressed_size));
    appendU32(d, static_cast<uint32_t>(e.size));
  }
  emit(d);
  entries_.push_back(std::move(e));
}

std::string ZipWriter::centralHeader(const CentralEntry& e) const {
  bool big_size = e.size >= kU32Max || e.compressed_size >= kU32Max;
  bool big_offset = e.header_offset >= kU32Max;
  std::string extra;
  if (big_size || big_offset) {
    appendU16(extra, kZip64ExtraId);
    appendU16(extra, static_cast<uint16_t>((big_size ? 16 : 0) + (big_offset ? 8 : 0)));
    if (big_size) {
      appendU64(extra, e.size);
      appendU64(extra, e.compressed_size);
    }
    if (big_offset) appendU64(extra, e.header_offset);
  }
  std::string h;
  appendU32(h, kCentralHeaderSig);
  appendU16(h, 0);  // version made by
  appendU16(h, extra.empty() ? (e.method == kMethodDeflated ? 20 : 0) : 45);
  appendU16(h, kFlags);
  appendU16(h, e.method);
  appendU32(h, 0);  // DOS time and date
  appendU32(h, e.crc);
  appendU32(h, big_size ? kU32Max : static_cast<uint32_t>(e.compressed_size));
  appendU32(h, big_size ? kU32Max : static_cast<uint32_t>(e.size));
  appendU16(h, static_cast<uint16_t>(e.name.size()));
  appendU16(h, static_cast<uint16_t>(extra.size()));
  appendU16(h, 0);  // comment
  appendU16(h, 0);  // disk
  appendU16(h, 0);  // internal attributes
  appendU32(h, 0);  // external attributes
  appendU32(h, big_offset ? kU32Max : static_cast<uint32_t>(e.header_offset));
  h += e.name;
  h += extra;
  return h;
}

std::string ZipWriter::endRecords(uint64_t cd_offset, uint64_t cd_size) const {
  const uint64_t n = entries_.size();
  const uint64_t z64_offset = offset_;
  std::string r;
  appendU32(r, kZip64EndSig);
  appendU64(r, kZip64EndSize - 12);  // size of the rest of the record
  appendU16(r, 0x031e);              // made by
  appendU16(r, 45);                  // needed
  appendU32(r, 0);
  appendU32(r, 0);
  appendU64(r, n);
  appendU64(r, n);
  appendU64(r, cd_size);
  appendU64(r, cd_offset);
  appendU32(r, kZip64LocatorSig);
  appendU32(r, 0);
  appendU64(r, z64_offset);
  appendU32(r, 1);
  appendU32(r, kEndSig);
  appendU16(r, 0);
  appendU16(r, 0);
  appendU16(r, static_cast<uint16_t>(std::min<uint64_t>(n, 0xffff)));
  appendU16(r, static_cast<uint16_t>(std::min<uint64_t>(n, 0xffff)));
  appendU32(r, static_cast<uint32_t>(std::min(cd_size, kU32Max)));
  appendU32(r, static_cast<uint32_t>(std::min(cd_offset, kU32Max)));
  appendU16(r, 0);  // comment
  return r;
}

void ZipWriter::finish() {
  WICK_CHECK(!finished_, "ZipWriter: finish() called twice");
  finished_ = true;
  uint64_t cd_offset = offset_;
  std::string cd;
  for (const CentralEntry& e : entries_) cd += centralHeader(e);
  emit(cd);
  emit(endRecords(cd_offset, cd.size()));
}

}  // namespace wick::archive
