"""The PyTorch -> wick zoo for tests/serialize/torch_to_wick_test.cpp.

Builds, traces, scripts and saves each case into argv[1] as <case>.pt, with <case>.io.pt
(torch.save) holding (calls, requires_grad): calls is a list of
(method, training or None, inputs tuple, expected result) run in order on the loaded module,
and requires_grad maps parameter names to their flag. NamedTuples are stored as plain tuples.
Prints one line per case written.
"""
import collections
import enum
import os
import sys
from typing import Dict, List, NamedTuple, Optional, Tuple, Union

import torch
import torch.nn as nn
import torchvision

torch.manual_seed(0)
OUT = sys.argv[1]
CASES = []


def plain(v):
    if isinstance(v, tuple):
        return tuple(plain(x) for x in v)
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, torch.Tensor):
        return v.detach().clone()
    return v


def save(name, m, calls, extra=None):
    path = os.path.join(OUT, name + ".pt")
    torch.jit.save(m, path, _extra_files=extra or {})
    loaded = torch.jit.load(path)
    rows = []
    for method, training, inputs in calls:
        if training is not None:
            loaded.train(training)
        with torch.no_grad():
            out = getattr(loaded, method)(*inputs)
        rows.append((method, training, plain(tuple(inputs)), plain(out)))
    grads = {}
    if isinstance(m, torch.jit.ScriptModule):
        grads = {k: p.requires_grad for k, p in loaded.named_parameters()}
    torch.save((rows, grads), os.path.join(OUT, name + ".io.pt"))
    CASES.append(name)


def r(*shape):
    return torch.randn(*shape)


# ---- traced functions ----
def fn_tensor(x, y):
    return torch.relu(x) + y * 2


def fn_tuple(x, y):
    return x + y, [x * 2, y.sin()], x.sum()


def fn_list(x, y):
    return [x, y * 3]


def fn_dict(x, y):
    return {"plus": x + y, "times": x * y}


def fn_shapes(x):
    n = x.size(0)
    return x.view(n, -1) * n


CAPTURED = torch.tensor([0.5, -1.0, 2.0])


def fn_const(x):
    return x * CAPTURED + torch.arange(3.0)


def fn_versions(x):
    return torch.nn.functional.gelu(x / 2) + torch.full([3], 1.5)


x3, y3 = r(3), r(3)
save("t_fn_tensor", torch.jit.trace(fn_tensor, (x3, y3)), [("forward", None, (r(3), r(3)))])
save("t_fn_tuple", torch.jit.trace(fn_tuple, (x3, y3)), [("forward", None, (r(3), r(3)))])
save("t_fn_list", torch.jit.trace(fn_list, (x3, y3)), [("forward", None, (r(3), r(3)))])
save("t_fn_dict", torch.jit.trace(fn_dict, (x3, y3), strict=False),
     [("forward", None, (r(3), r(3)))])
save("t_fn_shapes", torch.jit.trace(fn_shapes, (r(4, 2, 3),)), [("forward", None, (r(5, 2, 3),))])
save("t_fn_const", torch.jit.trace(fn_const, (x3,)), [("forward", None, (r(3),))])
save("t_fn_versions", torch.jit.trace(fn_versions, (x3,)), [("forward", None, (r(3),))])


# ---- traced modules ----
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(2)
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 5))

    def forward(self, x):
        return self.head(self.pool(torch.relu(self.bn(self.conv(x)))))


def traced(name, module, example, calls, train=False, check=True):
    module.train(train)
    t = torch.jit.trace(module, example, check_trace=check)
    save(name, t, calls)


traced("t_mlp", MLP(), (r(3, 4),), [("forward", None, (r(5, 4),))])
cnn = CNN()
with torch.no_grad():
    cnn.bn.running_mean.uniform_(-0.5, 0.5)
    cnn.bn.running_var.uniform_(0.5, 2.0)
