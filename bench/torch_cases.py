"""PyTorch's side of bench/compare: times the named cases and prints `name<TAB>ms` lines
(median milliseconds per call, or `-` for a name it does not know).

CASES maps a case name (the same as in bench/cases.def) to (setup, threads): setup() builds
the inputs and returns the work to time.
"""

import ctypes
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


def warmed_up(script, x):
    """The work of calling a TorchScript function or module on x, after calls under no_grad
    that let the profiling executor specialize and optimize its graph."""
    with torch.no_grad():
        for _ in range(10):
            script(x)
    return lambda: script(x)


def traced_warm(fn, x):
    """torch.jit.trace's result for fn on x, warmed up (check_trace off, as on wick's side)."""
    with torch.no_grad():
        return warmed_up(torch.jit.trace(fn, x, check_trace=False), x)


def chain100():
    def chain(x):
        for _ in range(100):
            x = x + 1
        return x

    return traced_warm(chain, uniform_shaped((1,), 1))


def mlp_case(batch):
    def setup():
        torch.manual_seed(0)
        nn = torch.nn
        mlp = nn.Sequential(nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                            nn.Linear(256, 256)).eval()
        return traced_warm(mlp, uniform_shaped((batch, 256), 1))
    return setup


def resnet18_eval():
    import torchvision

    torch.manual_seed(0)
    return torchvision.models.resnet18().eval(), uniform_shaped((1, 3, 224, 224), 1)


def resnet18_inference():
    model, x = resnet18_eval()
    with torch.no_grad():
        traced = torch.jit.trace(model, x, check_trace=False)
        optimized = torch.jit.optimize_for_inference(torch.jit.freeze(traced))
    return warmed_up(optimized, x)


def trace_resnet18():
    model, x = resnet18_eval()
    return lambda: torch.jit.trace(model, x, check_trace=False)


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
    "model/chain100": (chain100, 1),
    "model/mlp_b1": (mlp_case(1), 1),
    "model/mlp_b64": (mlp_case(64), 1),
    "model/resnet18_t1": (resnet18_inference, 1),
    "model/resnet18_t2": (resnet18_inference, 2),
    "trace/resnet18": (trace_resnet18, 1),
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


def blas_thread_setter():
    """Debian's torch calls BLAS through the libblas.so.3 alternative. When that is OpenBLAS,
    its own thread pool ignores torch.set_num_threads, so the count is set on it directly."""
    try:
        blas = ctypes.CDLL("libblas.so.3")
        return blas.openblas_set_num_threads
    except (OSError, AttributeError):
        return None


def main():
    set_blas_threads = blas_thread_setter()
    for name in sys.argv[1:]:
        if name not in CASES:
            print(f"{name}\t-", flush=True)
            continue
        setup, threads = CASES[name]
        torch.set_num_threads(threads)
        if set_blas_threads is not None:
            set_blas_threads(threads)
        print(f"{name}\t{median_ms(setup()):.6f}", flush=True)


if __name__ == "__main__":
    main()
