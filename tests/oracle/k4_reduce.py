# Oracle for tests/reduce: runs every case of a case table in PyTorch 1.13 and writes the
# inputs (with their exact sizes, strides and storage offsets) and expected results for the
# C++ runner.
#
# Case table lines (tests/reduce/*.txt):
#   aten::sum.dim_IntList  r(3, 4); [1]; True          -> compare results
#   [rtol=1e-6] aten::sum  r(1 << 20)                   -> with a tolerance override
#   ! appears multiple times | aten::sum.dim_IntList  r(2, 3); [0, 0]
#                                                       -> PyTorch must raise; wick must raise
#                                                          an error containing the text
# Arguments are Python expressions (keyword arguments allowed; ';' separates them) evaluated
# with the helpers below, under torch.manual_seed(line number).
#
# Output: <outdir>/cases.txt (one block per case) and <outdir>/data.bin (tensor bytes).
import math
import sys

import torch

DTYPE_NUM = {torch.uint8: 0, torch.int8: 1, torch.int16: 2, torch.int32: 3, torch.int64: 4,
             torch.float16: 5, torch.float32: 6, torch.float64: 7, torch.bool: 11,
             torch.bfloat16: 15}


def r(*shape, dtype=torch.float32):
    return torch.randn(*shape, dtype=torch.float64).to(dtype)


def ri(lo, hi, *shape, dtype=torch.int64):
    return torch.randint(lo, hi, shape).to(dtype)


def rb(*shape):
    return torch.rand(*shape) > 0.5


def strided(t):
    """A non-contiguous view with a storage offset holding t's values."""
    if t.dim() == 0:
        return t.clone()
    base = torch.zeros(*[2 * s + 1 for s in t.shape], dtype=t.dtype)
    view = base[tuple(slice(1, None, 2) for _ in t.shape)]
    view.copy_(t)
    return view


def capture(*args, **kwargs):
    return args, kwargs


class Writer:
    def __init__(self, outdir):
        self.text = open(outdir + "/cases.txt", "w")
        self.data = open(outdir + "/data.bin", "wb")
        self.offset = 0

    def tensor(self, tag, t):
        if t.numel() == 0:
            extent = t.storage_offset()
        else:
            extent = t.storage_offset() + 1 + sum((s - 1) * st for s, st in zip(t.shape, t.stride()))
        flat = torch.as_strided(t, (extent,), (1,), 0).clone()
        if flat.dtype in (torch.float16, torch.bfloat16):
            raw = flat.view(torch.int16).numpy().tobytes()
        else:
            raw = flat.numpy().tobytes()
        fields = [tag, "T", DTYPE_NUM[t.dtype], t.dim(), *t.shape, *t.stride(),
                  t.storage_offset(), extent, self.offset]
        self.text.write(" ".join(str(f) for f in fields) + "\n")
        self.data.write(raw)
        self.offset += len(raw)

    def value(self, tag, v):
        if isinstance(v, torch.Tensor):
            self.tensor(tag, v)
        elif v is None:
            self.text.write(f"{tag} N\n")
        elif isinstance(v, bool):
            self.text.write(f"{tag} B {int(v)}\n")
        elif isinstance(v, int):
            self.text.write(f"{tag} I {v}\n")
        elif isinstance(v, float):
            self.text.write(f"{tag} F {v!r}\n")
        elif isinstance(v, torch.dtype):
            self.text.write(f"{tag} I {DTYPE_NUM[v]}\n")
        elif isinstance(v, (list, tuple)) and all(isinstance(e, int) for e in v):
            self.text.write(f"{tag} L {len(v)} {' '.join(str(e) for e in v)}\n")
        elif isinstance(v, str):
            self.text.write(f"{tag} S {v}\n")
        else:
            raise ValueError(f"cannot write argument {v!r}")


def schema_args(op, args, kwargs):
    """All arguments in schema order, defaults filled in."""
    out = []
    for i, a in enumerate(op._schema.arguments):
        if i < len(args):
            out.append(args[i])
        elif a.name in kwargs:
            out.append(kwargs[a.name])
        elif a.has_default_value():
            out.append(a.default_value)
        else:
            out.append(None)
    return out


def main(table, outdir):
    w = Writer(outdir)
    env = dict(globals(), torch=torch, math=math, inf=math.inf, nan=math.nan)
    for lineno, line in enumerate(open(table), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        error = None
        rtol = None
        if line.startswith("!"):
            error, line = [s.strip() for s in line[1:].split("|", 1)]
        if line.startswith("["):
            opts, line = line[1:].split("]", 1)
            rtol = float(opts.split("=")[1])
            line = line.strip()
        name, _, arg_text = line.partition(" ")
        ns, _, rest = name.partition("::")
        base, _, overload = rest.partition(".")
        op = getattr(getattr(getattr(torch.ops, ns), base), overload or "default")
        torch.manual_seed(lineno)
        args, kwargs = eval(f"capture({arg_text.replace(';', ',')})", env)
        full = schema_args(op, args, kwargs)
        w.text.write(f"case {lineno} {name} {line}\n")
        for v in full:
            w.value("arg", v)
        if error is not None:
            try:
                op(*args, **kwargs)
            except Exception:
                w.text.write(f"error {error}\n")
            else:
                raise SystemExit(f"line {lineno}: PyTorch did not raise for {line}")
        else:
            res = op(*args, **kwargs)
            if rtol is not None:
                w.text.write(f"rtol {rtol!r}\n")
            for t in (res if isinstance(res, (tuple, list)) else (res,)):
                w.value("out", t.contiguous() if isinstance(t, torch.Tensor) else t)
        w.text.write("end\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
