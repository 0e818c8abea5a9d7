"""Whether the console that writes an autosave is still running.

A console holds an exclusive lock on a small file beside its autosave for as long as it
runs. The operating system drops the lock when the process ends, however it ends (a
crash, a kill, a closed terminal, a laptop out of battery), so a lock that can be taken
means its console has gone. Unlike asking whether a process id is alive, this works on
Windows too, and is not fooled when the system gives a dead console's id to another
process.
"""

from __future__ import annotations

import os
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(autosave: Path) -> Path:
    """The lock file of an autosave: hidden, beside it (the autosave folder's globs skip it)."""
    return autosave.with_name(f".{autosave.stem}.lock")


class ConsoleLock:
    """The lock a running console holds on its autosave's lock file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock (False if it cannot be: the console goes on, only less recoverable)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            return False
        if not _try_lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        """Drop the lock and remove its file (a clean exit)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)
        self.path.unlink(missing_ok=True)

    def __del__(self) -> None:
        if self._fd is not None:
            os.close(self._fd)


def lock_held(path: Path) -> bool | None:
    """Whether a running process holds the lock file ``path``; None when there is no such file
    (an autosave written before consoles took locks, or one whose lock was cleared)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return None
    except OSError:
        return True  # cannot open it to ask: do not offer what may be another's running game
    try:
        if _try_lock(fd):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)
