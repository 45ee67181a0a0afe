"""PyTorch 1.13 reference results for tests/nn (wick's nn layers).

Usage: nn_oracle.py OUT_DIR

For every case of CASES it builds the PyTorch module (seeded), draws inputs, and writes under
OUT_DIR/<case>/: the state_dict (state/<key>.npy, keys in state_dict order), the inputs, the
outputs in train mode (when deterministic) and in eval mode, the state after the train calls
(BatchNorm running statistics), repr.txt and the aten ops of the traced graph. OUT_DIR/manifest
describes them, one case per block:

    case NAME train=0|1 nograd=0|1 rtol=R atol=A calls=N trace=0|1
    arg CALL KIND ... (per argument of each call: t FILE | b 0|1 | n | tt FILE FILE ...)
    key STATE_KEY     (state_dict order)
    end

It also writes errors.txt (load_state_dict messages), init.txt (initialisation statistics)
and gains.txt (nn.init.calculate_gain values).
"""
import os
import sys
import warnings

import numpy as np
import torch
import torch.nn as nn

warnings.filterwarnings("ignore")
torch.set_num_threads(1)
OUT = sys.argv[1]
SKIP_KINDS = {"prim::Constant", "prim::GetAttr", "prim::ListConstruct", "prim::TupleConstruct",
              "prim::TupleUnpack", "prim::ListUnpack", "prim::NumToTensor", "aten::size",
              "aten::Int", "prim::CallMethod"}


def randn(*s):
    return torch.randn(*s)


class Net(nn.Module):
    """The small CNN of the end-to-end test (same structure as the C++ NetImpl)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu = nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.features = nn.Sequential(nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.BatchNorm2d(16),
                                      nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d(1))
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.pool(self.relu(self.bn1(self.conv1(x))))
        x = self.features(x)
        return self.fc(torch.flatten(x, 1))


class TinyTransformer(nn.Module):
    """The small transformer of the end-to-end test (same structure as the C++ one)."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(20, 16, padding_idx=0)
        layer = nn.TransformerEncoderLayer(16, 4, 32, dropout=0.0, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(16))
        self.head = nn.Linear(16, 5)

    def forward(self, tokens):
        return self.head(self.encoder(self.embed(tokens)))


def T(t):
    return ("t", t)


def case(name, make, calls, train=True, nograd=False, rtol=1e-4, atol=1e-5, trace=True):
    return dict(name=name, make=make, calls=calls, train=train, nograd=nograd, rtol=rtol,
                atol=atol, trace=trace)


def acts():
    x = lambda: [[T(randn(4, 6) * 3)]]
    return [
        case("relu", nn.ReLU, x()), case("relu_inplace", lambda: nn.ReLU(True), x()),
        case("relu6", nn.ReLU6, x()), case("leaky_relu", lambda: nn.LeakyReLU(0.2), x()),
        case("elu", lambda: nn.ELU(0.5), x()), case("gelu", nn.GELU, x()),
        case("gelu_tanh", lambda: nn.GELU("tanh"), x()), case("silu", nn.SiLU, x()),
        case("mish", nn.Mish, x()), case("sigmoid", nn.Sigmoid, x()), case("tanh", nn.Tanh, x()),
        case("softmax", lambda: nn.Softmax(1), x()),
        case("log_softmax", lambda: nn.LogSoftmax(-1), x()),
        case("hardswish", nn.Hardswish, x()), case("hardsigmoid", nn.Hardsigmoid, x()),
        case("hardtanh", lambda: nn.Hardtanh(-2, 2.5), x()),
        case("softplus", lambda: nn.Softplus(2, 10), x()),
    ]


