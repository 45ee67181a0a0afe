"""Writes a model for the load_pytorch_model example with PyTorch 1.13.

    python3 make_model.py OUTDIR

OUTDIR/model.pt    a small CNN traced with torch.jit.trace and saved with torch.jit.save
OUTDIR/expected.pt an input batch and the model's output on it, saved with torch.save as
                   {"input": tensor, "output": tensor}
"""
import os
import sys

import torch
import torch.nn as nn


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1),
            nn.BatchNorm2d(8),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.classifier = nn.Linear(16, 10)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1)).softmax(-1)


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    torch.manual_seed(0)
    model = SmallCnn().eval()
    # Non-trivial running statistics, as a trained model would have.
    model.features[1].running_mean.uniform_(-0.5, 0.5)
    model.features[1].running_var.uniform_(0.5, 2.0)
    traced = torch.jit.trace(model, torch.randn(1, 3, 32, 32))
    torch.jit.save(traced, os.path.join(outdir, "model.pt"))
    x = torch.randn(4, 3, 32, 32)
    with torch.no_grad():
        y = traced(x)
    torch.save({"input": x, "output": y}, os.path.join(outdir, "expected.pt"))


if __name__ == "__main__":
    main()
