from community.errors import NotAllowed


class FlagRateLimited(NotAllowed):
    """Too many flags from one account in a short time; the message says so kindly."""
