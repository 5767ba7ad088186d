"""Blocks and mentoring: `community.signals.blocks_changed` tells us someone blocked (or
unblocked); `services.end_mentorships_after_blocks` does what it means here.

The signal is sent once the block is committed, so nothing here can undo the block; and a
failure here must not turn the blocker's answer into an error page (the block is made), so
it is logged for the operators instead.
"""

import logging

from community.signals import blocks_changed
from mentoring import services

logger = logging.getLogger(__name__)


def on_blocks_changed(sender, account_id: int, **kwargs) -> None:
    try:
        services.end_mentorships_after_blocks(blocker_id=account_id)
    except Exception:
        logger.exception("Mentorships could not be ended after a block.")


def connect() -> None:
    blocks_changed.connect(on_blocks_changed, dispatch_uid="mentoring.blocks")
