"""Production gunicorn settings; `gunicorn` reads this file from the working directory.

Every value can be changed through the environment, so one image serves every machine.
"""

import multiprocessing
import os

wsgi_app = "omzien.wsgi:application"

# Loopback unless told otherwise: a reverse proxy (TLS, compression of HTML) sits in front.
bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"

# Sync workers: each request holds one process, so (2 x cores) + 1 keeps the CPUs busy while some
# workers wait on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)

# The heartbeat file of each worker is rewritten every few seconds; on a disk-backed /tmp (or an
# overlay filesystem in a container) that write can block and get a healthy worker killed.
_SHM = "/dev/shm"  # noqa: S108 -- memory-backed on purpose, only gunicorn's heartbeat files
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a deploy or scale-down, requests in flight get this long to finish before workers are killed.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))

# Recycle a worker after this many requests so a slow leak cannot grow without bound; the jitter
# stops all workers from restarting at the same moment. 0 turns recycling off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))

# Trust X-Forwarded-Proto (for SECURE_PROXY_SSL_HEADER) only from the proxy in front of us.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs go to stdout/stderr; the process manager (systemd, the container runtime) collects them.
accesslog = "-"
errorlog = "-"
