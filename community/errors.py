class NotAllowed(Exception):
    """The acting persona or account may not do this; the message is shown to them."""
