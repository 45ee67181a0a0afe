# Writes PyTorch-made inputs for the command-line tests: a traced CNN archive with an .npy
# input and its expected output, and a scripted function taking an int. Usage:
#   cli_models.py <dir>            writes cnn.pt, x.npy, y.npy, scripted.pt
#   cli_models.py --compare a b    prints the largest absolute difference of two .npy files
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


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        compare(sys.argv[2], sys.argv[3])
    else:
        make(sys.argv[1])
