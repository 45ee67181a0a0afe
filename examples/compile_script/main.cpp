// Compiles TorchScript source with control flow that tracing cannot capture (a loop whose
// trip count is an argument, a branch on a tensor's value), runs the functions, and shows
// how a mistake in the source is reported. Exits with status 1 on a wrong result.
#include <wick/jit/compile.h>
#include <wick/wick.h>

#include <cmath>
#include <iostream>

using namespace wick;

const char* kSource = R"(
def power_sum(x: Tensor, n: int) -> Tensor:
    acc = torch.zeros_like(x)
    for i in range(n):
        acc = acc + x ** (i + 1)
    return acc

def clip_norm(x: Tensor, max_norm: float) -> Tuple[Tensor, bool]:
    norm = x.norm()
    if bool(norm > max_norm):
        return x * (max_norm / norm), True
    return x, False

def summarize(xs: List[Tensor]) -> Dict[str, Tensor]:
    return {"mean": torch.stack(xs).mean(0), "max": torch.stack(xs).amax(0)}
)";

int main() {
  jit::CompilationUnit cu = jit::compile(kSource);
  std::cout << "functions:";
  for (const std::string& name : cu.function_names()) std::cout << " " << name;
  std::cout << "\n\n";

  int failures = 0;
  auto expect = [&](bool ok, const char* what) {
    std::cout << (ok ? "ok:   " : "FAIL: ") << what << "\n";
    failures += ok ? 0 : 1;
  };

  // A loop with a trip count given at call time: x + x^2 + x^3.
  Tensor x = arange(1, 5, kFloat);  // [1, 2, 3, 4]
  Tensor s = cu.run("power_sum", {x, jit::scalar(3)}).toTensor();
  expect((s - (x + x * x + x * x * x)).abs().max().item<double>() == 0, "power_sum(x, 3)");

  // A branch on a tensor's value, returning a tuple.
  jit::ScriptFunction clip = cu.get_function("clip_norm");
  std::cout << clip.schema() << "\n" << clip.graph() << "\n";
  IValue big = clip({x, jit::scalar(1.0)});
  const std::vector<IValue>& parts = big.toTuple().elems;
  expect(parts[1].toBool() && std::abs(parts[0].toTensor().norm().item<double>() - 1.0) < 1e-6,
         "clip_norm clips a long vector");
  IValue small = clip({x, jit::scalar(100.0)});
  expect(!small.toTuple().elems[1].toBool(), "clip_norm keeps a short vector");

  // Lists in, dicts out.
  IValue stats = cu.run("summarize", {jit::list({x, x * 3})});
  const IValue* mean = stats.toDict().find(IValue("mean"));
  expect(mean && (mean->toTensor() - x * 2).abs().max().item<double>() == 0, "summarize mean");

  // Mistakes in the source are reported with the line, the column and a caret.
  try {
    jit::compile("def scale(x: Tensor) -> Tensor:\n    return x * factor\n");
    expect(false, "an undefined name is reported");
  } catch (const Error& e) {
    std::cout << "\nthe compiler says:\n" << e.what() << "\n";
  }
  return failures == 0 ? 0 : 1;
}
