# Oracle for tests/script_ops: compiles one small TorchScript function per case, checks that
# its graph really calls the operator overload under test, runs it, and writes the operator's
# arguments and expected results for the C++ runner (which calls the operator directly).
#
# Case table lines (tests/script_ops/*.txt), fields separated by " | ":
#   aten::floordiv.int | a: int, b: int | a // b | 7, -2
#   ! division by 0 | aten::floordiv.int | a: int, b: int | a // b | 7, 0
# The parameters are the operator's arguments in schema order (omitted trailing arguments
# take their schema defaults on the C++ side). The body is one expression whose value is the
# operator's result; for operators returning nothing, the body is "<statement>; <name>" and
# the value is the argument the operator changed. A leading "!" expects an error: TorchScript
# must raise and wick must raise an error containing the text. "!!" marks inputs where
# PyTorch returns garbage or crashes and wick raises instead (TorchScript is not checked).
#
# Output (stdout): one block per case: "case <line> <op>", "arg <value>"..., then
# "out <value>"... or "error <text>", then "end". Values are written in the prefix notation
# read by tests/script_ops/value_io.cpp.
import math
import sys

import torch

DTYPE_NUM = {torch.uint8: 0, torch.int8: 1, torch.int16: 2, torch.int32: 3, torch.int64: 4,
             torch.float16: 5, torch.float32: 6, torch.float64: 7, torch.bool: 11,
             torch.bfloat16: 15}


def type_text(ty):
    k = ty.kind()
    if k == "ListType":
        return type_text(ty.getElementType()) + "[]"
    if k == "DictType":
        return f"Dict({type_text(ty.getKeyType())},{type_text(ty.getValueType())})"
    if k == "TupleType":
        return "(" + ",".join(type_text(e) for e in ty.elements()) + ")"
    if k == "OptionalType":
        return type_text(ty.getElementType()) + "?"
    return {"IntType": "int", "FloatType": "float", "BoolType": "bool", "StringType": "str",
            "TensorType": "Tensor", "NoneType": "NoneType", "DeviceObjType": "Device"}[k]


def enc(v, ty=None):
    if v is None:
        return "N"
    if isinstance(v, bool):
        return f"b{int(v)}"
    if isinstance(v, int):
        return f"i{v}"
    if isinstance(v, float):
        return f"f{v!r}"
    if isinstance(v, str):
        return "s" + v.encode().hex()
    if isinstance(v, torch.device):
        return "d" + str(v).encode().hex()
    if isinstance(v, torch.Tensor):
        vals = " ".join(repr(float(x)) for x in v.flatten().tolist())
        return f"t{DTYPE_NUM[v.dtype]} {v.dim()} {' '.join(map(str, v.shape))} {vals}".rstrip()
    if isinstance(v, tuple):
        elems = ty.elements() if ty is not None else [None] * len(v)
        return f"T{len(v)} " + " ".join(enc(e, t) for e, t in zip(v, elems))
    if isinstance(v, list):
        et = ty.getElementType()
        return f"L{type_text(et)} {len(v)} " + " ".join(enc(e, et) for e in v)
    if isinstance(v, dict):
        kt, vt = ty.getKeyType(), ty.getValueType()
        items = " ".join(enc(k, kt) + " " + enc(x, vt) for k, x in v.items())
        return f"D{type_text(kt)},{type_text(vt)} {len(v)} {items}"
    raise ValueError(f"cannot encode {v!r}")


def graph_calls(graph, schema_prefix):
    def walk(block):
        for n in block.nodes():
            s = n.schema()
            if s != "(no schema)" and s.startswith(schema_prefix):
                return True
            if any(walk(b) for b in n.blocks()):
                return True
        return False
    return walk(graph.block())


def main(table):
    out = sys.stdout
    problems = []
    for lineno, line in enumerate(open(table), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        error = None
        stricter = False
        fields = [f.strip() for f in line.split(" | ")]
        if fields[0].startswith("!"):
            stricter = fields[0].startswith("!!")
            error = fields[0].lstrip("!").strip()
            fields = fields[1:]
        # The body may itself contain " | " (bitwise or); the arguments come last.
        op, sig, body, arg_text = fields[0], fields[1], " | ".join(fields[2:-1]), fields[-1]
        stmts = [s.strip() for s in body.split(";")]
        src = f"def f({sig}):\n" + "".join(f"    {s}\n" for s in stmts[:-1])
        src += f"    return {stmts[-1]}\n"
        cu = torch.jit.CompilationUnit(src)
        fn = cu.find_function("f")
        if not graph_calls(fn.graph, op + "("):
            calls = sorted({n.schema().split("(")[0] for n in fn.graph.nodes()} - {"(no schema)"})
            problems.append(f"line {lineno}: the function does not call {op} but {calls}")
            continue
        args = eval(f"({arg_text},)" if arg_text else "()", {"torch": torch, "math": math, "inf": math.inf,
                                       "nan": math.nan})
        arg_types = [a.type for a in fn.schema.arguments]
        out.write(f"case {lineno} {op} {line}\n")
        for a, t in zip(args, arg_types):
            out.write("arg " + enc(a, t) + "\n")
        if error is not None:
            # Stricter cases are not run: PyTorch may crash on them (int % 0 is SIGFPE).
            if not stricter:
                try:
                    fn(*args)
                except Exception:
                    pass
                else:
                    problems.append(f"line {lineno}: TorchScript did not raise")
            out.write(f"error {error}\n")
        else:
            try:
                res = fn(*args)
            except Exception as e:
                problems.append(f"line {lineno}: TorchScript raised {str(e).splitlines()[-1]}")
                out.write("end\n")
                continue
            rty = fn.schema.returns[0].type
            if isinstance(res, tuple) and rty.kind() == "TupleType":
                for r, t in zip(res, rty.elements()):
                    out.write("out " + enc(r, t) + "\n")
            else:
                out.write("out " + enc(res, rty) + "\n")
        out.write("end\n")
    if problems:
        raise SystemExit("\n".join(problems))


if __name__ == "__main__":
    main(sys.argv[1])
