#include "serialize/byte_source.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include "wick/core/error.h"
#include "wick/core/storage.h"

namespace wick::archive {

namespace {

uint8_t* alignedBuffer(size_t n) {
  size_t rounded = (n + kStorageAlignment - 1) / kStorageAlignment * kStorageAlignment;
  void* p = std::aligned_alloc(kStorageAlignment, rounded == 0 ? kStorageAlignment : rounded);
  WICK_CHECK(p != nullptr, "out of memory: cannot hold an archive of ", n, " bytes");
  return static_cast<uint8_t*>(p);
}

// Closes a descriptor on every path out of mapFile.
struct FdCloser {
  int fd;
  ~FdCloser() { ::close(fd); }
};

}  // namespace

ByteSource::~ByteSource() {
  if (mapped_) {
    ::munmap(data_, size_);
  } else {
    std::free(data_);
  }
}

std::shared_ptr<ByteSource> ByteSource::mapFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  WICK_CHECK(fd >= 0, "cannot open '", path, "': ", std::strerror(errno));
  FdCloser closer{fd};
  struct stat st;
  WICK_CHECK(::fstat(fd, &st) == 0, "cannot read '", path, "': ", std::strerror(errno));
  WICK_CHECK(S_ISREG(st.st_mode), "cannot read '", path, "': not a regular file");
  std::shared_ptr<ByteSource> src(new ByteSource());
  src->size_ = static_cast<size_t>(st.st_size);
  if (src->size_ == 0) return src;
  // Private and writable: in-place ops on loaded tensors copy the touched pages only.
  void* p = ::mmap(nullptr, src->size_, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  WICK_CHECK(p != MAP_FAILED, "cannot map '", path, "': ", std::strerror(errno));
  src->data_ = static_cast<uint8_t*>(p);
  src->mapped_ = true;
  return src;
}

void ByteSource::prefault(uint64_t offset, uint64_t size) const {
#ifdef MADV_POPULATE_READ
  if (!mapped_ || size == 0 || offset >= size_) return;
  const uint64_t page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  uint64_t begin = offset / page * page;
  uint64_t end = std::min<uint64_t>(offset + size, size_);
  // Errors (an old kernel without MADV_POPULATE_READ) only lose the speed-up.
  (void)::madvise(data_ + begin, end - begin, MADV_POPULATE_READ);
#else
  (void)offset;
  (void)size;
#endif
}

std::shared_ptr<ByteSource> ByteSource::copyOf(std::string_view bytes) {
  std::shared_ptr<ByteSource> src(new ByteSource());
  src->data_ = alignedBuffer(bytes.size());
  src->size_ = bytes.size();
  if (!bytes.empty()) std::memcpy(src->data_, bytes.data(), bytes.size());
  return src;
}

std::shared_ptr<ByteSource> ByteSource::readStream(std::istream& in) {
  WICK_CHECK(in.good(), "cannot read the archive: the input stream is not readable");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  WICK_CHECK(!in.bad(), "cannot read the archive: the input stream failed");
  return copyOf(bytes);
}

}  // namespace wick::archive