def linear_conv():
    return [
        case("linear", lambda: nn.Linear(10, 5), [[T(randn(4, 10))]]),
        case("linear_nobias", lambda: nn.Linear(10, 5, bias=False), [[T(randn(3, 2, 10))]]),
        case("bilinear", lambda: nn.Bilinear(4, 3, 5), [[T(randn(6, 4)), T(randn(6, 3))]]),
        case("identity", nn.Identity, [[T(randn(3, 4))]]),
        case("flatten", nn.Flatten, [[T(randn(2, 3, 4, 5))]]),
        case("flatten_range", lambda: nn.Flatten(0, 2), [[T(randn(2, 3, 4, 5))]]),
        case("unflatten", lambda: nn.Unflatten(1, (2, 3)), [[T(randn(4, 6, 5))]]),
        case("conv1d", lambda: nn.Conv1d(3, 4, 3, stride=2, padding=1), [[T(randn(2, 3, 9))]]),
        case("conv1d_unbatched", lambda: nn.Conv1d(3, 4, 3), [[T(randn(3, 9))]]),
        case("conv2d", lambda: nn.Conv2d(3, 6, 3, stride=2, padding=1, groups=3),
             [[T(randn(2, 3, 8, 8))]]),
        case("conv2d_same", lambda: nn.Conv2d(3, 4, (3, 4), padding="same", dilation=(1, 2),
                                              bias=False), [[T(randn(2, 3, 7, 9))]]),
        case("conv2d_reflect", lambda: nn.Conv2d(3, 4, 3, padding=(1, 2), padding_mode="reflect"),
             [[T(randn(2, 3, 6, 7))]]),
        case("conv2d_replicate", lambda: nn.Conv2d(3, 4, 3, padding=1, padding_mode="replicate"),
             [[T(randn(2, 3, 6, 7))]]),
        case("conv2d_circular", lambda: nn.Conv2d(3, 4, 3, padding=2, padding_mode="circular"),
             [[T(randn(2, 3, 6, 7))]]),
        case("conv2d_same_reflect", lambda: nn.Conv2d(2, 2, 4, padding="same",
                                                      padding_mode="reflect"),
             [[T(randn(1, 2, 6, 6))]]),
        case("conv_transpose2d", lambda: nn.ConvTranspose2d(4, 3, 3, stride=2, padding=1,
                                                            output_padding=1),
             [[T(randn(2, 4, 5, 5))]]),
        case("conv_transpose2d_groups", lambda: nn.ConvTranspose2d(4, 6, 3, groups=2, dilation=2),
             [[T(randn(2, 4, 5, 5))]]),
        case("conv_transpose1d", lambda: nn.ConvTranspose1d(3, 2, 4, stride=2),
             [[T(randn(2, 3, 6))]]),
    ]


def norms():
    return [
        case("batchnorm1d", lambda: nn.BatchNorm1d(4), [[T(randn(8, 4))], [T(randn(8, 4) * 2)]]),
        case("batchnorm1d_3d", lambda: nn.BatchNorm1d(3), [[T(randn(4, 3, 5))]]),
        case("batchnorm2d", lambda: nn.BatchNorm2d(3, eps=1e-3, momentum=0.3),
             [[T(randn(4, 3, 5, 5))], [T(randn(4, 3, 5, 5) + 1)]]),
        case("batchnorm2d_cma", lambda: nn.BatchNorm2d(3, momentum=None),
             [[T(randn(2, 3, 4, 4))], [T(randn(2, 3, 4, 4) * 3)], [T(randn(2, 3, 4, 4) - 1)]]),
        case("batchnorm2d_untracked", lambda: nn.BatchNorm2d(3, affine=False,
                                                             track_running_stats=False),
             [[T(randn(2, 3, 4, 4))]]),
        case("layernorm", lambda: nn.LayerNorm(8), [[T(randn(2, 3, 8))]]),
        case("layernorm_2d", lambda: nn.LayerNorm([3, 8], elementwise_affine=False, eps=1e-3),
             [[T(randn(2, 3, 8))]]),
        case("groupnorm", lambda: nn.GroupNorm(2, 4), [[T(randn(3, 4, 5, 5))]]),
        case("dropout", lambda: nn.Dropout(0.3), [[T(randn(4, 5))]], train=False),
        case("dropout2d", lambda: nn.Dropout2d(0.3), [[T(randn(2, 3, 4, 4))]], train=False),
        case("embedding", lambda: nn.Embedding(10, 4, padding_idx=0),
             [[T(torch.tensor([[1, 2, 0, 9], [3, 3, 0, 1]]))]]),
        case("embedding_negative_padding", lambda: nn.Embedding(10, 4, padding_idx=-2),
             [[T(torch.tensor([8, 2, 0]))]]),
    ]


