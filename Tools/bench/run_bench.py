#!/usr/bin/env python3
"""`make bench`: Berth side by side with CNCF distribution (/v2/) and moto (ECR API), in one run.

    run_bench.py --berth PATH/berth-server --shared ../shared/bench [--out .bench/bench-results.json]

Starts the three servers on 127.0.0.1 (ports from 15200-15299, data in one temp dir), then for each round
runs every workload on both sides, alternating which side goes first (A B, B A, A B, ...):
  oci_blob_bench.py   push monolithic, push in 8 MiB chunks, pull (BENCH_SIZE), 4 KiB blobs c=16 push + pull
  v2_get_bench.py     manifest GET by tag c=32, 4 KiB blob GET c=32 (wrk)
  ecr_api_bench.py    DescribeImages, BatchGetImage, ListImages c=32 (wrk replaying SigV4-signed requests)
Prints one table of medians (ratio Berth/reference against the targets) and writes it, with every run,
as JSON. Stops all servers and removes the temp dir at the end, also on Ctrl-C or SIGTERM.

Environment: BENCH_SIZE (1G), BENCH_ROUNDS (3), BENCH_QUICK=1 (256M, 1 round, 1000 small blobs),
BENCH_SMALL_COUNT (2000), BENCH_GET_SECONDS (8), BENCH_ECR_SECONDS (6), BENCH_MAX_MINUTES (25: no new
round starts after it), BENCH_OUT (result JSON path), DOCKER_REGISTRY, MOTO_SERVER (binaries).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import report  # noqa: E402
import servers  # noqa: E402

PY = sys.executable or "python3"


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def env_int(name: str, default: int) -> int:
    v = os.environ.get(name, "").strip()
    return int(v) if v else default


def config() -> dict:
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    return {
        "quick": quick,
        "size": os.environ.get("BENCH_SIZE") or ("256M" if quick else "1G"),
        "rounds": env_int("BENCH_ROUNDS", 1 if quick else 3),
        "small_count": env_int("BENCH_SMALL_COUNT", 1000 if quick else 2000),
        "get_seconds": env_int("BENCH_GET_SECONDS", 5 if quick else 8),
        "ecr_seconds": env_int("BENCH_ECR_SECONDS", 4 if quick else 6),
        "max_minutes": env_int("BENCH_MAX_MINUTES", 25),
        "chunk": "8M", "small_size": "4K", "blob_concurrency": 16, "get_connections": 32, "ecr_connections": 32,
    }


def size_label(size: str) -> str:
    s = size.strip().upper().removesuffix("B").removesuffix("I")
    return s[:-1] + " GiB" if s.endswith("G") else s[:-1] + " MiB" if s.endswith("M") else s + " B"


def tool(args: list[str], timeout: float, tmpdir: str) -> dict:
    """Runs one bench tool in its own process group (killed whole, wrk included, on timeout or Ctrl-C), with
    TMPDIR inside the bench's temp dir; returns its JSON line (or an error record)."""
    proc = subprocess.Popen([PY, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env={**os.environ, "TMPDIR": tmpdir})
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except BaseException as e:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        if isinstance(e, subprocess.TimeoutExpired):
            return {"error": f"timed out after {timeout:.0f} s"}
        raise
    for line in reversed(stdout.splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                break
    return {"error": f"exit {proc.returncode}: " + (stderr or stdout)[-400:]}


def summary(kind: str, r: dict) -> str:
    if "error" in r:
        return "ERROR " + str(r["error"])[:300]
    if kind == "blob":
        keys = ("mono_push_MiBps", "chunked_push_MiBps", "mono_pull_MiBps", "small_push_blobs_per_s",
                "small_pull_blobs_per_s", "small_push_errors", "small_pull_errors")
        return " ".join(f"{k}={r.get(k)}" for k in keys)
    if kind == "ecr":
        return " ".join(f"{op}={v.get('rps')}/s p99={v.get('p99_ms')}ms err={v.get('errors')}"
                        for op, v in r.get("ops", {}).items()) + (f" note={r['setup_error']}"
                                                                  if "setup_error" in r else "")
    return f"{r.get('rps')}/s p99={r.get('p99_ms')}ms errors={r.get('errors')}"


class Bench:
    def __init__(self, a, cfg: dict):
        self.a, self.cfg = a, cfg
        self.work = tempfile.mkdtemp(prefix="berth-bench-")
        self.client_dir = os.path.join(self.work, "client")
        self.tmp = os.path.join(self.work, "tmp")
        os.makedirs(self.client_dir)
        os.makedirs(self.tmp)
        self.srv: dict[str, servers.Server] = {}
        self.results: dict[str, dict[str, list]] = {"berth": {}, "ref": {}}
        self.notes: list[str] = []
        self.password = ""
        self.v2 = True

    # -- servers -----------------------------------------------------------------------------------
    def start(self) -> None:
        ports: set[int] = set()
        b = self.srv["berth"] = servers.berth(self.a.berth, servers.free_port(ports), self.work)
        d = self.srv["distribution"] = servers.distribution(self.a.docker_registry, servers.free_port(ports), self.work)
        m = self.srv["moto"] = servers.moto(self.a.moto_server, servers.free_port(ports), self.work)
        st = b.start("/v2/")
        log(f"berth pid {b.pid} on {b.endpoint} (GET /v2/ -> {st}), data in {self.work}/berth-data")
        if st != 401:
            self.v2 = False
            self.notes.append(f"Berth's GET /v2/ answered {st}, not 401: /v2/ workloads skipped (no OCI API in this build?)")
            log(self.notes[-1])
        st = d.start("/v2/")
        log(f"distribution pid {d.pid} on {d.endpoint} (GET /v2/ -> {st})")
        st = m.start("/")
        log(f"moto pid {m.pid} on {m.endpoint} (GET / -> {st})")
        servers.berth_create_repositories(b.endpoint, ["bench-blob", "bench-get", "bench-blobget", "bench-ecr"])
        if self.v2:
            self.password = servers.berth_registry_password(b.endpoint)
        self.idle_rss = {n: s.rss_MiB() for n, s in self.srv.items()}

    def stop(self) -> None:
        for s in self.srv.values():
            s.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def check_alive(self) -> None:
        for s in self.srv.values():
            if not s.alive():
                raise servers.ServerError(f"{s.name} died (exit {s.proc.returncode}):\n{s.log_tail()}")

    # -- one workload group on one side --------------------------------------------------------------
    def v2_args(self, side: str) -> list[str]:
        s = self.srv["berth" if side == "berth" else "distribution"]
        args = ["--endpoint", s.endpoint, "--pid", str(s.pid)]
        return args + (["--user", "AWS", "--password", self.password] if side == "berth" else [])

    def run(self, kind: str, side: str, rnd: int) -> None:
        c, sh = self.cfg, self.a.shared
        label = f"{side}{rnd}"
        if kind == "blob":
            r = tool([os.path.join(sh, "oci_blob_bench.py"), *self.v2_args(side), "--repo", "bench-blob",
                      "--tests", "mono,chunked,small", "--size", c["size"], "--chunk", c["chunk"],
                      "--small-count", str(c["small_count"]), "--small-size", c["small_size"],
                      "--concurrency", str(c["blob_concurrency"]), "--runs", "1", "--workdir", self.client_dir,
                      "--max-seconds", "400", "--label", label], timeout=600, tmpdir=self.tmp)
        elif kind in ("manifest", "blobget"):
            what, repo = ("manifest", "bench-get") if kind == "manifest" else ("blob", "bench-blobget")
            r = tool([os.path.join(HERE, "v2_get_bench.py"), "--shared", sh, *self.v2_args(side), "--what", what,
                      "--repo", repo, "--duration", str(c["get_seconds"]),
                      "--connections", str(c["get_connections"]), "--label", label], timeout=c["get_seconds"] + 120, tmpdir=self.tmp)
        else:
            s = self.srv["berth" if side == "berth" else "moto"]
            keys = [servers.BERTH_ACCESS_KEY, servers.BERTH_SECRET_KEY] if side == "berth" else ["test", "test"]
            r = tool([os.path.join(sh, "ecr_api_bench.py"), "--endpoint", s.endpoint, "--pid", str(s.pid),
                      "--region", servers.REGION, "--access-key", keys[0], "--secret-key", keys[1],
                      "--repo", "bench-ecr", "--ops", "DescribeImages,BatchGetImage,ListImages",
                      "--engine", "wrk", "--duration", str(c["ecr_seconds"]), "--threads", "2",
                      "--connections", str(c["ecr_connections"]), "--runs", "1", "--upload-size", "0",
                      "--max-seconds", str(3 * c["ecr_seconds"] + 60), "--label", label],
                     timeout=3 * c["ecr_seconds"] + 180, tmpdir=self.tmp)
        r["round"] = rnd
        self.results[side].setdefault(kind, []).append(r)
        log(f"round {rnd} {kind:8} {side:5}: {summary(kind, r)}")
        self.check_alive()

    def rounds(self) -> int:
        deadline = time.monotonic() + self.cfg["max_minutes"] * 60
        kinds = (["blob", "manifest", "blobget"] if self.v2 else []) + ["ecr"]
        done = 0
        for rnd in range(1, self.cfg["rounds"] + 1):
            if time.monotonic() > deadline:
                self.notes.append(f"stopped after {done} rounds: BENCH_MAX_MINUTES={self.cfg['max_minutes']} reached")
                log(self.notes[-1])
                break
            order = ("ref", "berth") if rnd % 2 else ("berth", "ref")
            for kind in kinds:
                for side in order:
                    self.run(kind, side, rnd)
            done += 1
        return done


def versions(a) -> dict:
    def first_line(cmd: list[str]) -> str:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"
    try:
        from importlib.metadata import version
        moto_v = version("moto")
    except Exception:
        moto_v = "?"
    st = os.stat(a.berth)
    return {"berth_binary": os.path.realpath(a.berth), "berth_binary_mtime": time.strftime(
            "%Y-%m-%dT%H:%M:%S", time.localtime(st.st_mtime)), "repo_commit": first_line(
            ["git", "-C", os.path.dirname(os.path.abspath(__file__)), "rev-parse", "--short", "HEAD"]),
            "distribution": first_line([a.docker_registry, "--version"]), "moto": moto_v,
            "wrk": first_line(["wrk", "-v"]), "python": sys.version.split()[0]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--berth", required=True, help="release berth-server binary")
    ap.add_argument("--shared", required=True, help="directory with oci_blob_bench.py and ecr_api_bench.py")
    ap.add_argument("--out", default=os.environ.get("BENCH_OUT", ".bench/bench-results.json"))
    ap.add_argument("--docker-registry", default=os.environ.get("DOCKER_REGISTRY", "docker-registry"))
    ap.add_argument("--moto-server", default=os.environ.get("MOTO_SERVER", "moto_server"))
    a = ap.parse_args()
    a.shared = os.path.abspath(a.shared)
    cfg = config()

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, on_signal)

    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    load_start = os.getloadavg()
    t0 = time.monotonic()
    log(f"size {cfg['size']}, {cfg['rounds']} round(s), {cfg['small_count']} small blobs; load {load_start[0]:.2f} "
        f"on {os.cpu_count()} cores (a busy machine skews the figures: read the ratios)")
    bench = Bench(a, cfg)
    rounds_done = 0
    error = None
    try:
        bench.start()
        rounds_done = bench.rounds()
        final_rss = {n: s.rss_MiB() for n, s in bench.srv.items()}
    except Exception as e:  # a server that would not start or died: report what was measured
        error = str(e) if isinstance(e, servers.ServerError) else f"{type(e).__name__}: {e}"
        log("ERROR " + error)
        final_rss = {}
    finally:
        logs = {n: s.log_tail() for n, s in bench.srv.items()}
        bench.stop()
    rows = report.build_rows(report.workloads(size_label(cfg["size"])), bench.results)
    errors = [f"{side} {kind} round {r['round']}: {r['error']}" for side, kinds in bench.results.items()
              for kind, runs in kinds.items() for r in runs if "error" in r]
    by_key = {r["workload"]: r for r in rows}
    doc = {"tool": "make bench", "started": started, "config": cfg,
           "rounds_done": rounds_done, "elapsed_s": round(time.monotonic() - t0, 1), "cores": os.cpu_count(),
           "loadavg_start": load_start, "loadavg_end": os.getloadavg(), "versions": versions(a),
           "idle_rss_MiB": getattr(bench, "idle_rss", {}), "final_rss_MiB": final_rss,
           "berth_peak_rss_chunked_push_MiB": by_key["push_chunked"]["berth_peak_rss_MiB"],
           "berth_peak_rss_pull_MiB": by_key["pull"]["berth_peak_rss_MiB"],
           "rows": rows, "notes": bench.notes, "errors": errors + ([error] if error else []), "client_bound": report.client_bound(rows),
           "server_log_tails": logs, "runs": bench.results}
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=1)

    if rounds_done == 0:
        for e in doc["errors"]:
            print("error: " + e[:2000])
        print(f"no round completed; details in {os.path.abspath(a.out)}")
        return 1
    print()
    print(f"Berth vs distribution (/v2/) and moto (ECR API): medians of {rounds_done} round(s), size {cfg['size']}, "
          f"load {load_start[0]:.1f}->{doc['loadavg_end'][0]:.1f} on {os.cpu_count()} cores")
    print(report.table(rows))
    print(f"Berth peak RSS: {size_label(cfg['size'])} chunked push {by_key['push_chunked']['berth_peak_rss_MiB']} MiB, "
          f"{size_label(cfg['size'])} pull {by_key['pull']['berth_peak_rss_MiB']} MiB; idle at start "
          f"{doc['idle_rss_MiB'].get('berth')} MiB, at end {final_rss.get('berth')} MiB")
    for n in bench.notes + doc["client_bound"]:
        print("note: " + n)
    for e in doc["errors"]:
        print("error: " + e[:500])
    print(f"results: {os.path.abspath(a.out)} ({doc['elapsed_s']:.0f} s)")
    return 1 if doc["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
