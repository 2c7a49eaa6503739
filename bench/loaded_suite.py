"""`python -m bench.loaded_suite [--runs K] [--burners N] [-- PYTEST-ARGS]`: the test suite on
a busy machine.

Starts N processes that do nothing but burn CPU (like `stress --cpu N`), runs the README's test
command (`python -m pytest`) K times beside them, one run after another, and prints each run's
outcome, pytest's summary line and wall time, then a total. The suite must pass every time:
its tests wait on conditions, never on time, so a machine with a load of 8 on 2 cores makes
them slower, never red.

Each burner ends on its own after `--limit` seconds even if this script is killed, and all of
them are killed when the runs are done. Exit 0 if every run passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The checkout: the suite runs from here, as the README's command does."""

BURN = "import time\nend = time.monotonic() + {limit}\nwhile time.monotonic() < end:\n    pass\n"
"""A busy loop that stops by itself after `limit` seconds."""


@dataclass(frozen=True, slots=True)
class Run:
    """One run of the suite beside the burners."""

    number: int
    """1 for the first run."""
    passed: bool
    """Whether pytest exited 0."""
    seconds: float
    """Wall time of the run."""
    summary: str
    """pytest's last line (`N passed in ...`, or what failed)."""
    load: float
    """The one-minute load average when the run ended."""
    cpu: float
    """CPU seconds (user and system) of pytest and everything it started: the work itself,
    which the load does not change (wall time on an idle 2-core machine lies between half of
    it and all of it, plus what the tests spend waiting on timers and servers)."""


def start_burners(count: int, limit: float) -> list[subprocess.Popen[bytes]]:
    """`count` CPU-burning processes, each ending by itself after `limit` seconds."""
    code = BURN.format(limit=limit)
    return [
        subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.DEVNULL)
        for _ in range(count)
    ]


def stop_burners(burners: list[subprocess.Popen[bytes]]) -> None:
    """Kill every burner still running and reap it."""
    for burner in burners:
        if burner.poll() is None:
            burner.kill()
    for burner in burners:
        burner.wait()


def run_suite(number: int, pytest_args: list[str], log: Path | None) -> Run:
    """Run `python -m pytest PYTEST_ARGS` once; its outcome (output kept in `log` if given)."""
    began = time.perf_counter()
    used = _children_cpu()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", *pytest_args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - began
    cpu = _children_cpu() - used
    output = proc.stdout + proc.stderr
    if log is not None:
        log.write_text(output, encoding="utf-8")
    lines = [line.strip() for line in proc.stdout.splitlines() if line.strip()]
    summary = lines[-1] if lines else f"no output (exit {proc.returncode})"
    return Run(number, proc.returncode == 0, seconds, summary, os.getloadavg()[0], cpu)


def _children_cpu() -> float:
    # The burners are reaped only at the end, so until then this counts the suite alone:
    # pytest, its xdist workers (which it reaps before exiting) and what they started.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def minutes(seconds: float) -> str:
    """`7 min 42 s`."""
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s"


def main(argv: list[str] | None = None) -> int:
    """Run the suite `--runs` times beside `--burners` busy loops; 0 if every run passed."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.loaded_suite", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--runs", type=int, default=5, help="runs of the suite (5)")
    parser.add_argument(
        "--burners", type=int, default=6, help="CPU-burning processes beside it (6)"
    )
    parser.add_argument(
        "--limit",
        type=float,
        default=2 * 3600,
        help="seconds after which each burner stops by itself (2 hours)",
    )
    parser.add_argument("--logs", type=Path, help="keep each run's output in this directory")
    parser.add_argument(
        "--stop-on-failure", action="store_true", help="stop after the first failed run"
    )
    parser.add_argument("pytest_args", nargs="*", help="after --: passed on to pytest")
    args = parser.parse_args(argv)
    # Started in the background by a shell without job control, this process (and so the
    # suite) would have Ctrl-C ignored; the tests that send SIGINT need it as in a terminal.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if args.logs is not None:
        args.logs.mkdir(parents=True, exist_ok=True)

    print(f"{args.burners} burners on {os.cpu_count()} CPUs; {args.runs} runs", flush=True)
    burners = start_burners(args.burners, args.limit)
    runs: list[Run] = []
    try:
        for number in range(1, args.runs + 1):
            log = args.logs / f"run-{number}.txt" if args.logs is not None else None
            run = run_suite(number, args.pytest_args, log)
            runs.append(run)
            verdict = "pass" if run.passed else "FAIL"
            print(
                f"run {number}/{args.runs}: {verdict} in {minutes(run.seconds)}"
                f" ({run.cpu:.0f} CPU s, load {run.load:.1f}): {run.summary}",
                flush=True,
            )
            if not run.passed and args.stop_on_failure:
                break
    finally:
        stop_burners(burners)
    passed = sum(run.passed for run in runs)
    total = sum(run.seconds for run in runs)
    print(f"{passed}/{len(runs)} runs passed; {minutes(total)} in all", flush=True)
    return 0 if runs and passed == len(runs) else 1


if __name__ == "__main__":
    sys.exit(main())
