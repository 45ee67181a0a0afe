# Optional values: `is None` / `is not None` refine the type inside the branch, defaults,
# annotated None, isinstance on Any.

def refine(x: Tensor, o: Optional[Tensor]) -> Tensor:
    if o is not None:
        return x + o
    return x
# run: refine(torch.ones(2), torch.ones(2))
# run: refine(torch.ones(2), None)
# graph: refine

def default_none(n: int, k: Optional[int] = None) -> int:
    if k is None:
        k = 3
    return n * k
# run: default_none(2)
# run: default_none(2, 5)
# graph: default_none

def both(a: Optional[int], b: Optional[int]) -> int:
    if a is not None and b is not None:
        return a + b
    return 0
# run: both(1, 2)
# run: both(1, None)
# graph: both

def annotated() -> Optional[int]:
    x: Optional[int] = None
    return x
# run: annotated()

def isinstance_any(x: Any) -> int:
    if isinstance(x, int):
        return x + 1
    return 0
# run: isinstance_any(3)
# graph: isinstance_any
# ---
# A union of numbers is a Scalar: every member is one.
def union_pow(x: Tensor, p: Union[float, int]) -> Tensor:
    return torch.pow(x, p)
# run: union_pow(torch.tensor([2.0, 3.0]), 2)
# run: union_pow(torch.tensor([2.0, 3.0]), 0.5)
# graph: union_pow

# Container literals under an Optional annotation build the container type.
def optional_containers(a: int) -> int:
    z: Optional[List[int]] = [1, a]
    d: Optional[Dict[str, int]] = {"a": a}
    e: Optional[List[int]] = []
    c: Optional[List[int]] = [i * 2 for i in range(a)]
    k: Optional[Dict[str, int]] = {str(i): i for i in range(a)}
    n = 0
    if z is not None and d is not None and e is not None and c is not None and k is not None:
        n = z[1] + d["a"] + len(e) + len(c) + len(k)
    return n
# run: optional_containers(3)
# graph: optional_containers

def optional_empty_return(a: int) -> Optional[List[int]]:
    if a > 0:
        return []
    return None
# run: optional_empty_return(1)
# run: optional_empty_return(0)
