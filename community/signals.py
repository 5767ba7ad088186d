"""Signals the identity layer sends when someone's access changes, for apps that hold it open.

Chat keeps WebSockets open; when a session or an account's access ends, those sockets must
close on every worker (DESIGN.md §5, §6). The identity layer cannot know about chat (imports
run community <- groups <- chat), so it announces the change and chat listens, the way
`django.contrib.auth` sends `user_logged_out`. Each is sent once the change is committed.

- `sessions_ended(session_keys)`: these signed-in sessions ended (logout, a session ended from
  the settings page, a password or MFA change ending the others, a reset, account deletion).
- `signed_out_everywhere(account_id, except_session_key)`: every session of the account ended but
  `except_session_key` (None for all): covers sessions that have no usersessions row.
- `blocks_changed(account_id)`: the account blocked or unblocked someone; what it is shown
  changes.
- `account_suspended(account_id, detail)`: moderation suspended or banned the account; its open
  sockets close at once (4007) with `detail`, the sentence the member reads.
- `persona_renamed(persona_public_id)`: a moderator reset the persona's name (or an appeal gave
  it back); its open sockets, which know it by its old name, reconnect under the new one.

Accounts are passed by pk, taken when the change is made: a deleted account has none by the
commit.
"""

from django.dispatch import Signal

sessions_ended = Signal()
signed_out_everywhere = Signal()
blocks_changed = Signal()
account_suspended = Signal()
persona_renamed = Signal()
