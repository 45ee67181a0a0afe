"""Oracle for the TorchScript front-end corpus (tests/frontend/corpus_test.cpp).

Reads a request file of source chunks written by the C++ test, compiles each chunk with
PyTorch 1.13's TorchScript and prints for every chunk:
whether it compiles, the graphs asked for, and the result (or raised message) and printed
output of each `__run_<k>` wrapper function. Values are printed in a small canonical syntax
that the C++ side parses:
  N  None          b1 / b0  bools      i<int>      f<float repr>     s"<json string>"
  d"<device>"      t<dtype>[<shape>](<values>)    L[..]  list   T(..) tuple   D{k:v,..} dict

A chunk in mode "cu" is compiled by torch.jit.CompilationUnit, PyTorch's parser of
TorchScript source (the one archives go through). Mode "python" executes the source as
Python and scripts its functions with torch.jit.script (Python's parser), for chunks that
define classes or use Python syntax that TorchScript's own parser lacks.
"""
import contextlib
import enum
import io
import json
import linecache
import math
import sys
import types
import typing
from typing import Any, Dict, List, NamedTuple, Optional, Tuple, Union

import torch
from torch import Tensor
from torch.jit import annotate

# Archive code calls operators as ops.aten.<name>; PyTorch's importer binds `ops` to
# torch.ops, and chunks compiled here resolve names against this module.
ops = torch.ops


def esc(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def fmt_float(f):
    if math.isnan(f):
        return "nan"
    return repr(f)


def fmt(v):
    if v is None:
        return "N"
    if isinstance(v, bool):
        return "b1" if v else "b0"
    if isinstance(v, int):
        return "i%d" % v
    if isinstance(v, float):
        return "f" + fmt_float(v)
    if isinstance(v, str):
        return "s" + json.dumps(v)
    if isinstance(v, enum.Enum):
        return "e" + json.dumps(type(v).__name__ + "." + v.name)
    if isinstance(v, torch.device):
        return "d" + json.dumps(str(v))
    if isinstance(v, torch.Tensor):
        dtype = str(v.dtype).replace("torch.", "")
        shape = ",".join(str(s) for s in v.shape)
        flat = v.detach().reshape(-1).tolist()
        if v.dtype == torch.bool:
            vals = ",".join("1" if x else "0" for x in flat)
        elif v.is_floating_point():
            vals = ",".join(fmt_float(float(x)) for x in flat)
        else:
            vals = ",".join(str(int(x)) for x in flat)
        return "t%s[%s](%s)" % (dtype, shape, vals)
    if isinstance(v, tuple):
        return "T(" + ",".join(fmt(x) for x in v) + ")"
    if isinstance(v, list):
        return "L[" + ",".join(fmt(x) for x in v) + "]"
    if isinstance(v, dict):
        return "D{" + ",".join(fmt(k) + ":" + fmt(x) for k, x in v.items()) + "}"
    raise TypeError("cannot format %r" % (v,))


def exception_message(e):
    """The message of a TorchScript exception: the last line of the interpreter's report."""
    lines = [l for l in str(e).strip().split("\n") if l.strip()]
    return lines[-1] if lines else type(e).__name__


def read_chunks(path):
    chunks = []
    with open(path) as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("=== chunk "):
            cid = line[len("=== chunk "):]
            mode = lines[i + 1][len("mode:"):].strip()
            graphs = lines[i + 2][len("graphs:"):].split()
            runs = int(lines[i + 3][len("runs:"):])
            i += 4
            body = []
            while lines[i] != "=== end":
                body.append(lines[i])
                i += 1
            chunks.append((cid, mode, graphs, runs, "\n".join(body) + "\n"))
        i += 1
    return chunks


class CompiledUnit:
    def __init__(self, cu):
        self.cu = cu

    def __getitem__(self, name):
        return getattr(self.cu, name)


def compile_chunk(cid, mode, source):
    if mode == "cu":
        # Names in the source resolve against this module's globals (torch, math, annotate).
        return CompiledUnit(torch.jit.CompilationUnit(source))
    # torch.jit.script reads function sources through inspect, which finds them here.
    filename = "<chunk %s>" % cid
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    # A real module, so that inspect can find the source of classes too.
    module_name = "__fe_corpus_%d__" % len(sys.modules)
    module = types.ModuleType(module_name)
    module.__file__ = filename
    module.__dict__.update({
        "torch": torch, "math": math, "Tensor": Tensor, "annotate": annotate,
        "List": List, "Dict": Dict, "Tuple": Tuple, "Optional": Optional, "Any": Any,
        "NamedTuple": NamedTuple, "Union": Union, "typing": typing, "ops": ops,
        "Enum": enum.Enum, "enum": enum,
    })
    sys.modules[module_name] = module
    exec(compile(source, filename, "exec"), module.__dict__)
    scripted = {}
    for name, value in list(module.__dict__.items()):
        if callable(value) and getattr(value, "__module__", None) == module_name and \
                not isinstance(value, type):
            scripted[name] = torch.jit.script(value)
    return scripted


def main():
    out = []
    for cid, mode, graphs, runs, source in read_chunks(sys.argv[1]):
        out.append("=== chunk " + cid)
        try:
            fns = compile_chunk(cid, mode, source)
        except Exception as e:  # noqa: BLE001 - any failure is a compile error here
            out.append("compile-error: " + esc(str(e).strip()))
            out.append("=== end")
            continue
        out.append("compile: ok")
        for g in graphs:
            out.append("graph " + g)
            out.append(str(fns[g].graph).rstrip("\n"))
            out.append("=== end-graph")
        for k in range(runs):
            buf = io.StringIO()
            try:
                with contextlib.redirect_stdout(buf):
                    value = fns["__run_%d" % k]()
                out.append("run %d value %s" % (k, fmt(value)))
            except Exception as e:  # noqa: BLE001
                out.append("run %d raise %s" % (k, esc(exception_message(e))))
            out.append("stdout %d %s" % (k, esc(buf.getvalue())))
        out.append("=== end")
    print("\n".join(out))


if __name__ == "__main__":
    main()
