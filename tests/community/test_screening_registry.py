"""community.screening: the seam through which content apps ask moderation's filters about
text before publishing it, without importing moderation (DESIGN.md §4)."""

import pytest

from community import screening
from community.screening import BLOCK, FLAG, HOLD, PUBLISH, Blocked, Verdict


@pytest.fixture
def no_screeners(monkeypatch):
    monkeypatch.setattr(screening, "_screeners", {})


def test_without_a_screener_everything_is_published(no_screeners):
    assert screening.screen("jane@gmail.com", space=None, account=None).action == PUBLISH


def test_the_strictest_verdict_of_all_screeners_wins(no_screeners):
    def flags(text, *, space, account):
        return Verdict(action=FLAG, reason="word_list")

    def holds(text, *, space, account):
        return Verdict(action=HOLD, reason="personal_info", message="Held.")

    screening.register_screener(flags)
    screening.register_screener(holds)
    screening.register_screener(flags)  # twice is once
    verdict = screening.screen("anything", space=None, account=None)
    assert (verdict.action, verdict.message) == (HOLD, "Held.")


def test_a_block_raises_with_its_message_and_nothing_else_does():
    with pytest.raises(Blocked, match="Not here."):
        screening.refuse_blocked(Verdict(action=BLOCK, message="Not here."))
    for action in (PUBLISH, FLAG, HOLD):
        screening.refuse_blocked(Verdict(action=action))


@pytest.mark.django_db
def test_the_moderation_app_registers_its_screener_and_recorders():
    verdict = screening.screen("mail jane.doe@gmail.com", space=None, account=None)
    assert verdict.action == HOLD
    assert set(screening._recorders) == {"hold", "flag", "clear"}
    assert {"thread", "post", "message"} <= set(screening._releases)
