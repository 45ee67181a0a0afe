# Optional refinement: 'is None' / 'is not None' in if, and/or chains, conditional expressions,
# after early returns, raise and assert; isinstance with types and tuples of types.

def early_return(x: Optional[int]) -> int:
    if x is None:
        return 0
    return x + 1
# run: early_return(None)
# run: early_return(4)
# graph: early_return

def raise_refines(x: Optional[Tensor]) -> Tensor:
    if x is None:
        raise ValueError("x is required")
    return x * 2
# run: raise_refines(torch.ones(2))
# run: raise_refines(None)
# graph: raise_refines

def assert_refines(x: Optional[int]) -> int:
    assert x is not None, "need x"
    return x * 3
# run: assert_refines(2)
# run: assert_refines(None)
# graph: assert_refines

def and_chain(a: Optional[int], b: Optional[int], c: int) -> int:
    if a is not None and b is not None and a > c:
        return a + b
    return c
# run: and_chain(5, 1, 2)
# run: and_chain(1, 1, 2)
# run: and_chain(5, None, 2)
# graph: and_chain

def or_chain(a: Optional[int], b: Optional[int]) -> int:
    if a is None or b is None:
        return -1
    return a * b
# run: or_chain(3, 4)
# run: or_chain(None, 4)
# graph: or_chain

def none_first(a: Optional[str]) -> str:
    if None is a:
        return "none"
    return a + "!"
# run: none_first("x")
# run: none_first(None)

def ternary_refine(a: Optional[int]) -> int:
    return a if a is not None else 7
# run: ternary_refine(None)
# run: ternary_refine(2)
# graph: ternary_refine

def reassign_optional(a: Optional[int]) -> int:
    if a is None:
        a = 5
    return a + 1
# run: reassign_optional(None)
# graph: reassign_optional

def while_refine(xs: List[int]) -> int:
    best: Optional[int] = None
    for x in xs:
        if best is None or x > best:
            best = x
    if best is not None:
        return best
    return -1
# run: while_refine([3, 9, 2])
# run: while_refine([])
# graph: while_refine

def isinstance_forms(x: Any, t: Tensor, o: Optional[int]) -> Tuple[int, bool, bool, bool]:
    r = 0
    if isinstance(x, (int, float)):
        r = 1
    elif isinstance(x, str):
        r = 2
    return r, isinstance(t, Tensor), isinstance(o, int), isinstance(t, (int, str))
# run: isinstance_forms(2.5, torch.ones(1), None)
# run: isinstance_forms("s", torch.ones(1), 2)
# run: isinstance_forms(None, torch.ones(1), 2)
# graph: isinstance_forms

# Containers are tested by their full type. (The graph is not compared: wick's graph text
# spells the tested types as annotations, List[int], where PyTorch prints int[].)
def isinstance_containers(x: Any) -> int:
    if isinstance(x, List[int]):
        return len(x)
    if isinstance(x, Dict[str, int]):
        return -len(x)
    if isinstance(x, Tuple[int, str]):
        return x[0]
    return 0
# run: isinstance_containers([1, 2])
# run: isinstance_containers({"a": 1})
# run: isinstance_containers((7, "a"))
# run: isinstance_containers([1.5])
# run: isinstance_containers(None)

def isinstance_refines(x: Any) -> str:
    if isinstance(x, str):
        return x + "?"
    if isinstance(x, int):
        return str(x + 1)
    return "other"
# run: isinstance_refines("a")
# run: isinstance_refines(41)
# run: isinstance_refines(1.5)
# graph: isinstance_refines

def optional_isinstance(x: Optional[Tensor]) -> Tensor:
    if isinstance(x, Tensor):
        return x + 1
    return torch.zeros(1)
# run: optional_isinstance(torch.ones(2))
# run: optional_isinstance(None)
# graph: optional_isinstance

# isinstance on a union of numbers runs the test: an int member does not make a float an int.
def number_union(x: Union[int, float]) -> str:
    if isinstance(x, int):
        return "int " + str(x + 1)
    return "float " + str(x)
# run: number_union(3)
# run: number_union(2.5)

def number_union_float(x: Union[int, float]) -> float:
    if isinstance(x, float):
        return x * 2.0
    return 0.5
# run: number_union_float(3)
# run: number_union_float(1.25)
