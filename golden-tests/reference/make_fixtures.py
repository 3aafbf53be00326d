#!/usr/bin/python3
"""Independent NumPy reference for hrvq's golden fixtures (HR-VQVAE, Adiban et al., BMVC 2022).

Run from the repository root:

    /usr/bin/python3 golden-tests/reference/make_fixtures.py [--out DIR]   # default golden-tests/fixtures

Needs only the standard library and NumPy. Every input comes from np.random.default_rng(seed) with a
fixed seed, is cast to float32, and those float32 values are both written and used; all reference
math is float64. Every float written is repr(float(np.float32(x))), so it parses back to the exact
float32. Running the script twice gives byte-identical files. See golden-tests/README.md.
"""
import argparse
import json
import os

import numpy as np

F32 = np.float32

# ---------------------------------------------------------------------------------------------
# Reference math (float64)
# ---------------------------------------------------------------------------------------------


def quantize(x, books):
    """Greedy tree search. x [N, D]; books[i] is layer i+1, shape [m^i, m, D].

    Returns local codes, global codes, quantized e_i, the residuals r_{i-1} each layer saw, and the
    per-vector winner/duplicate-exempt margins (for the robustness check)."""
    n = x.shape[0]
    r = x.copy()
    path = np.zeros(n, dtype=np.int64)
    local, glob, quant, resid, ok = [], [], [], [], np.ones(n, dtype=bool)
    for c in books:
        m = c.shape[1]
        b = c[path]                                      # [N, m, D]
        d = ((r[:, None, :] - b) ** 2).sum(-1)           # [N, m]
        k = np.argmin(d, axis=1)                         # first minimum: ties -> lowest index
        e = b[np.arange(n), k]
        ok &= margins_ok(r, b, d, k)
        resid.append(r)
        local.append(k)
        path = path * m + k
        glob.append(path.copy())
        quant.append(e)
        r = r - e
    return local, glob, quant, resid, ok


def margins_ok(r, b, d, k):
    """Best vs second-best distance must differ enough for a float32 ||r||^2 - 2 r.e + ||e||^2 to
    agree. Codewords bit-identical to the winner (deliberate ties) are exempt."""
    n = r.shape[0]
    win = b[np.arange(n), k]
    dup = (b == win[:, None, :]).all(-1)                 # the winner and its exact duplicates
    d2 = np.where(dup, np.inf, d).min(axis=1)
    d1 = d[np.arange(n), k]
    rr = (r ** 2).sum(-1)
    ee = (b ** 2).sum(-1).max(axis=1)
    need = 1e-3 * (d1 + 1e-6 * rr) + 1e-5 * (rr + ee)   # brief's rule plus an absolute floor
    return d2 - d1 >= need


def mse(a, b):
    return float(((a - b) ** 2).mean())


def perplexity(codes, bins):
    p = np.bincount(codes, minlength=bins) / len(codes)
    p = p[p > 0]
    return float(np.exp(-(p * np.log(p)).sum()))


def losses(x, quant, resid, beta0, betas):
    combined = np.sum(quant, axis=0)
    layer = [(1 + bt) * mse(r, e) for bt, r, e in zip(betas, resid, quant)]
    return combined, layer, (1 + beta0) * mse(x, combined)


def grads(x, books, glob, quant, resid, beta0, betas):
    """Analytic gradient of L = mse(sg x, e_C) + b0 mse(sg e_C, x) + sum_i [mse(sg r, e_i) + b_i mse(sg e_i, r)]."""
    s = 2.0 / x.size
    e_c = np.sum(quant, axis=0)
    gx = beta0 * s * (x - e_c)
    gb = []
    for c, g, e, r, bt in zip(books, glob, quant, resid, betas):
        gx = gx + bt * s * (r - e)
        flat = np.zeros((c.shape[0] * c.shape[1], c.shape[2]))
        np.add.at(flat, g, s * ((e_c - x) + (e - r)))
        gb.append(flat.reshape(c.shape))
    return gx, gb


def loss_sg(x, books, xs, books_s, glob, beta0, betas):
    """L with codes fixed; live arguments (x, books) and stopped ones (xs, books_s) kept apart so a
    finite difference on the live ones gives the stop-gradient gradient."""
    def pick(bks, i, g):
        c = bks[i]
        return c.reshape(-1, c.shape[2])[g]
    live = [pick(books, i, g) for i, g in enumerate(glob)]
    dead = [pick(books_s, i, g) for i, g in enumerate(glob)]
    total = mse(xs, np.sum(live, axis=0)) + beta0 * mse(np.sum(dead, axis=0), x)
    r, rs = x, xs                                        # r_{i-1} live in x, rs its detached copy
    for e, ed, bt in zip(live, dead, betas):
        total += mse(rs, e) + bt * mse(ed, r)
        r, rs = r - ed, rs - ed                          # r_i = r_{i-1} - sg(e_i)
    return total


