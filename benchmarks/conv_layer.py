"""Benchmark: the convolution lesson's full layer (convolutional_site/layer.py), forward +
backward, against PyTorch's, on the CPU, float32.

Both run with the same number of threads (torch.set_num_threads and the BLAS numpy uses,
through threadpoolctl). Each case: median wall time of forward + backward over repeats,
after a warm-up; ratio = ours / PyTorch's. The naive loop version is timed on the first
case only, with fewer repeats (it is there to be read, not run).

With --in-browser, the first case is also timed in Pyodide, in Debian's Chromium: the
OFFLINE=1 site is built and served on 127.0.0.1, and a block of the lesson page runs the
same timing there (importing the layer as the page's blocks do).

Usage: .venv/bin/python benchmarks/conv_layer.py [--repeats N] [--threads T] [--in-browser]

The run's results go to benchmarks/results/conv_layer.json, and its section of
benchmarks/README.md is written again from them (benchmarks/report.py).
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
from benchmarks import report  # noqa: E402
from tests.support.site import lesson  # noqa: E402

layer = lesson("convolutional_site.layer")

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
    dL_dY = rng.standard_normal((N, C_out, H_out, H_out), dtype=np.float32)
    return X, W, b, dL_dY


IN_BROWSER_CODE = """
import statistics, time
import numpy as np
from convolutional_site.layer import conv2d_backward, conv2d_forward

rng = np.random.default_rng(0)
X = rng.standard_normal((32, 3, 32, 32), dtype=np.float32)
W = rng.standard_normal((16, 3, 3, 3), dtype=np.float32)
b = rng.standard_normal(16, dtype=np.float32)
dL_dY = rng.standard_normal((32, 16, 32, 32), dtype=np.float32)
times = []
for repeat in range({repeats} + 1):
    start = time.perf_counter()
    conv2d_forward(X, W, b, padding=1)
    conv2d_backward(dL_dY, X, W, padding=1)
    times.append(time.perf_counter() - start)
print("median seconds:", statistics.median(times[1:]))
"""


def time_in_browser(repeats):
    """The first case's forward + backward in Pyodide, in Chromium: median seconds."""
    import re
    import tempfile

    from playwright.sync_api import sync_playwright

    from tests.browser.runner_page import set_code, stdout, wait_until_finished
    from tests.support.browser import CHROMIUM, CHROMIUM_FLAGS, serve
    from tests.support.site import build_site

    with tempfile.TemporaryDirectory() as site:
        server, url = serve(site)
        build_site(ROOT, site, languages=["en"], OFFLINE="1", SITE_URL=url + "/")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            page.goto(url + "/classes/deep-learning/convolutional/")
            blocks = page.locator(".pyodide-block")
            index = [i for i in range(blocks.count()) if "numerical_gradient" in blocks.nth(i).text_content()][0]
            block = blocks.nth(index)  # by position: its text changes once the code is replaced
            set_code(page, block, IN_BROWSER_CODE.format(repeats=repeats))
            block.locator(".pyodide-run").click()
            status = wait_until_finished(block, 600_000)
            printed = stdout(block)
            browser.close()
        server.shutdown()
    match = re.search(r"median seconds: ([\d.e-]+)", printed)
    if not match:
        raise RuntimeError(f"the in-browser run failed: {status} {printed}")
    return float(match.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--in-browser", action="store_true", help="also time the first case in Pyodide")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rows = []
    with threadpool_limits(limits=args.threads):
        for index, (name, N, C_in, C_out, H, K, s, p, d) in enumerate(CASES):
            X, W, b, dL_dY = case_inputs(N, C_in, C_out, H, K, s, p, d)
            options = dict(stride=s, padding=p, dilation=d)

            def ours():
                layer.conv2d_forward(X, W, b, **options)
                layer.conv2d_backward(dL_dY, X, W, **options)

            x, w, bias, grad = (torch.tensor(a) for a in (X, W, b, dL_dY))

            def pytorch():
                xs, ws, bs = (t.clone().requires_grad_() for t in (x, w, bias))
                F.conv2d(xs, ws, bs, **options).backward(grad)

            row = {"case": name, "ours_s": median_time(ours, args.repeats), "pytorch_s": median_time(pytorch, args.repeats)}
            row["ratio"] = row["ours_s"] / row["pytorch_s"]
            if index == 0:
                def naive():
                    layer.conv2d_forward_naive(X, W, b, **options)
                    layer.conv2d_backward_naive(dL_dY, X, W, **options)
                row["naive_s"] = median_time(naive, 1)
                row["naive_ratio"] = row["naive_s"] / row["pytorch_s"]
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)

    first = rows[0]
    if args.in_browser:
        first["pyodide_s"] = time_in_browser(args.repeats)
    print("\n" + report.record("conv_layer", {"threads": args.threads, "repeats": args.repeats, "rows": rows}))


if __name__ == "__main__":
    main()
