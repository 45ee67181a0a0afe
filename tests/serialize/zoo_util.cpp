#include "zoo_util.h"

#include <fstream>
#include <sstream>

#include "serialize/archive_reader.h"
#include "serialize/archive_writer.h"

namespace wick::testing {

ZooCase readZooCase(const std::string& path) {
  IValue v = archive::readSavedValues(archive::ByteSource::mapFile(path));
  const auto& top = v.toTuple().elems;
  ZooCase c;
  for (const IValue& row : top.at(0).toList().elems) {
    const auto& r = row.toTuple().elems;
    ZooCall call;
    call.method = r.at(0).toStringRef();
    if (!r.at(1).isNone()) call.training = r.at(1).toBool();
    call.inputs = r.at(2).toTuple().elems;
    call.expected = r.at(3);
    c.calls.push_back(std::move(call));
  }
  for (const auto& [k, flag] : top.at(1).toDict().items()) {
    c.requires_grad.emplace_back(k.toStringRef(), flag.toBool());
  }
  return c;
}

void writeZooCase(const std::string& path, const ZooCase& c) {
  std::vector<IValue> rows;
  for (const ZooCall& call : c.calls) {
    rows.push_back(
        wick::tuple({IValue(call.method), call.training ? IValue(*call.training) : IValue(),
                     wick::tuple(call.inputs), call.expected}));
  }
  auto grads = makeDict(StringType::get(), BoolType::get());
  for (const auto& [k, flag] : c.requires_grad) grads->insert(IValue(k), IValue(flag));
  IValue file = wick::tuple({IValue(makeList(AnyType::get(), rows)), IValue(grads)});
  std::ofstream out(path, std::ios::binary);
  out << archive::writeSavedValues(file);
}

std::string compareValues(const IValue& a, const IValue& e, const std::string& where) {
  if (e.isTensor()) {
    if (!a.isTensor()) return where + ": expected a tensor, got " + a.typeName() + "\n";
    double tol = isFloatingType(e.toTensor().dtype()) ? 1e-4 : 0.0;
    auto r = allClose(a.toTensor(), e.toTensor(), tol, tol);
    return r ? "" : where + ": " + r.message() + "\n";
  }
  bool a_seq = a.isTuple() || a.isList(), e_seq = e.isTuple() || e.isList();
  if (e_seq) {
    if (!a_seq) return where + ": expected a sequence, got " + a.typeName() + "\n";
    const auto& x = a.isTuple() ? a.toTuple().elems : a.toList().elems;
    const auto& y = e.isTuple() ? e.toTuple().elems : e.toList().elems;
    if (x.size() != y.size()) {
      return where + ": expected " + std::to_string(y.size()) + " elements, got " +
             std::to_string(x.size()) + "\n";
    }
    std::string out;
    for (size_t i = 0; i < x.size(); ++i)
      out += compareValues(x[i], y[i], where + "[" + std::to_string(i) + "]");
    return out;
  }
  if (e.isDict()) {
    if (!a.isDict() || a.toDict().size() != e.toDict().size()) {
      return where + ": expected a dict of " + std::to_string(e.toDict().size()) + " items\n";
    }
    std::string out;
    for (size_t i = 0; i < e.toDict().items().size(); ++i) {
      const auto& [ek, ev] = e.toDict().items()[i];
      const auto& [ak, av] = a.toDict().items()[i];
      out += compareValues(ak, ek, where + ".key" + std::to_string(i));
      out += compareValues(av, ev, where + "[" + std::to_string(i) + "]");
    }
    return out;
  }
  if (a.tag() != e.tag() || !(a == e)) {
    std::ostringstream os;
    os << where << ": expected " << e << " (" << e.typeName() << "), got " << a << " ("
       << a.typeName() << ")\n";
    return os.str();
  }
  return "";
}

std::string runZooCase(jit::ScriptModule& m, const ZooCase& c) {
  std::string out;
  for (size_t i = 0; i < c.calls.size(); ++i) {
    const ZooCall& call = c.calls[i];
    std::string where = "call " + std::to_string(i) + " (" + call.method + ")";
    if (call.training) m.train(*call.training);
    try {
      out += compareValues(m.run_method(call.method, call.inputs), call.expected, where);
    } catch (const std::exception& e) {
      out += where + " raised: " + e.what() + "\n";
    }
  }
  auto params = m.named_parameters();
  for (const auto& [name, flag] : c.requires_grad) {
    const Tensor* p = params.find(name);
    if (!p) {
      out += "parameter " + name + " is missing\n";
    } else if (p->requires_grad() != flag) {
      out += "parameter " + name + ": requires_grad is " + (flag ? "False" : "True") + "\n";
    }
  }
  return out;
}

}  // namespace wick::testing
