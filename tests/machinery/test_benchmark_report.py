"""benchmarks/README.md is written by the benchmarks (benchmarks/report.py): it is what the
results files give, and a benchmark's run rewrites its own section, and no other."""

import json
import shutil

from benchmarks import report


def test_the_readme_is_what_the_results_give():
    assert report.README.read_text(encoding="utf-8") == report.from_results(), \
        "benchmarks/README.md is stale or edited by hand: run `.venv/bin/python -m benchmarks.report`"


def sections(readme):
    return {m["name"]: m["text"] for m in report.MARK.finditer(readme.read_text(encoding="utf-8"))}


def test_a_run_rewrites_its_own_section_only(tmp_path):
    readme, results = tmp_path / "README.md", tmp_path / "results"
    shutil.copyfile(report.README, readme)
    shutil.copytree(report.RESULTS, results)
    before = sections(readme)
    run = json.loads((results / "conv_layer.json").read_text())
    for key in ("date", "machine"):
        run.pop(key, None)
    run["rows"][0] = {**run["rows"][0], "ours_s": 0.0123, "ratio": 2.5}
    printed = report.record("conv_layer", run, readme=readme, results_dir=results)
    after = sections(readme)
    assert after["conv_layer"] == printed != before["conv_layer"]
    assert "| 12.3 ms |" in printed and "| 2.50 | NO |" in printed
    assert {name: text for name, text in after.items() if name != "conv_layer"} == \
        {name: text for name, text in before.items() if name != "conv_layer"}
    kept = json.loads((results / "conv_layer.json").read_text())
    assert kept["date"] and kept["machine"] and kept["date"] in printed and kept["machine"] in printed
    assert readme.read_text(encoding="utf-8") == report.from_results(results), "the results file gives the same section"


def test_a_variant_gets_its_own_section_beside_its_benchmark(tmp_path):
    readme, results = tmp_path / "README.md", tmp_path / "results"
    shutil.copyfile(report.README, readme)
    shutil.copytree(report.RESULTS, results)
    slow = {**json.loads((results / "page_bytes.json").read_text()), "mbits": 20.0}
    report.record("page_bytes-20mbits", slow, readme=readme, results_dir=results)
    names = list(sections(readme))
    assert names.index("page_bytes") < names.index("page_bytes-20mbits") < names.index("conv_layer")
    assert "20 Mbit/s" in sections(readme)["page_bytes-20mbits"]
