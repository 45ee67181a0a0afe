"""Runs the op conformance table (tests/ops/conformance_cases.txt) through PyTorch 1.13.

usage: conformance.py TABLE OUTFILE [FILTER]
       conformance.py --oracle-ops REDUCE_TABLE SCRIPT_TABLE


Every case line names an op overload and its arguments (the grammar is documented at the top
of the table). For each case this script builds the inputs with a fixed seed, calls the op
through torch.ops.<ns>.<name>.<overload>, and writes to OUTFILE the exact inputs (sizes,
strides, storage offset and the whole storage, so non-contiguous inputs are reproduced), the
results, the arguments the op wrote to, and any error PyTorch raised. The C++ runner
(tests/ops/conformance_test.cpp) reads the same file and replays each case through wick.

With --oracle-ops it prints instead, one `<op> <table>` line each, the ops that the other
oracle tables run against PyTorch (the coverage test counts them as having cases).
"""

import importlib
import itertools
import math
import re
import struct
import sys
import zlib

import torch

DTYPES = {
    "b8": torch.bool, "u8": torch.uint8, "i8": torch.int8, "i16": torch.int16,
    "i32": torch.int32, "i64": torch.int64, "f16": torch.float16, "bf16": torch.bfloat16,
    "f32": torch.float32, "f64": torch.float64,
}
# torch's ScalarType numbers, as wick's DType values.
SCALAR_TYPE = {
    torch.uint8: 0, torch.int8: 1, torch.int16: 2, torch.int32: 3, torch.int64: 4,
    torch.float16: 5, torch.float32: 6, torch.float64: 7, torch.bool: 11, torch.bfloat16: 15,
}
MEMORY_FORMATS = {
    "contiguous_format": (torch.contiguous_format, 0),
    "preserve_format": (torch.preserve_format, 1),
    "channels_last": (torch.channels_last, 2),
    "channels_last_3d": (torch.channels_last_3d, 3),
}
# Default tolerances (rtol, atol) per result dtype; integers and bools compare exactly.
TOLERANCES = {
    torch.float16: (1e-3, 1e-3), torch.bfloat16: (1.6e-2, 1e-2),
    torch.float32: (1.3e-6, 1e-5), torch.float64: (1e-7, 1e-7),
}

# ---- value tags of the binary file (mirrored in conformance_data.cpp) ----
T_NONE, T_TENSOR, T_INT, T_FLOAT, T_BOOL, T_STR, T_LIST, T_TUPLE = 0, 1, 2, 3, 4, 5, 6, 7
T_DTYPE, T_DEVICE, T_MEMFMT, T_LAYOUT, T_WRAPPED, T_ARGREF, T_GENERATOR = 8, 9, 10, 11, 12, 13, 14
L_INT, L_FLOAT, L_BOOL, L_TENSOR, L_OPT_TENSOR = 0, 1, 2, 3, 4
# List kinds by schema type; other lists (t[], Any) take the kind of their elements.
LIST_KINDS = {
    "List[int]": L_INT, "List[float]": L_FLOAT, "List[bool]": L_BOOL, "List[Tensor]": L_TENSOR,
    "List[Optional[Tensor]]": L_OPT_TENSOR,
}
# Tensor payloads: the storage a view was made from, or just the values in row-major order.
K_STORAGE, K_VALUES = 0, 1


class Wrapped:
    """A number passed where the schema wants a Tensor: PyTorch wraps it (a wrapped number)."""

    def __init__(self, value):
        self.value = value


class ArgRef:
    """`@name`: the same object as another argument."""

    def __init__(self, name):
        self.name = name


class GeneratorSpec:
    """`gen(N)`: a generator seeded with N (wick's Generator(N) draws PyTorch's stream)."""

    def __init__(self, seed):
        self.seed = seed


class TensorSpec:
    def __init__(self, dtype, sizes, strides, offset, gen):
        self.dtype, self.sizes, self.strides, self.offset, self.gen = dtype, sizes, strides, offset, gen


# ---- parsing ----

