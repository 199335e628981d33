"""Running test code in threads of their own: each thread has its own database
connection in autocommit, so what it writes is committed and the others see it
(the test's own transaction is invisible to them). For tests of concurrent
writes on PostgreSQL."""

import threading

from django.db import connection


def in_threads(*calls):
    """Run each call in its own thread, all starting together; return what each
    returned or raised, in order."""
    outcomes = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - returned to the caller to judge
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def all_in_threads(*calls):
    """As `in_threads`, failing the test if any call raised."""
    outcomes = in_threads(*calls)
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert not errors, errors
    return outcomes


def committed(call):
    """`call()` in a thread of its own, so that it reads and writes committed rows."""
    [outcome] = in_threads(call)
    if isinstance(outcome, Exception):
        raise outcome
    return outcome
