"""Access logs that never put a client's address beside the URL it asked for (issue 8 §6).

A line "203.0.113.7 ... POST /groups/night-shift/threads/…/reply/" next to the post's time ties
an IP address to a persona, and a flag's URL to its reporter (DESIGN.md §3). Lantern's servers
therefore log the request, its status and size, and "-" where the address would be:

- `python -m community.serve` (what `make run` starts) is daphne's command line with its access
  log written by `AddresslessAccessLog`;
- daphne's `runserver` logs through the `django.channels.server` logger, whose records
  `DropClientAddress` rewrites (LOGGING in community/settings.py).
"""

import logging

from daphne.access import AccessLogGenerator
from daphne.server import Server

NO_ADDRESS = "-"


class AddresslessAccessLog(AccessLogGenerator):
    """daphne's NCSA-style access log, with "-" in place of the client's address and port."""

    def write_entry(self, host, date, request, status=None, length=None, ident=None, user=None):
        super().write_entry(NO_ADDRESS, date, request, status, length, ident, user)


class AddresslessServer(Server):
    """daphne's server, whose access log (if any) is an `AddresslessAccessLog`."""

    def __init__(self, *args, action_logger=None, **kwargs):
        if isinstance(action_logger, AccessLogGenerator):
            action_logger = AddresslessAccessLog(action_logger.stream)
        super().__init__(*args, action_logger=action_logger, **kwargs)


class DropClientAddress(logging.Filter):
    """Blanks `client` in the details daphne's runserver logs with each request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict) and "client" in record.args:
            record.args = {**record.args, "client": NO_ADDRESS}
        return True
