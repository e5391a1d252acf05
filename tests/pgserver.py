"""A throwaway PostgreSQL server for the tests: a temporary cluster on a free port of 127.0.0.1.

In: nothing, or ``CARDDECK_TEST_PG`` naming a server of your own (a ``postgresql://`` URL whose
user may create and drop databases). Out: a base URL; :func:`fresh_database` makes an empty
database on it for one test and drops it afterwards.

The cluster is made with Debian's ``postgresql`` binaries (``initdb`` into a temporary folder,
``pg_ctl`` to start and stop it). PostgreSQL refuses to run as root, so as root the folder is
handed to the unprivileged ``postgres`` user and the commands run as that user (``runuser``).
The server listens on 127.0.0.1 only and on a socket inside its own folder, trusts local
connections (it lives for one test run and holds nothing), and is stopped at the end.
Durability settings stay at PostgreSQL's defaults (fsync on), so the kill tests mean something.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

ENV_URL = "CARDDECK_TEST_PG"
USER = "carddeck"


class Unavailable(RuntimeError):
    """No PostgreSQL server can be started here (binaries missing); the message says what to do."""


def bindir() -> Path:
    """The folder with ``initdb``, ``pg_ctl`` and ``postgres``: pg_config's, else Debian's newest."""
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if out and (Path(out) / "pg_ctl").exists():
            return Path(out)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    for folder in reversed(candidates):
        if (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise Unavailable("PostgreSQL's server binaries were not found: install Debian's 'postgresql' package "
                      f"(tests/ensure-tools.sh does it as root) or set {ENV_URL} to a server of your own")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server():
    """Yield the base URL of a running server (your own, or a temporary cluster made here)."""
    own = os.environ.get(ENV_URL)
    if own:
        yield own
        return
    bins = bindir()
    as_root = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="carddeck-pg-"))
    data = folder / "data"

    def run(*argv: str, **kw) -> subprocess.CompletedProcess:
        cmd = [str(bins / argv[0]), *argv[1:]]
        if as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)

    try:
        if as_root:
            entry = pwd.getpwnam("postgres")
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        done = run("initdb", "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale")
        if done.returncode:
            raise Unavailable(f"initdb failed: {done.stderr.strip()}")
        port = free_port()
        options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c max_connections=200"
        done = run("pg_ctl", "-D", str(data), "-o", options, "-l", str(folder / "server.log"), "-w", "-t", "60", "start")
        if done.returncode:
            log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
            raise Unavailable(f"PostgreSQL did not start: {done.stderr.strip()} {log[-500:]}")
        try:
            yield f"postgresql://{USER}@127.0.0.1:{port}/postgres"
        finally:
            run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "-t", "30", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def fresh_database(base_url: str):
    """Yield the URL of a new, empty database on the server of ``base_url``; drop it afterwards."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:16]
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = base_url.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty(url: str) -> None:
    """Delete every row of a notes database at ``url`` and restart its ids (its schema stays)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'carddeck_schema'")]
        if tables:
            conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
