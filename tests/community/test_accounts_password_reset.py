from django.core import mail
from django.urls import reverse


def test_password_reset_answers_the_same_for_known_and_unknown_emails(client, account):
    known = client.post(reverse("account_reset_password"), {"email": account.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.test"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]

    done_known = client.get(known["Location"]).content.decode()
    assert account.email not in done_known


def test_password_reset_mails_a_link_to_the_owner_only(client, account):
    known = client.post(reverse("account_reset_password"), {"email": account.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.test"})
    assert known.status_code == unknown.status_code == 302
    to_owner, to_stranger = mail.outbox
    assert to_owner.to == [account.email]
    assert "/accounts/password/reset/key/" in to_owner.body
    assert to_stranger.to == ["nobody@example.test"]
    assert "/accounts/password/reset/key/" not in to_stranger.body
