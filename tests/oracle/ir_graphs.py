# Graph text printed by PyTorch 1.13, for the IR printer/parser tests (tests/ir).
# Usage: ir_graphs.py [constants] [programs]
# Writes sections "=== <name> <variant>" followed by str(graph); variant is "full" (with
# source locations) or "nolocs" (graph.str(False)).
import sys
from typing import Dict, List, NamedTuple, Optional, Tuple

import torch


def constants():
    # Keep in step with constantValues() in tests/ir/ir_oracle_test.cpp.
    g = torch._C.Graph()
    values = [1, -3, 0, 9223372036854775807, 0.5, 0.1, 1.0, -0.0, 1e10, 1e20, 1e-5, 123456789.0,
              3.14159265358979, float('inf'), float('-inf'), float('nan'), 1e300, True, False,
              "plain", "a\"b\\c\nd\te'f\x01", "", None, [1, 2], [0.1, 2.0], [True, False],
              ["a", "b"], torch.device('cpu'), torch.tensor(2), torch.tensor(2.5),
              torch.tensor(0.1), torch.tensor(1e-7), torch.tensor([3.0]), torch.tensor([True]),
              torch.tensor([1., 2., 3.]), torch.tensor([1, 2]), torch.tensor([True, False]),
              torch.tensor([[1.5, 2], [3, 4]]), torch.tensor([1e-5, 1e5, 3]),
              torch.tensor([0.001, 0.002]), torch.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]),
              torch.tensor([1.5, 2.5], dtype=torch.float64),
              torch.tensor([1e-20, 1e20, 2, 3, 4, 5, 6, 7, 8, 9]).reshape(1, 10),
              torch.zeros(11), (1, "a"), (1,), ((1, 2.5), [1, 2]), {"a": 1, "b": 2}]
    for v in values:
        g.insertConstant(v)
    section("constants", "full", str(g))


def section(name, variant, text):
    sys.stdout.write("=== %s %s\n%s" % (name, variant, text))


class Pair(NamedTuple):
    a: torch.Tensor
    b: int


def scripted(x: torch.Tensor, n: int, d: Dict[str, torch.Tensor], o: Optional[int],
             p: Pair) -> Tuple[torch.Tensor, int]:
    y = x
    if n > 2:
        y = y + 1
    else:
        print("hi", n)
    for i in range(n):
        y = y * 2
    if o is None:
        raise ValueError("bad")
    return y, o


def scripted_lists(x: torch.Tensor, xs: List[torch.Tensor]) -> List[int]:
    s = x.size()
    out = [s[0], 2]
    out.append(len(xs))
    return out


class MLP(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(4, 8)
        self.act = torch.nn.ReLU()
        self.fc2 = torch.nn.Linear(8, 2)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


def traced_tuple(x, y):
    return x + y, [x * 2, torch.sin(y)], x.sum()


def traced_view(x):
    n = x.size(0)
    return x.view(n, -1) * n


def traced_unbind(x):
    a, b, c = x.unbind(0)
    return a + b * c


def programs():
    torch.manual_seed(0)
    graphs = []
    s = torch.jit.script(scripted)
    graphs.append(("scripted", s.graph))
    s2 = torch.jit.script(scripted_lists)
    graphs.append(("scripted_lists", s2.graph))
    m = torch.jit.trace(MLP(), torch.randn(2, 4))
    graphs.append(("module", m.graph))
    graphs.append(("module_inlined", m.inlined_graph))
    graphs.append(("traced_tuple", torch.jit.trace(traced_tuple, (torch.randn(3), torch.randn(3))).graph))
    graphs.append(("traced_view", torch.jit.trace(traced_view, torch.randn(4, 2, 3)).graph))
    graphs.append(("traced_unbind", torch.jit.trace(traced_unbind, torch.randn(3, 2)).graph))
    for name, g in graphs:
        section(name, "full", str(g))
        section(name, "nolocs", g.str(False))


if __name__ == "__main__":
    for mode in sys.argv[1:]:
        {"constants": constants, "programs": programs}[mode]()
