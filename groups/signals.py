"""Signals groups sends when access to a group changes, for apps that hold it open (chat).

- `membership_ended(membership)`: the member left or was removed; sent once committed. Chat
  closes the sockets that persona has open in the group's rooms (DESIGN.md §5), on every
  worker. Groups cannot call chat (imports run groups <- chat), so it announces instead.
"""

from django.dispatch import Signal

membership_ended = Signal()