traced("t_cnn_bn", cnn, (r(2, 3, 8, 8),), [("forward", None, (r(2, 3, 8, 8),))])
traced("t_lstm", nn.LSTM(6, 8, num_layers=2, batch_first=True), (r(2, 5, 6),),
       [("forward", None, (r(2, 5, 6),))])
traced("t_gru", nn.GRU(6, 8, batch_first=True), (r(2, 5, 6),), [("forward", None, (r(2, 5, 6),))])
# The re-trace of check_trace takes the fused inference path, so the graphs differ.
traced("t_transformer", nn.TransformerEncoderLayer(16, 2, dim_feedforward=32, batch_first=True),
       (r(2, 5, 16),), [("forward", None, (r(2, 5, 16),))], check=False)
traced("t_resnet18", torchvision.models.resnet18(), (r(1, 3, 64, 64),),
       [("forward", None, (r(1, 3, 64, 64),))])
traced("t_mobilenet_v2", torchvision.models.mobilenet_v2(), (r(1, 3, 64, 64),),
       [("forward", None, (r(1, 3, 64, 64),))])


# ---- scripted ----
@torch.jit.script
def s_control(x: torch.Tensor, n: int):
    y = x
    for i in range(n):
        if bool(y.sum() > 10):
            break
        y = y * 2
    k = 0
    while k < 3:
        k += 1
        y = y + k
    l: List[int] = []
    for v in [1, 2]:
        l.append(v)
    o: Optional[int] = None
    if n > 2:
        o = n
    if o is not None:
        y = y + o
    if n > 100:
        raise ValueError("big")
    return y, l[0], y.size(), float(n), str(n), [y, x], {"a": 1}


save("s_fn_control", s_control, [("forward", None, (r(3), 2)), ("forward", None, (r(3), 5))])


class Pt(NamedTuple):
    a: torch.Tensor
    b: int


@torch.jit.script
def s_types(i: int, f: float, s: str, b: bool, o: Optional[int], ts: List[torch.Tensor],
            d: Dict[str, torch.Tensor]) -> Pt:
    total = ts[0] * f
    for k in sorted(d.keys()):
        total = total + d[k]
    if b and o is not None:
        i = i + o
    return Pt(total, i + len(s))


save("s_fn_types", s_types,
     [("forward", None, (2, 0.5, "abc", True, 4, [r(2)], {"u": r(2), "v": r(2)})),
      ("forward", None, (1, 2.0, "", False, None, [r(2)], {}))])


@torch.jit.script
def s_union(x: Union[int, str, List[int]], o: Optional[Union[float, torch.Tensor]]) -> Tuple[Union[int, str], List[Union[int, str]]]:
    out: List[Union[int, str]] = [1, "a"]
    r: Union[int, str] = 0
    if isinstance(x, int):
        r = x * 2
    elif isinstance(x, str):
        r = x + "!"
    else:
        for v in x:
            out.append(v)
    if o is not None:
        if isinstance(o, float):
            out.append(str(o))
        else:
            out.append(int(o.sum().item()))
    return r, out


class Getter(nn.Module):
    """Scripts OrderedDict() as torch.dict() (torchvision's IntermediateLayerGetter) and an
    OrderedDict of pairs as torch.dict(pairs) (torchvision's FeaturePyramidNetwork)."""

    def forward(self, x: torch.Tensor) -> Dict[str, torch.Tensor]:
        out = collections.OrderedDict()
        out["a"] = x + 1
        out["b"] = x * 2
        # OrderedDict of pairs scripts as torch.dict(list), as torchvision's FPN saves.
        names = ["c", "d", "c"]
        pairs = collections.OrderedDict([(k, v) for k, v in zip(names, [x, x - 1, x * 3])])
        for k, v in pairs.items():
            out[k] = v
        return out


save("s_ordered_dict", torch.jit.script(Getter()), [("forward", None, (r(3),))])


save("s_fn_union", s_union,
     [("forward", None, (3, 2.5)), ("forward", None, ("ab", None)),
      ("forward", None, ([4, 5], torch.ones(3)))])


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 4


