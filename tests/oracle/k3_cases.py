"""Reference results for the dense/NN kernel tests (tests/nnops).

Usage: k3_cases.py OUT_FILE [FAMILY...]

Each case names an ATen overload and its full argument list. This script runs the overload in
PyTorch 1.13 and writes the arguments (tensors with their exact sizes, strides and storage
offsets), the outputs, and for expected failures the substring PyTorch's message must
contain, into OUT_FILE. tests/nnops/case_file.cpp reads the file back and runs the same
call through wick's registry.

Binary layout (little endian): b"K3CASES1", u32 count, then per case:
  str name, str op, u32 nargs, value*, u8 is_error, str error, u32 nouts, value*,
  f64 rtol, f64 atol, u8 check_strides, u8 check_values, u32 nchecked, (u32 index, value)*
value: u8 tag + payload; tags: 0 None, 1 Tensor, 2 int, 3 float, 4 bool, 5 str,
  6 int list, 7 float list, 8 tensor list.
Tensor: u8 dtype (ScalarType number), u32 ndim, i64 sizes[], i64 strides[], i64 offset,
  i64 nbytes, bytes (the storage from element 0 to the last element the view reaches).
"""
import importlib
import struct
import sys

import torch

DTYPE_CODES = {
    torch.uint8: 0, torch.int8: 1, torch.int16: 2, torch.int32: 3, torch.int64: 4,
    torch.float16: 5, torch.float32: 6, torch.float64: 7, torch.bool: 11, torch.bfloat16: 15,
}

DEFAULT_TOL = {
    torch.float32: (1e-4, 1e-5), torch.float64: (1e-9, 1e-12), torch.bfloat16: (2e-2, 2e-2),
    torch.float16: (2e-3, 2e-3),
}


class Case:
    def __init__(self, name, op, args, error=None, rtol=None, atol=None, strides=True,
                 values=True, check_args=(), expected=None, torch_error=True):
        self.name, self.op, self.args = name, op, args
        self.error, self.rtol, self.atol = error, rtol, atol
        self.strides, self.values, self.check_args = strides, values, tuple(check_args)
        # expected: a callable computing the outputs in another way (e.g. an nn.Module).
        self.expected = expected
        # torch_error: PyTorch's own message must contain `error` (False where wick words it
        # differently on purpose, e.g. ops PyTorch does not implement for a dtype).
        self.torch_error = torch_error


def resolve(op):
    ns, rest = op.split("::")
    name, _, overload = rest.partition(".")
    return getattr(getattr(getattr(torch.ops, ns), name), overload or "default")


def call(op, args):
    fn = resolve(op)
    pos, kw = [], {}
    for a, v in zip(fn._schema.arguments, args):
        if a.kwarg_only:
            kw[a.name] = v
        else:
            pos.append(v)
    return fn(*pos, **kw)


