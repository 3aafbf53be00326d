#!/usr/bin/python3
"""Sanity check of the written fixtures, as a float32 consumer (like the Java suite) would see them.

    /usr/bin/python3 golden-tests/reference/check_fixtures.py [DIR]   # default golden-tests/fixtures

Re-reads every JSON file, checks that every float is exactly a float32, then recomputes the quantizer
fixtures in float32 with distances as ||r||^2 - 2 r.e + ||e||^2 (the Java formulation) and asserts
identical codes and values within each file's tolerance. Gradient and EMA files are recomputed in
float32 the same way. Standard library + NumPy only.
"""
import glob
import json
import os
import sys

import numpy as np

F = np.float32


def floats(v):
    if isinstance(v, list):
        for x in v:
            yield from floats(x)
    elif isinstance(v, dict):
        for x in v.values():
            yield from floats(x)
    elif isinstance(v, float):
        yield v


def close(name, got, want, tol):
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    assert got.shape == want.shape, (name, got.shape, want.shape)
    bad = np.abs(got - want) > np.maximum(tol["abs"], tol["rel"] * np.abs(want))   # within abs OR rel
    assert not bad.any(), (name, np.abs(got - want).max())


def quantize32(x, books):
    r, path, out = x.copy(), np.zeros(len(x), dtype=np.int64), []
    for c in books:
        b = c[path]
        d = (r * r).sum(-1)[:, None] - F(2) * np.einsum("nd,nmd->nm", r, b) + (b * b).sum(-1)
        k = np.argmin(d, axis=1)
        e = b[np.arange(len(x)), k]
        path = path * c.shape[1] + k
        out.append((k, path.copy(), e, r))
        r = r - e
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join("golden-tests", "fixtures")
    files = sorted(glob.glob(os.path.join(root, "*", "*.json")))
    assert files
    for path in files:
        f = json.load(open(path))
        assert all(float(F(v)) == v for v in floats(f)
                   if v not in (f["tolerance"]["abs"], f["tolerance"]["rel"])), path
        tol, ex = f["tolerance"], f["expected"]
        if f["format"] == "hrvq-golden/ema-v1":
            nb, m = len(f["codebook"]), f["m"]
            g = np.array(f["global_codes"])
            res = np.array(f["residuals"], dtype=F)
            d, eps = F(f["decay"]), F(f["epsilon"])
            n_k = np.bincount(g, minlength=nb * m).astype(F)
            s_k = np.zeros((nb * m, f["dim"]), dtype=F)
            np.add.at(s_k, g, res)
            counts = d * np.array(f["counts"], dtype=F) + (F(1) - d) * n_k
            sums = d * np.array(f["sums"], dtype=F) + (F(1) - d) * s_k
            c = counts.reshape(nb, m)
            n_b = c.sum(1, keepdims=True)
            book = sums.reshape(nb, m, -1) / ((c + eps) / (n_b + F(m) * eps) * n_b)[:, :, None]
            close(path + " counts", counts, ex["counts"], tol)
            close(path + " sums", sums, ex["sums"], tol)
            close(path + " codebook", book, ex["codebook"], tol)
            print("ok", path)
            continue
        x = np.array(f["latents"], dtype=F)
        books = [np.array(c, dtype=F) for c in f["codebooks"]]
        assert len(books) == f["layers"] and all(b.shape == (f["m"] ** i, f["m"], f["dim"])
                                                 for i, b in enumerate(books)), path
        layers = quantize32(x, books)
        b0, bs = F(f["beta0"]), [F(b) for b in f["betas"]]
        e_c = np.sum([e for _, _, e, _ in layers], axis=0, dtype=F)
        mse = lambda a, b: ((a - b) ** 2).mean(dtype=F)
        if f["format"] == "hrvq-golden/quantizer-v1":
            for i, (k, g, e, r) in enumerate(layers):
                assert (k == ex["local_codes"][i]).all() and (g == ex["global_codes"][i]).all(), path
                close(path + " quantized", e, ex["quantized"][i], tol)
                close(path + " layer_loss", (F(1) + bs[i]) * mse(r, e), ex["layer_losses"][i], tol)
                p = np.bincount(g, minlength=f["m"] ** (i + 1)) / len(g)
                p = p[p > 0]
                close(path + " perplexity", np.exp(-(p * np.log(p)).sum()), ex["perplexity"][i], tol)
            close(path + " combined", e_c, ex["combined"], tol)
            close(path + " combined_loss", (F(1) + b0) * mse(x, e_c), ex["combined_loss"], tol)
        else:
            s = F(2.0 / x.size)
            gx = b0 * s * (x - e_c)
            loss = (F(1) + b0) * mse(x, e_c)
            for i, (k, g, e, r) in enumerate(layers):
                gx += bs[i] * s * (r - e)
                loss += (F(1) + bs[i]) * mse(r, e)
                gb = np.zeros((books[i].shape[0] * books[i].shape[1], f["dim"]), dtype=F)
                np.add.at(gb, g, s * ((e_c - x) + (e - r)))
                close(path + " grad_codebooks", gb.reshape(books[i].shape), ex["grad_codebooks"][i], tol)
            close(path + " grad_latents", gx, ex["grad_latents"], tol)
            close(path + " loss", loss, ex["loss"], tol)
        print("ok", path)


if __name__ == "__main__":
    main()