class Unit(enum.Enum):
    CM = "cm"
    M = "m"


class Ratio(enum.Enum):
    HALF = 0.5
    TWICE = 2.0


class Painter(nn.Module):
    """Enum classes: members held as attributes (pickled as the class called on the value),
    a List of them, members as constants, .name/.value of int, str and float enums, ==/!=,
    iteration over the class, and enums through a helper method's signature."""

    def __init__(self):
        super().__init__()
        self.color = Color.GREEN
        self.palette = [Color.RED, Color.GREEN, Color.BLUE]
        self.unit = Unit.M
        self.ratio = Ratio.TWICE

    def weight(self, c: Color, r: Ratio) -> float:
        if c != Color.RED:
            return c.value * r.value
        return r.value

    def forward(self, x: torch.Tensor, k: int) -> Tuple[torch.Tensor, str, List[int]]:
        c = self.palette[k]
        if c == self.color:
            x = x * 2
        seen: List[int] = []
        for e in Color:
            seen.append(e.value)
        return x * self.weight(c, self.ratio), c.name + "/" + self.unit.value, seen


save("s_enums", torch.jit.script(Painter()),
     [("forward", None, (r(3), 0)), ("forward", None, (r(3), 1)),
      ("forward", None, (r(2), 2))])


class Detect(nn.Module):
    """torchvision's detection operators as scripted detection models call them
    (ops.torchvision.nms / roi_align in the archive code), through torchvision.ops."""

    def __init__(self):
        super().__init__()
        self.pool = torchvision.ops.MultiScaleRoIAlign(["a", "b"], 3, 2)

    def forward(self, feats: Dict[str, torch.Tensor], boxes: torch.Tensor, scores: torch.Tensor,
                labels: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor,
                                               torch.Tensor]:
        keep = torchvision.ops.nms(boxes, scores, 0.5)
        per_class = torchvision.ops.batched_nms(boxes, scores, labels, 0.3)
        rois = torchvision.ops.roi_align(feats["a"], [boxes[:3], boxes[3:5]], [2, 2], 0.5, 2,
                                         aligned=True)
        pooled = self.pool(feats, [boxes[:4], boxes[4:]], [(64, 64), (64, 64)])
        return keep, per_class, rois, pooled


def det_inputs(seed):
    g = torch.Generator().manual_seed(seed)
    xy = torch.rand(10, 2, generator=g) * 40
    wh = torch.rand(10, 2, generator=g) * 20 + 1
    boxes = torch.cat([xy, xy + wh], 1)
    feats = {"a": torch.randn(2, 3, 16, 16, generator=g), "b": torch.randn(2, 3, 8, 8, generator=g)}
    return (feats, boxes, torch.rand(10, generator=g), torch.randint(0, 3, (10,), generator=g))


save("s_detection_ops", torch.jit.script(Detect()),
     [("forward", None, det_inputs(1)), ("forward", None, det_inputs(2))])

# A whole scripted detection model with random weights: its class scores are all but equal,
# so which boxes survive depends on the order sort, topk and nms give equal values.
save("s_ssdlite", torch.jit.script(torchvision.models.detection.ssdlite320_mobilenet_v3_large(
    weights=None, weights_backbone=None).eval()),
     [("forward", None, ([torch.rand(3, 200, 240)],))])


