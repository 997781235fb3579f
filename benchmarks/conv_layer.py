"""Benchmark: conv_layer.py's forward + backward against PyTorch's, on the CPU, float32.

Both run with the same number of threads (torch.set_num_threads and the BLAS numpy uses,
through threadpoolctl). Each case: median wall time of forward + backward over repeats,
after a warm-up; ratio = ours / PyTorch's. The naive loop version is timed on the first
case only, with fewer repeats (it is there to be read, not run).

Usage: .venv/bin/python benchmarks/conv_layer.py [--repeats N] [--threads T] [--json PATH]
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from coursekit.lesson_code import load_lesson_code  # noqa: E402

layer = load_lesson_code(ROOT / "docs/classes/deep-learning/conv_layer.py")

CASES = [  # name, N, C_in, C_out, H(=W), K, stride, padding, dilation
    ("N=32, 3→16, 32×32, 3×3", 32, 3, 16, 32, 3, 1, 1, 1),
    ("N=8, 16→32, 64×64, 3×3", 8, 16, 32, 64, 3, 1, 1, 1),
    ("N=16, 8→16, 48×48, 3×3, stride 2, padding 2, dilation 2", 16, 8, 16, 48, 3, 2, 2, 2),
]


def median_time(function, repeats):
    function()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def case_inputs(N, C_in, C_out, H, K, stride, padding, dilation):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((N, C_in, H, H), dtype=np.float32)
    W = rng.standard_normal((C_out, C_in, K, K), dtype=np.float32)
    b = rng.standard_normal(C_out, dtype=np.float32)
    H_out = layer.output_size(H, K, stride, padding, dilation)
    dY = rng.standard_normal((N, C_out, H_out, H_out), dtype=np.float32)
    return X, W, b, dY


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rows = []
    with threadpool_limits(limits=args.threads):
        for index, (name, N, C_in, C_out, H, K, s, p, d) in enumerate(CASES):
            X, W, b, dY = case_inputs(N, C_in, C_out, H, K, s, p, d)
            options = dict(stride=s, padding=p, dilation=d)

            def ours():
                layer.conv2d_forward(X, W, b, **options)
                layer.conv2d_backward(dY, X, W, **options)

            x, w, bias, grad = (torch.tensor(a) for a in (X, W, b, dY))

            def pytorch():
                xs, ws, bs = (t.clone().requires_grad_() for t in (x, w, bias))
                F.conv2d(xs, ws, bs, **options).backward(grad)

            row = {"case": name, "ours_s": median_time(ours, args.repeats), "pytorch_s": median_time(pytorch, args.repeats)}
            row["ratio"] = row["ours_s"] / row["pytorch_s"]
            if index == 0:
                def naive():
                    layer.conv2d_forward_naive(X, W, b, **options)
                    layer.conv2d_backward_naive(dY, X, W, **options)
                row["naive_s"] = median_time(naive, 1)
                row["naive_ratio"] = row["naive_s"] / row["pytorch_s"]
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)

    print(f"\nfloat32, {args.threads} thread(s), median of {args.repeats}, {time.strftime('%Y-%m-%d')}:\n")
    print("| case | conv_layer.py | PyTorch | ratio | target ≤ 2 |")
    print("| --- | ---: | ---: | ---: | --- |")
    for row in rows:
        print(f"| {row['case']} | {row['ours_s'] * 1e3:.1f} ms | {row['pytorch_s'] * 1e3:.1f} ms | "
              f"{row['ratio']:.2f} | {'yes' if row['ratio'] <= 2 else 'NO'} |")
    naive = rows[0]
    print(f"\nNaive loops, first case: {naive['naive_s']:.2f} s, {naive['naive_ratio']:.0f}× PyTorch.")
    if args.json:
        args.json.write_text(json.dumps({"threads": args.threads, "repeats": args.repeats, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