def split_top(text, sep):
    """Splits on `sep` outside brackets, braces, parentheses and quotes."""
    parts, depth, cur, quote = [], 0, "", False
    for c in text:
        if c == '"':
            quote = not quote
        elif not quote and c in "([{":
            depth += 1
        elif not quote and c in ")]}":
            depth -= 1
        if c == sep and depth == 0 and not quote:
            parts.append(cur)
            cur = ""
        else:
            cur += c
    parts.append(cur)
    return parts


def expand(line):
    """Expands every {a,b,...} group into one line per combination."""
    groups = re.findall(r"\{([^{}]*)\}", line)
    if not groups:
        return [line]
    choices = [split_top(g, ",") for g in groups]
    out = []
    for combo in itertools.product(*choices):
        text = line
        for g, c in zip(groups, combo):
            text = text.replace("{" + g + "}", c.strip(), 1)
        out.append(text)
    return out


TENSOR_RE = re.compile(r"^(b8|u8|i8|i16|i32|i64|f16|bf16|f32|f64)\[([0-9,\s]*)\](.*)$")


def parse_tensor(text):
    m = TENSOR_RE.match(text)
    if not m:
        return None
    dtype = DTYPES[m.group(1)]
    sizes = [int(s) for s in m.group(2).split(",") if s.strip()]
    rest = m.group(3)
    strides, offset, gen = None, 0, None
    while rest:
        if rest.startswith("/["):
            end = rest.index("]")
            strides = [int(s) for s in rest[2:end].split(",") if s.strip()]
            rest = rest[end + 1:]
        elif rest.startswith("+"):
            m2 = re.match(r"\+(\d+)", rest)
            offset = int(m2.group(1))
            rest = rest[m2.end():]
        elif rest.startswith("~"):
            gen = rest[1:]
            rest = ""
        else:
            raise ValueError("bad tensor spec: " + text)
    if strides is not None and len(strides) != len(sizes):
        raise ValueError("strides and sizes differ in length: " + text)
    return TensorSpec(dtype, sizes, strides, offset, gen)


def parse_value(text):
    text = text.strip()
    if text.startswith("@"):
        return ArgRef(text[1:])
    spec = parse_tensor(text)
    if spec is not None:
        return spec
    if text.startswith("wrap(") and text.endswith(")"):
        return Wrapped(parse_value(text[5:-1]))
    if re.fullmatch(r"gen\(\d+\)", text):
        return GeneratorSpec(int(text[4:-1]))
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        return [parse_value(v) for v in split_top(inner, ",")] if inner else []
    if text.startswith('"') and text.endswith('"'):
        return text[1:-1]
    if text in ("None",):
        return None
    if text in ("True", "False"):
        return text == "True"
    if text in DTYPES:
        return DTYPES[text]
    if text in MEMORY_FORMATS:
        return MEMORY_FORMATS[text][0]
    if text == "cpu":
        return torch.device("cpu")
    if text == "strided":
        return torch.strided
    if text in ("nan", "inf", "-inf"):
        return float(text)
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return float(text)


class Case:
    def __init__(self, line_no, text):
        self.line_no, self.text = line_no, text
        tokens = split_top(text, " ")
        tokens = [t for t in tokens if t]
        self.op = tokens[0]
        self.args = {}
        self.options = {}
        for tok in tokens[1:]:
            if tok.startswith("!"):
                key, _, val = tok[1:].partition("=")
                self.options[key] = val.strip('"') if val else True
            else:
                key, _, val = tok.partition("=")
                if not val:
                    raise ValueError(f"line {line_no}: expected name=value, got {tok!r}")
                self.args[key] = parse_value(val)


def read_table(path):
    cases = []
    with open(path) as f:
        for no, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            if not line or line.startswith("exempt "):
                continue
            for text in expand(line):
                try:
                    cases.append(Case(no, text))
                except (ValueError, KeyError) as e:
                    raise SystemExit(f"{path}:{no}: {text}\n  {e}")
    return cases


# ---- building inputs ----

