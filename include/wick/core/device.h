// Devices. wick runs on the CPU only; the type exists so that TorchScript's Device values,
// device= arguments and archives naming "cpu" round-trip, and other devices get a clear error.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace wick {

enum class DeviceType : int8_t { CPU = 0, CUDA = 1, Meta = 2 };

struct Device {
  DeviceType type = DeviceType::CPU;
  int8_t index = -1;

  Device() = default;
  Device(DeviceType t, int8_t i = -1) : type(t), index(i) {}
  // Parses "cpu", "cuda", "cuda:1", "meta"; anything else raises.
  explicit Device(std::string_view spec);

  bool is_cpu() const { return type == DeviceType::CPU; }
  std::string str() const;
  bool operator==(const Device& o) const { return type == o.type && index == o.index; }
  bool operator!=(const Device& o) const { return !(*this == o); }
};

inline const Device kCPU{};

std::ostream& operator<<(std::ostream& os, const Device& d);

// Raises unless d is the CPU; `what` names the op or argument.
void checkCpuDevice(const Device& d, std::string_view what);

enum class Layout : int8_t { Strided = 0 };
enum class MemoryFormat : int8_t {
  Contiguous = 0,
  Preserve = 1,
  ChannelsLast = 2,
  ChannelsLast3d = 3
};

}  // namespace wick
