"""Worker processes for the core's CPU-bound work (charts, PDFs): a safe start method and a serial
stand-in with the same interface, so callers never branch on ``jobs``."""

from __future__ import annotations

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


def context() -> multiprocessing.context.BaseContext:
    """fork when this process has one thread (fast, and no main module is imported again); else
    forkserver, since forking a threaded process (``mkdocs serve``) can deadlock the child."""
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def executor(jobs: int | None, tasks: int) -> Executor:
    """A pool of ``jobs`` workers (default: one per CPU), or ``Serial`` when one would do."""
    jobs = jobs or cpus()
    if jobs <= 1 or tasks <= 1:
        return Serial()
    return ProcessPoolExecutor(max_workers=min(jobs, tasks), mp_context=context())
