"""Oracle for compiling archive code (tests/frontend/archive_test.cpp).

Scripts a few modules with PyTorch 1.13, saves them, and prints the printed TorchScript
source of every file under code/ in the archive, then the graph of every method of every
class as PyTorch compiles it back from that source when loading the archive.

Output:  === archive <name>             for each archive, followed by:
         === file <path in archive>      then its text, then === end
         === constant <canonical value>  for each entry of constants.pkl (CONSTANTS.cN)
         === graph <class> <method>      then the graph text, then === end
A traced module's code also uses CONSTANTS.cN, ops.prim.* and torch.device(...).
"""
import collections
import io
import os
import pickle
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


class Traced(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.bn = nn.BatchNorm2d(4)

    def forward(self, x):
        y = self.bn(self.conv(x))
        y = y + torch.tensor([1.0, 2.0, 3.0, 4.0]).view(1, 4, 1, 1)
        n = y.size(0)
        return y.view(n, -1).relu() * torch.arange(3)[1]


def canonical(t):
    """A constant in the corpus's canonical syntax (tests/oracle/fe_corpus.py)."""
    dtype = str(t.dtype).replace("torch.", "")
    shape = ",".join(str(s) for s in t.shape)
    values = ",".join(repr(float(v)) if t.is_floating_point() else str(int(v))
                      for v in t.reshape(-1).tolist())
    return "t%s[%s](%s)" % (dtype, shape, values)


def read_constants(z):
    """The tensors of constants.pkl, read with the storages in constants/<key>."""
    entry = [e for e in z.namelist() if e.endswith("/constants.pkl")][0]
    prefix = entry[:-len("constants.pkl")]

    class Unpickler(pickle.Unpickler):
        def find_class(self, module, name):
            if module == "torch._utils" and name == "_rebuild_tensor_v2":
                return torch._utils._rebuild_tensor_v2
            if module == "torch" and name.endswith("Storage"):
                return getattr(torch, name)
            if module == "collections" and name == "OrderedDict":
                return collections.OrderedDict
            raise pickle.UnpicklingError("unexpected global %s.%s" % (module, name))

        def persistent_load(self, pid):
            _, storage_type, key, _, numel = pid
            data = bytearray(z.read(prefix + "constants/" + key))
            return torch.frombuffer(data, dtype=storage_type.dtype)[:numel].storage()

    return Unpickler(io.BytesIO(z.read(entry))).load()


class NoGrad(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 3)

    def forward(self, x: Tensor) -> Tuple[Tensor, bool]:
        with torch.no_grad():
            y = self.fc(x)
            if bool(y.sum() > 100.0):
                return y, torch.is_grad_enabled()
        return y.relu(), torch.is_grad_enabled()


def dump(module, directory, name):
    path = os.path.join(directory, name + ".pt")
    torch.jit.save(module, path)
    out = []
    with zipfile.ZipFile(path) as z:
        for entry in sorted(z.namelist()):
            if "/code/" in entry and entry.endswith(".py"):
                rel = entry[entry.index("code/"):]
                out.append("=== file " + rel)
                out.append(z.read(entry).decode("utf-8").rstrip("\n"))
                out.append("=== end")
        for value in read_constants(z):
            out.append("=== constant " + canonical(value))
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
    modules = (("net", torch.jit.script(Net())), ("loops", torch.jit.script(Loops())),
               ("traced", torch.jit.trace(Traced().eval(), torch.randn(2, 3, 8, 8))),
               ("no_grad", torch.jit.script(NoGrad())))
    for name, module in modules:
        out.append("=== archive " + name)
        out += dump(module, directory, name)
    print("\n".join(out))


if __name__ == "__main__":
    main()
