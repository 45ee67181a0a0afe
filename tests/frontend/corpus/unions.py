# Union types: canonical member order, isinstance and `is None` refinement (narrowing to a
# member or a smaller union), annotated union variables and returns, unions inside
# containers, and the errors for unions used unrefined or formed implicitly.

def by_member(x: Union[int, str, List[int]]) -> int:
    if isinstance(x, int):
        return x + 1
    elif isinstance(x, str):
        return len(x)
    else:
        return x[0]
# run: by_member(4)
# run: by_member("abc")
# run: by_member([7, 8])
# graph: by_member

def none_member(x: Union[str, float, int, None]) -> Union[int, str]:
    if x is None:
        return 3
    if isinstance(x, str):
        return x
    return 4
# run: none_member(None)
# run: none_member("s")
# run: none_member(2.5)
# graph: none_member

def not_none(x: Optional[Union[int, str]]) -> str:
    if x is not None:
        if isinstance(x, int):
            return str(x * 2)
        return x + "!"
    return "none"
# run: not_none(None)
# run: not_none(21)
# run: not_none("hey")
# graph: not_none

def tensor_or_list(x: Union[List[int], Tensor], y: Union[int, bool]) -> Tensor:
    z: Union[int, str] = 3
    z = "a"
    if isinstance(x, list):
        return torch.tensor(x)
    return x + 1
# run: tensor_or_list([1, 2], True)
# run: tensor_or_list(torch.ones(2), 3)
# graph: tensor_or_list

def containers(x: Union[int, List[int], Tuple[int, int], Dict[str, int]]) -> int:
    if isinstance(x, List[int]):
        return len(x)
    if isinstance(x, Tuple[int, int]):
        return x[0] + x[1]
    if isinstance(x, Dict[str, int]):
        return x["k"]
    return x
# run: containers(5)
# run: containers([1, 2, 3])
# run: containers((4, 5))
# run: containers({"k": 9})
# graph: containers

def static_tests(x: Union[int, str]) -> int:
    if isinstance(x, float):
        return 1
    if isinstance(x, (int, str)):
        return 2
    return 3
# run: static_tests("a")
# graph: static_tests

def tuple_of_types(x: Union[int, float, str]) -> str:
    if isinstance(x, (int, float)):
        return "number"
    return x
# run: tuple_of_types(1)
# run: tuple_of_types(1.5)
# run: tuple_of_types("s")
# graph: tuple_of_types

def union_list(x: int) -> List[Union[int, str]]:
    l: List[Union[int, str]] = [1, "a"]
    l.append(x)
    l.append("b")
    return l
# run: union_list(5)
# graph: union_list

def union_dict(t: Tensor) -> Dict[str, Union[int, Tensor]]:
    d: Dict[str, Union[int, Tensor]] = {"n": 1}
    d["t"] = t
    return d
# run: union_dict(torch.ones(2))

def pass_union(x: Union[int, str]) -> Union[int, str]:
    return x
# run: pass_union(1)
# run: pass_union("q")

def calls_union(n: int) -> int:
    a = pass_union(n)
    b = pass_union("s")
    if isinstance(a, int) and isinstance(b, str):
        return a + len(b)
    return -1
# run: calls_union(3)
# graph: calls_union

def loop_over_unions(xs: List[Union[int, str]]) -> int:
    total = 0
    for x in xs:
        if isinstance(x, int):
            total += x
        else:
            total += len(x)
    return total
# run: loop_over_unions([1, "ab", 3])
# graph: loop_over_unions

def reassigned(flag: bool) -> str:
    v: Union[int, float, str] = 1
    if flag:
        v = "text"
    else:
        v = 2.5
    if isinstance(v, str):
        return v
    return "number"
# run: reassigned(True)
# run: reassigned(False)
# graph: reassigned

def early_exit(x: Union[int, str]) -> int:
    if isinstance(x, str):
        return len(x)
    return x * 10
# run: early_exit("abcd")
# run: early_exit(2)
# graph: early_exit

def assert_member(x: Union[int, str]) -> int:
    assert isinstance(x, int)
    return x + 1
# run: assert_member(1)
# run: assert_member("no")
# ---
def unrefined(x: Union[int, str]):
# expect-error@+1: for argument 'self' but instead found type 'Union[int, str]'
    return torch.add(x, 1)
# ---
def implicit_union(x: int):
    if x > 1:
        y = 1
    else:
        y = "a"
# expect-error@+1: y is set to type int in the true branch and type str in the false branch
    return y
# ---
def bad_return(x: Union[int, str]) -> int:
# expect-error@+1: Union[int, str]
    return x
# ---
def loop_carried(n: int) -> str:
    v: Union[int, str] = 0
    for i in range(n):
        if i % 2 == 0:
            v = i
        else:
            v = "odd" + str(i)
    if isinstance(v, str):
        return v
    return "int " + str(v)
# run: loop_carried(0)
# run: loop_carried(3)
# run: loop_carried(4)
# graph: loop_carried

def while_union(n: int) -> int:
    v: Union[int, List[int]] = n
    k = 0
    while k < n:
        if isinstance(v, int):
            w: List[int] = [v, k]
            v = w
        else:
            v = v[0] + k
        k += 1
    if isinstance(v, int):
        return v
    return len(v)
# run: while_union(0)
# run: while_union(2)
# run: while_union(3)
# graph: while_union

def ternary(flag: bool, x: Union[int, str]) -> int:
    y = len(x) if isinstance(x, str) else x
    return y + 1 if flag else y
# run: ternary(True, "abc")
# run: ternary(False, 5)
# graph: ternary

def heterogeneous(a: int) -> int:
    l = [a, "b", 2.5]
    d = {"x": a, "y": "z"}
    n = 0
    for v in l:
        if isinstance(v, float):
            n += 100
        elif isinstance(v, int):
            n += v
    for k, w in d.items():
        if isinstance(w, str):
            n += len(w) * 10
    return n
# run: heterogeneous(3)
# graph: heterogeneous

def union_tensor(x: Union[Tensor, float, List[Tensor]]) -> Tensor:
    if isinstance(x, Tensor):
        return x * 2
    if isinstance(x, float):
        return torch.tensor(x)
    return torch.stack(x).sum(0)
# run: union_tensor(torch.ones(2))
# run: union_tensor(1.5)
# run: union_tensor([torch.ones(2), torch.ones(2)])
# graph: union_tensor
# ---
class Holder:
    def __init__(self, v: Union[int, str]):
        self.v = v

    def get(self) -> int:
        v = self.v
        if isinstance(v, int):
            return v
        return len(v)

def use_holder(n: int) -> int:
    return Holder(n).get() + Holder("abc").get()
# run: use_holder(4)
# ---
def literal_of_unions(n: int):
    v: Union[int, List[int]] = n
    while isinstance(v, int) and v > 0:
# expect-error@+1: variable 'v' previously had type Union[List[int], int] but is now being assigned to a value of type List[Union[List[int], int]]
        v = [v, v]
    return v
