#include "wick/core/device.h"

#include "wick/core/error.h"

namespace wick {

Device::Device(std::string_view spec) {
  std::string_view kind = spec;
  int index = -1;
  if (auto colon = spec.find(':'); colon != std::string_view::npos) {
    kind = spec.substr(0, colon);
    std::string_view digits = spec.substr(colon + 1);
    WICK_CHECK(!digits.empty() && digits.size() < 4 &&
                   digits.find_first_not_of("0123456789") == std::string_view::npos,
               "invalid device string: '", spec, "'");
    index = std::stoi(std::string(digits));
  }
  if (kind == "cpu") {
    type = DeviceType::CPU;
  } else if (kind == "cuda") {
    type = DeviceType::CUDA;
  } else if (kind == "meta") {
    type = DeviceType::Meta;
  } else {
    WICK_FAIL("invalid device string: '", spec, "' (expected cpu, cuda or meta)");
  }
  this->index = static_cast<int8_t>(index);
}

std::string Device::str() const {
  std::string s = type == DeviceType::CPU ? "cpu" : type == DeviceType::CUDA ? "cuda" : "meta";
  if (index >= 0) s += ":" + std::to_string(index);
  return s;
}

std::ostream& operator<<(std::ostream& os, const Device& d) { return os << d.str(); }

void checkCpuDevice(const Device& d, std::string_view what) {
  WICK_CHECK(d.is_cpu(), what, ": device '", d.str(),
             "' is not available; wick runs on the CPU only");
}

}  // namespace wick
