# Writes PyTorch-made inputs for the command-line tests: a traced CNN archive with an .npy
# input and its expected output, and a scripted function taking an int. Usage:
#   cli_models.py <dir>            writes cnn.pt, x.npy, y.npy, scripted.pt
#   cli_models.py --compare a b    prints the largest absolute difference of two .npy files
#   cli_models.py --npy-zoo <dir>  writes one .npy per dtype (and a Fortran-order array);
#                                  prints their names
#   cli_models.py --same a b       prints "same" when two .npy files hold equal arrays of one
#                                  dtype and shape (C order), else what differs
import sys

import numpy


def compare(a, b):
    x, y = numpy.load(a), numpy.load(b)
    if x.shape != y.shape or x.dtype != y.dtype:
        print("mismatch %s %s vs %s %s" % (x.shape, x.dtype, y.shape, y.dtype))
        return
    print("maxdiff %g" % float(numpy.abs(x.astype(numpy.float64) - y).max()))


def make(out):
    import torch

    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.BatchNorm2d(4),
                              torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
                              torch.nn.Flatten(), torch.nn.Linear(4, 2)).eval()
    traced = torch.jit.trace(net, torch.randn(1, 3, 8, 8))
    traced.save(out + "/cnn.pt")
    x = torch.randn(2, 3, 10, 10)
    numpy.save(out + "/x.npy", x.numpy())
    numpy.save(out + "/y.npy", traced(x).detach().numpy())

    @torch.jit.script
    def repeat_add(x: torch.Tensor, n: int) -> torch.Tensor:
        for _ in range(n):
            x = x + 1
        return x

    torch.jit.save(repeat_add, out + "/scripted.pt")


def npy_zoo(out):
    rng = numpy.random.default_rng(0)
    arrays = {
        "f16": rng.standard_normal((2, 3)).astype(numpy.float16),
        "f32": rng.standard_normal((4,)).astype(numpy.float32),
        "f64": rng.standard_normal((2, 2, 2)),
        "i8": rng.integers(-128, 127, (5,), dtype=numpy.int8),
        "u8": rng.integers(0, 255, (2, 3), dtype=numpy.uint8),
        "i16": rng.integers(-30000, 30000, (3,), dtype=numpy.int16),
        "i32": rng.integers(-2**31, 2**31 - 1, (3, 1), dtype=numpy.int32),
        "i64": rng.integers(-2**62, 2**62, (2,), dtype=numpy.int64),
        "bool": rng.integers(0, 2, (3, 2)).astype(numpy.bool_),
        "scalar": numpy.array(2.5, dtype=numpy.float32),
        "empty": numpy.zeros((0, 3), dtype=numpy.float32),
        "fortran": numpy.asfortranarray(rng.standard_normal((3, 4)).astype(numpy.float32)),
        "bigendian": rng.standard_normal((3,)).astype(">f4"),
    }
    for name, a in arrays.items():
        numpy.save("%s/%s.npy" % (out, name), a)
        print(name)


def same(a, b):
    x, y = numpy.load(a), numpy.load(b)
    if x.shape != y.shape or x.dtype.newbyteorder("=") != y.dtype.newbyteorder("="):
        print("differ: %s %s vs %s %s" % (x.shape, x.dtype, y.shape, y.dtype))
    elif not numpy.array_equal(x, y):
        print("differ: values")
    else:
        print("same")


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        compare(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "--npy-zoo":
        npy_zoo(sys.argv[2])
    elif sys.argv[1] == "--same":
        same(sys.argv[2], sys.argv[3])
    else:
        make(sys.argv[1])
