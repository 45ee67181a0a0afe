// Printing tensors exactly as LibTorch's operator<< does (what R torch shows): a format is
// chosen from the values (integer mode, fixed with an optional scale header, or scientific),
// matrices are split into column blocks that fit 80 characters, and tensors of 3 or more
// dimensions print one "(i,j,.,.) = " matrix per slice, followed by "[ CPUFloatType{2,3} ]".
#include <cmath>
#include <iomanip>
#include <ostream>
#include <vector>

#include "wick/core/tensor.h"

namespace wick {

namespace {

std::ostream& defaultFloat(std::ostream& s) {
  s.unsetf(std::ios_base::floatfield);
  return s;
}

// Restores the stream's formatting state on exit.
class FormatGuard {
 public:
  explicit FormatGuard(std::ostream& s) : s_(s), saved_(nullptr) { saved_.copyfmt(s); }
  ~FormatGuard() { s_.copyfmt(saved_); }

 private:
  std::ostream& s_;
  std::ios saved_;
};

struct Format {
  double scale = 1;
  int64_t width = 0;
};

// Chooses the number format from the values and sets the stream up for it.
Format chooseFormat(std::ostream& stream, const double* p, int64_t size) {
  if (size == 0) return {1.0, 0};
  bool int_mode = true;
  for (int64_t i = 0; i < size; ++i) {
    if (std::isfinite(p[i]) && p[i] != std::ceil(p[i])) {
      int_mode = false;
      break;
    }
  }
  int64_t offset = 0;
  while (!std::isfinite(p[offset])) {
    if (++offset == size) break;
  }
  double exp_min = 1, exp_max = 1;
  if (offset != size) {
    exp_min = std::fabs(p[offset]);
    exp_max = std::fabs(p[offset]);
    for (int64_t i = offset; i < size; ++i) {
      double z = std::fabs(p[i]);
      if (std::isfinite(z)) {
        if (z < exp_min) exp_min = z;
        // LibTorch compares the signed value here; kept so output matches.
        if (p[i] > exp_max) exp_max = z;
      }
    }
    exp_min = exp_min != 0 ? std::floor(std::log10(exp_min)) + 1 : 1;
    exp_max = exp_max != 0 ? std::floor(std::log10(exp_max)) + 1 : 1;
  }
  Format f;
  f.width = 11;
  if (int_mode) {
    if (exp_max > 9) {
      f.width = 11;
      stream << std::scientific << std::setprecision(4);
    } else {
      f.width = static_cast<int64_t>(exp_max) + 1;
      stream << defaultFloat;
    }
  } else {
    if (exp_max - exp_min > 4) {
      f.width = 11;
      if (std::fabs(exp_max) > 99 || std::fabs(exp_min) > 99) f.width += 1;
      stream << std::scientific << std::setprecision(4);
    } else {
      if (exp_max > 5 || exp_max < 0) {
        f.width = 7;
        f.scale = std::pow(10, exp_max - 1);
      } else {
        f.width = exp_max == 0 ? 7 : static_cast<int64_t>(exp_max) + 6;
      }
      stream << std::fixed << std::setprecision(4);
    }
  }
  return f;
}

void printIndent(std::ostream& s, int64_t indent) {
  for (int64_t i = 0; i < indent; ++i) s << " ";
}

void printScale(std::ostream& s, double scale) {
  FormatGuard guard(s);
  s << defaultFloat << scale << " *" << std::endl;
}

// A rows x cols matrix stored row-major at p.
void printMatrix(std::ostream& stream, const double* p, int64_t rows, int64_t cols,
                 int64_t linesize, int64_t indent) {
  Format f = chooseFormat(stream, p, rows * cols);
  printIndent(stream, indent);
  int64_t per_line = (linesize - indent) / (f.width + 1);
  int64_t first = 0, last = -1;
  while (first < cols) {
    last = first + per_line <= cols ? first + per_line - 1 : cols - 1;
    if (per_line < cols) {
      if (first != 0) stream << std::endl;
      stream << "Columns " << first + 1 << " to " << last + 1;
      printIndent(stream, indent);
    }
    if (f.scale != 1) {
      printScale(stream, f.scale);
      printIndent(stream, indent);
    }
    for (int64_t l = 0; l < rows; ++l) {
      const double* row = p + l * cols;
      for (int64_t c = first; c <= last; ++c) {
        stream << std::setw(static_cast<int>(f.width)) << row[c] / f.scale;
        if (c == last) {
          stream << std::endl;
          if (l != rows - 1) {
            printIndent(stream, indent);
            if (f.scale != 1) stream << " ";
          }
        } else {
          stream << " ";
        }
      }
    }
    first = last + 1;
  }
}

void printSlices(std::ostream& stream, const std::vector<double>& v, IntArrayRef sizes,
                 int64_t linesize) {
  int64_t nd = static_cast<int64_t>(sizes.size());
  int64_t rows = sizes[nd - 2], cols = sizes[nd - 1];
  std::vector<int64_t> counter(nd - 2, 0);
  counter[0] = -1;
  bool start = true;
  while (true) {
    bool finished = false;
    for (int64_t i = 0;; ++i) {
      counter[i] += 1;
      if (counter[i] >= sizes[i]) {
        if (i == nd - 3) {
          finished = true;
          break;
        }
        counter[i] = 0;
      } else {
        break;
      }
    }
    if (finished) break;
    if (start) {
      start = false;
    } else {
      stream << std::endl;
    }
    stream << "(";
    int64_t offset = 0;
    for (int64_t i = 0; i < nd - 2; ++i) {
      offset = offset * sizes[i] + counter[i];
      stream << counter[i] + 1 << ",";
    }
    stream << ".,.) = " << std::endl;
    printMatrix(stream, v.data() + offset * rows * cols, rows, cols, linesize, 1);
  }
}

// A nested tensor prints as its components, each as a tensor, inside "nested_tensor([...])"
// (PyTorch's repr); its padded buffer holds no data past each component.
std::ostream& printNested(std::ostream& stream, const Tensor& t) {
  const NestedSizes& n = *t.impl()->nestedSizes();
  IntArrayRef strides = t.strides();
  stream << "nested_tensor([" << std::endl;
  for (int64_t i = 0; i < n.count(); ++i) {
    Tensor c = makeTensor(t.impl()->storagePtr(), t.dtype(), n.component(i), strides.slice(1),
                          t.storage_offset() + i * strides[0]);
    stream << c << std::endl;
  }
  return stream << "])";
}

}  // namespace

std::ostream& operator<<(std::ostream& stream, const Tensor& t) {
  FormatGuard guard(stream);
  const int64_t linesize = 80;
  if (!t.defined()) return stream << "[ Tensor (undefined) ]";
  if (t.is_nested()) return printNested(stream, t);
  std::vector<double> v = t.to_vector<double>();
  IntArrayRef sizes = t.impl()->sizes();
  int64_t nd = t.dim();
  if (nd == 0) {
    stream << defaultFloat << v[0] << std::endl;
    stream << "[ " << t.toString() << "{}";
  } else if (nd == 1) {
    if (!v.empty()) {
      Format f = chooseFormat(stream, v.data(), static_cast<int64_t>(v.size()));
      if (f.scale != 1) printScale(stream, f.scale);
      for (double x : v) stream << std::setw(static_cast<int>(f.width)) << x / f.scale << std::endl;
    }
    stream << "[ " << t.toString() << "{" << sizes[0] << "}";
  } else if (nd == 2) {
    if (!v.empty()) printMatrix(stream, v.data(), sizes[0], sizes[1], linesize, 0);
    stream << "[ " << t.toString() << "{" << sizes[0] << "," << sizes[1] << "}";
  } else {
    if (!v.empty()) printSlices(stream, v, sizes, linesize);
    stream << "[ " << t.toString() << "{" << sizes[0];
    for (int64_t i = 1; i < nd; ++i) stream << "," << sizes[i];
    stream << "}";
  }
  stream << " ]";
  return stream;
}

}  // namespace wick
