"""`manage.py purge_expired`: delete chat history past CHAT_RETENTION_DAYS. Safe from cron:
a second run finds nothing more, and it deletes in bounded batches (CHAT_PURGE_BATCH_SIZE)."""

from django.core.management.base import BaseCommand

from chat.app_settings import app_settings
from chat.services import purge_expired


class Command(BaseCommand):
    help = "Delete chat messages of sessions that ended more than CHAT_RETENTION_DAYS ago."

    def handle(self, *args, **options):
        deleted = purge_expired()
        days = app_settings.RETENTION_DAYS
        self.stdout.write(f"Deleted {deleted} chat messages older than {days} days.")
