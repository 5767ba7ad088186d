"""Cache key names that say nothing about anyone (DESIGN.md §6).

Key names are visible metadata (in Redis, `KEYS *` lists them). Lantern's own keys carry an
HMAC of the account, but allauth's rate limits build theirs from the account pk, the client's
IP address and an unsalted SHA-256 of the email (reversible with a list of addresses), all in
clear. This key function, set as `KEY_FUNCTION` on every cache, replaces each whole key with
a keyed HMAC: the same key always maps to the same name, so counters still work, but nothing
in the name can be read back without the SECRET_KEY.
"""

from django.utils.crypto import salted_hmac


def make_key(key: str, key_prefix: str, version: int) -> str:
    digest = salted_hmac("community.cache_keys", str(key)).hexdigest()
    return f"{key_prefix}:{version}:{digest}"
