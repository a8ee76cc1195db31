"""A parser run in a child process: its memory capped, its time bounded, its failure one InputError.

pdfminer (under pdfplumber) inflates every PDF stream in full and has no
size limit of its own, so a small PDF can ask for gigabytes (a decompression
bomb) or loop on a crafted object graph. The parse therefore runs in a child
Python (``python -m veracity.ingest.sandbox``) whose address space is capped
at ``Limits.max_parser_bytes`` (``RLIMIT_AS``) and which is killed when the
file's time budget is spent. The call (a module-level function and plain
arguments) goes in on stdin and the result comes back on stdout, pickled by
veracity's own code on both sides; an exception in the child comes back as
its type name and first line, never as a traceback.

Nothing in a file is fetched or run: before the parse, the child installs an
audit hook (PEP 578) that refuses every network and process event
(``BLOCKED_EVENTS``: a socket, a subprocess, an ``exec``), so even a library
that tried to follow a link in the file could not.
"""

from __future__ import annotations

import importlib
import pickle
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from veracity.ingest.guard import FileGuard

BLOCKED_EVENTS = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
                  "urllib.", "ftplib.", "http.", "smtplib.", "webbrowser.")


class ForbiddenAction(RuntimeError):
    """The parse tried to reach the network or start a process."""


def refuse_outside_world(event: str, args: tuple[Any, ...]) -> None:
    """Audit hook of the child: raise on any network or process event.

    >>> refuse_outside_world("socket.connect", ())
    Traceback (most recent call last):
    veracity.ingest.sandbox.ForbiddenAction: socket.connect is not allowed while parsing a file
    >>> refuse_outside_world("open", ("a.pdf", "rb", 0))
    """
    if event.startswith(BLOCKED_EVENTS):
        raise ForbiddenAction(f"{event} is not allowed while parsing a file")


@dataclass(frozen=True)
class ChildFailure:
    """What went wrong in the child: the exception's type name and first line."""

    kind: str
    message: str


def run_limited(func: Callable[..., Any], args: tuple[Any, ...], guard: FileGuard, place: str) -> Any:
    """``func(*args)`` in a child under the file's memory and time limits; an InputError on any failure."""
    limits = guard.limits
    seconds = max(0.1, limits.seconds_per_file - (time.monotonic() - guard.started))
    call = pickle.dumps((func.__module__, func.__qualname__, args, limits.max_parser_bytes))
    try:
        done = subprocess.run([sys.executable, "-m", "veracity.ingest.sandbox"], input=call,
                              capture_output=True, timeout=seconds, check=False)
    except subprocess.TimeoutExpired:
        raise guard.error(f"took longer than {limits.seconds_per_file:g} s; stopped", place) from None
    if done.returncode != 0 or not done.stdout:
        raise guard.error("the parser died (memory limit or crash); the file may be a decompression bomb",
                          place)
    result = pickle.loads(done.stdout)  # noqa: S301 - written by _main below, in veracity's own child
    if isinstance(result, ChildFailure):
        if result.kind == "MemoryError":
            raise guard.error(f"needs more than {limits.max_parser_bytes} bytes of memory to parse "
                              "(a decompression bomb?); stopped", place)
        detail = f"{result.kind}: {result.message}" if result.message else result.kind
        raise guard.error(f"cannot read the file ({detail})", place)
    return result


def _main() -> None:
    """The child: read the call from stdin, cap memory, run it, write the result (or failure) to stdout."""
    from veracity.ingest.sandbox import ChildFailure as Failure  # pickled under its module's name, not __main__

    module, name, args, memory = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - from run_limited
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    target = getattr(importlib.import_module(module), name)
    sys.addaudithook(refuse_outside_world)
    result: Any
    try:
        result = target(*args)
    except MemoryError:
        result = Failure("MemoryError", "")
    except Exception as exc:  # noqa: BLE001 - the child's boundary: whatever a hostile file provokes comes back as text
        message = " ".join(str(exc).split())[:200]
        out_of_memory = "unable to allocate" in message.lower()  # pdfminer's wording for a failed inflate
        result = Failure("MemoryError" if out_of_memory else type(exc).__name__, message)
    sys.stdout.buffer.write(pickle.dumps(result))


if __name__ == "__main__":
    _main()
