// Serves one traced module from 8 threads at once. A ScriptModule needs no lock: its graphs
// are compiled once and every call gets its own frame. Each thread's results are compared
// with the same calls made one after another; exits with status 1 on any difference.
#include <wick/jit/trace.h>
#include <wick/wick.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <latch>
#include <thread>
#include <vector>

using namespace wick;

struct Scorer : nn::Module {
  nn::Sequential body{nullptr};
  Scorer() : nn::Module("Scorer") {
    body =
        register_module("body", nn::Sequential(nn::Linear(32, 64), nn::ReLU(), nn::Linear(64, 64),
                                               nn::ReLU(), nn::Linear(64, 4)));
  }
  Tensor forward(const Tensor& x) { return body(x).softmax(-1); }
};

int main() {
  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 50;
  manual_seed(0);
  auto net = std::make_shared<Scorer>();
  net->eval();
  jit::ScriptModule model = jit::trace(net, {randn({1, 32})});
  model.eval();

  // Many concurrent requests: one intra-op thread per call, so the request threads do not
  // compete with each other's kernel threads.
  set_num_threads(1);

  // Requests with different batch sizes, and their answers computed serially.
  std::vector<Tensor> requests, answers;
  for (int t = 0; t < kThreads; ++t) {
    requests.push_back(randn({1 + t, 32}));
    answers.push_back(model.forward({requests.back()}).toTensor());
  }

  std::atomic<int> mismatches{0};
  std::latch start(kThreads);
  std::vector<std::thread> workers;
  auto begin = std::chrono::steady_clock::now();
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([&, t] {
      start.arrive_and_wait();  // all threads call the module at the same time
      for (int i = 0; i < kCallsPerThread; ++i) {
        Tensor got = model.forward({requests[t]}).toTensor();
        // The same inputs, the same kernels: results are bitwise identical.
        if ((got != answers[t]).any().item<bool>()) ++mismatches;
      }
    });
  }
  for (std::thread& w : workers) w.join();
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();

  std::cout << kThreads << " threads x " << kCallsPerThread << " calls in " << ms << " ms, "
            << mismatches.load() << " mismatches\n";
  return mismatches.load() == 0 ? 0 : 1;
}
