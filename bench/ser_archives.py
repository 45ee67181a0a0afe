"""Archives for bench/compare's load/ cases, written once and shared by both sides.

resnet18_archive() traces torchvision's resnet18 (random weights, eval mode) and saves it
with torch.jit.save under the temporary directory, unless it is already there; run as a
script it prints the path (the wick side of the cases calls it that way).
"""
import os
import tempfile


def resnet18_archive():
    path = os.path.join(tempfile.gettempdir(), "wick_bench_resnet18.pt")
    if not os.path.exists(path):
        import torch
        import torchvision

        torch.manual_seed(0)
        model = torchvision.models.resnet18().eval()
        traced = torch.jit.trace(model, torch.randn(1, 3, 224, 224))
        tmp = path + ".tmp%d" % os.getpid()
        torch.jit.save(traced, tmp)
        os.replace(tmp, path)
    return path


if __name__ == "__main__":
    print(resnet18_archive())