def pools():
    return [
        case("maxpool1d", lambda: nn.MaxPool1d(3, stride=2, padding=1), [[T(randn(2, 3, 10))]]),
        case("maxpool2d", lambda: nn.MaxPool2d(2), [[T(randn(2, 3, 8, 8))]]),
        case("maxpool2d_ceil", lambda: nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True),
             [[T(randn(2, 3, 8, 7))]]),
        case("avgpool2d", lambda: nn.AvgPool2d(2), [[T(randn(2, 3, 8, 8))]]),
        case("avgpool2d_pad", lambda: nn.AvgPool2d(3, stride=2, padding=1,
                                                   count_include_pad=False),
             [[T(randn(2, 3, 7, 8))]]),
        case("adaptive_avgpool1d", lambda: nn.AdaptiveAvgPool1d(3), [[T(randn(2, 3, 10))]]),
        case("adaptive_avgpool2d", lambda: nn.AdaptiveAvgPool2d((2, 3)), [[T(randn(2, 3, 7, 8))]]),
        case("adaptive_avgpool2d_none", lambda: nn.AdaptiveAvgPool2d((None, 2)),
             [[T(randn(2, 3, 5, 8))]]),
        case("upsample_nearest", lambda: nn.Upsample(scale_factor=2), [[T(randn(1, 2, 3, 4))]]),
        case("upsample_nearest_size", lambda: nn.Upsample(size=(5, 7)), [[T(randn(1, 2, 3, 4))]]),
        case("upsample_nearest1d", lambda: nn.Upsample(scale_factor=3), [[T(randn(2, 2, 4))]]),
        case("upsample_bilinear", lambda: nn.Upsample(scale_factor=1.5, mode="bilinear"),
             [[T(randn(1, 2, 4, 4))]]),
        case("upsample_bilinear_corners", lambda: nn.Upsample(size=(5, 6), mode="bilinear",
                                                              align_corners=True),
             [[T(randn(1, 2, 3, 4))]]),
    ]


def recurrent():
    x = randn(6, 3, 4)
    return [
        case("rnn_tanh", lambda: nn.RNN(4, 5, num_layers=2), [[T(x)]]),
        case("rnn_relu_bidir", lambda: nn.RNN(4, 5, nonlinearity="relu", bidirectional=True,
                                              batch_first=True),
             [[T(randn(3, 6, 4)), T(randn(2, 3, 5))]]),
        case("lstm", lambda: nn.LSTM(4, 5, num_layers=2, bidirectional=True),
             [[T(x), ("tt", (randn(4, 3, 5), randn(4, 3, 5)))]]),
        case("lstm_batch_first", lambda: nn.LSTM(4, 5, batch_first=True), [[T(randn(3, 6, 4))]]),
        case("lstm_proj", lambda: nn.LSTM(4, 6, proj_size=3), [[T(x)]]),
        case("lstm_unbatched", lambda: nn.LSTM(4, 5), [[T(randn(7, 4))]]),
        case("gru", lambda: nn.GRU(4, 5, num_layers=2, batch_first=True),
             [[T(randn(3, 6, 4)), T(randn(2, 3, 5))]]),
        case("gru_nobias", lambda: nn.GRU(4, 5, bias=False), [[T(x)]]),
    ]


