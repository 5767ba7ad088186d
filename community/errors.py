class NotAllowed(Exception):
    """The acting persona or account may not do this; the message is shown to them."""


class RateLimited(NotAllowed):
    """Too many actions of one kind in a short time; the message says how long to wait."""