class Methods(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(3, 3)
        self.register_buffer("offset", torch.arange(3.0))
        self.count: int = 2
        self.factor: float = 1.5
        self.tag: str = "wick"
        self.flag: bool = True
        self.sizes: List[int] = [1, 2, 3]
        self.table: Dict[str, int] = {"a": 1, "b": 2}
        self.maybe: Optional[torch.Tensor] = None
        self.frozen = nn.Parameter(torch.ones(3), requires_grad=False)

    def helper(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.factor + self.offset

    @torch.jit.export
    def scale(self, x: torch.Tensor, k: float) -> Tuple[torch.Tensor, str]:
        return x * k, self.tag + "!"

    @torch.jit.export
    def describe(self) -> Dict[str, int]:
        out: Dict[str, int] = {}
        for key, v in self.table.items():
            out[key] = v * self.count
        out["n"] = len(self.sizes)
        return out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.helper(self.lin(x)) + self.frozen
        if self.flag:
            y = y.relu()
        if self.maybe is not None:
            y = y + self.maybe
        return y


methods = torch.jit.script(Methods())
save("s_module_methods", methods,
     [("forward", None, (r(2, 3),)), ("scale", None, (r(3), 3.0)), ("describe", None, ())])


class Storages(nn.Module):
    def __init__(self):
        super().__init__()
        base = torch.arange(30.0)
        self.register_buffer("base", base)
        self.register_buffer("t_view", base[:24].view(4, 6).t())
        self.register_buffer("tail", base[20:26])
        self.w = nn.Parameter(torch.randn(4, 4)[:, 1:3])

    def forward(self, x: torch.Tensor):
        return self.t_view.sum(1) + x, self.tail * 2, self.w.sum()


save("s_storages", torch.jit.script(Storages()), [("forward", None, (r(6),))])


class DTypes(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("h", torch.randn(4).half())
        self.register_buffer("i", torch.tensor([1, -2, 3, 4], dtype=torch.int32))
        self.register_buffer("l", torch.tensor([7, 8, 9, 10]))
        self.register_buffer("b", torch.tensor([True, False, True, False]))
        self.register_buffer("u", torch.tensor([1, 2, 250, 0], dtype=torch.uint8))

    def forward(self, x: torch.Tensor):
        return self.h.float() + x, self.i * 2, self.l + 1, self.b, self.u

save("s_dtypes", torch.jit.script(DTypes()), [("forward", None, (r(4),))],
     extra={"meta.txt": b"hello wick", "dir/config.json": b'{"a": 1}'})


# ---- scripted recurrent and transformer modules (PyTorch's own scripted code) ----
# Scripted nn.LSTM / nn.GRU have no `forward`: forward__0 takes a padded tensor and
# forward__1 a PackedSequence (stored as a plain tuple: data, batch_sizes, sorted_indices,
# unsorted_indices), running aten::lstm.data / gru.data.
def packed(lengths, batch_first=False, enforce_sorted=False):
    x = r(len(lengths), max(lengths), 5) if batch_first else r(max(lengths), len(lengths), 5)
    return nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths), batch_first=batch_first,
                                             enforce_sorted=enforce_sorted)


lstm = nn.LSTM(5, 6, num_layers=2, bidirectional=True, batch_first=True).eval()
save("s_lstm", torch.jit.script(lstm),
     [("forward__0", None, (r(3, 4, 5), None)),
      ("forward__0", None, (r(3, 4, 5), (r(4, 3, 6), r(4, 3, 6)))),
      ("forward__1", None, (packed([2, 4, 1], True), (r(4, 3, 6), r(4, 3, 6)))),
      ("forward__1", None, (packed([3, 3, 1], True, enforce_sorted=True), None))])
gru = nn.GRU(5, 6, num_layers=2).eval()
save("s_gru", torch.jit.script(gru),
     [("forward__0", None, (r(4, 3, 5), r(2, 3, 6))),
      ("forward__1", None, (packed([1, 4, 2, 4]), r(2, 4, 6))),
      ("forward__1", None, (packed([2, 3]), None))])

# In eval mode with no parameter requiring grad, the encoder takes its fast path whatever the
# grad mode: _transformer_encoder_layer_fwd per layer, and with a key padding mask the nested
# path (_nested_tensor_from_mask ... to_padded_tensor, which cuts the sequence to the longest).
encoder = nn.TransformerEncoder(
    nn.TransformerEncoderLayer(16, 4, dim_feedforward=32, batch_first=True), num_layers=2,
    norm=nn.LayerNorm(16)).eval()
encoder.requires_grad_(False)


def key_padding(lengths, padded):
    return torch.tensor([[j >= n for j in range(padded)] for n in lengths])


save("s_transformer_encoder", torch.jit.script(encoder),
     [("forward", None, (r(3, 5, 16),)),
      ("forward", None, (r(3, 5, 16), None, key_padding([5, 2, 3], 5))),
      ("forward", None, (r(3, 6, 16), None, key_padding([4, 1, 2], 6))),
      ("forward", None, (r(2, 4, 16), None, key_padding([2, 4], 4)))])


# nn modules whose scripted code calls embedding_bag, im2col/col2im, rrelu and ctc_loss.
class Extras(nn.Module):
    def __init__(self):
        super().__init__()
        self.bag_max = nn.EmbeddingBag(10, 3, mode="max")
        self.bag_mean = nn.EmbeddingBag(10, 3, mode="mean", padding_idx=2)
        self.bag_sum = nn.EmbeddingBag(10, 3, mode="sum")
        self.unfold = nn.Unfold(2, padding=1, stride=2)
        self.fold = nn.Fold((4, 5), 2, padding=1, stride=2)
        self.rrelu = nn.RReLU(0.1, 0.3)
        self.ctc = nn.CTCLoss(zero_infinity=True)

    def forward(self, idx, offsets, weights, img, lp, targets, il, tl):
        a = self.bag_max(idx, offsets)
        b = self.bag_mean(idx.view(2, -1))
        c = self.bag_sum(idx, offsets, weights)
        cols = self.unfold(img)
        return a, b, c, cols, self.fold(cols), self.rrelu(img), self.ctc(lp, targets, il, tl)


lp = r(8, 2, 5).log_softmax(2)
save("s_nn_extras", torch.jit.script(Extras().eval()),
     [("forward", None, (torch.tensor([1, 2, 4, 5, 4, 3, 2, 9]), torch.tensor([0, 3, 3]), r(8),
                         r(1, 3, 4, 5), lp, torch.tensor([[1, 2, 2], [3, 4, 0]]),
                         torch.tensor([8, 6]), torch.tensor([3, 2])))])


# ... and hardshrink/softshrink, the multi-class margin losses, fractional max pooling (fixed
# samples), unsqueeze_/squeeze_ (F.dropout1d on unbatched input) and _infer_size (BCELoss
# with a weight).
class Extras2(nn.Module):
    def __init__(self):
        super().__init__()
        self.hard = nn.Hardshrink(0.3)
        self.soft = nn.Softshrink(0.3)
        self.mm = nn.MultiMarginLoss(p=2, margin=0.5, weight=torch.rand(4))
        self.mlm = nn.MultiLabelMarginLoss(reduction="none")
        self.fmp = nn.FractionalMaxPool2d(2, output_size=(3, 4), _random_samples=torch.rand(1, 2, 2))
        self.fmp3 = nn.FractionalMaxPool3d(2, output_ratio=0.5, _random_samples=torch.rand(1, 2, 3))
        self.drop = nn.Dropout1d(inplace=True)
        self.bce = nn.BCELoss(weight=torch.rand(3))

    def forward(self, x, target, labels, img, vol, seq, probs, y):
        return (self.hard(x), self.soft(x), self.mm(x, target), self.mlm(x, labels),
                self.fmp(img), self.fmp3(vol), self.drop(seq), self.bce(probs, y))


save("s_nn_extras2", torch.jit.script(Extras2().eval()),
     [("forward", None, (r(3, 4), torch.tensor([0, 3, 1]), torch.tensor([[0, 3, -1, 1], [2, -1, 0, 0], [1, 2, 3, 0]]),
                         r(1, 2, 6, 7), r(1, 2, 6, 6, 8), r(2, 5), torch.rand(2, 3), torch.rand(2, 3)))])

print("\n".join(CASES))