class Writer:
    def __init__(self):
        self.parts = []

    def u8(self, v): self.parts.append(struct.pack("<B", v))
    def u32(self, v): self.parts.append(struct.pack("<I", v))
    def i64(self, v): self.parts.append(struct.pack("<q", v))
    def f64(self, v): self.parts.append(struct.pack("<d", v))

    def str(self, s):
        b = s.encode()
        self.u32(len(b))
        self.parts.append(b)

    def tensor(self, t):
        t = t.detach()
        self.u8(DTYPE_CODES[t.dtype])
        self.u32(t.dim())
        for s in t.shape: self.i64(s)
        for s in t.stride(): self.i64(s)
        off = t.storage_offset()
        self.i64(off)
        extent = 0 if t.numel() == 0 else off + 1 + sum((s - 1) * st for s, st in zip(t.shape, t.stride()))
        flat = t.as_strided((extent,), (1,), 0).clone()
        data = flat.view(torch.uint8).numpy().tobytes() if extent else b""
        self.i64(len(data))
        self.parts.append(data)

    def value(self, v):
        if v is None:
            self.u8(0)
        elif isinstance(v, torch.Tensor):
            self.u8(1)
            self.tensor(v)
        elif isinstance(v, bool):
            self.u8(4)
            self.u8(int(v))
        elif isinstance(v, int):
            self.u8(2)
            self.i64(v)
        elif isinstance(v, float):
            self.u8(3)
            self.f64(v)
        elif isinstance(v, str):
            self.u8(5)
            self.str(v)
        elif isinstance(v, (list, tuple)) and all(isinstance(x, torch.Tensor) for x in v) and v:
            self.u8(8)
            self.u32(len(v))
            for x in v: self.value(x)
        elif isinstance(v, (list, tuple)) and all(isinstance(x, bool) for x in v) and v:
            raise TypeError("bool lists are not supported")
        elif isinstance(v, (list, tuple)) and all(isinstance(x, int) for x in v):
            self.u8(6)
            self.u32(len(v))
            for x in v: self.i64(x)
        elif isinstance(v, (list, tuple)) and all(isinstance(x, (int, float)) for x in v):
            self.u8(7)
            self.u32(len(v))
            for x in v: self.f64(float(x))
        else:
            raise TypeError(f"cannot encode {type(v)}")


def flatten(result):
    if isinstance(result, (tuple, list)):
        return list(result)
    return [result]


def tolerances(case, outs):
    dts = [o.dtype for o in outs if isinstance(o, torch.Tensor)]
    rtol, atol = DEFAULT_TOL.get(dts[0] if dts else torch.float32, (0.0, 0.0))
    if dts and not dts[0].is_floating_point:
        rtol, atol = 0.0, 0.0
    return (case.rtol if case.rtol is not None else rtol,
            case.atol if case.atol is not None else atol)


def write_case(w, case):
    w.str(case.name)
    w.str(case.op)
    w.u32(len(case.args))
    for a in case.args:
        w.value(a)
    if case.error is not None:
        try:
            call(case.op, case.args)
        except Exception as e:  # PyTorch raised, as the case expects
            if case.torch_error and case.error not in str(e):
                raise AssertionError(f"{case.name}: PyTorch's message {str(e)!r} lacks {case.error!r}")
        else:
            if case.torch_error:
                raise AssertionError(f"{case.name}: PyTorch did not raise")
        w.u8(1)
        w.str(case.error)
        w.u32(0)
        outs = []
    else:
        with torch.no_grad():
            result = case.expected() if case.expected else call(case.op, case.args)
        outs = flatten(result)
        w.u8(0)
        w.str("")
        w.u32(len(outs))
        for o in outs:
            w.value(o)
    rtol, atol = tolerances(case, [o for o in outs if isinstance(o, torch.Tensor)])
    w.f64(rtol)
    w.f64(atol)
    w.u8(int(case.strides))
    w.u8(int(case.values))
    w.u32(len(case.check_args))
    for i in case.check_args:
        w.u32(i)
        w.value(case.args[i])


FAMILIES = ["linalg", "conv", "pool", "norm", "embedding", "upsample", "rnn", "attention",
            "rnn_packed", "nested"]


def main():
    out_path = sys.argv[1]
    families = sys.argv[2:] or FAMILIES
    w = Writer()
    cases = []
    for fam in families:
        torch.manual_seed(0)
        mod = importlib.import_module(f"k3_cases_{fam}")
        for c in mod.cases():
            c.name = f"{fam}/{c.name}"
            cases.append(c)
    w.parts.append(b"K3CASES1")
    w.u32(len(cases))
    for c in cases:
        # write_case serialises the arguments before running the op: ops such as
        # batch_norm update their running statistics in place, and check_args records the
        # values afterwards.
        write_case(w, c)
    with open(out_path, "wb") as f:
        f.write(b"".join(w.parts))


if __name__ == "__main__":
    main()
