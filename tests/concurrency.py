"""Real parallel work for the race tests: each callable in a thread of its own, with its own
database connection, released together."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection


def all_at_once(*work: Callable[[], Any]) -> list[Any]:
    """The outcomes (or the exceptions raised), in the order of `work`."""
    outcomes: list[Any] = [None] * len(work)
    start = threading.Barrier(len(work))

    def run(index: int, job: Callable[[], Any]) -> None:
        try:
            start.wait(timeout=10)
            outcomes[index] = job()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
