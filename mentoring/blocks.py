"""Blocks and mentoring: `community.signals.blocks_changed` tells us someone blocked (or
unblocked); `services.end_mentorships_after_blocks` does what it means here.

The signal is sent once the block is committed, so a failure here cannot undo the block.
"""

from community.signals import blocks_changed
from mentoring import services


def on_blocks_changed(sender, account_id: int, **kwargs) -> None:
    services.end_mentorships_after_blocks(blocker_id=account_id)


def connect() -> None:
    blocks_changed.connect(on_blocks_changed, dispatch_uid="mentoring.blocks")
