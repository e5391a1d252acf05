"""Write output files atomically: bytes in, a complete file (or the old one) on disk out.

A reader never sees half a file, and a crash or power loss leaves either the previous file or the
new one: the data goes to a temporary file in the same folder, is flushed to disk (fsync), and
then replaces the target in one step (``os.replace``); the folder is synced so the rename lasts.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, creating missing parent folders.

    :param path: the file to write; an existing file is replaced only once ``data`` is on disk.
    :param data: the complete new content.
    :raises OSError: when the folder cannot be created or written (the old file stays as it was).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    # The rename itself lives in the folder's entry table: sync it too (not possible on Windows).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
