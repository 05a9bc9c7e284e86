"""How the live preview learns that a source file changed: the system says so.

MkDocs' preview polls: a thread per watched path lists it again every 0.5 s, so a save
waits up to that long to be seen, and the rebuild that follows shares the interpreter with
those threads. Linux's inotify reports a change as it is written, and costs nothing in
between. (`guides serve --poll` keeps MkDocs' polling, for where inotify sees nothing.)
"""

from __future__ import annotations

from pathlib import Path

from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.utils import UnsupportedLibcError

from ..errors import GuidesError

__all__ = ["CONTENT_CHANGES", "WatchError", "content_observer"]

#: What changes a file's content. Opening and reading one does not: every build reads the
#: files it watches, and each read would otherwise start another build.
CONTENT_CHANGES: tuple[type[FileSystemEvent], ...] = (
    FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileDeletedEvent, FileMovedEvent)


class WatchError(GuidesError):
    """The system would not report changes to the preview's sources."""


def content_observer() -> BaseObserver | None:
    """An observer of the system's change notifications, reporting content changes only;
    None where the system has none that it can use (then the preview polls)."""
    try:
        from watchdog.observers.inotify import InotifyObserver
    except (ImportError, UnsupportedLibcError):
        return None  # not Linux

    class ContentObserver(InotifyObserver):
        def schedule(self, event_handler: FileSystemEventHandler, path: str | Path, *,
                     recursive: bool = False,
                     event_filter: list[type[FileSystemEvent]] | None = None,
                     follow_symlink: bool = False) -> ObservedWatch:
            return super().schedule(
                event_handler, path, recursive=recursive,
                event_filter=list(CONTENT_CHANGES) if event_filter is None else event_filter,
                follow_symlink=follow_symlink)

        def start(self) -> None:
            # Each watched folder takes an inotify watch; the system's limit can be reached.
            try:
                super().start()
            except OSError as err:
                raise _watch_error(err) from err

    try:
        return ContentObserver()
    except OSError as err:
        raise _watch_error(err) from err


def _watch_error(err: OSError) -> WatchError:
    return WatchError(f"cannot watch the sources for changes: {err.strerror or err}; "
                      "`guides serve --poll` looks for changes by polling instead")
