# `with` statements: objects whose classes define __enter__ and __exit__ (the `as` target is
# __enter__'s result), several items, nesting, torch.no_grad(), and exits (return, break,
# continue) from inside the body, which still run __exit__.

class Recorder:
    def __init__(self):
        self.events: List[str] = []
        self.depth = 0

    def __enter__(self) -> int:
        self.depth += 1
        self.events.append("enter " + str(self.depth))
        return self.depth

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        self.events.append("exit " + str(self.depth))
        self.depth -= 1

def nested(x: int) -> Tuple[List[str], int]:
    r = Recorder()
    with r as d:
        r.events.append("body " + str(d))
        with r as e:
            x = x + e * 10
        r.events.append("between")
    return r.events, x
# run: nested(1)

def two_items(x: int) -> Tuple[List[str], List[str], int]:
    a = Recorder()
    b = Recorder()
    with a as i, b:
        x += i
    return a.events, b.events, x
# run: two_items(5)

def returns_inside(r: Recorder, flag: bool) -> int:
    y = 1
    with r:
        if flag:
            return 100
        y = 2
    return y + 10

def early_return(flag: bool) -> Tuple[int, List[str]]:
    r = Recorder()
    result = returns_inside(r, flag)
    return result, r.events
# run: early_return(True)
# run: early_return(False)

def always_returns(r: Recorder, x: int) -> int:
    with r as d:
        return x * d

def always(x: int) -> Tuple[int, List[str]]:
    r = Recorder()
    return always_returns(r, x), r.events
# run: always(7)

def empty_body(x: int) -> List[str]:
    r = Recorder()
    with r:
        pass
    return r.events
# run: empty_body(0)
# ---
# torch.no_grad() switches grad mode inside its body only.
def no_grad_mode(x: Tensor) -> Tuple[bool, bool, bool, Tensor]:
    before = torch.is_grad_enabled()
    with torch.no_grad():
        inside = torch.is_grad_enabled()
        y = x * 2
    return before, inside, torch.is_grad_enabled(), y
# run: no_grad_mode(torch.ones([2]))
# graph: no_grad_mode
# oracle: python
# ---
def f(x: int) -> int:
    # expect-error@+1: With item expression must return an object
    with x:
        pass
    return x
# ---
class NoExit:
    def __init__(self):
        self.n = 0

    def __enter__(self) -> int:
        return 1

def f(x: int) -> int:
    # expect-error@+1: Object returned by with item expression does not define __enter__ and __exit__ methods
    with NoExit():
        pass
    return x
# ---
class BadExit:
    def __init__(self):
        self.n = 0

    def __enter__(self) -> int:
        return 1

    def __exit__(self, exc_type: int, exc_value: Any, traceback: Any) -> None:
        pass

def f(x: int) -> int:
    # expect-error@+1: argument 1 of __exit__ must have Any type; found int
    with BadExit():
        pass
    return x
