"""Cache entries on disk that can be trusted or thrown away: each file holds a checksum of its
content, checked on every read.  A file emptied, cut short, overwritten, or replaced by a folder (a
partly restored CI cache, a disk error, a cache shared with someone else) is deleted and reported
at debug level; the caller then makes the entry again, so no cache file can change or stop a build.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import shutil
from pathlib import Path

from .yamlio import write_atomic

log = logging.getLogger(__name__)
_MAGIC = b"briefgen-cache sha256 "


def write_checked(path: Path, data: bytes) -> None:
    """Write ``data`` atomically with its checksum; a cache that cannot be written only costs time."""
    with contextlib.suppress(OSError):
        write_atomic(path, _MAGIC + hashlib.sha256(data).hexdigest().encode() + b"\n" + data)


def read_checked(path: Path) -> bytes | None:
    """The data ``write_checked`` wrote into ``path``; ``None`` (and the entry gone) when there is no
    such file or its bytes are not the ones written."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:  # a folder in its place, a file that cannot be read
        discard(path, f"unreadable ({exc.strerror or exc})")
        return None
    header, newline, data = raw.partition(b"\n")
    if not newline or header != _MAGIC + hashlib.sha256(data).hexdigest().encode():
        discard(path, "its checksum does not match")
        return None
    return data


def discard(path: Path, why: str) -> None:
    log.debug("cache entry %s discarded: %s", path, why)
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
