"""Worker processes for the core's CPU-bound work (charts, PDFs, rendering and converting pages
aside): the CPUs there are, a safe start method (``fork_context`` says when forking is), a lower
priority for background workers, and a serial stand-in with the same interface, so callers never
branch on ``jobs``."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import multiprocessing
import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


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


def second_core(count: int, fork_from: int | None) -> Any:
    """The fork context when ``count`` items are worth a forked worker: at least ``fork_from`` of them
    (``None``: never), a second CPU, and forking safe; else ``None``."""
    if fork_from is None or count < fork_from or cpus() < 2:
        return None
    return fork_context()


def context() -> Any:
    """fork when it is safe (fast, and no main module is imported again); else forkserver."""
    forked = fork_context()
    if forked is not None:
        return forked
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class Background:
    """Work going on in a forked process (or none: done already); ``wait()`` until it is over."""

    def __init__(self, process: multiprocessing.process.BaseProcess | None = None) -> None:
        self._process = process

    def wait(self) -> None:
        if self._process is not None:
            self._process.join()
            self._process = None


def in_background(target: Callable[..., Any], *args: Any) -> Background:
    """``target(*args)`` in a forked process at a lower priority while the caller goes on (and waits
    for it before it needs the result); here and now when forking is not safe."""
    forked = fork_context()
    if forked is None:
        target(*args)
        return Background()
    process: multiprocessing.process.BaseProcess = forked.Process(target=_lowered, args=(target, *args),
                                                                  daemon=True)
    process.start()
    return Background(process)


def _lowered(target: Callable[..., Any], *args: Any) -> None:
    lower_priority()
    target(*args)


NEEDED_LATER = 10  # a worker whose results the build waits for at its end: charts, the memo
SPARE = 19  # a helper doing what the main process would do itself as it goes (converting pages)


def lower_priority(niceness: int = NEEDED_LATER) -> None:
    """Let the build's own work go first when it wants the CPUs: a background worker's work (charts,
    the memo) is needed only at the end of the build.  A helper doing the main process's work
    (``SPARE``) yields to those too: what it leaves, the main process does as it goes, where a
    chart not drawn by the end is waited for (~2.5 s of a build from nothing at 1,000 briefings)."""
    with contextlib.suppress(OSError):
        os.nice(niceness)


def executor(jobs: int | None, tasks: int) -> Executor:
    """A pool of ``jobs`` workers (default: one per CPU), or ``Serial`` when one would do."""
    jobs = jobs or cpus()
    if jobs <= 1 or tasks <= 1:
        return Serial()
    return ProcessPoolExecutor(max_workers=min(jobs, tasks), mp_context=context())


def on_two_cores(work: Callable[[T], R], items: Sequence[T], fork_from: int | None) -> list[R]:
    """``[work(item) for item in items]``, in order.  From ``fork_from`` items on (``second_core``),
    a forked ``Backwards`` worker goes through the items from the last one
    while this process goes from the first, until they meet (so uneven costs still split evenly);
    its results come back pickled.

    What the worker did not finish (it raised, or died) is done here, so an exception is raised
    here, as in one process.  ``work`` must not change state this process needs: the worker's is lost.
    """
    context = second_core(len(items), fork_from)
    if context is None:
        return [work(item) for item in items]
    worker = Backwards(context, len(items), functools.partial(_pickling, work, items))
    try:
        out: list[R] = []
        for index, item in enumerate(items):
            done = worker.take(index)
            out.append(unpickle(done) if done is not None else work(item))
        return out
    finally:
        worker.stop()


def _pickling(work: Callable[[T], R], items: Sequence[T]) -> Callable[[int], bytes]:
    return lambda index: pickle.dumps(work(items[index]), pickle.HIGHEST_PROTOCOL)


def unpickle(data: bytes | memoryview, lasting: bool = False) -> Any:
    """``pickle.loads`` without the garbage collector: unpickling many objects (briefings, pages)
    triggers collections that find no garbage and took 3/4 of the time.

    ``lasting``: what is loaded lives as long as the build, so it is frozen (``gc.freeze``) before
    the collector is back on, whose first collection would otherwise walk every object just made
    (~0.15 s for the memo of 1,000 briefings)."""
    with collector_paused():
        value = pickle.loads(data)
        if lasting:
            gc.freeze()
        return value


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection inside (as it was after): making many objects that live on triggers
    collections that walk them all and find no garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class LaterCollector:
    """The garbage collector off during each of ``mkdocs serve``'s rebuilds (``pause``) and back on
    a moment after it (``resume_later``), once the browser has the rebuilt page.

    A rebuild makes hundreds of thousands of objects with the collector off (one full collection
    in the middle of it walked every object of the heap: ~1 s with 1,000 briefings).  Turned back
    on at the end of the rebuild, its first collection walked all of them (~0.1 s, measured at
    1,000) before MkDocs told the browser to reload; ``delay`` seconds later it costs nobody.  If
    a rebuild starts before then, it stays off; after ``most`` rebuilds in a row without that
    moment it is turned on at once, so memory is never left uncollected for long.
    """

    def __init__(self, delay: float = 1.0, most: int = 10) -> None:
        self._lock = threading.Lock()
        self._delay, self._most = delay, most
        self._builds = 0  # rebuilds paused so far
        self._waited = 0  # rebuilds since the collector last came back on

    def pause(self) -> None:
        with self._lock:
            self._builds += 1
            gc.disable()

    def resume_later(self) -> None:
        with self._lock:
            self._waited += 1
            if self._waited >= self._most:
                self._resumed()
                return
            build = self._builds
        timer = threading.Timer(self._delay, self._resume, args=(build,))
        timer.daemon = True  # never keeps a stopping server alive
        timer.start()

    def _resume(self, build: int) -> None:
        with self._lock:
            if build == self._builds:  # no rebuild started since
                self._resumed()

    def _resumed(self) -> None:
        self._waited = 0
        gc.enable()


_FREE, _HERE, _THERE, _DONE = 0, 1, 2, 3


class Backwards:
    """A forked worker doing items ``count - 1, count - 2, ...`` while this process does them from the
    first on (``take`` claims each); they meet in the middle.  ``context`` is ``fork_context()``.

    The worker calls ``start()`` once (its setup), then the function it returns on each item's index.
    Each result (bytes, or ``None`` for nothing to offer) is appended to an unnamed temporary file
    the two processes share, and shared arrays note where it is and that it is done: the worker never
    waits for this process to read (a pipe holds about one page), and nothing is left to delete.
    Whatever goes wrong in the worker, it stops, and this process does the rest.
    """

    def __init__(self, context: Any, count: int, start: Callable[[], Any]) -> None:
        self._file = tempfile.TemporaryFile(prefix="briefgen-aside-")  # noqa: SIM115 (closed by stop)
        self._state = context.RawArray("b", count)
        self._spans = context.RawArray("q", 2 * count)  # offset and length of each result in the file
        # taking an item and publishing a result happen under a lock, so each process sees the
        # other's writes whole on every CPU (not only on x86's ordered stores)
        self._lock = context.Lock()
        self._process = context.Process(target=self._target, daemon=True,
                                        args=(start, self._state, self._spans, self._lock, self._file.fileno()))
        self._process.start()
        self._stuck = False
        self.used = 0  # results taken from the worker

    @staticmethod
    def _target(*args: Any) -> None:  # what the worker runs
        _backwards(*args)

    def peek(self, index: int) -> bytes | None:
        """The worker's result for item ``index`` if it has one, without claiming the item (for a
        process forked from this one, which must not stop the worker)."""
        if self._stuck or not self._lock.acquire(timeout=10):  # the worker died holding it
            self._stuck = True
            return None
        try:
            if self._state[index] != _DONE:
                return None
            offset, length = self._spans[2 * index], self._spans[2 * index + 1]
        finally:
            self._lock.release()
        return self._read(offset, length)

    def take(self, index: int) -> bytes | None:
        """The worker's result for item ``index`` if it has one; else the item is claimed here (the
        worker stops when it reaches it)."""
        if self._stuck or not self._lock.acquire(timeout=10):  # the worker died holding it
            self._stuck = True  # this process does every item from now on
            return None
        try:
            done = self._state[index] == _DONE
            offset, length = self._spans[2 * index], self._spans[2 * index + 1]
            self._state[index] = _HERE
        finally:
            self._lock.release()
        if not done:
            return None
        result = self._read(offset, length)
        if result is not None:
            self.used += 1
        return result

    def _read(self, offset: int, length: int) -> bytes | None:
        try:
            result = os.pread(self._file.fileno(), length, offset)
        except OSError:
            return None
        if len(result) != length:  # cannot happen with a whole write; this process does the item then
            return None
        return result

    def stop(self) -> None:
        ctypes.memset(self._state, _HERE, len(self._state))
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._file.close()


def _backwards(start: Callable[[], Callable[[int], bytes | None]], state: Any, spans: Any, lock: Any,
               fd: int) -> None:
    with contextlib.suppress(Exception):
        _items(start(), reversed(range(len(state))), state, spans, lock, fd, skip=False)


def _items(work: Callable[[int], bytes | None], order: Iterable[int], state: Any, spans: Any, lock: Any,
           fd: int, skip: bool) -> None:
    """Do the items in ``order``; at one claimed by the other process, stop (or, with ``skip``, go on
    to the next)."""
    end = 0
    for index in order:
        with lock:
            if state[index] != _FREE:
                if skip:
                    continue
                break
            state[index] = _THERE
        result = work(index)
        if result is not None:
            written = 0
            while written < len(result):
                written += os.pwrite(fd, result[written:], end + written)
            with lock:
                spans[2 * index], spans[2 * index + 1] = end, len(result)
                if state[index] == _THERE:  # not taken back meanwhile
                    state[index] = _DONE
            end += len(result)


class Ahead(Backwards):
    """A forked worker doing items from the first on, ahead of this process, which needs them in that
    order (``take``) and does one itself when the worker has not got there (the worker skips it).

    The worker calls ``start()`` once, which returns the function it calls on each item's index and
    one it calls after the last (work of its own that needs every item, such as writing a cache).
    ``wait()`` waits for that; ``stop()`` stops the worker at once.
    """

    @staticmethod
    def _target(*args: Any) -> None:
        _ahead(*args)

    def wait(self) -> None:
        self._process.join()
        self.stop()


def _ahead(start: Callable[[], tuple[Callable[[int], bytes | None], Callable[[], None]]], state: Any, spans: Any,
           lock: Any, fd: int) -> None:
    with contextlib.suppress(Exception):
        work, then = start()
        _items(work, range(len(state)), state, spans, lock, fd, skip=True)
        then()
