// The zip container: round trips, PyTorch's layout (64-byte aligned data, descriptors, zip64
// end records), interoperability with Python's zipfile, and errors for broken files.
#include <fstream>
#include <random>

#include "serialize/le_bytes.h"
#include "serialize/zip_reader.h"
#include "serialize/zip_writer.h"
#include "testing/testing.h"

namespace wick::archive {
namespace {

std::string writeZip(const std::string& root,
                     const std::vector<std::tuple<std::string, std::string, bool>>& records) {
  std::string out;
  ZipWriter w(root, [&](const char* d, size_t n) { out.append(d, n); });
  for (const auto& [name, data, compress] : records) w.writeRecord(name, data, compress);
  w.finish();
  return out;
}

ZipReader readerOf(const std::string& bytes) { return ZipReader(ByteSource::copyOf(bytes)); }

std::string repeated(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('a' + i % 7));
  return s;
}

// The CRC-32 of zip files, one bit at a time: the reference for the fast one.
uint32_t bitwiseCrc32(const uint8_t* p, size_t n) {
  uint32_t c = 0xffffffffu;
  for (size_t i = 0; i < n; ++i) {
    c ^= p[i];
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
  }
  return ~c;
}

TEST(Zip, Crc32MatchesTheReferenceForEveryLengthAndAlignment) {
  std::mt19937 rng(7);
  std::vector<uint8_t> buf((1 << 20) + 64);
  for (auto& b : buf) b = static_cast<uint8_t>(rng());
  for (size_t n = 0; n < 1200; ++n) {
    for (size_t off : {0, 1, 13}) {
      ASSERT_EQ(crc32Of(buf.data() + off, n), bitwiseCrc32(buf.data() + off, n)) << n << " " << off;
    }
  }
  EXPECT_EQ(crc32Of(buf.data() + 3, 1 << 20), bitwiseCrc32(buf.data() + 3, 1 << 20));
  EXPECT_EQ(crc32Of(reinterpret_cast<const uint8_t*>("123456789"), 9), 0xCBF43926u);
}

TEST(Zip, RoundTripStoredAndDeflated) {
  std::string code = repeated(5000);
  std::string bytes = writeZip("model", {{"data/0", "\x01\x02\x03", false},
                                         {"code/__torch__.py", code, true},
                                         {"empty", "", false},
                                         {"extra/a/b.txt", "hello", false}});
  ZipReader r = readerOf(bytes);
  EXPECT_EQ(r.root(), "model");
  EXPECT_EQ(r.recordNames(),
            (std::vector<std::string>{"data/0", "code/__torch__.py", "empty", "extra/a/b.txt"}));
  EXPECT_EQ(r.getRecord("data/0").view(), "\x01\x02\x03");
  EXPECT_EQ(r.getRecord("code/__torch__.py").view(), code);
  EXPECT_EQ(r.getRecord("empty").size, 0u);
  EXPECT_EQ(r.getRecord("extra/a/b.txt").view(), "hello");
  EXPECT_FALSE(r.hasRecord("model/data/0"));
  // The code record really is deflated.
  EXPECT_LT(bytes.size(), code.size());
}

TEST(Zip, DataIsAlignedAndStoredRecordsAreNotCopied) {
  std::string bytes = writeZip("traced_mod", {{"data/0", std::string(72, 'x'), false},
                                              {"data/1", std::string(13, 'y'), false},
                                              {"data.pkl", "abc", false}});
  ZipReader r = readerOf(bytes);
  for (const std::string& name : r.recordNames()) {
    EXPECT_EQ(r.dataOffset(name) % 64, 0u) << name;
    Record rec = r.getRecord(name);
    EXPECT_EQ(rec.data, r.source()->data() + r.dataOffset(name)) << name;
    EXPECT_EQ(reinterpret_cast<uintptr_t>(rec.data) % 64, 0u) << name;
  }
  // PyTorch's first record: a 17-byte name, so 13 bytes of 'Z' padding put data at 64.
  EXPECT_EQ(r.dataOffset("data/0"), 64u);
  EXPECT_EQ(readU16(reinterpret_cast<const uint8_t*>(bytes.data()) + 28), 17u);
  EXPECT_EQ(bytes.substr(30 + 17, 4), std::string("FB\x0d\x00", 4));
}

TEST(Zip, EndRecordsMatchPyTorch) {
  std::string bytes = writeZip("archive", {{"version", "3\n", false}});
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  size_t n = bytes.size();
  EXPECT_EQ(readU32(p + n - kEndSize), kEndSig);
  EXPECT_EQ(readU32(p + n - kEndSize - kZip64LocatorSize), kZip64LocatorSig);
  EXPECT_EQ(readU32(p + n - kEndSize - kZip64LocatorSize - kZip64EndSize), kZip64EndSig);
  // Local header: flags 0x0808, CRC and sizes zero (they follow in a descriptor).
  EXPECT_EQ(readU16(p + 6), 0x0808);
  EXPECT_EQ(readU32(p + 14), 0u);
  EXPECT_EQ(readU32(p + 64 + 2), kDataDescriptorSig);
}

TEST(Zip, InteroperatesWithPythonZipfile) {
  std::string dir = testing::tempDir("zip_interop");
  std::string ours = dir + "/ours.pt";
  {
    std::ofstream f(ours, std::ios::binary);
    f << writeZip("ours", {{"data/0", std::string(100, '\x07'), false},
                           {"code/__torch__.py", repeated(3000), true}});
  }
  std::string out = testing::runPython("ser_zip.py", {ours, dir + "/theirs.zip"});
  EXPECT_NE(out.find("ours/data/0 100 ok"), std::string::npos) << out;
  EXPECT_NE(out.find("ours/code/__torch__.py 3000 ok"), std::string::npos) << out;
  // Python wrote a deflated, unaligned archive without descriptors or zip64 records.
  ZipReader r(ByteSource::mapFile(dir + "/theirs.zip"));
  EXPECT_EQ(r.root(), "whatever");
  EXPECT_EQ(r.getRecord("version").view(), "3\n");
  EXPECT_EQ(r.getRecord("big").view(), std::string(100000, 'q'));
  EXPECT_EQ(r.getRecord("stored").view(), "plain");
}

TEST(Zip, ErrorsForBrokenFiles) {
  EXPECT_THROW_MSG(readerOf("hello, this is not a zip file at all"),
                   "PytorchStreamReader failed reading zip archive: failed finding central "
                   "directory");
  EXPECT_THROW_MSG(readerOf(""), "failed finding central directory");
  EXPECT_THROW_MSG(readerOf("PYTORCH1" + std::string(100, '\0')),
                   "File is an unsupported archive format from the preview release.");
  std::string empty;
  {
    ZipWriter w("x", [&](const char* d, size_t n) { empty.append(d, n); });
    w.finish();
  }
  EXPECT_THROW_MSG(readerOf(empty), "archive does not contain any files");
  EXPECT_THROW_MSG(ByteSource::mapFile("/nonexistent/dir/model.pt"),
                   "cannot open '/nonexistent/dir/model.pt'");

  std::string good = writeZip(
      "m", {{"data/0", std::string(200, 'd'), false}, {"code/x.py", repeated(2000), true}});
  ZipReader ok = readerOf(good);
  EXPECT_THROW_MSG(ok.getRecord("data/1"),
                   "PytorchStreamReader failed locating file data/1: file not found");
  // A flipped byte in stored data fails its CRC; in deflated data, inflate or the CRC.
  std::string flipped = good;
  flipped[ok.dataOffset("data/0") + 10] ^= 0x20;
  EXPECT_THROW_MSG(readerOf(flipped).getRecord("data/0"), "CRC-32 mismatch in record 'data/0'");
  std::string flipped_code = good;
  flipped_code[ok.dataOffset("code/x.py") + 5] ^= 0x55;
  std::string msg = testing::errorOf([&] { readerOf(flipped_code).getRecord("code/x.py"); });
  EXPECT_TRUE(msg.find("code/x.py") != std::string::npos) << msg;
  // Cut anywhere: the file is rejected when opened or when the record is read.
  for (size_t cut : {size_t(10), good.size() / 2, good.size() - 30, good.size() - 1}) {
    std::string m = testing::errorOf([&] {
      ZipReader r = readerOf(good.substr(0, cut));
      r.getRecord("data/0");
      r.getRecord("code/x.py");
    });
    EXPECT_NE(m, "") << "cut at " << cut;
  }
}

TEST(Zip, ImplausibleSizesAreRejectedBeforeAllocating) {
  std::string good = writeZip("m", {{"code/x.py", repeated(2000), true}});
  auto* p = reinterpret_cast<uint8_t*>(good.data());
  size_t cd = readU32(p + good.size() - kEndSize + 16);
  // Claim a 4 GiB uncompressed size in the central directory.
  std::string huge = good;
  auto* h = reinterpret_cast<uint8_t*>(huge.data()) + cd;
  h[24] = h[25] = h[26] = 0xff;
  h[27] = 0x7f;
  EXPECT_THROW_MSG(readerOf(huge).getRecord("code/x.py"), "claims");
  // A record that would extend past the end of the file.
  std::string past = good;
  auto* h2 = reinterpret_cast<uint8_t*>(past.data()) + cd;
  h2[20] = h2[21] = 0xff;
  h2[22] = 0x0f;
  EXPECT_THROW_MSG(readerOf(past), "extends past the end of the file");
}

}  // namespace
}  // namespace wick::archive
