"""Worker processes for the core's CPU-bound work (charts, PDFs, rendering and converting pages
aside): the CPUs there are, a safe start method (``fork_context`` says when forking is), a lower
priority for background workers, and a serial stand-in with the same interface, so callers never
branch on ``jobs``."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any


class Serial(Executor):
    """Runs each job at once, in this process (``jobs=1``)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def cpus() -> int:
    """CPUs this process may run on (its affinity: a container's or ``taskset``'s limit)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_context() -> Any:
    """The fork context when forking is safe (this process has one thread), else ``None``: forking a
    threaded process (``mkdocs serve``) can deadlock the child.  Returned as ``Any``, as typeshed's
    ``BaseContext`` lacks ``Process``."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def context() -> Any:
    """fork when it is safe (fast, and no main module is imported again); else forkserver."""
    forked = fork_context()
    if forked is not None:
        return forked
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def lower_priority() -> None:
    """Let the build's own work go first when it wants the CPUs (a background worker's work, e.g.
    charts or the memo, is needed only at the end of the build)."""
    with contextlib.suppress(OSError):
        os.nice(10)


def executor(jobs: int | None, tasks: int) -> Executor:
    """A pool of ``jobs`` workers (default: one per CPU), or ``Serial`` when one would do."""
    jobs = jobs or cpus()
    if jobs <= 1 or tasks <= 1:
        return Serial()
    return ProcessPoolExecutor(max_workers=min(jobs, tasks), mp_context=context())
