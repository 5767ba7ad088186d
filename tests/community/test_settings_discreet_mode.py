import re

from django.urls import reverse


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_discreet_mode_titles_every_page_notes(member_client, account):
    assert title_of(member_client.get(reverse("home"))) != "Notes"

    response = member_client.post(reverse("settings"), {"discreet_mode": "on"})
    assert response.status_code == 302

    for name in ["home", "settings", "account_change_password"]:
        page = member_client.get(reverse(name))
        assert title_of(page) == "Notes", name
        assert b"img/discreet.svg" in page.content


def test_turning_discreet_mode_off_brings_the_title_back(member_client, account):
    member_client.post(reverse("settings"), {"discreet_mode": "on"})
    member_client.post(reverse("settings"), {})
    assert "Lantern" in title_of(member_client.get(reverse("home")))
