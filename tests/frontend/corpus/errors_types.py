# Type errors: each chunk fails to compile with the message at the annotated line.

def f(x: Tensor) -> Tensor:
    # expect-error@+1: undefined value y
    return y
# ---
def f(x: Tensor) -> Tensor:
    # expect-error@+1: arguments for call are not valid
    return torch.add(x, "a")
# ---
def f(x: int) -> str:
    # expect-error@+1: return value was annotated as having type str but is actually of type int
    return x
# ---
def f(x: int):
    if x > 1:
        return 1
    # expect-error@+1: previous return statement returned a value of type int but this return statement returns a value of type str
    return "a"
# ---
def f(x: int) -> int:
    y = 1
    if x > 0:
        # expect-error@+1: variable 'y' previously had type int but is now being assigned to a value of type str
        y = "s"
    return y
# ---
def f(x: int) -> int:
    # expect-error@+1: SyntaxError: 'break' outside loop
    break
# ---
def f(x: Tensor) -> Tensor:
    # expect-error@+1: 'Tensor' object has no attribute or method 'foo'
    return x.foo()
# ---
def f(x: int) -> int:
    # expect-error@+1: cannot call a value of type 'int'
    return x(1)
# ---
def f(x: int) -> int:
    if x > 0:
        y = 1
    # expect-error@+1: y is not defined in the false branch
    return y
# ---
def f(t: Tuple[int, int, int]) -> int:
    # expect-error@+1: too many values to unpack: need 2 but found 3
    a, b = t
    return a
# ---
# expect-error@+1: unknown type name 'Foo'
def f(x: Foo) -> int:
    return 1
# ---
def f(t: Tuple[int, int]) -> int:
    # expect-error@+1: tuple index out of range: tuple is length 2 and index is 2
    return t[2]
# ---
def f(x: int) -> List[int]:
    # expect-error@+1: List type annotation `List[int]` did not match the types of the given list elements, which were unified to Union[int, str]
    return [1, "a"]
# ---
def f(x: int) -> int:
    # expect-error@+1: if-expression's true branch has type int but false branch has type str
    return 1 if x > 0 else "a"
# ---
# expect-error@+1: function was not annotated as having type None, but does not return along all paths
def f(x: int) -> int:
    if x > 0:
        return 1
# ---
def g(x: int, y: int) -> int:
    return x + y

def f(x: int) -> int:
    # expect-error@+1: argument y not provided
    return g(x)
# ---
def g(x: int) -> int:
    return x

def f(x: int) -> int:
    # expect-error@+1: keyword argument z unknown
    return g(x, z=1)
# ---
def f(x: int) -> int:
    # expect-error@+1: recursive calls are not supported: 'f' calls itself
    return f(x - 1)
# ---
def f(x: Optional[int]) -> int:
    # expect-error@+1: arguments for call are not valid
    return x + 1
# ---
def f(x: List[int]) -> int:
    s = 0
    for a, b in x:
        s += a
    # expect-error@-2: cannot be used as a tuple
    return s
# ---
def g(x: int) -> int:
    return x

def f(s: str) -> int:
    # expect-error@+1: expected a value of type 'int' for argument 'x' but instead found type 'str'
    return g(s)
# ---
def f(x: Tensor) -> Tensor:
    # expect-error@+1: aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor
    return torch.add(x, "a")
# ---
def f(x: Tensor) -> Tensor:
    # expect-error@+1: expected a value of type 'Tensor' for argument 'other' but instead found type 'str'
    return torch.add(x, "a")
# ---
def f(x: int) -> int:
    # expect-error@+1: variable 'y' is annotated with type List[int] but is being assigned to a value of type int
    y: List[int] = x
    return x
# ---
def f(x: int):
    if x > 0:
        return x
    else:
        # expect-error@+1: previous return statement returned a value of type int but this return statement returns a value of type Tensor
        return torch.zeros(1)
# ---
def f(x: List[int]) -> int:
    # expect-error@+1: 'List[int]' object has no attribute or method 'nope'
    return x.nope()
# ---
def f(x: Tensor) -> int:
    # expect-error@+1: Expected type hint for result of tolist()
    y = x.tolist()
    return 0
# ---
def f(x: Tensor) -> int:
    # expect-error@+1: str is not one of the supported element types for tolist: int, float, complex, bool
    y = torch.jit.annotate(List[str], x.tolist())
    return len(y)
# ---
def f(x: float) -> List[float]:
    # expect-error@+1: List type annotation `List[float]` did not match the types of the given list elements, which were unified to Union[float, int]
    return [x, 1]
