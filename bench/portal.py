"""The portal under test: its production environment, manage.py, and gunicorn as a subprocess."""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
STATIC_ROOT = ROOT / "staticfiles"
STATIC_URL = "/static/"


def production_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="false",  # plain http on loopback
        BENCHMARK="true",  # routes the trivial view
        # Worker recycling turned off: under wrk a worker would restart every second or two and
        # each restart re-imports Django, which would swamp the cost of the pages themselves.
        GUNICORN_MAX_REQUESTS="0",
    )
    return env


class Manage:
    """Runs `manage.py` with the benchmark's environment; fails loudly."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self._commands: frozenset[str] | None = None

    def __call__(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def commands(self) -> frozenset[str]:
        if self._commands is None:
            self._commands = frozenset(self("help", "--commands").split())
        return self._commands


# Logs a bench member in the way a browser would end up: a session in the database, and the CSRF
# cookie a browser keeps once a page with a form gave it one. Prints the Cookie header's value.
MEMBER_SESSION = """
from django.conf import settings
from django.test import Client
from django.utils.crypto import get_random_string
from accounts.models import User
user = User.objects.filter(email="bench-member@example.org").first()
user = user or User.objects.create_user("bench-member@example.org", get_random_string(20))
client = Client()
# Logged in as allauth's login does: through its backend (the portal's subclass of it).
client.force_login(user, backend="accounts.backends.PortalAuthenticationBackend")
session = client.cookies[settings.SESSION_COOKIE_NAME].value
print(f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={get_random_string(32)}")
"""


def member_cookie(manage: Manage) -> str:
    """The Cookie header of a logged-in bench member, whom the page cache never answers."""
    return manage("shell", "-c", MEMBER_SESSION).strip().splitlines()[-1]


def csrf_token(cookie: str) -> str:
    """A form's CSRF token for the secret in the Cookie header's CSRF cookie: masked from it as
    Django masks it (django.middleware.csrf), so the two are valid together."""
    from django.middleware.csrf import _mask_cipher_secret

    secret = dict(part.strip().split("=", 1) for part in cookie.split(";"))["csrftoken"]
    return _mask_cipher_secret(secret)


def static_path(preferred: str) -> str:
    """The hashed URL of `preferred` from collectstatic's manifest, else of any CSS file."""
    paths: dict[str, str] = json.loads((STATIC_ROOT / "staticfiles.json").read_text())["paths"]
    if not paths:
        sys.exit("collectstatic collected no files; nothing to serve as the static page")
    css = sorted(name for name in paths if name.endswith(".css"))
    name = preferred if preferred in paths else (css or sorted(paths))[0]
    return STATIC_URL + paths[name]


@dataclass(frozen=True)
class Server:
    pid: int
    host: str
    port: int

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def status(self, path: str, cookie: str | None = None) -> int:
        """Status of one GET, redirects not followed."""
        return self.get(path, cookie)[0]

    def get(self, path: str, cookie: str | None = None) -> tuple[int, bytes]:
        """Status and body of one GET, redirects not followed."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], log_path: Path, workers: int | None) -> Iterator[Server]:
    """Gunicorn with the repo's gunicorn.conf.py on a free loopback port; stopped on exit."""
    host = "127.0.0.1"
    port = free_port(host)
    env = {**env, "BIND": f"{host}:{port}"}
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Server(process.pid, host, port)
    try:
        wait_until_healthy(server, process, log_path)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_healthy(server: Server, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}:\n{tail(log_path)}")
        try:
            if server.status("/healthz") == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"gunicorn did not answer /healthz with 200 within 60 s:\n{tail(log_path)}")


def tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process tree, including children it has already reaped.

    A worker that exits (and is reaped) moves its time into the parent's children_* fields, so the
    sum stays right across worker restarts.
    """
    root = psutil.Process(pid)
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total
