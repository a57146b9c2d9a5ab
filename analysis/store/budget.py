"""What one document may cost: DOC_TIME_BUDGET seconds and DOC_MEMORY_BUDGET bytes.

A news article takes well under a second and a few megabytes. A file past either
budget is hostile or broken input (a 2 MB text without one full stop is one
"sentence" for the tagger), and the run goes on without it: `budget()` raises
`OverBudget` with the rejection code, and the pipeline rejects that document.

Both hold where the document runs in the main thread of its process, as in the
pool's workers (see budget()). Time is an interval timer (SIGALRM). Memory is the address-space limit
(RLIMIT_AS) raised to what the process holds now plus the budget: an allocation
past it fails with MemoryError at once, also inside numpy, instead of the
machine swapping; the limit is put back afterwards. Both are Linux/Unix means;
where they are missing the document runs unbounded, as before.
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

#: Seconds one document may take (the issue's target for any file under the size limit).
DOC_TIME_BUDGET = 10.0
#: Bytes of memory one document may add to its process: a worker holds about 300 MB of
#: models, so a document past the budget is stopped before the process reaches 1 GB.
DOC_MEMORY_BUDGET = 700 * 2**20

STATM = "/proc/self/statm"  # Linux: the process's sizes in pages, address space first


class OverBudget(Exception):
    """A document overran its budget; `code` is its rejection code in analysis.messages."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code, self.detail = code, detail


def _on_alarm(signum: int, frame: object) -> None:
    raise OverBudget("too_slow", f"(over {DOC_TIME_BUDGET:g} s)")


def _address_space() -> int | None:
    """Bytes of address space this process holds now, or None where the OS does not say."""
    try:
        with open(STATM, encoding="ascii") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def _time_budget() -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, DOC_TIME_BUDGET)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_budget() -> Iterator[None]:
    used = _address_space()
    if resource is None or used is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = used + DOC_MEMORY_BUDGET
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    except MemoryError:
        raise OverBudget("too_much_memory", f"(over {DOC_MEMORY_BUDGET // 2**20} MB)") from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextmanager
def budget(memory: bool = True) -> Iterator[None]:
    """Run one document within its time and memory budget; OverBudget past either. Only in a
    process's main thread: the alarm needs it, and an address-space limit set from another
    thread would also bind the threads beside it (a dask worker's, whose memory limit bounds
    a document instead). `memory=False`: the time budget alone, for a document that needs
    no NLP (its dates take memory in proportion to a file the size limit bounds), sparing
    most of an off-topic feed the limit's system calls."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with _time_budget(), (_memory_budget() if memory else nullcontext()):
        yield
