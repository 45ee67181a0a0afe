"""Weights saved by torch.save for tests/serialize/state_dict_test.cpp, written into argv[1]:
mlp.pt (an MLP's state_dict), io.pt (an input and the MLP's output for it), mixed.pt (a dict
holding a non-tensor), module.pt (a whole pickled module) and bool_bytes.pt (a bool tensor
whose bytes are not all 0 or 1, and what PyTorch computes from it)."""
import os
import sys

import torch
import torch.nn as nn

torch.manual_seed(0)
out = sys.argv[1]


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(8, 3)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


m = MLP()
x = torch.randn(2, 4)
torch.save(m.state_dict(), os.path.join(out, "mlp.pt"))
torch.save((x, m(x).detach()), os.path.join(out, "io.pt"))
torch.save({"w": torch.ones(2), "epoch": 3}, os.path.join(out, "mixed.pt"))
torch.save(m, os.path.join(out, "module.pt"))
flags = torch.tensor([0, 1, 2, 255, 4, 0], dtype=torch.uint8).view(torch.bool)
torch.save({"flags": flags, "sum": flags.sum(), "long": flags.long(), "not": ~flags,
            "float": flags.float(), "bytes": flags.view(torch.uint8).clone()},
           os.path.join(out, "bool_bytes.pt"))
