"""Cases for the recurrent ops over a PackedSequence: lstm/gru/rnn_tanh/rnn_relu (.data), as
nn.LSTM/GRU/RNN call them for pack_padded_sequence input (1 and 2 layers, bidirectional, with
and without biases, projections, float64, batches of equal and of unsorted lengths), plus bad
input. See k3_cases.py.

Unsorted batches are packed with enforce_sorted=False: the packed data is then in order of
decreasing length and the op sees the initial states permuted by sorted_indices, as the
modules pass them (permute_hidden)."""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from k3_cases import Case

r = torch.randn
I, H = 5, 6


def packed(lengths, dtype=torch.float32):
    """(data, batch_sizes, sorted_indices) of a random padded batch with these lengths."""
    x = r(max(lengths), len(lengths), I, dtype=dtype)
    p = pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False)
    order = p.sorted_indices if p.sorted_indices is not None else torch.arange(len(lengths))
    return p.data, p.batch_sizes, order


def module_case(name, mod, lengths, with_state=True, train=False, dtype=torch.float32):
    """The aten call mod(PackedSequence, hx) makes."""
    mod = mod.to(dtype)
    mod.train(train)
    data, batch_sizes, order = packed(lengths, dtype)
    params = [p.detach() for p in mod._flat_weights]
    states = mod.num_layers * (2 if mod.bidirectional else 1)
    batch = len(lengths)
    out_size = mod.proj_size if getattr(mod, "proj_size", 0) else mod.hidden_size

    def state(size):
        s = r(states, batch, size, dtype=dtype) if with_state else torch.zeros(states, batch, size, dtype=dtype)
        return s.index_select(1, order)
    common = [params, mod.bias, mod.num_layers, float(mod.dropout), train, mod.bidirectional]
    if isinstance(mod, nn.LSTM):
        return Case(name, "aten::lstm.data", [data, batch_sizes, [state(out_size), state(mod.hidden_size)]] + common)
    op = {nn.GRU: "aten::gru.data"}.get(type(mod))
    if op is None:
        op = "aten::rnn_tanh.data" if mod.nonlinearity == "tanh" else "aten::rnn_relu.data"
    return Case(name, op, [data, batch_sizes, state(mod.hidden_size)] + common)


def error_cases():
    lstm = nn.LSTM(I, H)
    params = [p.detach() for p in lstm._flat_weights]
    data, bs = r(6, I), torch.tensor([3, 2, 1])
    hc = [r(1, 3, H), r(1, 3, H)]
    rest = [params, True, 1, 0.0, False, False]

    def lstm_case(name, args, error, torch_error=False):
        return Case(name, "aten::lstm.data", args + rest, error=error, torch_error=torch_error)
    gru = nn.GRU(I, H, num_layers=2)
    gparams = [p.detach() for p in gru._flat_weights]
    return [
        lstm_case("err_increasing", [data, torch.tensor([1, 2, 3]), hc],
                  "batch_sizes must be non-negative and non-increasing"),
        lstm_case("err_rows", [data, torch.tensor([2, 1, 1]), hc],
                  "batch_sizes [2, 1, 1] add up to 4 rows, but data has 6 rows"),
        lstm_case("err_rows_over", [data, torch.tensor([3, 3, 3]), hc],
                  "add up to 9 rows, but data has 6 rows"),
        lstm_case("err_batch_sizes_dtype", [data, bs.int(), hc],
                  "expected batch_sizes to be a 1-D int64 tensor"),
        lstm_case("err_data_3d", [data.view(6, 1, I), bs, hc],
                  "expected packed data of shape (sum of batch_sizes, input_size)"),
        lstm_case("err_hx_batch", [data, bs, [r(1, 2, H), r(1, 3, H)]],
                  "Expected hidden size (1, 3, 6), got [1, 2, 6]"),
        lstm_case("err_cx_size", [data, bs, [r(1, 3, H), r(1, 3, H + 1)]],
                  "Expected cell size (1, 3, 6), got [1, 3, 7]"),
        lstm_case("err_hx_count", [data, bs, hc[:1]], "lstm expects two hidden states", True),
        lstm_case("err_input_size", [r(6, I + 1), bs, hc],
                  "input has inconsistent input_size: got 6 expected 5"),
        Case("err_params", "aten::lstm.data", [data, bs, hc, params[:3], True, 1, 0.0, False, False],
             error="got an incorrect number of RNN parameters", torch_error=True),
        Case("gru_err_layers", "aten::gru.data", [data, bs, r(1, 3, H), gparams, True, 2, 0.0, False, False],
             error="Expected more hidden states in stacked_rnn", torch_error=True),
    ]


def cases():
    c = [
        module_case("lstm", nn.LSTM(I, H), [4, 3, 3, 1]),
        module_case("lstm_zero_state", nn.LSTM(I, H), [3, 2], with_state=False),
        module_case("lstm_2layer_bidir_unsorted", nn.LSTM(I, H, num_layers=2, bidirectional=True), [2, 5, 3, 5]),
        module_case("lstm_nobias_2layer", nn.LSTM(I, H, bias=False, num_layers=2), [1, 4, 2]),
        module_case("lstm_nobias_bidir", nn.LSTM(I, H, bias=False, bidirectional=True), [3, 1, 2]),
        module_case("lstm_proj_bidir", nn.LSTM(I, H, proj_size=3, bidirectional=True), [4, 2, 3]),
        module_case("lstm_f64", nn.LSTM(I, H, num_layers=2), [3, 1], dtype=torch.float64),
        module_case("lstm_equal_lengths", nn.LSTM(I, H, bidirectional=True), [3, 3, 3]),
        module_case("lstm_one_sequence", nn.LSTM(I, H, num_layers=2, bidirectional=True), [4]),
        # dropout 1.0 in training zeroes the second layer's input, so the result is deterministic.
        module_case("lstm_dropout_all", nn.LSTM(I, H, num_layers=2, dropout=1.0), [3, 2], train=True),
        module_case("gru", nn.GRU(I, H), [5, 2, 2, 1]),
        module_case("gru_2layer_bidir_unsorted", nn.GRU(I, H, num_layers=2, bidirectional=True), [1, 3, 4]),
        module_case("gru_nobias_bidir", nn.GRU(I, H, bias=False, bidirectional=True), [2, 4]),
        module_case("gru_nobias_2layer", nn.GRU(I, H, bias=False, num_layers=2), [3, 3, 1]),
        module_case("rnn_tanh_2layer_bidir", nn.RNN(I, H, num_layers=2, bidirectional=True), [3, 1, 2]),
        module_case("rnn_relu", nn.RNN(I, H, nonlinearity="relu"), [2, 4, 1]),
    ]
    return c + error_cases()
