"""How the factcli process ends: on SIGTERM as on Ctrl-C, and quietly on a closed pipe.

SIGTERM unwinds the stack like Ctrl-C does, so every ``finally`` runs: a
temporary export file is removed, an index transaction is rolled back, worker
processes are stopped. The process then dies by the same signal, so whoever
sent it sees what they expect. A reader that stops early (``| head -1``) is
not an error: the answer was wanted only up to there.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any


class Terminated(BaseException):
    """SIGTERM arrived; raised where the main thread is, like KeyboardInterrupt."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


#: A Ctrl-C or SIGTERM that arrived inside a ``__del__`` or a callback, where
#: Python can only print "Exception ignored": acted on when the command ends.
_swallowed: list[BaseException] = []


def _unraisable(hook: Callable[[Any], object]) -> Callable[[Any], object]:
    def keep_interruptions(unraisable: Any) -> object:
        if isinstance(unraisable.exc_value, (KeyboardInterrupt, Terminated)):
            _swallowed.append(unraisable.exc_value)
            return None
        return hook(unraisable)

    return keep_interruptions


def run(main: Callable[[], None]) -> None:
    """Run the command line ``main``, ending as described above."""
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:  # an ignored SIGTERM stays ignored
        signal.signal(signal.SIGTERM, _terminate)
    sys.unraisablehook = _unraisable(sys.unraisablehook)
    stdout = sys.stdout
    try:
        try:
            main()
        finally:
            if _swallowed:
                raise _swallowed[0]  # the interruption outranks how main ended
        if _reader_gone():
            raise SystemExit(0)
    except KeyboardInterrupt:
        # Ctrl-C before Click took over (while the commands load): no traceback.
        raise SystemExit(128 + signal.SIGINT) from None
    except Terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        raise SystemExit(128 + signal.SIGTERM) from None  # if the signal is blocked
    except SystemExit as end:
        # Click answers a closed stdout (EPIPE) by replacing sys.stdout with a
        # wrapper that swallows the final flush, then exits with 1.
        if end.code == 1 and sys.stdout is not stdout:
            _drop_stdout()
            raise SystemExit(0) from None
        if _reader_gone() and end.code in (0, None):
            raise SystemExit(0) from None
        raise
    except BrokenPipeError:
        _drop_stdout()
        raise SystemExit(0) from None


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Within the block, Ctrl-C and SIGTERM wait; for a short step that must not stop half-way.

    They are blocked, not ignored: one that arrives meanwhile is acted on as
    soon as the block ends. Where signals cannot be blocked, nothing changes.
    """
    import threading

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not (
        threading.main_thread()
    ):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _reader_gone() -> bool:
    """Flush stdout now; True (and stdout dropped) when its reader has closed the pipe.

    Block-buffered output (a pipe, without PYTHONUNBUFFERED) is otherwise
    flushed while the interpreter shuts down, where a closed pipe can only be
    reported as an ignored exception and exit status 120.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _drop_stdout()
        return True
    except ValueError:  # stdout already closed
        pass
    return False


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so nothing more written or flushed to it fails."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(null)


def worker_started(parent: int) -> None:
    """First thing in a worker process: die with ``parent``, leave Ctrl-C and stdout to it.

    A worker whose parent was killed would otherwise wait for work forever,
    holding the pipeline's output open so that the pipeline never ends.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _drop_stdout()
    if not _die_with_parent():
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask Linux to kill this process when its parent dies; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def stop_workers(pool: object) -> None:
    """Kill the worker processes of a ProcessPoolExecutor at once, not after their work."""
    # The executor has no public way to do this; its process table is stable since 3.2.
    processes = dict(getattr(pool, "_processes", None) or {})
    for process in processes.values():
        with contextlib.suppress(Exception):
            process.terminate()
