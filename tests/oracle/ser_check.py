"""wick -> PyTorch check for tests/serialize/wick_to_torch_test.cpp.

argv[1]: a directory of archives wick saved, <case>.pt, each with <case>.io.pt holding
(calls, requires_grad) as written by wick (see tests/oracle/ser_zoo.py for the layout).
argv[2:]: the case names. Each archive is loaded with torch.jit.load, its calls run in order
(setting .train(flag) first when flag is not None) and compared with wick's results; the
parameters' requires_grad flags are compared too. Case "extra_files" must carry the extra
files meta.txt and a/b.json. Prints "<case>: ok" or "<case>: FAIL <details>" per case.
"""
import os
import sys

import torch


def compare(actual, expected, where):
    if isinstance(expected, torch.Tensor):
        if not isinstance(actual, torch.Tensor):
            return [f"{where}: expected a tensor, got {type(actual).__name__}"]
        if actual.dtype != expected.dtype or actual.shape != expected.shape:
            return [f"{where}: expected {expected.dtype}{list(expected.shape)}, got "
                    f"{actual.dtype}{list(actual.shape)}"]
        tol = 1e-4 if expected.is_floating_point() else 0
        if not torch.allclose(actual, expected, rtol=tol, atol=tol, equal_nan=True):
            diff = (actual.double() - expected.double()).abs().max().item()
            return [f"{where}: values differ (max abs diff {diff})"]
        return []
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, (list, tuple)) or len(actual) != len(expected):
            return [f"{where}: expected a sequence of {len(expected)}, got {actual!r}"]
        out = []
        for i, (a, e) in enumerate(zip(actual, expected)):
            out += compare(a, e, f"{where}[{i}]")
        return out
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or list(actual.keys()) != list(expected.keys()):
            return [f"{where}: expected dict keys {list(expected.keys())}, got {actual!r}"]
        out = []
        for k in expected:
            out += compare(actual[k], expected[k], f"{where}[{k!r}]")
        return out
    if type(actual) != type(expected) or actual != expected:
        return [f"{where}: expected {expected!r}, got {actual!r}"]
    return []


def check(directory, name):
    extra = {"meta.txt": "", "a/b.json": ""}
    m = torch.jit.load(os.path.join(directory, name + ".pt"), _extra_files=extra)
    calls, grads = torch.load(os.path.join(directory, name + ".io.pt"))
    problems = []
    for i, (method, training, inputs, expected) in enumerate(calls):
        if training is not None:
            m.train(training)
        with torch.no_grad():
            out = getattr(m, method)(*inputs)
        problems += compare(out, expected, f"call {i} ({method})")
    params = dict(m.named_parameters())
    for k, flag in grads.items():
        if k not in params:
            problems.append(f"parameter {k} is missing")
        elif params[k].requires_grad != flag:
            problems.append(f"parameter {k}: requires_grad is {params[k].requires_grad}")
    if name == "extra_files" and (extra["meta.txt"] != b"hello" or extra["a/b.json"] != b"{}"):
        problems.append(f"extra files: {extra!r}")
    return problems


for case in sys.argv[2:]:
    try:
        problems = check(sys.argv[1], case)
    except Exception as e:  # report and go on with the other cases
        problems = [f"{type(e).__name__}: {e}".replace("\n", " | ")]
    print(f"{case}: ok" if not problems else f"{case}: FAIL " + "; ".join(problems))