def fd_check(x, books, glob, beta0, betas, gx, gb, h=1e-6):
    args = lambda xx, bb: loss_sg(xx, bb, x, books, glob, beta0, betas)
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += h
        xm[idx] -= h
        assert abs((args(xp, books) - args(xm, books)) / (2 * h) - gx[idx]) < 1e-8, ("latent", idx)
    for i, c in enumerate(books):
        for idx in np.ndindex(c.shape):
            bp, bm = [b.copy() for b in books], [b.copy() for b in books]
            bp[i][idx] += h
            bm[i][idx] -= h
            assert abs((args(x, bp) - args(x, bm)) / (2 * h) - gb[i][idx]) < 1e-8, ("codebook", i, idx)


def ema(codebook, counts, sums, resid, glob, decay, eps):
    nb, m, dim = codebook.shape
    n_k = np.bincount(glob, minlength=nb * m).astype(np.float64)
    s_k = np.zeros((nb * m, dim))
    np.add.at(s_k, glob, resid)
    counts2 = decay * counts + (1 - decay) * n_k
    sums2 = decay * sums + (1 - decay) * s_k
    c = counts2.reshape(nb, m)
    n_b = c.sum(axis=1, keepdims=True)                   # per codebook: the m codes sharing a parent
    smoothed = (c + eps) / (n_b + m * eps) * n_b
    return counts2, sums2, sums2.reshape(nb, m, dim) / smoothed[:, :, None]

# ---------------------------------------------------------------------------------------------
# Inputs (float32, fixed seeds)
# ---------------------------------------------------------------------------------------------


def f32(a):
    return np.asarray(a, dtype=F32).astype(np.float64)


def make_books(rng, m, layers, dim, scale):
    """Layer i (1-based) holds m^(i-1) codebooks; scale shrinks as 2^-(i-1)."""
    return [f32(rng.standard_normal((m ** i, m, dim)) * scale * 2.0 ** -i) for i in range(layers)]


