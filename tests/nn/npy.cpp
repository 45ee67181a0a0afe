#include "npy.h"

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace wick::testing {

namespace {

DType dtypeOfDescr(const std::string& descr, const std::string& path) {
  if (descr == "<f4") return kFloat;
  if (descr == "<f8") return kDouble;
  if (descr == "<i8") return kLong;
  if (descr == "<i4") return kInt;
  if (descr == "|u1") return kByte;
  if (descr == "|b1") return kBool;
  throw std::runtime_error(path + ": unsupported npy dtype " + descr);
}

std::string field(const std::string& header, const std::string& key, char open, char close) {
  size_t k = header.find("'" + key + "'");
  if (k == std::string::npos) throw std::runtime_error("npy header lacks " + key);
  size_t a = header.find(open, k + key.size() + 2);
  size_t b = header.find(close, a + 1);
  return header.substr(a + 1, b - a - 1);
}

}  // namespace

Tensor readNpy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  char magic[8];
  in.read(magic, 8);
  if (std::memcmp(magic, "\x93NUMPY", 6) != 0) throw std::runtime_error(path + ": not an npy file");
  uint32_t header_len = 0;
  if (magic[6] == 1) {
    uint16_t n = 0;
    in.read(reinterpret_cast<char*>(&n), 2);
    header_len = n;
  } else {
    in.read(reinterpret_cast<char*>(&header_len), 4);
  }
  std::string header(header_len, '\0');
  in.read(header.data(), header_len);
  if (field(header, "fortran_order", ' ', ',') == "True") {
    throw std::runtime_error(path + ": Fortran-ordered arrays are not supported");
  }
  DType dtype = dtypeOfDescr(field(header, "descr", '\'', '\''), path);
  std::vector<int64_t> shape;
  std::stringstream ss(field(header, "shape", '(', ')'));
  for (std::string item; std::getline(ss, item, ',');) {
    if (item.find_first_not_of(' ') != std::string::npos) shape.push_back(std::stoll(item));
  }
  Tensor t = emptyTensor(shape, dtype);
  in.read(static_cast<char*>(t.data_ptr()), static_cast<std::streamsize>(t.nbytes()));
  if (!in) throw std::runtime_error(path + ": truncated data");
  return t;
}

}  // namespace wick::testing