def generate(spec, n, g):
    """n storage values of spec.dtype from generator g, shaped by the spec's value kind."""
    dt, kind = spec.dtype, spec.gen or ""
    floating = dt.is_floating_point
    def uniform(lo, hi):
        return torch.rand(n, generator=g, dtype=torch.float64) * (hi - lo) + lo
    if kind.startswith("linspace("):
        lo, hi = (float(v) for v in kind[9:-1].split(","))
        return torch.linspace(lo, hi, n, dtype=torch.float64).to(dt)
    if kind.startswith("mod("):
        # i % k at storage position i: distinct indices along a dimension, for scatter.
        return (torch.arange(n) % int(kind[4:-1])).to(dt)
    if kind.startswith("range("):
        lo, hi = (float(v) for v in kind[6:-1].split(","))
        v = uniform(lo, hi)
        return (v if floating else v.floor()).to(dt)
    if kind == "bytes":
        # Bool data viewed from arbitrary bytes (u8.view(torch.bool)): any non-zero byte is
        # true. Built through uint8 so the raw bytes reach the binary file unchanged.
        if dt != torch.bool:
            raise ValueError("~bytes is for b8 tensors")
        v = torch.randint(0, 256, (n,), generator=g)
        return torch.where(v < 90, torch.zeros_like(v), v).to(torch.uint8).view(torch.bool)
    if dt == torch.bool:
        return torch.randint(0, 2, (n,), generator=g).to(torch.bool)
    if kind == "ones":
        return torch.ones(n, dtype=dt)
    if kind == "zeros":
        return torch.zeros(n, dtype=dt)
    if not floating:
        lo, hi = (0, 20) if dt == torch.uint8 else (-9, 10)
        if kind == "pos":
            lo = 1
        v = torch.randint(lo, hi, (n,), generator=g)
        if kind == "nz":
            v = torch.where(v == 0, torch.ones_like(v), v)
        return v.to(dt)
    if kind == "pos":
        v = uniform(0.01, 5.0)
    elif kind == "unit":
        v = uniform(-0.99, 0.99)
    elif kind == "nz":
        v = torch.randn(n, generator=g, dtype=torch.float64)
        v = torch.sign(v) * (v.abs() + 0.1)
        v = torch.where(v == 0, torch.ones_like(v), v)
    elif kind == "int":
        v = torch.randint(-9, 10, (n,), generator=g).double()
    elif kind == "half":
        v = torch.randint(-5, 5, (n,), generator=g).double() + 0.5
    elif kind == "big":
        v = torch.randn(n, generator=g, dtype=torch.float64) * 100
    elif kind == "special":
        v = torch.randn(n, generator=g, dtype=torch.float64)
        pattern = [math.nan, math.inf, -math.inf, 0.0, -0.0, 1e-30, -1e30]
        for i in range(0, n, 2):
            v[i] = pattern[(i // 2) % len(pattern)]
    elif kind == "":
        v = torch.randn(n, generator=g, dtype=torch.float64)
    else:
        raise ValueError("unknown value kind ~" + kind)
    return v.to(dt)


def contiguous_strides(sizes):
    strides, s = [], 1
    for size in reversed(sizes):
        strides.insert(0, s)
        s *= max(size, 1)
    return strides


def build_tensor(spec, g):
    strides = spec.strides if spec.strides is not None else contiguous_strides(spec.sizes)
    numel = math.prod(spec.sizes)
    extent = 0 if numel == 0 else 1 + sum((s - 1) * st for s, st in zip(spec.sizes, strides))
    base = generate(spec, spec.offset + extent, g)
    if spec.offset == 0 and strides == contiguous_strides(spec.sizes):
        # A tensor of its own rather than a view (detach_ and friends treat views specially).
        t = torch.empty(spec.sizes, dtype=spec.dtype)
        if spec.gen == "bytes":
            # Copied as bytes: a bool copy would turn every non-zero byte into 1.
            t.view(torch.uint8).copy_(base.view(torch.uint8).reshape(spec.sizes))
        else:
            t.copy_(base.reshape(spec.sizes))
        return t, t.reshape(-1)
    return base.as_strided(spec.sizes, strides, spec.offset), base


def build_args(case):
    """The op's positional and keyword arguments, plus a record of every argument in schema
    order (defaults filled in) for the binary file."""
    op = resolve(case.op)
    schema = op._schema
    g = torch.Generator().manual_seed(zlib.crc32(case.text.encode()))
    names = [a.name for a in schema.arguments]
    for k in case.args:
        if k not in names:
            raise ValueError(f"line {case.line_no}: {case.op} has no argument {k!r}")
    built, record = {}, []
    for i, a in enumerate(schema.arguments):
        if a.name in case.args:
            v = case.args[a.name]
        elif a.has_default_value():
            v = a.default_value
        else:
            raise ValueError(f"line {case.line_no}: missing argument {a.name!r} of {case.op}")
        if isinstance(v, bool) and str(a.type) in ("number", "Optional[number]"):
            # Python's bindings pass a bool Scalar to PyTorch as an int; record what it got.
            v = int(v)
        built[a.name], rec = materialize(v, built, names, g, list_kind(a.type))
        record.append(rec)
    args, kwargs = [], {}
    for a in schema.arguments:
        if a.kwarg_only:
            kwargs[a.name] = built[a.name]
        else:
            args.append(built[a.name])
    return op, schema, args, kwargs, built, record


def list_kind(schema_type):
    """The list kind of a schema type (`int[]?` too), or None when the elements decide."""
    text = str(schema_type)
    if text.startswith("Optional[") and text.endswith("]"):
        text = text[len("Optional["):-1]
    return LIST_KINDS.get(text)


def materialize(v, built, names, g, kind=None):
    if isinstance(v, TensorSpec):
        t, base = build_tensor(v, g)
        return t, ("tensor_storage", t, base)
    if isinstance(v, ArgRef):
        return built[v.name], ("argref", names.index(v.name))
    if isinstance(v, Wrapped):
        return v.value, ("wrapped", v.value)
    if isinstance(v, GeneratorSpec):
        # The record keeps the seed: the call advances the generator's state.
        return torch.Generator().manual_seed(v.seed), ("generator", v.seed)
    if isinstance(v, list):
        items = [materialize(e, built, names, g) for e in v]
        values = [x for x, _ in items]
        return values, ("list", values, [r for _, r in items], kind)
    return v, ("plain", v)


def resolve(qualified):
    ns, _, rest = qualified.partition("::")
    name, _, overload = rest.partition(".")
    if ns == "torchvision":
        import torchvision  # noqa: F401 - registers torch.ops.torchvision
    packet = getattr(getattr(torch.ops, ns), name)
    return getattr(packet, overload or "default")


# ---- writing ----

def elements_kind(items):
    sample = [e for e in items if e is not None]
    if sample and all(isinstance(e, torch.Tensor) for e in sample):
        return L_OPT_TENSOR if len(sample) != len(items) else L_TENSOR
    if items and all(isinstance(e, bool) for e in items):
        return L_BOOL
    if all(isinstance(e, int) and not isinstance(e, bool) for e in items):
        return L_INT
    return L_FLOAT


class Writer:
    def __init__(self):
        self.parts = []

    def u8(self, v): self.parts.append(struct.pack("<B", v))
    def u32(self, v): self.parts.append(struct.pack("<I", v))
    def i32(self, v): self.parts.append(struct.pack("<i", v))
    def i64(self, v): self.parts.append(struct.pack("<q", v))
    def f64(self, v): self.parts.append(struct.pack("<d", v))

    def str(self, s):
        b = s.encode()
        self.u32(len(b))
        self.parts.append(b)

    def tensor(self, t, storage=None):
        """A tensor: with `storage`, t must be a view of that contiguous base tensor."""
        self.u8(T_TENSOR)
        self.u8(SCALAR_TYPE[t.dtype])
        self.u8(t.dim())
        for s in t.shape:
            self.i64(s)
        for s in t.stride():
            self.i64(s)
        if storage is not None:
            self.u8(K_STORAGE)
            self.i64(t.storage_offset() - storage.storage_offset())
            data = storage
        else:
            self.u8(K_VALUES)
            self.i64(0)
            # Bools through uint8: a bool contiguous() would turn bytes other than 0 and 1
            # into 1.
            data = (t.view(torch.uint8).contiguous().reshape(-1).view(torch.bool)
                    if t.dtype == torch.bool else t.contiguous().reshape(-1))
        raw = data.contiguous().view(torch.uint8).numpy().tobytes() if data.numel() else b""
        self.u32(len(raw))
        self.parts.append(raw)
        self.u8(1 if t.requires_grad else 0)

    def value(self, v):
        if v is None:
            self.u8(T_NONE)
        elif isinstance(v, torch.Tensor):
            self.tensor(v)
        elif isinstance(v, bool):
            self.u8(T_BOOL)
            self.u8(1 if v else 0)
        elif isinstance(v, int):
            self.u8(T_INT)
            self.i64(v)
        elif isinstance(v, float):
            self.u8(T_FLOAT)
            self.f64(v)
        elif isinstance(v, str):
            self.u8(T_STR)
            self.str(v)
        elif isinstance(v, torch.dtype):
            self.u8(T_DTYPE)
            self.u8(SCALAR_TYPE[v])
        elif isinstance(v, torch.device):
            self.u8(T_DEVICE)
            self.str(str(v))
        elif isinstance(v, torch.memory_format):
            self.u8(T_MEMFMT)
            self.u8(next(n for f, n in MEMORY_FORMATS.values() if f == v))
        elif isinstance(v, torch.layout):
            self.u8(T_LAYOUT)
            self.u8(0)
        elif isinstance(v, tuple):
            self.u8(T_TUPLE)
            self.u32(len(v))
            for e in v:
                self.value(e)
        elif isinstance(v, list):
            self.list(v)
        else:
            raise TypeError(f"cannot encode {type(v)}")

    def list(self, items, records=None, kind=None):
        """A list; its kind comes from the schema type when given, else from its elements."""
        self.u8(T_LIST)
        if kind is None:
            kind = elements_kind(items)
        self.u8(kind)
        self.u32(len(items))
        for i, e in enumerate(items):
            rec = records[i] if records is not None else ("plain", e)
            if kind == L_FLOAT and rec[0] == "plain":
                rec = ("plain", float(e))
            self.record(rec)

    def record(self, rec):
        kind = rec[0]
        if kind == "tensor_storage":
            self.tensor(rec[1], rec[2])
        elif kind == "argref":
            self.u8(T_ARGREF)
            self.u32(rec[1])
        elif kind == "wrapped":
            self.u8(T_WRAPPED)
            self.value(rec[1])
        elif kind == "list":
            self.list(rec[1], rec[2], rec[3])
        elif kind == "generator":
            self.u8(T_GENERATOR)
            self.i64(rec[1])
        else:
            self.value(rec[1])


def snapshot(record):
    """Copies of the tensors an op may overwrite, taken before the call."""
    out = []
    for rec in record:
        if rec[0] == "tensor_storage":
            t, base = rec[1], rec[2]
            # A bool clone would turn bytes other than 0 and 1 into 1: copy the bytes.
            copy = (base.view(torch.uint8).clone().view(torch.bool) if base.dtype == torch.bool
                    else base.clone())
            out.append(("tensor_storage", copy.as_strided(t.shape, t.stride(),
                                                          t.storage_offset()), copy))
        elif rec[0] == "list":
            out.append(("list", rec[1], snapshot(rec[2]), rec[3]))
        else:
            out.append(rec)
    return out


def run_case(case, w):
    w.u32(case.line_no)
    w.str(case.text)
    w.str(case.op)
    expect_error = "error" in case.options
    w.u8(1 if expect_error else 0)
    w.str(case.options["error"] if isinstance(case.options.get("error"), str) else "")
    op, schema, args, kwargs, built, record = build_args(case)
    inputs = snapshot(record)
    seed = int(case.options.get("seed", -1))
    if seed >= 0:
        torch.manual_seed(seed)
    try:
        result = op(*args, **kwargs)
        error = None
    except Exception as e:  # PyTorch's error: the case expects wick to raise too
        error = f"{type(e).__name__}: {e}".splitlines()[0]
    # Tolerances from the first floating tensor result (or options).
    tol = (0.0, 0.0)
    if error is None:
        first = result[0] if isinstance(result, tuple) else result
        if isinstance(first, torch.Tensor) and first.dtype in TOLERANCES:
            tol = TOLERANCES[first.dtype]
        elif isinstance(first, float):
            tol = TOLERANCES[torch.float64]
    rtol = float(case.options.get("rtol", tol[0]))
    atol = float(case.options.get("atol", tol[1]))
    w.f64(rtol)
    w.f64(atol)
    w.u8(1 if "anystrides" in case.options else 0)
    w.u8(1 if "novalues" in case.options else 0)
    w.i64(seed)
    w.u32(len(inputs))
    for rec in inputs:
        w.record(rec)
    if error is not None:
        w.u8(1)
        w.str(error)
        return
    w.u8(0)
    results = list(result) if isinstance(result, tuple) else [result]
    if "outputs" in case.options:
        results = results[:int(case.options["outputs"])]
    w.u32(len(results))
    for r in results:
        w.value(r)
    written = [i for i, a in enumerate(schema.arguments)
               if a.alias_info is not None and a.alias_info.is_write]
    w.u32(len(written))
    for i in written:
        w.u32(i)
        w.value(built[schema.arguments[i].name])
    same, shares = aliasing(schema, built, results[0])
    w.i32(same)
    w.i32(shares)


def aliasing(schema, built, first):
    """(the argument the first result is, the argument whose storage the first result views),
    -1 when none. A first result that is a list views an argument when all its non-empty
    tensors do (split, unbind, ...)."""
    same, shares = -1, -1
    if isinstance(first, torch.Tensor):
        views = [first] if first.numel() else []
    elif isinstance(first, list) and all(isinstance(t, torch.Tensor) for t in first):
        views = [t for t in first if t.numel()]
    else:
        return same, shares
    for i, a in enumerate(schema.arguments):
        v = built[a.name]
        if not isinstance(v, torch.Tensor):
            continue
        if v is first and same < 0:
            same = i
        elif (shares < 0 and v.numel() and views
              and all(t.storage().data_ptr() == v.storage().data_ptr() for t in views)):
            shares = i
    return same, shares


# ---- the ops the other oracle tables run ----

def reduce_table_ops(path):
    """Ops heading the cases of tests/reduce/reduce_cases.txt, read as tests/oracle/k4_reduce.py
    reads them: `[options] op args` or `! message | [options] op args` (PyTorch must raise)."""
    ops = set()
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("!"):
                line = line[1:].split("|", 1)[1].strip()
            if line.startswith("["):
                line = line[1:].split("]", 1)[1].strip()
            ops.add(line.split()[0])
    return ops


def script_table_ops(path):
    """Ops of the cases of tests/script_ops/script_cases.txt, read as
    tests/oracle/k4_script_ops.py reads them: `op | params | body | args`, or with a leading
    `! message` field (TorchScript must raise). `!!` cases are not run in TorchScript, so they
    do not count."""
    ops = set()
    with open(path) as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.split(" | ")]
            if fields[0].startswith("!!"):
                continue
            if fields[0].startswith("!"):
                fields = fields[1:]
            ops.add(fields[0])
    return ops


def k3_table_ops():
    """(op, file) for the cases tests/oracle/k3_cases.py runs: those of every family it lists,
    except expected errors that PyTorch itself need not raise (torch_error=False)."""
    k3 = importlib.import_module("k3_cases")
    out = set()
    for fam in k3.FAMILIES:
        for c in importlib.import_module(f"k3_cases_{fam}").cases():
            if c.error is None or c.torch_error:
                out.add((c.op, f"tests/oracle/k3_cases_{fam}.py"))
    return out


def print_oracle_ops(reduce_table, script_table):
    rows = {(op, "tests/reduce/reduce_cases.txt") for op in reduce_table_ops(reduce_table)}
    rows |= {(op, "tests/script_ops/script_cases.txt") for op in script_table_ops(script_table)}
    rows |= k3_table_ops()
    for op, table in sorted(rows):
        print(op, table)


def main():
    if sys.argv[1] == "--oracle-ops":
        print_oracle_ops(sys.argv[2], sys.argv[3])
        return
    table, out_path = sys.argv[1], sys.argv[2]
    filt = sys.argv[3] if len(sys.argv) > 3 else ""
    cases = [c for c in read_table(table) if filt in c.text]
    w = Writer()
    w.parts.append(b"WICKCONF")
    w.u32(2)
    w.u32(len(cases))
    for c in cases:
        try:
            run_case(c, w)
        except Exception as e:
            raise SystemExit(f"{table}:{c.line_no}: {c.text}\n  {type(e).__name__}: {e}")
    with open(out_path, "wb") as f:
        f.write(b"".join(w.parts))


if __name__ == "__main__":
    main()
