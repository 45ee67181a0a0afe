"""PyTorch's side of bench/compare: times the named cases and prints `name<TAB>ms` lines
(median milliseconds per call, or `-` for a name it does not know).

CASES maps a case name (the same as in bench/cases.def) to (setup, threads): setup() builds
the inputs and returns the work to time.
"""

import sys
import time

import torch

MILLION = 1 << 20


def uniform(n, lo, hi, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, generator=g) * (hi - lo) + lo


def relu_1m():
    x = uniform(MILLION, -8, 8, 1)
    return lambda: torch.relu(x)


def add_1m():
    x, y = uniform(MILLION, -8, 8, 1), uniform(MILLION, -8, 8, 2)
    return lambda: x + y


def gelu_1m():
    x = uniform(MILLION, -8, 8, 1)
    return lambda: torch.nn.functional.gelu(x)


def exp_1m():
    x = uniform(MILLION, -8, 8, 1)
    return lambda: torch.exp(x)


def sum_1m():
    x = uniform(MILLION, -8, 8, 1)
    return lambda: torch.sum(x)


def softmax_1m():
    x = uniform(MILLION, -8, 8, 1)
    return lambda: torch.softmax(x, 0)


def uniform_shaped(shape, seed):
    n = 1
    for s in shape:
        n *= s
    return uniform(n, -1, 1, seed).reshape(shape)


def mm_case(m, k, n):
    def setup():
        a, b = uniform_shaped((m, k), 1), uniform_shaped((k, n), 2)
        return lambda: torch.mm(a, b)
    return setup


def conv3x3_64x56():
    x = uniform_shaped((1, 64, 56, 56), 1)
    w = uniform_shaped((64, 64, 3, 3), 2)
    b = uniform_shaped((64,), 3)
    return lambda: torch.conv2d(x, w, b, 1, 1)


def load_resnet18():
    import os

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from ser_archives import resnet18_archive

    path = resnet18_archive()
    return lambda: torch.jit.load(path)


CASES = {
    "kernel/relu_1m_t1": (relu_1m, 1),
    "kernel/relu_1m_t2": (relu_1m, 2),
    "kernel/add_1m_t1": (add_1m, 1),
    "kernel/add_1m_t2": (add_1m, 2),
    "kernel/gelu_1m_t1": (gelu_1m, 1),
    "kernel/gelu_1m_t2": (gelu_1m, 2),
    "kernel/exp_1m_t1": (exp_1m, 1),
    "kernel/exp_1m_t2": (exp_1m, 2),
    "kernel/sum_1m_t1": (sum_1m, 1),
    "kernel/sum_1m_t2": (sum_1m, 2),
    "kernel/softmax_1m_t1": (softmax_1m, 1),
    "kernel/softmax_1m_t2": (softmax_1m, 2),
    "kernel/sgemm_1024_t1": (mm_case(1024, 1024, 1024), 1),
    "kernel/sgemm_1024_t2": (mm_case(1024, 1024, 1024), 2),
    "kernel/sgemm_1x512x512_t1": (mm_case(1, 512, 512), 1),
    "kernel/sgemm_1x512x512_t2": (mm_case(1, 512, 512), 2),
    "kernel/sgemm_32x768x3072_t1": (mm_case(32, 768, 3072), 1),
    "kernel/sgemm_32x768x3072_t2": (mm_case(32, 768, 3072), 2),
    "kernel/conv3x3_64x56_t1": (conv3x3_64x56, 1),
    "kernel/conv3x3_64x56_t2": (conv3x3_64x56, 2),
    "load/resnet18": (load_resnet18, 1),
}


def median_ms(work):
    """Median ms per call: warm-up calls, then calls until ~0.3 s (10 to 2000 calls)."""
    with torch.no_grad():
        for _ in range(3):
            work()
        times, total = [], 0.0
        while (total < 300 or len(times) < 10) and len(times) < 2000:
            start = time.perf_counter()
            work()
            t = (time.perf_counter() - start) * 1e3
            times.append(t)
            total += t
    times.sort()
    return times[len(times) // 2]


def main():
    for name in sys.argv[1:]:
        if name not in CASES:
            print(f"{name}\t-", flush=True)
            continue
        setup, threads = CASES[name]
        torch.set_num_threads(threads)
        print(f"{name}\t{median_ms(setup()):.6f}", flush=True)


if __name__ == "__main__":
    main()
