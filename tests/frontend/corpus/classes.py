# TorchScript classes: attributes declared by assignments in __init__, methods calling each
# other through self, objects as arguments and results.

class Counter:
    def __init__(self, start: int):
        self.count = start
        self.history: List[int] = []

    def bump(self, by: int) -> int:
        self.history.append(self.count)
        self.count += by
        return self.count

    def total(self) -> int:
        return self.count + len(self.history)

def use_counter(n: int) -> Tuple[int, int, List[int]]:
    c = Counter(n)
    c.bump(2)
    c.bump(3)
    return c.count, c.total(), c.history
# run: use_counter(10)
# graph: use_counter

def pass_object(c: Counter) -> int:
    return c.bump(1) * 2
# run: pass_object(Counter(4))
