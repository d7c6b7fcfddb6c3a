"""Workloads of `make bench`, their targets, and the table / JSON built from the per-run tool outputs.

A run is one line of JSON from a tool (oci_blob_bench.py, v2_get_bench.py, ecr_api_bench.py) for one side
("berth" or "ref") and one round. Rates are medians over rounds; CPU seconds are medians; peak RSS is
the highest VmHWM seen over rounds (the tools reset VmHWM before each workload).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Callable


@dataclass
class Workload:
    key: str
    title: str
    unit: str
    kind: str  # which tool run it comes from: blob, manifest, blobget, ecr
    pick: Callable[[dict], dict]  # run JSON -> {"value", "p99", "cpu", "rss"} (missing: None)
    target: float | None  # Berth/ref ratio to reach; None: informative only
    p99_max_ms: float | None = None
    ref_name: str = "distribution"


def _busy(cpu, wall) -> float | None:
    """Client CPU seconds per wall second: near 1 for the GIL-bound Python client means it was the limit."""
    return round(cpu / wall, 2) if isinstance(cpu, (int, float)) and wall else None


def _blob(prefix: str, metric: str, p99: bool = False) -> Callable[[dict], dict]:
    def pick(run: dict) -> dict:
        value = run.get(f"{prefix}_{metric}")
        work = run.get("small_count", 0) if prefix.startswith("small") else run.get("size", 0) / (1 << 20)
        wall = work / value if value else None
        return {"value": value, "p99": run.get(f"{prefix}_p99_ms") if p99 else None,
                "cpu": run.get(f"{prefix}_server_cpu_s"), "rss": run.get(f"{prefix}_server_hwm_MiB"),
                "client": _busy(run.get(f"{prefix}_client_cpu_s"), wall)}
    return pick


def _get(run: dict) -> dict:
    return {"value": run.get("rps"), "p99": run.get("p99_ms"), "cpu": run.get("server_cpu_s"),
            "rss": run.get("server_hwm_MiB"), "client": _busy(run.get("client_cpu_s"), run.get("wall_s"))}


def _ecr(op: str) -> Callable[[dict], dict]:
    def pick(run: dict) -> dict:
        o = run.get("ops", {}).get(op, {})
        if "error" in o:
            return {"value": None, "p99": None, "cpu": None, "rss": None, "client": None}
        per_req, n = o.get("server_cpu_ms_per_req"), o.get("requests")
        cpu = round(per_req * n / 1e3, 3) if per_req is not None and n else None
        return {"value": o.get("rps"), "p99": o.get("p99_ms"), "cpu": cpu, "rss": o.get("server_hwm_MiB"),
                "client": None}
    return pick


def workloads(size_label: str) -> list[Workload]:
    return [
        Workload("push_mono", f"push {size_label} monolithic", "MiB/s", "blob", _blob("mono_push", "MiBps"), 2.0),
        Workload("push_chunked", f"push {size_label} in 8 MiB chunks", "MiB/s", "blob",
                 _blob("chunked_push", "MiBps"), 2.0),
        Workload("pull", f"pull {size_label}", "MiB/s", "blob", _blob("mono_pull", "MiBps"), 1.0),
        Workload("small_push", "4 KiB blobs push c=16", "blobs/s", "blob",
                 _blob("small_push", "blobs_per_s", p99=True), 10.0),
        Workload("small_pull", "4 KiB blobs pull c=16", "blobs/s", "blob",
                 _blob("small_pull", "blobs_per_s", p99=True), 10.0),
        Workload("manifest_get", "manifest GET by tag c=32", "req/s", "manifest", _get, 10.0, p99_max_ms=5.0),
        Workload("blob_get_wrk", "4 KiB blob GET c=32 (wrk)", "req/s", "blobget", _get, None),
        Workload("ecr_describe_images", "ECR DescribeImages c=32", "req/s", "ecr", _ecr("DescribeImages"), 100.0,
                 ref_name="moto"),
        Workload("ecr_batch_get_image", "ECR BatchGetImage c=32", "req/s", "ecr", _ecr("BatchGetImage"), 100.0,
                 ref_name="moto"),
        Workload("ecr_list_images", "ECR ListImages c=32", "req/s", "ecr", _ecr("ListImages"), 100.0,
                 ref_name="moto"),
    ]


def _median(values: list) -> float | None:
    v = [x for x in values if isinstance(x, (int, float))]
    return round(statistics.median(v), 3) if v else None


def _max(values: list) -> float | None:
    v = [x for x in values if isinstance(x, (int, float))]
    return max(v) if v else None


def summarize(w: Workload, runs: list[dict]) -> dict:
    picked = [w.pick(r) for r in runs if "error" not in r]
    return {"median": _median([p["value"] for p in picked]), "all": [p["value"] for p in picked],
            "p99_ms": _median([p["p99"] for p in picked]), "cpu_s": _median([p["cpu"] for p in picked]),
            "peak_rss_MiB": _max([p["rss"] for p in picked]), "client_busy": _median([p["client"] for p in picked])}


def build_rows(ws: list[Workload], results: dict[str, dict[str, list[dict]]]) -> list[dict]:
    rows = []
    for w in ws:
        b = summarize(w, results["berth"].get(w.kind, []))
        r = summarize(w, results["ref"].get(w.kind, []))
        ratio = round(b["median"] / r["median"], 2) if b["median"] and r["median"] else None
        met = None
        if w.target is not None and ratio is not None:
            met = ratio >= w.target and (w.p99_max_ms is None or (b["p99_ms"] is not None
                                                                   and b["p99_ms"] <= w.p99_max_ms))
        target = "info" if w.target is None else f">={w.target:g}x"
        if w.p99_max_ms is not None:
            target += f", p99<={w.p99_max_ms:g}ms"
        rows.append({"workload": w.key, "title": w.title, "unit": w.unit, "reference": w.ref_name,
                     "berth": b["median"], "ref": r["median"], "ratio": ratio, "target": target,
                     "target_ratio": w.target, "target_p99_ms": w.p99_max_ms, "met": met,
                     "berth_p99_ms": b["p99_ms"], "ref_p99_ms": r["p99_ms"],
                     "berth_cpu_s": b["cpu_s"], "berth_peak_rss_MiB": b["peak_rss_MiB"],
                     "ref_cpu_s": r["cpu_s"], "ref_peak_rss_MiB": r["peak_rss_MiB"],
                     "berth_client_cpu_per_s": b["client_busy"], "ref_client_cpu_per_s": r["client_busy"],
                     "berth_all": b["all"], "ref_all": r["all"]})
    return rows


def _fmt(v, digits: int = 1) -> str:
    if v is None:
        return "-"
    if isinstance(v, float) and v >= 1000:
        return f"{v:,.0f}"
    return f"{v:,.{digits}f}" if isinstance(v, float) else str(v)


def table(rows: list[dict]) -> str:
    head = ["workload", "unit", "Berth", "ref", "ref is", "Berth/ref", "target", "met", "p99 ms B/ref",
            "Berth CPU s", "Berth RSS MiB"]
    lines = []
    for r in rows:
        met = {True: "yes", False: "NO", None: "-"}[r["met"]]
        p99 = f"{_fmt(r['berth_p99_ms'], 2)}/{_fmt(r['ref_p99_ms'], 2)}" if r["berth_p99_ms"] or r["ref_p99_ms"] else "-"
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        lines.append([r["title"], r["unit"], _fmt(r["berth"]), _fmt(r["ref"]), r["reference"], ratio, r["target"],
                      met, p99, _fmt(r["berth_cpu_s"], 2), _fmt(r["berth_peak_rss_MiB"])])
    widths = [max(len(str(x[i])) for x in [head] + lines) for i in range(len(head))]
    out = []
    for n, line in enumerate([head] + lines):
        cells = [str(c).ljust(widths[i]) if i in (0, 1, 4, 6, 7) else str(c).rjust(widths[i])
                 for i, c in enumerate(line)]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def client_bound(rows: list[dict], limit: float = 0.85) -> list[str]:
    """Rows where the load generator itself was (nearly) saturated on Berth's side."""
    out = []
    for r in rows:
        busy = r.get("berth_client_cpu_per_s")
        if busy is not None and busy >= limit:
            out.append(f"{r['title']}: the client used {busy} CPU-s per s on Berth's side, so Berth's figure is a lower bound")
    return out
