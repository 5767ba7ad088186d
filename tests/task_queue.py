"""The task worker, run inside a test: the same claim-and-run loop as `manage.py db_worker`.

The suite queues tasks in django-tasks-db's table, as `make run` does, rather than running them
at once: what a request leaves in the queue (and what it never waits for) is part of what the
tests check.
"""

from datetime import timedelta
from unittest import mock

from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks() -> None:
    """Run every task that is due now, and those they queue that are due too, then return."""
    worker = db_worker.Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    # The worker closes stale connections between tasks; inside a test's transaction that
    # would close the one the test runs in.
    with mock.patch.object(db_worker, "close_old_connections"):
        worker.run()


def waiting_tasks() -> list[DBTaskResult]:
    """Queued tasks not yet run (due or deferred), oldest first."""
    return list(DBTaskResult.objects.filter(status="READY").order_by("enqueued_at"))


def bring_forward_waiting_tasks() -> None:
    """Make every deferred task due, as if the retry's wait had passed."""
    DBTaskResult.objects.filter(status="READY").update(
        run_after=timezone.now() - timedelta(seconds=1)
    )
