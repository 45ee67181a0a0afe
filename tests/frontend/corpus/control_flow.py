# Control flow: if/elif/else, while, for over ranges, break, continue and early returns.

def branches(n: int) -> int:
    if n > 10:
        r = 1
    elif n > 5:
        r = 2
    else:
        r = 3
    return r
# run: branches(11)
# run: branches(7)
# run: branches(0)
# graph: branches

def early_return(x: Tensor, n: int) -> Tensor:
    if n > 2:
        return x + 1
    y = x * 2
    return y
# run: early_return(torch.ones(2), 3)
# run: early_return(torch.ones(2), 1)
# graph: early_return

def loop_sum(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s
# run: loop_sum(5)
# run: loop_sum(0)
# graph: loop_sum

def range_forms(a: int, b: int) -> List[int]:
    out: List[int] = []
    for i in range(a, b):
        out.append(i)
    for i in range(b, a, -2):
        out.append(i)
    return out
# run: range_forms(2, 7)
# graph: range_forms

def break_continue(n: int) -> int:
    s = 0
    for i in range(n):
        if i == 5:
            break
        if i % 2 == 1:
            continue
        s += i
    return s
# run: break_continue(10)
# run: break_continue(3)
# graph: break_continue

def while_loop(n: int) -> Tuple[int, int]:
    k = 0
    steps = 0
    while k < n:
        k += 3
        steps += 1
    return k, steps
# run: while_loop(10)
# graph: while_loop

def search(xs: List[int], target: int) -> int:
    i = 0
    while i < len(xs):
        if xs[i] == target:
            return i
        i += 1
    return -1
# run: search([4, 5, 6], 6)
# run: search([4, 5, 6], 7)
# graph: search

def nested(n: int) -> int:
    total = 0
    for i in range(n):
        for j in range(i):
            if j > 2:
                break
            total += i * j
    return total
# run: nested(6)
# graph: nested
