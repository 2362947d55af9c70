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
