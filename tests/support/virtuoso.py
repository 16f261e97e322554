"""A real Virtuoso Open Source 7 (Debian's `virtuoso-t`) for tests, on free loopback ports.

Each server gets its own database directory and ``virtuoso.ini`` (never the system
service's), its dba password changed from the well-known ``dba`` before any test talks to
it, and is stopped by its own process id when the test is done.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.servers import free_port, running
from tests.support.system_tools import VIRTUOSO, need

VIRTUOSO_T = "virtuoso-t"
ISQL = "isql-vt"
USER = "dba"
_FACTORY_PASSWORD = "dba"  # what a new Virtuoso database starts with

_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running server: its SPARQL endpoints and the dba credentials for updates."""

    base: str
    password: str

    @property
    def query_url(self) -> str:
        return self.base + "/sparql"

    @property
    def update_url(self) -> str:
        return self.base + "/sparql-auth"

    @property
    def store_url(self) -> str:
        return self.base + "/sparql-graph-crud-auth"

    def env(self) -> dict[str, str]:
        """GOVTRACE_* variables that point govtrace at this server."""
        return {"GOVTRACE_STORE_BACKEND": "virtuoso",
                "GOVTRACE_REMOTE_QUERY_URL": self.query_url,
                "GOVTRACE_REMOTE_UPDATE_URL": self.update_url,
                "GOVTRACE_REMOTE_STORE_URL": self.store_url,
                "GOVTRACE_REMOTE_USER": USER,
                "GOVTRACE_REMOTE_PASSWORD": self.password}


@contextmanager
def virtuoso_server(directory: Path, *, max_rows: int = 10000,
                    buffers: int = 10000) -> Iterator[Virtuoso]:
    """A fresh Virtuoso database in ``directory`` (``buffers`` 8 KB pages of cache; the
    Debian default); skipped (failed in CI) where Virtuoso is not installed."""
    need(VIRTUOSO, purpose="the Virtuoso backend")
    directory.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(_INI.format(dir=directory, sql_port=sql_port, http_port=http_port,
                               max_rows=max_rows, buffers=buffers, dirty=buffers * 3 // 4),
                   encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    command = [VIRTUOSO_T, "+foreground", "+configfile", str(ini)]
    with running(command, base + "/sparql?query=ASK%7B%7D"):
        password = secrets.token_hex(12)
        changed = subprocess.run(
            [str(shutil.which(ISQL)), f"127.0.0.1:{sql_port}", USER, _FACTORY_PASSWORD,
             f'exec=set password "{_FACTORY_PASSWORD}" "{password}";'],
            check=True, capture_output=True, text=True, timeout=60)
        if "Error" in changed.stderr:  # isql exits 0 whatever its statements did
            raise RuntimeError(f"cannot set Virtuoso's dba password: {changed.stderr}")
        yield Virtuoso(base, password)
