"""What every benchmark returns and how a figure is compared with its target."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure, printed as `name value unit baseline ratio target ok`."""

    name: str
    """What was measured, e.g. `import_100k_dump`."""
    value: float
    """The measurement, in `unit`."""
    unit: str
    """`s`, `ms` or `MB`."""
    baseline: float | None
    """The same work done the bare way in the same run, in `unit`; None where there is none."""
    target: str
    """The target as text, e.g. `ratio<=3` or `value<=150`."""
    limit: float
    """The number the target compares against."""
    by_ratio: bool = True
    """True when the target bounds value/baseline; False when it bounds value itself."""

    @property
    def ratio(self) -> float | None:
        """value / baseline, when there is a baseline."""
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.value / self.baseline

    @property
    def ok(self) -> bool:
        """Whether the target is met."""
        measured = self.ratio if self.by_ratio else self.value
        return measured is not None and measured <= self.limit

    def line(self) -> str:
        """The human-readable table row."""
        base = "-" if self.baseline is None else f"{self.baseline:.4g}"
        ratio = "-" if self.ratio is None else f"{self.ratio:.2f}"
        return (
            f"{self.name:<34} {self.value:>10.4g} {self.unit:<3} {base:>10} {ratio:>6}"
            f" {self.target:<14} {'ok' if self.ok else 'MISSED'}"
        )

    def as_json(self) -> dict[str, object]:
        """The JSON-lines shape."""
        data = asdict(self)
        data["ratio"] = self.ratio
        data["ok"] = self.ok
        return data


def median_of(repeats: int, fn: Callable[[], object]) -> float:
    """The median of `repeats` runs of `fn`, in seconds: what a user meets on a typical run,
    where a minimum would report the luckiest one."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def best_of(repeats: int, fn: Callable[[], object]) -> float:
    """The median of `repeats` runs of `fn`, in seconds: kept under its old name for the
    suites that call it, so that every figure of the bench, and every floor, is a median."""
    return median_of(repeats, fn)
