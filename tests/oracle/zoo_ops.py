"""The operators of the model zoo, for tests/ops/zoo_ops_test.cpp.

Builds torchvision's classification models and nn.LSTM / GRU / TransformerEncoder /
Transformer / MultiheadAttention (random weights, small inputs), traces and scripts each, and
collects the node kinds of every `inlined_graph` (blocks included). Prints one line per
distinct operator:

    <schema or kind>\t<sources>

where the first field is the node's qualified schema (`node.schema()`) or, for nodes without
one, the node kind, and <sources> names the first few "model/trace-mode" pairs that produced
it (for failure messages). Lines are sorted.

Tracing runs under torch.no_grad so that the nn.* eval fast paths (_native_multi_head_attention,
_transformer_encoder_layer_fwd) are taken, as they are in inference. Scripted graphs do not
depend on the module's mode (`self.training` is read at run time), so each model is scripted
once; the nn.* modules are traced in both train and eval mode.
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


# Small inputs whose traces hold exactly the operators of a 224x224 trace (checked when the
# sizes were chosen). vit_b_16 is built for 32x32 images (2x2 patches; same layers, shorter
# position embedding) since it rejects other sizes; swin_t needs feature maps larger than its
# 7x7 window in the early stages, or it skips the shifted windows and their roll/mask ops.
VISION = [
    ("resnet18", tvm.resnet18, 64),
    ("mobilenet_v2", tvm.mobilenet_v2, 64),
    ("mobilenet_v3_small", tvm.mobilenet_v3_small, 64),
    ("efficientnet_b0", tvm.efficientnet_b0, 64),
    ("densenet121", tvm.densenet121, 64),
    ("squeezenet1_0", tvm.squeezenet1_0, 64),
    ("shufflenet_v2_x0_5", tvm.shufflenet_v2_x0_5, 64),
    ("googlenet", lambda: tvm.googlenet(init_weights=False), 64),
    ("regnet_y_400mf", tvm.regnet_y_400mf, 64),
    ("convnext_tiny", tvm.convnext_tiny, 64),
    ("vit_b_16", lambda: tvm.vit_b_16(image_size=32), 32),
    ("swin_t", tvm.swin_t, 112),
    ("mnasnet0_5", tvm.mnasnet0_5, 64),
]


def vision_models():
    for name, build, size in VISION:
        model = build().eval()
        trace(name, model, image(size))
        script(name, model)


def recurrent():
    x = torch.randn(2, 5, 8)
    for kind in (nn.LSTM, nn.GRU):
        name = kind.__name__
        model = kind(8, 6, num_layers=2, batch_first=True, dropout=0.1)
        h = torch.zeros(2, 2, 6)
        state = (h, torch.zeros(2, 2, 6)) if kind is nn.LSTM else h
        for training in (True, False):
            trace(name, model, (x,), training)
            trace(name + "(state)", model, (x, state), training)
        bidirectional = kind(8, 6, bidirectional=True)
        trace(name + "(bidirectional)", bidirectional, (x.transpose(0, 1),))
        script(name, model)


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
    for training in (True, False):
        trace("TransformerEncoder", encoder, (x,), training)
        trace("TransformerEncoder(mask)", Call(encoder, "src_key_padding_mask"), (x, mask),
              training)
    script("TransformerEncoder", encoder)

    transformer = nn.Transformer(16, 4, num_encoder_layers=1, num_decoder_layers=1,
                                 dim_feedforward=32, batch_first=True)
    tgt = torch.randn(2, 4, 16)
    causal = transformer.generate_square_subsequent_mask(4)
    for training in (True, False):
        trace("Transformer", transformer, (x, tgt), training)
        trace("Transformer(mask)", Call(transformer, "tgt_mask"), (x, tgt, causal), training)
    script("Transformer", transformer)

    attention = nn.MultiheadAttention(16, 4, batch_first=True)
    kv = torch.randn(2, 3, 16)
    for training in (True, False):
        trace("MultiheadAttention(self)", attention, (x, x, x), training)
        trace("MultiheadAttention(cross)", attention, (x, kv, kv), training)
    script("MultiheadAttention", attention)


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