def make_latents(rng, books, n, scale, noise=0.3):
    """n vectors, alternately near a random tree path (plus noise) and plain Gaussian, keeping the
    first n that pass the margin rule at every layer."""
    m, dim = books[0].shape[1], books[0].shape[2]
    want = n
    cand = 8 * n
    path = np.zeros(cand, dtype=np.int64)
    x = np.zeros((cand, dim))
    for c in books:
        k = rng.integers(0, m, cand)
        x += c[path, k]
        path = path * m + k
    x = x + rng.standard_normal((cand, dim)) * noise * scale * 2.0 ** -(len(books) - 1)
    x[1::2] = rng.standard_normal((cand // 2, dim)) * scale   # every other one: plain Gaussian
    x = f32(x)
    ok = quantize(x, books)[4]
    assert ok.sum() >= want, "not enough vectors pass the margin rule"
    return x[ok][:want]


def quantizer_case(name, seed, m, layers, dim, n, beta0=0.25, betas=None, scale=1.0, flat=False,
                   tie=None, tol=(1e-5, 1e-5)):
    rng = np.random.default_rng(seed)
    beta0 = float(F32(beta0))                            # the float32 values written are used
    betas = [float(F32(b)) for b in (betas or [0.25] * layers)]
    books = make_books(rng, m, layers, dim, scale)
    if tie:                                              # copy codeword src over dst (dst > src)
        for layer, book, src, dst in tie:
            books[layer][book, dst] = books[layer][book, src]
    x = make_latents(rng, books, n, scale)
    return dict(name=name, m=m, layers=layers, dim=dim, beta0=beta0, betas=betas, flat=flat,
                x=x, books=books, tol=tol, tie=tie)


QUANTIZER_CASES = [
    quantizer_case("m4-n3-d8", 101, 4, 3, 8, 64),
    quantizer_case("m2-n6-d4", 102, 2, 6, 4, 48),
    quantizer_case("m8-n1-d4", 103, 8, 1, 4, 40),
    quantizer_case("m16-n3-d16", 104, 16, 3, 16, 200),
    quantizer_case("m4-n2-d4-tie", 105, 4, 2, 4, 48, tie=[(0, 0, 1, 3), (1, 2, 0, 2)]),
    quantizer_case("m4-n3-d8-large", 106, 4, 3, 8, 64, scale=1e3, tol=(1e-2, 1e-5)),
    quantizer_case("flat-k32-d8", 107, 32, 1, 8, 64, flat=True),
    quantizer_case("m3-n3-d6-betas", 108, 3, 3, 6, 50, beta0=0.1, betas=[0.3, 0.2, 0.5]),
]

GRADIENT_CASES = [
    quantizer_case("m3-n2-d4", 201, 3, 2, 4, 10, tol=(1e-6, 1e-5)),
    quantizer_case("m2-n3-d3-betas", 202, 2, 3, 3, 8, beta0=0.1, betas=[0.3, 0.2, 0.5], tol=(1e-6, 1e-5)),
    quantizer_case("flat-k5-d3", 203, 5, 1, 3, 7, flat=True, tol=(1e-6, 1e-5)),
]

# ---------------------------------------------------------------------------------------------
# JSON output: one row of numbers per line, floats as exact float32 reprs
# ---------------------------------------------------------------------------------------------


class Exact(float):
    """A float written as its own repr (tolerances), not rounded to float32."""


def num(v):
    if isinstance(v, Exact):
        return repr(float(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    f = float(F32(v))
    assert np.isfinite(f)
    return repr(f)


def dump(v, ind=0):
    pad = " " * ind
    if isinstance(v, dict):
        items = [f'{pad} {json.dumps(k)}: {dump(x, ind + 1).lstrip()}' for k, x in v.items()]
        return pad + "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, np.ndarray):
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        if all(not isinstance(x, (list, tuple, np.ndarray, dict)) for x in v):
            return pad + "[" + ",".join(num(x) for x in v) + "]"
        return pad + "[\n" + ",\n".join(dump(x, ind + 1) for x in v) + "\n" + pad + "]"
    if isinstance(v, str):
        return pad + json.dumps(v)
    return pad + num(v)


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(dump(obj) + "\n")


def header(fmt, c):
    h = {"format": fmt, "name": c["name"], "kind": "flat" if c["flat"] else "hierarchical",
         "m": c["m"], "layers": c["layers"], "dim": c["dim"]}
    if c["flat"]:
        h["codes"] = c["m"]
    h.update({"beta0": c["beta0"], "betas": c["betas"], "latents": c["x"], "codebooks": c["books"]})
    return h


def tolerance(c):
    return {"abs": Exact(c["tol"][0]), "rel": Exact(c["tol"][1])}

# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join("golden-tests", "fixtures"))
    out = ap.parse_args().out

    for c in QUANTIZER_CASES:
        x, books, m = c["x"], c["books"], c["m"]
        local, glob, quant, resid, ok = quantize(x, books)
        assert ok.all()
        if c["tie"]:                                     # the duplicated codewords are really chosen,
            for layer, book, src, dst in c["tie"]:       # and always at the lower index
                parent = glob[layer - 1] if layer else np.zeros(len(x), dtype=np.int64)
                sel = parent == book
                assert (local[layer][sel] == src).sum() >= 3 and not (local[layer][sel] == dst).any()
        combined, layer_losses, combined_loss = losses(x, quant, resid, c["beta0"], c["betas"])
        obj = header("hrvq-golden/quantizer-v1", c)
        obj["expected"] = {
            "local_codes": local, "global_codes": glob, "quantized": quant, "combined": combined,
            "layer_losses": layer_losses, "combined_loss": combined_loss,
            "perplexity": [perplexity(g, m ** (i + 1)) for i, g in enumerate(glob)]}
        obj["tolerance"] = tolerance(c)
        write(os.path.join(out, "quantizer", c["name"] + ".json"), obj)

    for c in GRADIENT_CASES:
        x, books = c["x"], c["books"]
        local, glob, quant, resid, ok = quantize(x, books)
        assert ok.all()
        gx, gb = grads(x, books, glob, quant, resid, c["beta0"], c["betas"])
        fd_check(x, books, glob, c["beta0"], c["betas"], gx, gb)
        _, layer_losses, combined_loss = losses(x, quant, resid, c["beta0"], c["betas"])
        loss = combined_loss + sum(layer_losses)
        assert abs(loss - loss_sg(x, books, x, books, glob, c["beta0"], c["betas"])) < 1e-12
        obj = header("hrvq-golden/quantizer-grad-v1", c)
        obj["expected"] = {"loss": loss, "grad_latents": gx, "grad_codebooks": gb}
        obj["tolerance"] = tolerance(c)
        write(os.path.join(out, "gradients", c["name"] + ".json"), obj)

    for name, seed, m, layer, dim, n, flat in [("m4-layer2-d4", 301, 4, 2, 4, 24, False),
                                               ("flat-k8-d4", 302, 8, 1, 4, 20, True)]:
        rng = np.random.default_rng(seed)
        nb = m ** (layer - 1)
        codebook = f32(rng.standard_normal((nb, m, dim)))
        counts = f32(rng.uniform(0.5, 5.0, nb * m))
        sums = f32(codebook.reshape(nb * m, dim) * counts[:, None]
                   + 0.1 * rng.standard_normal((nb * m, dim)))
        resid = f32(rng.standard_normal((n, dim)))
        parent = rng.integers(0, nb, n)                  # the parent path, then the nearest child
        k = np.argmin(((resid[:, None, :] - codebook[parent]) ** 2).sum(-1), axis=1)
        glob = parent * m + k
        decay, eps = float(F32(0.99)), float(F32(1e-5))   # the float32 values written
        counts2, sums2, book2 = ema(codebook, counts, sums, resid, glob, decay, eps)
        obj = {"format": "hrvq-golden/ema-v1", "name": name, "kind": "flat" if flat else "hierarchical",
               "m": m, "layer": layer, "dim": dim, "decay": decay, "epsilon": eps,
               "codebook": codebook, "counts": counts, "sums": sums, "residuals": resid,
               "global_codes": glob,
               "expected": {"counts": counts2, "sums": sums2, "codebook": book2},
               "tolerance": {"abs": Exact(1e-5), "rel": Exact(1e-5)}}
        write(os.path.join(out, "ema", name + ".json"), obj)


if __name__ == "__main__":
    main()
