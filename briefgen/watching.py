"""Serve's watching of briefgen's folders: the operating system's change events where they work.

MkDocs' ``LiveReloadServer`` polls every folder it watches every 0.5 s (watchdog's
``PollingObserver``, chosen because inotify stays silent on some Docker and network mounts).  On a
corpus, that costs an edit twice: it waits 0.05–0.55 s to be noticed, and each poll of the
articles folder (two files per article) competes for the interpreter lock with the rebuild.

For a folder on a local file system, briefgen has MkDocs watch it through watchdog's native
observer instead (inotify on Linux).  MkDocs' own ``watch`` makes the handler, so a change asks its
build loop for a rebuild exactly as a polled one would; only how the change is heard differs.  A
folder whose file system is not known to be local (NFS, SMB, 9p, FUSE mounts such as Docker
Desktop's or WSL's Windows drives), any folder off Linux, or every folder with
``file_events: false``, is left to MkDocs' polling.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

MOUNTS = Path("/proc/self/mounts")
"""Linux's table of this process's mounts: device, mount point, file system type, ..."""

LOCAL_FILE_SYSTEMS = frozenset({
    "ext2", "ext3", "ext4", "xfs", "btrfs", "bcachefs", "zfs", "f2fs", "jfs", "reiserfs", "nilfs2",
    "tmpfs", "ramfs",
    "overlay",  # a container's own files: changed in the container, heard there
})
"""File systems whose changes inotify reports: those of the kernel the server runs on."""


def _unescape(field: str) -> str:
    r"""A mounts field as a path (the table writes space, tab, newline and backslash as ``\040`` ...)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)


def file_system(path: Path) -> str | None:
    """Type of the file system ``path`` is on (``ext4``, ``nfs``, ...), or ``None`` where the system
    has no mounts table (not Linux)."""
    try:
        table = MOUNTS.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    target = os.path.realpath(path)
    kind, longest = None, -1
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape(fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= longest:  # the deepest mount holds it; of equal ones, the last
            kind, longest = fields[2], len(point)
    return kind


def _changes_observer() -> Any:
    """watchdog's native observer for this system, telling only of changes: MkDocs asks for a
    rebuild on any event, and the system also tells when a file is opened or read, as every
    rebuild does with the facts files (each rebuild would ask for another)."""
    from watchdog import events
    from watchdog.observers import Observer

    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent,
               events.FileMovedEvent, events.FileClosedEvent,  # closed after writing
               events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]

    class ChangesObserver(Observer):  # type: ignore[misc,valid-type]
        def schedule(self, handler: Any, path: Any, **options: Any) -> Any:
            options.setdefault("event_filter", changes)
            return super().schedule(handler, path, **options)

    return ChangesObserver()


def watch(server: Any, folders: Iterable[Path], events: bool) -> Any | None:
    """Have MkDocs' live-reload ``server`` watch each folder: by the system's change events where
    ``events`` is on and the folder is on a local file system, else by MkDocs' polling.
    Returns the started native observer (``stop`` it when serve ends), or ``None`` if it has none."""
    native: list[str] = []
    for folder in folders:
        kind = file_system(folder) if events and folder.is_dir() else None
        if kind in LOCAL_FILE_SYSTEMS:
            native.append(str(folder))
        else:
            server.watch(str(folder))
            if events:
                log.debug(f"{folder}: file system {kind or 'unknown'}; MkDocs polls it")
    if not native:
        return None
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers.polling import PollingObserver

    observer = _changes_observer()
    if isinstance(observer, PollingObserver):  # watchdog has no native observer for this system
        for path in native:
            server.watch(path)
        return None
    observer.start()
    polling = server.observer
    for path in native:
        try:  # can the system watch it? (inotify has a limit of watches per user)
            observer.unschedule(observer.schedule(FileSystemEventHandler(), path, recursive=True))
        except OSError as exc:
            log.info(f"{path}: no change events ({exc}); MkDocs polls it")
            server.watch(path)
            continue
        server.observer = observer  # MkDocs schedules its handler on the observer it holds
        try:
            server.watch(path)
        finally:
            server.observer = polling
    return observer
