"""The personal re-ranker: LightGBM lambdarank (the app's) beside the small torch MLP it replaced.

    .venv/bin/python bench/personalization_rankers.py [--seeds 10] [--users 20]

Both train through the app's own path (``aisle.evaluation.evaluate_personalization``:
simulated shoppers, history replay, the held-out gate) on the demo catalog, seed by seed in one
run. LightGBM's settings were chosen on seeds 0-4; seeds 5-9 are the report. The MLP is kept here
only as the reference (it needs torch, which the app no longer ships). Writes
bench/results/personalization_rankers.json.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from _common import table, write_result

from engine.app import Aisle
from engine.personalization import ranker
from engine.personalization.features import FEATURES

CHOSEN_ON = range(0, 5)


class MLP:
    """The earlier ranker: one hidden layer of 8, listwise softmax loss, 40 full-batch Adam
    steps (lr 0.02, weight decay 0.03) on standardised features."""

    def __init__(self, params: dict[str, np.ndarray]) -> None:
        self.params = params

    def score(self, features: np.ndarray) -> np.ndarray:
        p = self.params
        hidden = np.maximum(((features - p["mean"]) / p["std"]) @ p["w1"].T + p["b1"], 0.0)
        return (hidden @ p["w2"].T + p["b2"]).ravel()

    def to_bytes(self) -> bytes:
        return b""


def fit_mlp(lists: Sequence[ranker.TrainingList], *, seed: int = 0) -> MLP:
    import torch

    width = max(len(t.labels) for t in lists)
    x = np.zeros((len(lists), width, len(FEATURES)), dtype=np.float32)
    y = np.zeros((len(lists), width), dtype=np.float32)
    mask = np.zeros((len(lists), width), dtype=bool)
    for i, t in enumerate(lists):
        x[i, : len(t.labels)], y[i, : len(t.labels)], mask[i, : len(t.labels)] = \
            t.features, t.labels, True
    mean, std = x[mask].mean(axis=0), x[mask].std(axis=0) + 1e-6
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    net = torch.nn.Sequential(torch.nn.Linear(len(FEATURES), 8), torch.nn.ReLU(),
                              torch.nn.Linear(8, 1))
    optimizer = torch.optim.Adam(net.parameters(), lr=0.02, weight_decay=3e-2)
    tx, tmask = torch.from_numpy((x - mean) / std), torch.from_numpy(mask)
    target = torch.from_numpy(y) / torch.from_numpy(y).sum(dim=1, keepdim=True)
    for _ in range(40):
        optimizer.zero_grad()
        logits = net(tx).squeeze(-1).masked_fill(~tmask, -1e9)
        (-(target * torch.log_softmax(logits, dim=1)).sum(dim=1).mean()).backward()
        optimizer.step()
    w = [p.detach().numpy().copy() for p in net.parameters()]
    return MLP({"w1": w[0], "b1": w[1], "w2": w[2], "b2": w[3], "mean": mean, "std": std})


def fit_numpy_mlp(lists: Sequence[ranker.TrainingList], *, seed: int = 0) -> MLP:
    """The same MLP and loss with hand-written gradients and Adam (torch's defaults)."""
    width = max(len(t.labels) for t in lists)
    x = np.zeros((len(lists), width, len(FEATURES)), dtype=np.float64)
    y = np.zeros((len(lists), width))
    mask = np.zeros((len(lists), width), dtype=bool)
    for i, t in enumerate(lists):
        x[i, : len(t.labels)], y[i, : len(t.labels)], mask[i, : len(t.labels)] = \
            t.features, t.labels, True
    mean, std = x[mask].mean(axis=0), x[mask].std(axis=0) + 1e-6
    x = (x - mean) / std
    target = y / y.sum(axis=1, keepdims=True)
    rng = np.random.default_rng(seed)
    bound1, bound2 = 1 / np.sqrt(len(FEATURES)), 1 / np.sqrt(8)
    p = {"w1": rng.uniform(-bound1, bound1, (8, len(FEATURES))),
         "b1": rng.uniform(-bound1, bound1, 8),
         "w2": rng.uniform(-bound2, bound2, (1, 8)), "b2": rng.uniform(-bound2, bound2, 1)}
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v = {k: np.zeros_like(v) for k, v in p.items()}
    for step in range(1, 41):
        pre = x @ p["w1"].T + p["b1"]
        hidden = np.maximum(pre, 0.0)
        logits = np.where(mask, (hidden @ p["w2"].T).squeeze(-1) + p["b2"], -1e9)
        soft = np.exp(logits - logits.max(axis=1, keepdims=True))
        soft /= soft.sum(axis=1, keepdims=True)
        g = (soft - target) / len(lists)
        dpre = (g[..., None] * p["w2"][0]) * (pre > 0)
        grads = {"w2": (g[..., None] * hidden).sum(axis=(0, 1))[None, :],
                 "b2": g.sum(keepdims=True).ravel(),
                 "w1": np.einsum("lph,lpf->hf", dpre, x), "b1": dpre.sum(axis=(0, 1))}
        for k in p:
            grad = grads[k] + 3e-2 * p[k]
            m[k] = 0.9 * m[k] + 0.1 * grad
            v[k] = 0.999 * v[k] + 0.001 * grad**2
            p[k] -= 0.02 * (m[k] / (1 - 0.9**step)) / (np.sqrt(v[k] / (1 - 0.999**step)) + 1e-8)
    return MLP({**p, "mean": mean, "std": std})


def run(app: Aisle, fit: Callable[..., Any], seed: int, users: int) -> dict[str, Any]:
    ranker.fit = fit
    started = time.perf_counter()
    report = app.evaluation.evaluate_personalization(users=users, seed=seed)
    return {"seed": seed, "ndcg@10": report["personalized"]["ndcg@10"],
            "hit_rate@10": report["personalized"]["hit_rate@10"],
            "baseline_ndcg@10": report["baseline"]["ndcg@10"],
            "rankers_on": report["rankers_enabled"],
            "seconds": round(time.perf_counter() - started, 2)}


def summary(rows: list[dict[str, Any]], seeds: Sequence[int]) -> dict[str, float]:
    chosen = [r["ndcg@10"] for r in rows if r["seed"] in seeds]
    return {"mean": round(statistics.mean(chosen), 4), "sd": round(statistics.stdev(chosen), 4),
            "rankers_on": sum(r["rankers_on"] for r in rows if r["seed"] in seeds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--users", type=int, default=20)
    args = parser.parse_args()
    rankers = {"lightgbm": ranker.fit, "mlp (torch)": fit_mlp, "mlp (numpy)": fit_numpy_mlp}
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in rankers}
    with tempfile.TemporaryDirectory() as data, Aisle(data) as app:
        app.catalog.ensure()
        for seed in range(args.seeds):
            for name, fit in rankers.items():  # side by side, seed by seed
                rows[name].append(run(app, fit, seed, args.users))
                print(name, rows[name][-1], flush=True)
    report_seeds = range(CHOSEN_ON.stop, args.seeds)
    summaries = [{"ranker": name, "chosen on 0-4": summary(r, CHOSEN_ON)["mean"],
                  "reported 5+": summary(r, report_seeds)["mean"],
                  "sd 5+": summary(r, report_seeds)["sd"],
                  "rankers on 5+": summary(r, report_seeds)["rankers_on"],
                  "baseline 5+": summary([{**x, "ndcg@10": x["baseline_ndcg@10"]} for x in r],
                                         report_seeds)["mean"]}
                 for name, r in rows.items()]
    print(table(summaries, list(summaries[0])))
    print(write_result("personalization_rankers", {"users": args.users, "per_seed": rows,
                                                   "summary": summaries}))


if __name__ == "__main__":
    main()
