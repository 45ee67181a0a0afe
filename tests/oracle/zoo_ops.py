"""The operators of the model zoo, for tests/ops/zoo_ops_test.cpp.

Builds torchvision's classification models and nn.LSTM / GRU / TransformerEncoder /
Transformer / MultiheadAttention (random weights, small inputs), traces and scripts each, and
collects the node kinds of every `inlined_graph` (blocks included). Prints one line per
distinct operator:

    <schema or kind>\t<sources>

where the first field is the node's qualified schema (`node.schema()`) or, for nodes without
one, the node kind, and <sources> names the first few graphs that hold it ("resnet18/script",
"LSTM/trace-train"; for failure messages). Lines are sorted.

Tracing runs under torch.no_grad so that the nn.* eval fast paths (_native_multi_head_attention,
_transformer_encoder_layer_fwd) are taken, as they are in inference. Scripted graphs do not
depend on the module's mode (`self.training` is read at run time), so each model is scripted
once; the nn.* modules are traced in both train and eval mode. Each module is scripted before
it is traced: scripting a module after tracing it reuses state cached by the trace in which
`hasattr(self, ...)` checks come out false (TransformerEncoder's mask_check branch vanishes).
Every model here scripts in PyTorch 1.13 with torchvision 0.14; none is skipped.
"""
import sys
import warnings

import torch
import torch.nn as nn
import torchvision.models as tvm

torch.manual_seed(0)
warnings.filterwarnings("ignore")

MAX_SOURCES = 3
FOUND = {}  # schema or kind -> list of sources


def visit(block, source):
    for node in block.nodes():
        schema = node.schema()
        key = node.kind() if schema == "(no schema)" else schema
        sources = FOUND.setdefault(key, [])
        if source not in sources:
            sources.append(source)
        for sub in node.blocks():
            visit(sub, source)


def trace(name, model, inputs, training=False):
    model.train(training)
    with torch.no_grad():
        traced = torch.jit.trace(model, inputs, check_trace=False)
    visit(traced.inlined_graph, name + "/trace-" + ("train" if training else "eval"))


def script(name, model):
    # Every method: nn.LSTM / GRU script into overloads (forward__0, forward__1) and no forward.
    scripted = torch.jit.script(model)
    for method in scripted._c._method_names():
        visit(scripted._c._get_method(method).inlined_graph, name + "/script")


def image(size):
    return torch.randn(1, 3, size, size)


# (name, builder, input size, also traced in train mode). Small inputs whose traces hold
# exactly the operators of a 224x224 trace (checked when the sizes were chosen). vit_b_16 is
# built for 32x32 images (2x2 patches; same layers, shorter position embedding) since it
# rejects other sizes; swin_t needs feature maps larger than its 7x7 window in the early
# stages, or it skips the shifted windows and their roll/mask ops. Train-mode traces are
# taken of the models whose training forward runs other code (stochastic depth, attention
# without the fused path, auxiliary heads); batch norm and dropout only change a flag.
# googlenet keeps PyTorch's default initialisation (init_weights=False): its own truncated
# normal one is slow and changes no operator.
VISION = [
    ("resnet18", tvm.resnet18, 64, False),
    ("mobilenet_v2", tvm.mobilenet_v2, 64, False),
    ("mobilenet_v3_small", tvm.mobilenet_v3_small, 64, False),
    ("efficientnet_b0", tvm.efficientnet_b0, 64, True),
    ("densenet121", tvm.densenet121, 64, False),
    ("squeezenet1_0", tvm.squeezenet1_0, 64, False),
    ("shufflenet_v2_x0_5", tvm.shufflenet_v2_x0_5, 64, False),
    ("googlenet", lambda: tvm.googlenet(init_weights=False), 64, True),
    ("regnet_y_400mf", tvm.regnet_y_400mf, 64, False),
    ("convnext_tiny", tvm.convnext_tiny, 64, True),
    ("vit_b_16", lambda: tvm.vit_b_16(image_size=32), 32, True),
    ("swin_t", tvm.swin_t, 64, True),
    ("mnasnet0_5", tvm.mnasnet0_5, 64, False),
]


