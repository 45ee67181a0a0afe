"""Evaluates a batch of PyTorch expressions for the shape/factory/random tests (tests/shape).

Usage: k2_eval.py DIR

DIR/cases.txt has one case per line: `<index>\t<number of inputs>\t<python expression>`.
Inputs are DIR/<index>_in<k>.bin, bound to the names a, b, c, ... in the expression. For each
case the script writes DIR/<index>_result.txt: `ok <n>` followed by the n outputs
DIR/<index>_out<k>.bin, or `error <ExceptionType>: <message>` when PyTorch raises.

Tensor files: one text header line `<dtype> <ndim> <sizes...> <strides...>` then the elements
in row-major order as raw little-endian bytes.
"""
import sys
import warnings

import torch

warnings.simplefilter("ignore")

DTYPES = {
    "uint8": torch.uint8, "int8": torch.int8, "int16": torch.int16, "int32": torch.int32,
    "int64": torch.int64, "float16": torch.float16, "float32": torch.float32,
    "float64": torch.float64, "bool": torch.bool, "bfloat16": torch.bfloat16,
}
NAMES = {v: k for k, v in DTYPES.items()}


def read_tensor(path):
    with open(path, "rb") as f:
        header = f.readline().decode().split()
        data = f.read()
    dtype = DTYPES[header[0]]
    ndim = int(header[1])
    sizes = [int(x) for x in header[2:2 + ndim]]
    if len(data) == 0:
        return torch.empty(sizes, dtype=dtype)
    flat = torch.frombuffer(bytearray(data), dtype=torch.uint8)
    return flat.view(dtype).reshape(sizes).clone()


def write_tensor(path, t):
    t = t.detach()
    header = [NAMES[t.dtype], str(t.dim())] + [str(s) for s in t.shape] + [str(s) for s in t.stride()]
    flat = torch.empty(t.numel(), dtype=t.dtype).copy_(t.reshape(-1))  # dense, even if t is not
    data = flat.view(torch.uint8).numpy().tobytes() if t.numel() else b""
    with open(path, "wb") as f:
        f.write((" ".join(header) + "\n").encode())
        f.write(data)


def as_tensors(r):
    if isinstance(r, torch.Tensor):
        return [r]
    if isinstance(r, (list, tuple)):
        out = []
        for x in r:
            out.extend(as_tensors(x))
        return out
    if isinstance(r, bool):
        return [torch.tensor(r)]
    if isinstance(r, int):
        return [torch.tensor(r, dtype=torch.int64)]
    if isinstance(r, float):
        return [torch.tensor(r, dtype=torch.float64)]
    raise TypeError("unsupported result type " + type(r).__name__)


# Helpers usable in expressions.
def L(*values, dtype=None):
    return torch.tensor(values, dtype=dtype)


def seeded(seed, f):
    torch.manual_seed(seed)
    return f()


def inplace(f, t):
    f()
    return t


def gen(seed):
    return torch.Generator().manual_seed(seed)


def main():
    root = sys.argv[1]
    with open(root + "/cases.txt") as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    for line in lines:
        index, ninputs, expr = line.split("\t", 2)
        env = {"torch": torch, "L": L, "seeded": seeded, "inplace": inplace, "gen": gen,
               "F": torch.nn.functional}
        for k in range(int(ninputs)):
            env["abcdefgh"[k]] = read_tensor("%s/%s_in%d.bin" % (root, index, k))
        try:
            outs = as_tensors(eval(expr, env))
        except Exception as e:  # the message is what the test compares
            msg = str(e).split("\n")[0]
            with open("%s/%s_result.txt" % (root, index), "w") as f:
                f.write("error %s: %s" % (type(e).__name__, msg))
            continue
        for k, t in enumerate(outs):
            write_tensor("%s/%s_out%d.bin" % (root, index, k), t)
        with open("%s/%s_result.txt" % (root, index), "w") as f:
            f.write("ok %d" % len(outs))


if __name__ == "__main__":
    main()
