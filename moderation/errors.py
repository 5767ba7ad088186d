from community.errors import RateLimited


class FlagRateLimited(RateLimited):
    """Too many flags from one account in a short time; the message says so kindly."""
