"""`manage.py expire_proposals`: proposals a chosen mentor left unanswered for
MENTOR_RESPONSE_DAYS expire, and their mentees move on to the next. Safe from cron: a second
run finds nothing more to do."""

from django.core.management.base import BaseCommand

from mentoring.app_settings import app_settings
from mentoring.flows import expire_overdue


class Command(BaseCommand):
    help = "Expire mentor proposals left unanswered for MENTOR_RESPONSE_DAYS."

    def handle(self, *args, **options):
        expired = expire_overdue()
        days = app_settings.RESPONSE_DAYS
        self.stdout.write(f"Expired {expired} proposals unanswered for {days} days.")
