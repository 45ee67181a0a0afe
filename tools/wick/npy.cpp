#include "npy.h"

#include <cstring>
#include <fstream>
#include <sstream>

namespace wick::cli {

namespace {

struct Descr {
  DType dtype;
  bool big_endian;
};

bool parseDescr(const std::string& d, Descr* out) {
  if (d.size() < 3) return false;
  char order = d[0];
  std::string code = d.substr(1);
  bool big = order == '>';
  if (order != '<' && order != '>' && order != '|' && order != '=') return false;
  struct Entry {
    const char* code;
    DType dtype;
  };
  static const Entry table[] = {{"f4", kFloat}, {"f8", kDouble}, {"f2", kHalf},
                                {"u1", kByte},  {"i1", kChar},   {"i2", kShort},
                                {"i4", kInt},   {"i8", kLong},   {"b1", kBool}};
  for (const Entry& e : table) {
    if (code == e.code) {
      *out = Descr{e.dtype, big};
      return true;
    }
  }
  return false;
}

std::string descrOf(DType t) {
  switch (t) {
    case kFloat: return "<f4";
    case kDouble: return "<f8";
    case kHalf: return "<f2";
    case kByte: return "|u1";
    case kChar: return "|i1";
    case kShort: return "<i2";
    case kInt: return "<i4";
    case kLong: return "<i8";
    case kBool: return "|b1";
    case kBFloat16: return "<f4";  // written as float32
  }
  return "";
}

// Finds `'key': value` in the header dict and returns the value text.
std::string headerField(const std::string& header, const std::string& key,
                        const std::string& what) {
  auto k = header.find("'" + key + "'");
  WICK_CHECK(k != std::string::npos, what, ": the .npy header has no '", key, "' field");
  auto colon = header.find(':', k);
  WICK_CHECK(colon != std::string::npos, what, ": malformed .npy header");
  size_t p = colon + 1;
  while (p < header.size() && header[p] == ' ') ++p;
  size_t end = p;
  if (header[p] == '(') {
    end = header.find(')', p);
    WICK_CHECK(end != std::string::npos, what, ": malformed shape in the .npy header");
    return header.substr(p, end - p + 1);
  }
  if (header[p] == '\'') {
    end = header.find('\'', p + 1);
    WICK_CHECK(end != std::string::npos, what, ": malformed .npy header");
    return header.substr(p + 1, end - p - 1);
  }
  while (end < header.size() && header[end] != ',' && header[end] != '}') ++end;
  return header.substr(p, end - p);
}

std::vector<int64_t> parseShape(const std::string& s, const std::string& what) {
  std::vector<int64_t> shape;
  std::string body = s.substr(1, s.size() - 2);
  std::istringstream in(body);
  std::string item;
  while (std::getline(in, item, ',')) {
    size_t a = item.find_first_not_of(" ");
    if (a == std::string::npos) continue;
    item = item.substr(a, item.find_last_not_of(" ") - a + 1);
    WICK_CHECK(!item.empty() && item.find_first_not_of("0123456789") == std::string::npos, what,
               ": bad dimension '", item, "' in the .npy shape");
    WICK_CHECK(item.size() < 16, what, ": dimension too large in the .npy shape");
    shape.push_back(std::stoll(item));
  }
  return shape;
}

void byteSwap(char* data, size_t n, size_t item) {
  for (size_t i = 0; i < n; ++i) {
    char* p = data + i * item;
    for (size_t a = 0, b = item - 1; a < b; ++a, --b) std::swap(p[a], p[b]);
  }
}

}  // namespace

Tensor parseNpy(const std::string& bytes, const std::string& what) {
  WICK_CHECK(bytes.size() >= 10 && bytes.compare(0, 6, "\x93NUMPY") == 0, what,
             ": not an .npy file (missing the \\x93NUMPY magic)");
  int major = static_cast<unsigned char>(bytes[6]);
  WICK_CHECK(major >= 1 && major <= 3, what, ": unsupported .npy version ", major);
  size_t header_len, header_start;
  if (major == 1) {
    header_len = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    header_start = 10;
  } else {
    WICK_CHECK(bytes.size() >= 12, what, ": truncated .npy header");
    uint32_t len;
    std::memcpy(&len, bytes.data() + 8, 4);
    header_len = len;
    header_start = 12;
  }
  WICK_CHECK(header_start + header_len <= bytes.size(), what, ": truncated .npy header");
  std::string header = bytes.substr(header_start, header_len);
  std::string descr_text = headerField(header, "descr", what);
  Descr descr;
  WICK_CHECK(parseDescr(descr_text, &descr), what, ": unsupported .npy dtype '", descr_text,
             "' (supported: float16/32/64, int8/16/32/64, uint8, bool)");
  bool fortran = headerField(header, "fortran_order", what) == "True";
  std::vector<int64_t> shape = parseShape(headerField(header, "shape", what), what);
  int64_t numel = checkedNumel(shape, what.c_str());
  size_t item = elementSize(descr.dtype);
  size_t data_start = header_start + header_len;
  WICK_CHECK(numel <= static_cast<int64_t>((bytes.size() - data_start) / item), what,
             ": truncated .npy data: the shape ", IntArrayRef(shape), " needs ", numel * item,
             " bytes but the file holds ", bytes.size() - data_start);
  Tensor t = emptyTensor(shape, descr.dtype);
  std::memcpy(t.data_ptr(), bytes.data() + data_start, static_cast<size_t>(numel) * item);
  if (descr.big_endian && item > 1) byteSwap(static_cast<char*>(t.data_ptr()), numel, item);
  if (fortran && shape.size() > 1) {
    // Column-major data: view with reversed strides, then make it row-major.
    DimVector strides(shape.size());
    int64_t s = 1;
    for (size_t d = 0; d < shape.size(); ++d) {
      strides[d] = s;
      s *= shape[d];
    }
    Tensor f = makeTensor(t.impl()->storagePtr(), descr.dtype, shape, strides, 0);
    Tensor c = emptyTensor(shape, descr.dtype);
    std::vector<int64_t> idx(shape.size(), 0);
    char* dst = static_cast<char*>(c.data_ptr());
    const char* src = static_cast<const char*>(f.data_ptr());
    for (int64_t k = 0; k < numel; ++k) {
      int64_t off = 0;
      for (size_t d = 0; d < shape.size(); ++d) off += idx[d] * strides[d];
      std::memcpy(dst + k * item, src + off * item, item);
      for (size_t d = shape.size(); d-- > 0;) {
        if (++idx[d] < shape[d]) break;
        idx[d] = 0;
      }
    }
    return c;
  }
  return t;
}

Tensor readNpy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  WICK_CHECK(in, "cannot open '", path, "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parseNpy(ss.str(), path);
}

namespace {
std::string header(const std::string& descr, IntArrayRef shape) {
  std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < shape.size(); ++i)
    dict +=
        std::to_string(shape[i]) + (shape.size() == 1 ? "," : (i + 1 < shape.size() ? ", " : ""));
  dict += "), }";
  // Pad so the data starts at a multiple of 64 bytes, ending with a newline.
  size_t total = 10 + dict.size() + 1;
  size_t pad = (64 - total % 64) % 64;
  dict.append(pad, ' ');
  dict += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(dict.size() & 0xff);
  out += static_cast<char>((dict.size() >> 8) & 0xff);
  return out + dict;
}
}  // namespace