def vision_models():
    for name, build, size, train_too in VISION:
        model = build()
        script(name, model)
        trace(name, model, image(size))
        if train_too:
            trace(name, model, image(size), training=True)


def recurrent():
    x = torch.randn(2, 5, 8)
    for kind in (nn.LSTM, nn.GRU):
        name = kind.__name__
        model = kind(8, 6, num_layers=2, batch_first=True, dropout=0.1)
        h = torch.zeros(2, 2, 6)
        state = (h, torch.zeros(2, 2, 6)) if kind is nn.LSTM else h
        script(name, model)
        for training in (True, False):
            trace(name, model, (x,), training)
            trace(name + "(state)", model, (x, state), training)
        bidirectional = kind(8, 6, bidirectional=True)
        trace(name + "(bidirectional)", bidirectional, (x.transpose(0, 1),))


class Call(nn.Module):
    """Calls `inner` with keyword arguments: tracing takes tensors only, positionally."""

    def __init__(self, inner, *names):
        super().__init__()
        self.inner = inner
        self.names = names

    def forward(self, *args):
        positional = len(args) - len(self.names)
        return self.inner(*args[:positional], **dict(zip(self.names, args[positional:])))


def transformers():
    x = torch.randn(2, 5, 16)
    mask = torch.tensor([[False] * 5, [False] * 3 + [True] * 2])
    layer = nn.TransformerEncoderLayer(16, 4, dim_feedforward=32, batch_first=True)
    encoder = nn.TransformerEncoder(layer, num_layers=2)
    script("TransformerEncoder", encoder)
    for training in (True, False):
        trace("TransformerEncoder", encoder, (x,), training)
        trace("TransformerEncoderLayer(seq-first,gelu,norm_first)",
              nn.TransformerEncoderLayer(16, 4, 32, activation="gelu", norm_first=True),
              (x.transpose(0, 1),), training)
        trace("TransformerEncoder(mask)", Call(encoder, "src_key_padding_mask"), (x, mask),
              training)

    transformer = nn.Transformer(16, 4, num_encoder_layers=1, num_decoder_layers=1,
                                 dim_feedforward=32, batch_first=True)
    tgt = torch.randn(2, 4, 16)
    causal = transformer.generate_square_subsequent_mask(4)
    script("Transformer", transformer)
    for training in (True, False):
        trace("Transformer", transformer, (x, tgt), training)
        trace("Transformer(mask)", Call(transformer, "tgt_mask"), (x, tgt, causal), training)

    attention = nn.MultiheadAttention(16, 4, batch_first=True)
    kv = torch.randn(2, 3, 16)
    script("MultiheadAttention", attention)
    for training in (True, False):
        trace("MultiheadAttention(self)", attention, (x, x, x), training)
        trace("MultiheadAttention(cross)", attention, (x, kv, kv), training)

    # The defaults: sequence-first, masks, averaged attention weights.
    seq_first = nn.MultiheadAttention(16, 4)
    q = x.transpose(0, 1)
    attn_mask = torch.zeros(5, 5).masked_fill(torch.ones(5, 5).triu(1).bool(), float("-inf"))
    script("MultiheadAttention(seq-first)", seq_first)
    for training in (True, False):
        trace("MultiheadAttention(seq-first,masks)",
              Call(seq_first, "key_padding_mask", "attn_mask"), (q, q, q, mask, attn_mask),
              training)


def main():
    vision_models()
    recurrent()
    transformers()
    out = []
    for key in sorted(FOUND):
        sources = FOUND[key]
        shown = ",".join(sources[:MAX_SOURCES])
        if len(sources) > MAX_SOURCES:
            shown += ",+%d more" % (len(sources) - MAX_SOURCES)
        out.append(key + "\t" + shown)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
