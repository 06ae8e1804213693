"""Start-up cost of rcx commands: CPU time against importing the libraries rcx is built on.

Runs, as subprocesses and interleaved round by round (so a shared machine's noise falls on
all alike), the baseline ``python -c "import networkx, neo4j, pydantic, typer"`` and
``rcx info``, ``rcx validate``, ``rcx analyze`` and ``rcx view`` on the built-in dataset.
Each child's CPU time (user + system, from ``wait4``) is recorded; the script prints the
median per command and its ratio to the baseline's median, with issue 12's targets.

    .venv/bin/python bench/startup_bench.py            # 5 rounds
    .venv/bin/python bench/startup_bench.py --rounds 9 --no-analyze
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BASELINE = [sys.executable, "-c", "import networkx, neo4j, pydantic, typer"]
TARGETS = {"info": 1.3, "validate": 1.3, "analyze": 2.0, "view": 2.0}


def rcx(*args: str) -> list[str]:
    return [sys.executable, "-m", "rcx.cli", *args]


def cpu_seconds(cmd: list[str]) -> float:
    """User + system CPU time of one run of ``cmd`` (its output discarded)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-500:]}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-analyze", action="store_true", help="leave out rcx analyze")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="rcx-startup-"))
    commands = {
        "baseline": BASELINE,
        "info": rcx("info"),
        "validate": rcx("validate"),
        "view": rcx("view", "-o", str(out / "view.html")),
    }
    if not args.no_analyze:
        commands["analyze"] = rcx("analyze", "--out", str(out / "report"))
    times: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():  # warm the file cache and .pyc files once
        cpu_seconds(cmd)
    for i in range(args.rounds):
        for name, cmd in commands.items():
            times[name].append(cpu_seconds(cmd))
        print(f"round {i + 1}/{args.rounds} done", file=sys.stderr)
    base = statistics.median(times["baseline"])
    print(f"{'command':<10} {'median CPU s':>12} {'ratio':>7} {'target':>7}  met")
    for name, ts in times.items():
        med = statistics.median(ts)
        target = TARGETS.get(name)
        verdict = "" if target is None else ("yes" if med / base <= target else "NO")
        shown = f"{target:.1f}x" if target else ""
        print(f"{name:<10} {med:>12.3f} {med / base:>6.2f}x {shown:>7}  {verdict}")
    print(
        f"({args.rounds} interleaved rounds, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]})"
    )


if __name__ == "__main__":
    main()
