"""Servers the tests and benchmarks start on 127.0.0.1: Virtuoso 7 (Debian's package).

Plain classes, no pytest: tests/conftest.py wraps them in fixtures, benchmarks use them as
they are.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def have_virtuoso() -> bool:
    return shutil.which("virtuoso-t") is not None and VIRTUOSO_INI.exists()


VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


@dataclass
class VirtuosoServer:
    """Virtuoso 7 (Debian's virtuoso-opensource-7) over a database directory of its own, on
    two free ports (SQL and HTTP), started unprivileged from a copy of the packaged
    virtuoso.ini; SPARQL updates granted to the anonymous SPARQL user, as a deployment does."""

    directory: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def start(self) -> None:
        ini = VIRTUOSO_INI.read_text()
        ini = ini.replace("/var/lib/virtuoso-opensource-7/db", str(self.directory))
        ini = re.sub(r"(?m)^ServerPort(\s*)=\s*1111", f"ServerPort\\1= {self.sql_port}", ini)
        ini = re.sub(r"(?m)^ServerPort(\s*)=\s*8890", f"ServerPort\\1= {self.http_port}", ini)
        config = self.directory / "virtuoso.ini"
        config.write_text(ini)
        self.process = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=self.directory,
        )
        for _ in range(3000):  # ready in ~2 s; the cap only keeps a broken start from hanging
            if self.process.poll() is not None:
                log = (self.directory / "virtuoso.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"virtuoso-t exited with {self.process.returncode}: {log}")
            try:
                socket.create_connection(("127.0.0.1", self.http_port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.01)
        else:
            self.stop()
            raise RuntimeError(f"virtuoso did not listen on {self.url}")
        grant = 'GRANT SPARQL_UPDATE TO "SPARQL";'
        subprocess.run(
            ["isql-vt", str(self.sql_port), "dba", "dba", f"exec={grant}"],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(60)
            self.process = None


def listening(port: int, process: subprocess.Popen[bytes]) -> bool:
    """Poll until ``process`` accepts connections on ``port``: True, or False when it exited
    or never bound (the cap of ~30 s only keeps a broken start from hanging a test; a server
    here is up in tens of milliseconds)."""
    for _ in range(3000):
        if process.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.01)
    return False


def oxigraph_binary() -> str:
    """The `oxigraph` server from PyPI, installed beside this Python."""
    import sys

    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise RuntimeError("the `oxigraph` server binary is missing: pip install oxigraph")
    return found


@dataclass
class WikidataFixture:
    """A read-only `oxigraph serve` holding Turtle files in Wikidata's data model in its
    default graph, as the Query Service holds Wikidata: the stand-in for Wikidata."""

    directory: Path
    files: list[Path]
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def start(self) -> None:
        if not (self.directory / "loaded").exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [oxigraph_binary(), "load", "--location", str(self.directory / "db")]
                + [a for f in self.files for a in ("--file", str(f))],
                check=True,
                capture_output=True,
            )
            (self.directory / "loaded").touch()
        self.port = self.port or free_port()
        self.process = subprocess.Popen(
            [oxigraph_binary(), "serve-read-only", "--location", str(self.directory / "db")]
            + ["--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not listening(self.port, self.process):
            self.stop()
            raise RuntimeError(f"oxigraph serve-read-only did not listen on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait()
            self.process = None


class ThrottlingProxy:
    """An HTTP proxy in front of a SPARQL endpoint that answers its first ``refusals``
    requests with ``status`` (429 with Retry-After, or a 5xx), then forwards: a Query Service
    under load. Counts the requests it saw."""

    def __init__(self, upstream: str, refusals: int, status: int = 429, retry_after: str = "1"):
        import http.server
        import threading
        import urllib.request

        proxy = self
        self.seen = 0
        self.refused = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.seen += 1
                if proxy.refused < refusals:
                    proxy.refused += 1
                    self.send_response(status)
                    self.send_header("Retry-After", retry_after)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                request = urllib.request.Request(
                    upstream,
                    data=body,
                    headers={
                        "Content-Type": self.headers.get("Content-Type", ""),
                        "Accept": self.headers.get("Accept", "*/*"),
                    },
                )
                with urllib.request.urlopen(request, timeout=30) as answer:
                    data = answer.read()
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
