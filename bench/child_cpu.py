"""The CPU time a child process spends (user + system), read from `RUSAGE_CHILDREN`.

Start-up figures compare whole processes (`liveread`, newsboat, `python -c pass`), so they are
CPU seconds of the child, not wall time: a busy machine stretches wall time but hardly the CPU
a process itself uses. Each child runs with its bytecode cached (`bytecode_env`), as an
installed liveread has it: a run that compiled every module first would measure the compiler.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

RUN_TIMEOUT = 300.0
"""Seconds one measured child may take (only a hang reaches it)."""


def bytecode_env(scratch: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This environment with bytecode written to and read from a cache under `scratch`
    (`PYTHONDONTWRITEBYTECODE` removed), plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    env.update(extra or {})
    return env


def child_cpu(
    command: Sequence[str], env: Mapping[str, str], *, expect: int | None = 0
) -> float:
    """CPU seconds (user + system) of one run of `command`; its exit code must be `expect`
    (None: any)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        list(command),
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if expect is not None and proc.returncode != expect:
        raise RuntimeError(f"{command[0]} exited {proc.returncode}: {proc.stderr[-500:]!r}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_cpu(
    repeats: int, command: Sequence[str], env: Mapping[str, str], *, expect: int | None = 0
) -> float:
    """The median CPU seconds of `repeats` runs of `command`, after one unmeasured run that
    fills the bytecode cache."""
    child_cpu(command, env, expect=expect)
    return statistics.median(child_cpu(command, env, expect=expect) for _ in range(repeats))
