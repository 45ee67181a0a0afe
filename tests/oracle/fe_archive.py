"""Oracle for compiling archive code (tests/frontend/archive_test.cpp).

Scripts a few modules with PyTorch 1.13, saves them, and prints the printed TorchScript
source of every file under code/ in the archive, then the graph of every method of every
class as PyTorch compiles it back from that source when loading the archive.

Output:  === archive <name>             for each archive, followed by:
         === file <path in archive>      then its text, then === end
         === graph <class> <method>      then the graph text, then === end
"""
import os
import sys
import zipfile
from typing import Dict, List, NamedTuple, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor


class Stats(NamedTuple):
    total: Tensor
    count: int


class Block(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.lin = nn.Linear(width, width)
        self.act = nn.ReLU()

    def forward(self, x: Tensor) -> Tensor:
        return self.act(self.lin(x)) + x


class Net(nn.Module):
    scale: torch.jit.Final[float]
    names: List[str]
    table: Dict[str, int]
    extra: Optional[Tensor]

    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(Block(4), Block(4))
        self.head = nn.Linear(4, 2)
        self.register_buffer("offset", torch.zeros(2))
        self.scale = 0.5
        self.names = ["a", "bb"]
        self.table = {"a": 1}
        self.extra = None
        self.calls = 0

    def helper(self, y: Tensor, k: int) -> Tensor:
        if k > 1:
            return y * k
        return y - 1

    def forward(self, x: Tensor, k: int = 2) -> Stats:
        y = self.blocks(x)
        y = F.relu(self.head(y)) + self.offset * self.scale
        for n in self.names:
            y = y + len(n)
        extra = self.extra
        if extra is not None:
            y = y + extra
        self.calls += 1
        i = 0
        while i < k:
            y = self.helper(y, i)
            i += 1
        return Stats(y.sum(), self.table["a"] + k)


class Loops(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(3, 3), nn.Linear(3, 3)])

    def forward(self, x: Tensor, limit: Optional[int] = None) -> Tuple[Tensor, List[int]]:
        sizes: List[int] = []
        for layer in self.layers:
            x = layer(x)
            sizes.append(x.size(-1))
        if limit is not None:
            for j in range(limit):
                if j == 3:
                    break
                sizes.append(j)
        return torch.tanh(x), sizes


def dump(module, directory, name):
    path = os.path.join(directory, name + ".pt")
    torch.jit.save(torch.jit.script(module), path)
    out = []
    with zipfile.ZipFile(path) as z:
        for entry in sorted(z.namelist()):
            if "/code/" in entry and entry.endswith(".py"):
                rel = entry[entry.index("code/"):]
                out.append("=== file " + rel)
                out.append(z.read(entry).decode("utf-8").rstrip("\n"))
                out.append("=== end")
    loaded = torch.jit.load(path)
    seen = set()
    for _, sub in loaded.named_modules():
        qualname = sub._c._type().qualified_name()
        if qualname in seen:
            continue
        seen.add(qualname)
        for method in sub._c._method_names():
            out.append("=== graph %s %s" % (qualname, method))
            out.append(str(sub._c._get_method(method).graph).rstrip("\n"))
            out.append("=== end")
    return out


def main():
    directory = sys.argv[1]
    out = []
    for name, cls in (("net", Net), ("loops", Loops)):
        out.append("=== archive " + name)
        out += dump(cls(), directory, name)
    print("\n".join(out))


if __name__ == "__main__":
    main()
