"""Facts about PyTorch 1.13 that tests/ops checks wick against, computed in one run.

usage: k1_facts.py OUTDIR  -- writes OUTDIR/schemas.txt, promotion.txt and api_trace.txt:

schemas.txt    every operator schema (torch._C._jit_get_all_schemas()), one per line.
promotion.txt  `result_type A B R` for every pair of operands A, B drawn from tensors with
               dims (T:<dtype>), 0-dim tensors (Z:<dtype>) and Python numbers (W:int,
               W:float, W:bool), and `can_cast F T yes|no` for every pair of dtypes.
api_trace.txt  `name<TAB>op(type, ...) ...`: what tracing Python expressions that mix tensors
               and numbers records (constants omitted, tensor types as Tensor:<ScalarType>).
"""

import os
import sys
import warnings

import torch
import torch.nn.functional as F

DTYPES = {
    "u8": torch.uint8, "i8": torch.int8, "i16": torch.int16, "i32": torch.int32,
    "i64": torch.int64, "f16": torch.float16, "bf16": torch.bfloat16, "f32": torch.float32,
    "f64": torch.float64, "b8": torch.bool,
}
NAMES = {v: k for k, v in DTYPES.items()}

EXPRESSIONS = {
    "mul": lambda x, y: x * 2,
    "rmul": lambda x, y: 2 * x,
    "add": lambda x, y: x + 2.5,
    "radd": lambda x, y: 2 + x,
    "sub": lambda x, y: x - 2,
    "rsub": lambda x, y: 2 - x,
    "div": lambda x, y: x / 2,
    "rdiv": lambda x, y: 2 / x,
    "mod": lambda x, y: x % 2,
    "rmod": lambda x, y: 2 % x,
    "floordiv": lambda x, y: x // 2,
    "pow": lambda x, y: x.pow(2),
    "eq": lambda x, y: x == 2,
    "lt": lambda x, y: x < 2,
    "rlt": lambda x, y: 2 < x,
    "ne": lambda x, y: x != y,
    "neg": lambda x, y: -x,
    "and": lambda x, y: (x > 0) & (y > 0),
    "inv": lambda x, y: ~(x > 0),
    "iadd": lambda x, y: x.clone().add_(2),
    "imul": lambda x, y: x.clone().mul_(y),
    "where": lambda x, y: torch.where(x > 0, x, 0.0),
    "clamp": lambda x, y: torch.clamp(x, 0),
    "to": lambda x, y: x.to(torch.float64),
    "gelu": lambda x, y: F.gelu(x, approximate="tanh"),
    "relu": lambda x, y: torch.relu(x + y),
}



def schemas():
    return sorted(str(s) for s in torch._C._jit_get_all_schemas())


def promotion():
    operands = {}
    for name, dt in DTYPES.items():
        operands["T:" + name] = torch.ones(2, dtype=dt)
        operands["Z:" + name] = torch.ones((), dtype=dt)
    operands["W:int"] = 3
    operands["W:float"] = 2.5
    operands["W:bool"] = True
    lines = []
    for a, va in operands.items():
        for b, vb in operands.items():
            lines.append(f"result_type {a} {b} {NAMES[torch.result_type(va, vb)]}")
    for f, df in DTYPES.items():
        for t, dt in DTYPES.items():
            lines.append(f"can_cast {f} {t} {'yes' if torch.can_cast(df, dt) else 'no'}")
    return lines


def type_name(t):
    if isinstance(t, torch._C.TensorType):
        st = t.scalarType()
        return "Tensor:" + st if st else "Tensor"
    return str(t)


def api_trace():
    warnings.simplefilter("ignore")
    x, y = torch.randn(3), torch.randn(3)
    lines = []
    for name, fn in EXPRESSIONS.items():
        g = torch.jit.trace(fn, (x, y), check_trace=False).graph
        ops = [n.kind() + "(" + ", ".join(type_name(i.type()) for i in n.inputs()) + ")"
               for n in g.nodes() if n.kind() != "prim::Constant"]
        lines.append(name + "\t" + " ".join(ops))
    return lines


def main():
    out = sys.argv[1]
    for name, fn in (("schemas", schemas), ("promotion", promotion), ("api_trace", api_trace)):
        with open(os.path.join(out, name + ".txt"), "w") as f:
            f.write("\n".join(fn()) + "\n")


if __name__ == "__main__":
    main()
