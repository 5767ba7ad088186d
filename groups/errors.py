from community.errors import NotAllowed


class RateLimited(NotAllowed):
    """Too many actions of one kind in a short time; the message says how long to wait."""
