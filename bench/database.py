"""The benchmark's own embedded PostgreSQL, apart from the development one in `.pgdata/`."""

import warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # platformdirs complains about XDG_RUNTIME_DIR
    import pgserver

DATABASE_NAME = "omzien_bench"


def start(data_dir: Path) -> pgserver.PostgresServer:
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pgserver.get_server(data_dir, cleanup_mode=None)  # stopped by stop() instead


def fresh_database(server: pgserver.PostgresServer) -> str:
    """Drops and recreates the benchmark database, so each data size starts from nothing."""
    server.psql(
        f"SET client_min_messages = warning; DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE);"
    )
    server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server.get_uri(DATABASE_NAME)


def version(server: pgserver.PostgresServer) -> str:
    # psql's table: header, rule, the value, row count.
    return server.psql("SHOW server_version;").splitlines()[2].strip()


def postmaster_pid(server: pgserver.PostgresServer) -> int:
    pid = server.get_pid()
    assert pid is not None
    return pid


def stop(server: pgserver.PostgresServer) -> None:
    pgserver.pg_ctl(["-w", "stop"], pgdata=server.pgdata, user=server.system_user)