std::string npyBytes(const Tensor& t) {
  std::string out = header(descrOf(t.dtype()), t.impl()->sizes());
  if (t.dtype() == kBFloat16) {
    for (double v : t.to_vector<double>()) {
      float f = static_cast<float>(v);
      out.append(reinterpret_cast<const char*>(&f), 4);
    }
    return out;
  }
  size_t item = elementSize(t.dtype());
  if (t.is_contiguous()) {
    out.append(static_cast<const char*>(t.data_ptr()), t.nbytes());
    return out;
  }
  IntArrayRef sizes = t.impl()->sizes(), strides = t.strides();
  std::vector<int64_t> idx(sizes.size(), 0);
  const char* base = static_cast<const char*>(t.data_ptr());
  int64_t n = t.impl()->numel();
  for (int64_t k = 0; k < n; ++k) {
    int64_t off = 0;
    for (size_t d = 0; d < sizes.size(); ++d) off += idx[d] * strides[d];
    out.append(base + off * static_cast<int64_t>(item), item);
    for (size_t d = sizes.size(); d-- > 0;) {
      if (++idx[d] < sizes[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

void writeNpy(const std::string& path, const Tensor& t) {
  std::ofstream out(path, std::ios::binary);
  WICK_CHECK(out, "cannot write '", path, "'");
  std::string bytes = npyBytes(t);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  WICK_CHECK(out.good(), "failed writing '", path, "'");
}

void writeNpyString(const std::string& path, const std::string& s) {
  // NumPy's '<U' is UTF-32; decode UTF-8 code points.
  std::vector<uint32_t> cps;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    cp = len == 1 ? c : len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3f);
    cps.push_back(cp);
    i += len;
  }
  size_t n = std::max<size_t>(cps.size(), 1);
  std::string bytes = header("<U" + std::to_string(n), {});
  for (size_t i = 0; i < n; ++i) {
    uint32_t cp = i < cps.size() ? cps[i] : 0;
    bytes.append(reinterpret_cast<const char*>(&cp), 4);
  }
  std::ofstream out(path, std::ios::binary);
  WICK_CHECK(out, "cannot write '", path, "'");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace wick::cli
