"""What every benchmark script shares: timing an action and taking the median.

The scripts run as ``python bench/NAME.py``, which puts this folder on the path.
"""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable


def median_seconds(action: Callable[[], object], repeat: int = 5) -> float:
    """The median wall time of ``repeat`` runs of ``action`` (medians resist a noisy machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def stop(process: subprocess.Popen[bytes], grace: float = 30) -> None:
    """Stop a server a bench started: asked first, killed if it outlives ``grace`` s."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
