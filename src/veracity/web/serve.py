"""``veracity serve``: run the review UI on the loopback interface and print its address with the token.

As Jupyter does, the address printed carries ``?token=``; opening it once starts a session.
The server binds only to a loopback address: to reach it from elsewhere, use an SSH tunnel.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from veracity.case import open_case
from veracity.errors import UsageError
from veracity.web import DEFAULT_PORT, nameindex
from veracity.web.app import create_app
from veracity.web.security import new_token


def _loopback(host: str) -> bool:
    """Whether HOST is a loopback address.

    >>> _loopback("127.0.0.1"), _loopback("::1"), _loopback("0.0.0.0"), _loopback("localhost")
    (True, True, False, True)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    if not _loopback(host):
        raise UsageError(f"--host {host}: the review UI binds to loopback only (use an SSH tunnel to share it)")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise UsageError(f"--port {port}: cannot listen on {host}:{port} ({err.strerror})") from err
    return sock


def _prepare(case_path: Path) -> None:
    """Open the case once (migrations, recovery) and key its names, so the first search is quick."""
    with open_case(case_path) as case:
        nameindex.refresh(case)


@dataclass(frozen=True)
class Running:
    """A server started in a thread (for tests and screenshots): its address and how to stop it."""

    url: str
    token: str
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        """Ask the server to finish and wait for its thread."""
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _server(case_path: Path, token: str, owner: str | None) -> uvicorn.Server:
    app = create_app(case_path, token, owner=owner)
    return uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, server_header=False))


def _ready(case_path: Path, host: str, port: int, token: str | None) -> tuple[str, socket.socket]:
    """The token (TOKEN, else a random one) and the bound socket, once the case is prepared for serving."""
    token = token or new_token()
    _prepare(case_path)
    return token, _bind(host, port)


def _url(sock: socket.socket, token: str) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


def start_in_thread(case_path: Path, host: str = "127.0.0.1", port: int = 0, token: str | None = None,
                    owner: str | None = None) -> Running:
    """Start the UI on HOST:PORT (0 picks a free port) in a background thread; return once it listens."""
    token, sock = _ready(case_path, host, port, token)
    server = _server(case_path, token, owner)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        thread.join(timeout=0.05)
    return Running(_url(sock, token), token, server, thread)


def serve(case_path: Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT, token: str | None = None, *,
          owner: str | None = None, echo: Callable[[str], None] = print) -> None:
    """Serve the case at CASE_PATH until interrupted, after printing the address with its token
    (TOKEN, else a random one; OWNER names the token holder in the audit log, the system user by default)."""
    token, sock = _ready(case_path, host, port, token)
    echo(f"veracity: review UI for {case_path} (Ctrl-C to stop)\n    {_url(sock, token)}")
    _server(case_path, token, owner).run(sockets=[sock])
