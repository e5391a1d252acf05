"""Writing files: a kit is written whole or not at all, and nothing but regular files is replaced.

In: a set of files (path → bytes), any number of them, in one folder or several. Out: those files
on disk, or, on any error, the folder as it was.

Every file is first written into a staging folder beside its target (``.carddeck-new-…``) and
flushed to disk. The files it replaces are kept as hard links (or copies) in a second folder
(``.carddeck-old-…``). Then each staged file replaces its target in one rename; when a rename
fails, those already done are rolled back from the kept ones. Both folders are removed at the
end, whatever happened. Before anything is written, a target that exists and is not a regular
file (a folder, a symbolic link, a named pipe, a device) or a folder path that is not a folder
refuses the whole write (:class:`Refused`), so that no special file is ever replaced.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class Refused(OSError):
    """A write that would replace something that is not a regular file (nothing was written)."""


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_folder(folder: str | os.PathLike) -> None:
    """Refuse a folder to write into that exists and is not a folder (before any work is done).

    :raises Refused: saying so.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise Refused(f"{str(folder)!r} exists and is not a folder")


def _check(targets: list[Path]) -> None:
    """Refuse before writing anything: a folder path that is not a folder, a target that is not a file."""
    for folder in dict.fromkeys(path.parent for path in targets):
        check_folder(folder)
    for path in targets:
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(mode):
            raise Refused(f"{str(path)!r} is {_kind(mode)}, not a file; carddeck replaces only files, so move it away")


def _write_synced(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, mode)


def _keep(path: Path, backup: Path) -> None:
    """Keep the file that ``path`` holds now under ``backup`` (a hard link, else a copy)."""
    try:
        os.link(path, backup, follow_symlinks=False)
    except OSError:
        shutil.copy2(path, backup, follow_symlinks=False)


def _sync_folder(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def write_files(files: dict[str | os.PathLike, bytes]) -> list[Path]:
    """Replace every file in ``files`` (path → bytes): all of them, or on any error none.

    :raises Refused: when a target is not a regular file or its folder is not a folder.
    :raises OSError: when the disk or the permissions fail (the previous files stay).
    """
    targets = {Path(path): data for path, data in files.items()}
    _check(list(targets))
    folders: dict[Path, tuple[Path, Path]] = {}  # folder -> (staging, kept old files)
    replaced: list[tuple[Path, Path | None]] = []  # (target, its kept old file or None)
    try:
        for path, data in targets.items():
            folder = path.parent
            if folder not in folders:
                folder.mkdir(parents=True, exist_ok=True)
                folders[folder] = (Path(tempfile.mkdtemp(prefix=".carddeck-new-", dir=folder)),
                                   Path(tempfile.mkdtemp(prefix=".carddeck-old-", dir=folder)))
            staging, _ = folders[folder]
            try:
                mode = os.stat(path).st_mode & 0o777  # a kit is for sharing: keep its mode, else the usual
            except FileNotFoundError:
                mode = 0o666 & ~_umask()
            _write_synced(staging / path.name, data, mode)
        for path in targets:
            staging, kept = folders[path.parent]
            backup = None
            if os.path.lexists(path):
                backup = kept / path.name
                _keep(path, backup)
            os.replace(staging / path.name, path)
            replaced.append((path, backup))
    except BaseException:
        for path, backup in reversed(replaced):
            try:
                if backup is None:
                    os.unlink(path)
                else:
                    os.replace(backup, path)
            except OSError:
                pass
        raise
    finally:
        for staging, kept in folders.values():
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(kept, ignore_errors=True)
        for folder in folders:
            _sync_folder(folder)
    return list(targets)


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (creating its folder if needed).

    :raises Refused: when ``path`` exists and is not a regular file.
    """
    write_files({path: data})