def attention():
    q, k, v = randn(3, 2, 8), randn(4, 2, 8), randn(4, 2, 8)
    kpm = torch.tensor([[False, False, False, True], [False, True, False, False]])
    am = torch.tensor([[0.0, -1.0, 0.5, 0.0], [0.0, 0.0, 0.0, -2.0], [1.0, 0.0, 0.0, 0.0]])
    s = randn(2, 5, 8)
    skpm = torch.tensor([[False, False, False, True, True], [False, False, False, False, True]])
    tel = lambda **kw: (lambda: nn.TransformerEncoderLayer(8, 2, 16, **kw))
    return [
        case("mha", lambda: nn.MultiheadAttention(8, 2), [[T(q), T(k), T(v)]]),
        case("mha_masks", lambda: nn.MultiheadAttention(8, 2),
             [[T(q), T(k), T(v), T(kpm), ("b", True), T(am), ("b", False)]], trace=False),
        case("mha_bool_mask_no_weights", lambda: nn.MultiheadAttention(8, 4),
             [[T(q), T(k), T(v), ("n",), ("b", False), T(am < 0)]], trace=False),
        case("mha_bias_kv_zero_attn", lambda: nn.MultiheadAttention(8, 2, add_bias_kv=True,
                                                                    add_zero_attn=True),
             [[T(q), T(k), T(v)]]),
        case("mha_kdim_vdim", lambda: nn.MultiheadAttention(8, 2, kdim=3, vdim=5),
             [[T(q), T(randn(4, 2, 3)), T(randn(4, 2, 5))]]),
        case("mha_batch_first", lambda: nn.MultiheadAttention(8, 2, batch_first=True),
             [[T(s), T(s), T(s)]]),
        case("mha_unbatched", lambda: nn.MultiheadAttention(8, 2), [[T(randn(3, 8)),
                                                                    T(randn(4, 8)),
                                                                    T(randn(4, 8))]]),
        case("mha_fused", lambda: nn.MultiheadAttention(8, 2, batch_first=True),
             [[T(s), T(s), T(s), T(skpm)]], train=False, nograd=True, trace=False),
        case("encoder_layer", tel(dropout=0.0), [[T(randn(5, 2, 8))]]),
        case("encoder_layer_norm_first_gelu",
             tel(dropout=0.0, activation="gelu", norm_first=True, batch_first=True), [[T(s)]]),
        case("encoder_layer_mask", tel(dropout=0.0),
             [[T(randn(4, 2, 8)), ("n",), T(kpm)]], trace=False),
        case("encoder_layer_fused", tel(batch_first=True), [[T(s), ("n",), T(skpm)]],
             train=False, nograd=True, trace=False),
        case("encoder", lambda: nn.TransformerEncoder(
            nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0), 2, norm=nn.LayerNorm(8)),
             [[T(randn(5, 2, 8))]]),
        case("encoder_nested", lambda: nn.TransformerEncoder(
            nn.TransformerEncoderLayer(8, 2, 16, batch_first=True), 2),
             [[T(s), ("n",), T(skpm)]], train=False, nograd=True, trace=False),
        case("decoder_layer", lambda: nn.TransformerDecoderLayer(8, 2, 16, dropout=0.0),
             [[T(randn(3, 2, 8)), T(randn(4, 2, 8))]]),
        case("decoder_layer_norm_first", lambda: nn.TransformerDecoderLayer(
            8, 2, 16, dropout=0.0, norm_first=True, batch_first=True, activation="gelu"),
             [[T(randn(2, 3, 8)), T(randn(2, 4, 8))]]),
    ]


def models():
    return [
        case("sequential", lambda: nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)),
             [[T(randn(3, 4))]]),
        case("cnn", Net, [[T(randn(2, 3, 16, 16))], [T(randn(2, 3, 16, 16))]]),
        case("transformer", TinyTransformer,
             [[T(torch.tensor([[1, 5, 7, 2, 0], [3, 3, 9, 19, 4]]))]]),
    ]


def save(path, t):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.save(path, t.detach().contiguous().numpy())


def flatten(out, acc):
    if isinstance(out, torch.Tensor):
        acc.append(out)
    elif isinstance(out, (tuple, list)):
        for o in out:
            flatten(o, acc)
    return acc


def run_args(args):
    res = []
    for a in args:
        if a[0] == "t":
            res.append(a[1])
        elif a[0] == "tt":
            res.append(tuple(a[1]))
        elif a[0] == "b":
            res.append(a[1])
        else:
            res.append(None)
    return res


def write_args(f, d, c, args):
    # The same tensor passed twice is written once: layers such as MultiheadAttention take
    # another path when query, key and value are the same tensor.
    files = {}
    for j, a in enumerate(args):
        if a[0] == "t":
            fn = files.get(id(a[1]))
            if fn is None:
                fn = files[id(a[1])] = "in_%d_%d.npy" % (c, j)
                save(os.path.join(d, fn), a[1])
            f.write("arg %d t %s\n" % (c, fn))
        elif a[0] == "tt":
            names = []
            for k, t in enumerate(a[1]):
                names.append("in_%d_%d_%d.npy" % (c, j, k))
                save(os.path.join(d, names[-1]), t)
            f.write("arg %d tt %s\n" % (c, " ".join(names)))
        elif a[0] == "b":
            f.write("arg %d b %d\n" % (c, int(a[1])))
        else:
            f.write("arg %d n\n" % c)


def traced_ops(m, args):
    t = torch.jit.trace(m, tuple(args), check_trace=False)
    return [n.kind() for n in t.inlined_graph.nodes() if n.kind() not in SKIP_KINDS]


def run_calls(m, calls, d, prefix):
    for c, args in enumerate(calls):
        out = m(*run_args(args))
        for j, o in enumerate(flatten(out, [])):
            save(os.path.join(d, "%s_%d_%d.npy" % (prefix, c, j)), o)


