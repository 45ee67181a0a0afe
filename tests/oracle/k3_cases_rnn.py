"""Cases for the recurrent ops: lstm/gru/rnn_tanh/rnn_relu (.input) against nn.LSTM/GRU/RNN
(multi-layer, bidirectional, batch_first, with and without initial state, projections), and
the cell ops against nn.LSTMCell/GRUCell/RNNCell. See k3_cases.py."""
import torch
from torch import nn

from k3_cases import Case

r = torch.randn


def module_case(name, mod, x, state, batch_first, train=False, dtype=torch.float32):
    """The aten call nn.LSTM/GRU/RNN makes, with the module's output as reference."""
    mod = mod.to(dtype)
    mod.train(train)
    x = x.to(dtype)
    params = [p.detach() for p in mod._flat_weights]
    dirs = 2 if mod.bidirectional else 1
    layers, hidden = mod.num_layers, mod.hidden_size
    batch = x.shape[0] if batch_first else x.shape[1]
    out_size = mod.proj_size if getattr(mod, "proj_size", 0) else hidden
    if isinstance(mod, nn.LSTM):
        if state is None:
            h0 = torch.zeros(layers * dirs, batch, out_size, dtype=dtype)
            c0 = torch.zeros(layers * dirs, batch, hidden, dtype=dtype)
        else:
            h0, c0 = (s.to(dtype) for s in state)
        args = [x, [h0, c0], params, mod.bias, layers, float(mod.dropout), train, mod.bidirectional,
                batch_first]

        def expected():
            out, (h, c) = mod(x, None if state is None else (h0, c0))
            return out, h, c
        return Case(name, "aten::lstm.input", args, expected=expected)
    h0 = torch.zeros(layers * dirs, batch, hidden, dtype=dtype) if state is None else state.to(dtype)
    op = {nn.GRU: "aten::gru.input"}.get(type(mod))
    if op is None:
        op = "aten::rnn_tanh.input" if mod.nonlinearity == "tanh" else "aten::rnn_relu.input"
    args = [x, h0, params, mod.bias, layers, float(mod.dropout), train, mod.bidirectional, batch_first]

    def expected():
        out, h = mod(x, None if state is None else h0)
        return out, h
    return Case(name, op, args, expected=expected)


def cases():
    c = []
    I, H = 5, 6
    c.append(module_case("lstm_basic", nn.LSTM(I, H), r(7, 3, I), None, False))
    c.append(module_case("lstm_state", nn.LSTM(I, H), r(7, 3, I), (r(1, 3, H), r(1, 3, H)), False))
    c.append(module_case("lstm_2layer_bidir_bf", nn.LSTM(I, H, num_layers=2, bidirectional=True, batch_first=True),
                         r(3, 7, I), (r(4, 3, H), r(4, 3, H)), True))
    c.append(module_case("lstm_nobias", nn.LSTM(I, H, bias=False, num_layers=2), r(4, 2, I), None, False))
    c.append(module_case("lstm_proj", nn.LSTM(I, H, proj_size=3, bidirectional=True), r(4, 2, I), None, False))
    c.append(module_case("lstm_f64", nn.LSTM(I, H, num_layers=2), r(4, 2, I), None, False, dtype=torch.float64))
    c.append(module_case("lstm_batch1", nn.LSTM(16, 32), r(10, 1, 16), None, False))
    # dropout 1.0 in training zeroes the second layer's input, so the result is deterministic.
    c.append(module_case("lstm_dropout_all", nn.LSTM(I, H, num_layers=2, dropout=1.0), r(4, 2, I), None, False,
                         train=True))
    c.append(module_case("gru_basic", nn.GRU(I, H), r(7, 3, I), None, False))
    c.append(module_case("gru_2layer_bidir_bf", nn.GRU(I, H, num_layers=2, bidirectional=True, batch_first=True),
                         r(3, 7, I), r(4, 3, H), True))
    c.append(module_case("gru_nobias", nn.GRU(I, H, bias=False), r(4, 2, I), r(1, 2, H), False))
    c.append(module_case("rnn_tanh", nn.RNN(I, H, num_layers=2, bidirectional=True), r(5, 2, I), None, False))
    c.append(module_case("rnn_relu_bf", nn.RNN(I, H, nonlinearity="relu", batch_first=True), r(2, 5, I),
                         r(1, 2, H), True))
    lstm = nn.LSTM(I, H)
    params = [p.detach() for p in lstm._flat_weights]
    c += [
        Case("lstm_err_params", "aten::lstm.input", [r(7, 3, I), [r(1, 3, H), r(1, 3, H)], params[:3], True, 1, 0.0,
                                                     False, False, False],
             error="got an incorrect number of RNN parameters"),
        Case("lstm_err_layers", "aten::lstm.input", [r(7, 3, I), [r(1, 3, H), r(1, 3, H)], params, True, 2, 0.0,
                                                     False, False, False],
             error="got an incorrect number of RNN parameters", torch_error=False),
        Case("lstm_err_empty", "aten::lstm.input", [r(0, 3, I), [r(1, 3, H), r(1, 3, H)], params, True, 1, 0.0,
                                                    False, False, False],
             error="Expected sequence length to be larger than 0 in RNN"),
        Case("lstm_err_input_size", "aten::lstm.input", [r(7, 3, I + 1), [r(1, 3, H), r(1, 3, H)], params, True, 1,
                                                         0.0, False, False, False],
             error="input has inconsistent input_size: got 6 expected 5", torch_error=False),
    ]
    # ---- cells ----
    for name, cell, op in [("lstm_cell", nn.LSTMCell(I, H), "aten::lstm_cell"),
                           ("gru_cell", nn.GRUCell(I, H), "aten::gru_cell"),
                           ("rnn_tanh_cell", nn.RNNCell(I, H), "aten::rnn_tanh_cell"),
                           ("rnn_relu_cell", nn.RNNCell(I, H, nonlinearity="relu"), "aten::rnn_relu_cell")]:
        x, h, cst = r(3, I), r(3, H), r(3, H)
        hx = [h, cst] if name == "lstm_cell" else h
        c.append(Case(name, op, [x, hx, cell.weight_ih.detach(), cell.weight_hh.detach(),
                                 cell.bias_ih.detach(), cell.bias_hh.detach()]))
    cell = nn.GRUCell(I, H, bias=False)
    c.append(Case("gru_cell_nobias", "aten::gru_cell", [r(2, I), r(2, H), cell.weight_ih.detach(),
                                                       cell.weight_hh.detach(), None, None]))
    lc = nn.LSTMCell(I, H)
    w = [lc.weight_ih.detach(), lc.weight_hh.detach(), lc.bias_ih.detach(), lc.bias_hh.detach()]
    c += [
        Case("lstm_cell_err_input", "aten::lstm_cell", [r(3, I + 1), [r(3, H), r(3, H)]] + w,
             error="input has inconsistent input_size: got 6 expected 5"),
        Case("lstm_cell_err_batch", "aten::lstm_cell", [r(3, I), [r(2, H), r(3, H)]] + w,
             error="Input batch size 3 doesn't match hidden0 batch size 2"),
        Case("lstm_cell_err_hidden", "aten::lstm_cell", [r(3, I), [r(3, H + 1), r(3, H)]] + w,
             error="hidden0 has inconsistent hidden_size: got 7, expected 6"),
        Case("lstm_cell_err_states", "aten::lstm_cell", [r(3, I), [r(3, H)]] + w,
             error="lstm_cell expects two hidden states"),
    ]
    return c
