#!/usr/bin/python3
"""Independent numbers for tests/unit/test_attention_engine.cpp.

Computed with NumPy in float64 (Debian's python3-numpy), written from the definitions and NOT
from qkv's code: scores = Q K^T, scaled = scores * scale (default 1/sqrt(d_head)), masks as in
PyTorch's scaled_dot_product_attention (keep: 1 = may attend; causal = tril(diagonal 0);
bottom-right = tril(diagonal m-n); additive added), softmax by rows, output = P V.
Run: /usr/bin/python3 tests/data/attention/worked_examples.py  (prints C++ initialisers)
"""
import numpy as np

np.set_printoptions(precision=17)


def softmax_rows(s):
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def attend(q, k, v, scale=None, keep=None, additive=None):
    scale = 1 / np.sqrt(q.shape[1]) if scale is None else scale
    s = q @ k.T
    sc = s * scale
    masked = sc.copy()
    if keep is not None:
        masked = np.where(keep, sc, -np.inf)
    if additive is not None:
        masked = sc + additive
    p = softmax_rows(masked)
    return dict(scores=s, scaled=sc, masked=masked, weights=p, output=p @ v)


def cpp(name, m):
    m = np.atleast_2d(m)
    rows = ", ".join("{" + ", ".join("-INF" if x == -np.inf else repr(float(x)) for x in r) + "}" for r in m)
    print(f"  // {name} {m.shape[0]}x{m.shape[1]}\n  {{{rows}}},")


print("// Example 1: the 3-token 'tiny' example, no mask, d_k = 3")
X = np.array([[1, 0, 1, 0], [0, 2, 0, 2], [1, 1, 1, 1]], float)
Wq = np.array([[1, 0, 1], [1, 0, 0], [0, 0, 1], [0, 1, 1]], float)
Wk = np.array([[0, 0, 1], [1, 1, 0], [0, 1, 0], [1, 1, 0]], float)
Wv = np.array([[0, 2, 0], [0, 3, 0], [1, 0, 3], [1, 1, 0]], float)
Q, K, V = X @ Wq, X @ Wk, X @ Wv
r = attend(Q, K, V)
for name in ["Q", "K", "V"]:
    cpp(name, {"Q": Q, "K": K, "V": V}[name])
for s in ["scores", "scaled", "weights", "output"]:
    cpp(s, r[s])
sm = r["scaled"]
print("  // row max", sm.max(axis=1).tolist(), "sum exp", np.exp(sm - sm.max(axis=1, keepdims=True)).sum(axis=1).tolist())

print("// Example 1b: with biases bq = [1 0 -1], bk = [0 1 0], bv = [0.5 0 0], scale 0.5")
bq, bk, bv = np.array([1, 0, -1.0]), np.array([0, 1, 0.0]), np.array([0.5, 0, 0])
r = attend(X @ Wq + bq, X @ Wk + bk, X @ Wv + bv, scale=0.5)
for s in ["scaled", "weights", "output"]:
    cpp(s, r[s])

print("// Example 2: 'the cat sat', Q K V given, d_k = 2, every mask kind")
Q = np.array([[1, 0], [1, 1], [0, 2]], float)
K = np.array([[2, 0], [0, 1], [1, 1]], float)
V = np.array([[1, 0], [0, 1], [1, 1]], float)
causal = np.tril(np.ones((3, 3), bool))
r = attend(Q, K, V, keep=causal)
print("// causal (top-left = bottom-right when square)")
for s in ["scores", "scaled", "masked", "weights", "output"]:
    cpp(s, r[s])
print("// no mask")
r = attend(Q, K, V)
for s in ["weights", "output"]:
    cpp(s, r[s])
keep = np.array([[1, 0, 1], [0, 1, 1], [1, 1, 0]], bool)
r = attend(Q, K, V, keep=keep)
print("// keep mask [[1,0,1],[0,1,1],[1,1,0]]")
for s in ["masked", "weights", "output"]:
    cpp(s, r[s])
add = np.array([[0, -1, -1e9], [0.5, 0, -2], [0, 0, 0]])
r = attend(Q, K, V, additive=add)
print("// additive mask [[0,-1,-1e9],[0.5,0,-2],[0,0,0]]")
for s in ["masked", "weights", "output"]:
    cpp(s, r[s])
Q2 = Q[1:]
print("// two queries (rows 2, 3 of Q) over three keys: bottom-right causal")
r = attend(Q2, K, V, keep=np.tril(np.ones((2, 3), bool), k=1))
for s in ["masked", "weights", "output"]:
    cpp(s, r[s])
print("// the same with top-left causal (PyTorch is_causal)")
r = attend(Q2, K, V, keep=np.tril(np.ones((2, 3), bool), k=0))
for s in ["masked", "weights", "output"]:
    cpp(s, r[s])
print("// causal with scale 1 (given)")
r = attend(Q, K, V, keep=causal, scale=1.0)
for s in ["weights", "output"]:
    cpp(s, r[s])

print("// Example 3: two heads, d_model = 4, head width 2, W_o, causal")
X = np.array([[1, 0, 1, 0], [0, 2, 0, 2], [1, 1, 1, 1]], float)
Wq = np.array([[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0], [0, 0, 1, 1]], float)
Wk = np.array([[0, 1, 1, 0], [1, 0, 0, 1], [0, 0, 1, 1], [1, 1, 0, 0]], float)
Wv = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [1, 1, 1, 1]], float)
Wo = np.array([[1, 0, 0, 1], [0, 1, 1, 0], [0, 0, 1, 0], [1, 0, 0, 0]], float)
Q, K, V = X @ Wq, X @ Wk, X @ Wv
heads = []
for h in range(2):
    c = slice(2 * h, 2 * h + 2)
    heads.append(attend(Q[:, c], K[:, c], V[:, c], keep=causal))
    print(f"// head {h + 1}")
    for s in ["scores", "scaled", "weights", "output"]:
        cpp(s, heads[h][s])
concat = np.hstack([hd["output"] for hd in heads])
cpp("concat", concat)
cpp("output", concat @ Wo)
cpp("mean weights", (heads[0]["weights"] + heads[1]["weights"]) / 2)
