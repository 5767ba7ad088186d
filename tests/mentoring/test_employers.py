"""Employers: normalized so that the usual spellings of one company match, kept only as a keyed
HMAC, shown to nobody."""

import pytest
from django.core.exceptions import ValidationError

from mentoring import services
from mentoring.employers import employer_digest, normalize_employer
from mentoring.models import EmployerEntry
from tests.factories import AccountFactory


@pytest.mark.parametrize(
    "spelling",
    ["ACME Inc.", "Acme, Inc", "acme", "ACME Incorporated", "Acme Co. Ltd", "The Acme Company",
     "acme.com", "  ACME  ", "Ａｃｍｅ", "Acme LLC", "ACME Corp."],
)  # fmt: skip
def test_spellings_of_one_employer_normalize_alike(spelling):
    assert normalize_employer(spelling) == "acme"
    assert employer_digest(spelling) == employer_digest("acme")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Société Générale S.A.", "Societe Generale SA"),
        ("Procter & Gamble", "Procter and Gamble Co"),
        ("Ernst & Young LLP", "ernst and young"),
        ("Initech GmbH", "initech"),
    ],
)
def test_accents_ampersands_and_legal_forms_do_not_tell_employers_apart(first, second):
    assert normalize_employer(first) == normalize_employer(second) != ""


def test_different_employers_stay_different():
    assert normalize_employer("Acme") != normalize_employer("Acme Robotics")
    assert employer_digest("Initech") != employer_digest("Initrode")


def test_a_name_that_is_only_a_legal_form_normalizes_to_nothing():
    assert normalize_employer("Inc.") == ""
    assert normalize_employer("   ") == ""


def test_the_digest_depends_on_the_key(settings):
    before = employer_digest("Acme")
    settings.MENTOR_EMPLOYER_KEY = "another key"
    assert employer_digest("Acme") != before
    assert len(before) == 64


@pytest.mark.django_db
def test_only_the_keyed_hmac_is_stored():
    account = AccountFactory()
    services.add_employer(account=account, name="ACME Inc.")
    services.add_employer(account=account, name="acme")  # the same employer: no second row

    [entry] = EmployerEntry.objects.filter(account=account)
    assert entry.digest == employer_digest("acme")
    stored = " ".join(str(value) for value in EmployerEntry.objects.values_list()[0])
    assert "acme" not in stored.lower()


@pytest.mark.django_db
def test_an_empty_employer_or_one_too_long_is_refused(settings):
    account = AccountFactory()
    with pytest.raises(ValidationError, match="employer's name"):
        services.add_employer(account=account, name="LLC")
    with pytest.raises(ValidationError, match="at most 200 characters"):
        services.add_employer(account=account, name="x" * 201)
    assert not EmployerEntry.objects.exists()


@pytest.mark.django_db
def test_a_member_names_at_most_the_setting_of_employers(settings):
    settings.MENTOR_MAX_EMPLOYERS = 2
    account = AccountFactory()
    services.add_employer(account=account, name="Acme")
    services.add_employer(account=account, name="Initech")
    with pytest.raises(ValidationError, match="at most 2 employers"):
        services.add_employer(account=account, name="Globex")


@pytest.mark.django_db
def test_an_employer_is_removed_by_writing_it_again_any_way():
    account = AccountFactory()
    services.add_employer(account=account, name="Acme, Inc")
    assert services.remove_employer(account=account, name="ACME Incorporated")
    assert not services.remove_employer(account=account, name="acme")
    assert not EmployerEntry.objects.exists()