def run_case(f, spec):
    name = spec["name"]
    d = os.path.join(OUT, name)
    torch.manual_seed(0)
    m = spec["make"]()
    calls = spec["calls"]
    f.write("case %s train=%d nograd=%d rtol=%g atol=%g calls=%d trace=%d\n" % (
        name, spec["train"], spec["nograd"], spec["rtol"], spec["atol"], len(calls),
        spec["trace"]))
    for c, args in enumerate(calls):
        write_args(f, d, c, args)
    for k, v in m.state_dict().items():
        f.write("key %s\n" % k)
        save(os.path.join(d, "state", k + ".npy"), v)
    with open(os.path.join(d, "repr.txt"), "w") as r:
        r.write(repr(m))
    initial = {k: v.clone() for k, v in m.state_dict().items()}
    ctx = torch.no_grad() if spec["nograd"] else torch.enable_grad()
    with ctx:
        if spec["train"]:
            m.train()
            run_calls(m, calls, d, "train")
            for k, v in m.state_dict().items():
                save(os.path.join(d, "train_state", k + ".npy"), v)
        m.load_state_dict(initial)
        m.eval()
        run_calls(m, calls, d, "eval")
    if spec["trace"]:
        for mode in ("train", "eval") if spec["train"] else ("eval",):
            m.load_state_dict(initial)
            m.train(mode == "train")
            ops = traced_ops(m, run_args(calls[0]))
            with open(os.path.join(d, "ops_%s.txt" % mode), "w") as o:
                o.write("\n".join(ops))
    f.write("end\n")


def write_errors():
    """load_state_dict messages for tests of the error text."""
    m = nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2))
    sd = m.state_dict()
    sd.pop("0.bias")
    sd.pop("1.running_var")
    sd["0.weight"] = torch.zeros(3, 3)
    sd["extra.weight"] = torch.zeros(1)
    sd["1.weight"] = torch.zeros(5)
    msgs = []
    for strict in (True, False):
        try:
            m.load_state_dict(sd, strict=strict)
            msgs.append("")
        except RuntimeError as e:
            msgs.append(str(e))
    with open(os.path.join(OUT, "errors.txt"), "w") as f:
        f.write("\n=====\n".join(msgs))


def write_init_stats():
    """(min, max, mean, std) of default initialisations and nn.init functions."""
    torch.manual_seed(0)
    rows = []

    def add(name, t):
        t = t.detach().double()
        rows.append("%s %.10g %.10g %.10g %.10g" % (name, t.min(), t.max(), t.mean(), t.std()))

    lin = nn.Linear(400, 300)
    add("linear.weight", lin.weight)
    add("linear.bias", lin.bias)
    conv = nn.Conv2d(16, 32, 5)
    add("conv.weight", conv.weight)
    add("conv.bias", conv.bias)
    convt = nn.ConvTranspose2d(16, 32, 3)
    add("convt.weight", convt.weight)
    add("convt.bias", convt.bias)
    add("embedding.weight", nn.Embedding(500, 64).weight)
    add("lstm.weight_ih_l0", nn.LSTM(30, 50).weight_ih_l0)
    add("bilinear.weight", nn.Bilinear(20, 30, 40).weight)
    add("mha.in_proj_weight", nn.MultiheadAttention(64, 4).in_proj_weight)
    w = torch.empty(300, 200)
    add("xavier_uniform", nn.init.xavier_uniform_(w, gain=2.0))
    add("xavier_normal", nn.init.xavier_normal_(w))
    add("kaiming_uniform", nn.init.kaiming_uniform_(w, mode="fan_out", nonlinearity="relu"))
    add("kaiming_normal", nn.init.kaiming_normal_(w, a=0.1))
    add("trunc_normal", nn.init.trunc_normal_(w, mean=0.5, std=2.0, a=-1.0, b=1.5))
    add("uniform", nn.init.uniform_(w, -3, 1))
    add("normal", nn.init.normal_(w, 2, 0.5))
    with open(os.path.join(OUT, "init.txt"), "w") as f:
        f.write("\n".join(rows) + "\n")
    gains = [("linear", None), ("conv2d", None), ("sigmoid", None), ("tanh", None),
             ("relu", None), ("leaky_relu", None), ("leaky_relu", 0.2), ("selu", None)]
    with open(os.path.join(OUT, "gains.txt"), "w") as f:
        for n, p in gains:
            f.write("%s %s %.17g\n" % (n, "none" if p is None else repr(p),
                                         nn.init.calculate_gain(n, p)))


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(1234)
    specs = acts() + linear_conv() + norms() + pools() + recurrent() + attention() + models()
    with open(os.path.join(OUT, "manifest"), "w") as f:
        for spec in specs:
            run_case(f, spec)
    write_errors()
    write_init_stats()


if __name__ == "__main__":
    main()
