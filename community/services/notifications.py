from community.models import Account, Notification


def notify(*, account: Account, kind: str, text: str, url: str = "") -> Notification:
    """Tell `account` something in the app. `text` may name personas of one space only."""
    return Notification.objects.create(account=account, kind=kind, text=text, url=url)
