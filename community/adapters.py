from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Lantern's allauth glue. Emails never carry content or names (DESIGN.md §3)."""
