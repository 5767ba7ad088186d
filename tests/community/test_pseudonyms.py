"""Pseudonym rules (DESIGN.md §1): each rejection has its own clear message."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from community.errors import NotAllowed
from community.models import Persona
from community.pseudonyms import name_key, suggest_name, validate_name
from community.services.personas import create_persona, rename_persona
from tests.factories import AccountFactory, PersonaFactory, SpaceFactory


def rejection(name, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_name(name, **kwargs)
    return caught.value


class FakeAccount:
    def __init__(self, email):
        self.email = email


# --- Suggestions ----------------------------------------------------------------------------


def test_suggested_names_are_adjective_noun_and_two_digits_and_pass_every_rule():
    for _ in range(200):
        name = suggest_name()
        assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+ [1-9][0-9]", name), name
        validate_name(name)


# --- Keys -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "quiet-otter",
        "QUIET OTTER",
        "quiet_otter",
        "Quiet  Otter",
        "Ｑｕｉｅｔ Ｏｔｔｅｒ",
        "Quiet Ottér",
    ],
)
def test_names_differing_in_case_separators_width_or_accents_share_a_key(variant):
    assert name_key(variant) == name_key("Quiet Otter")


@pytest.mark.parametrize(
    ("lookalike", "original"),
    [
        ("Quiеt Otter", "Quiet Otter"),  # Cyrillic е
        ("0tter", "Otter"),  # zero for O
        ("He1en", "Helen"),  # one for l
        ("Lurnen", "Lumen"),  # r + n for m
    ],
)
def test_confusable_names_share_a_key(lookalike, original):
    assert name_key(lookalike) == name_key(original)


def test_different_names_have_different_keys():
    assert name_key("Quiet Otter") != name_key("Quiet Heron")
    assert name_key("Маша") != name_key("Mawa")


# --- Length and characters ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ab", "x" * 33, "Quiet Otter " + "9" * 21])
def test_too_short_or_too_long_names_are_rejected_with_the_limits(name):
    error = rejection(name)
    assert error.code == "length"
    assert "3 to 32 characters" in error.messages[0]


def test_length_limits_come_from_settings(settings):
    settings.PERSONA_NAME_MAX_CHARS = 10
    assert "3 to 10 characters" in rejection("Quiet Otter 42").messages[0]
    settings.PERSONA_NAME_MIN_CHARS = 5
    assert rejection("Owl").code == "length"


@pytest.mark.parametrize(
    "name",
    [
        "Quiet\u200bOtter",  # zero-width space
        "Quiet\u200dOtter",  # zero-width joiner
        "\ufeffQuiet Otter",  # byte order mark
        "Quiet \u202eretto",  # right-to-left override
        "Quiet \u2066Otter\u2069",  # left-to-right isolate
        "Quiet\x07Otter",  # bell
        "Quiet\tOtter",
        "Quiet\nOtter",
        "Quiet\u2028Otter",  # line separator
        "Quiet\u00a0Otter",  # no-break space
        "Quiet\u3164Otter",  # hangul filler, an invisible letter
        "Quiet \ue000tter",  # private use
    ],
)
def test_invisible_control_and_direction_characters_are_rejected(name):
    error = rejection(name)
    assert error.code == "invisible"
    assert "invisible, control or text-direction characters" in error.messages[0]


def test_a_name_without_any_letter_or_digit_is_rejected():
    error = rejection("...---...")
    assert error.code == "no_letters"
    assert error.messages == ["A name needs at least one letter or number."]


def test_names_in_other_alphabets_and_with_accents_are_fine():
    for name in ["Маша Fox", "山田 はな", "José Ñandú", "Zoë 42", "Λύκος"]:
        validate_name(name)


# --- Email ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Jane Doe", "janedoe fox", "JaneDoe1987", "Owl jane.doe", "Jаne Doe"],
)
def test_names_holding_the_email_local_part_are_rejected(name):
    account = FakeAccount("jane.doe1987@example.com")
    error = rejection(name, account=account)
    assert error.code in {"email", "mixed_scripts"}
    if error.code == "email":
        assert "your email address or the part before the @" in error.messages[0]


def test_the_whole_email_is_rejected():
    account = FakeAccount("owl@ex.io")
    assert rejection("owl@ex.io", account=account).code == "email"


def test_a_local_part_shorter_than_three_characters_is_not_enforced():
    validate_name("Bo Heron", account=FakeAccount("bo@example.com"))


def test_other_peoples_email_is_not_checked():
    validate_name("Jane Doe", account=FakeAccount("someone@example.com"))


# --- Reserved words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "admin",
        "Admin",
        "Adm1n",
        "ADMlN",
        "ＡＤＭＩＮ",
        "аdmin",  # Cyrillic а
        "ΑDΜΙΝ",  # Greek capitals
        "m0derator",
        "Moderator Owl",
        "TheAdmin",
        "Admin42",
        "A D M I N",
        "adrnin",
        "St4ff",
        "5upport",
        "Lantern Fish",
        "Trust & Safety",
        "TrustAndSafety",
        "Official Owl",
        # Plurals, endings and synonyms (issue 8, section 8).
        "Admins",
        "Moderators",
        "Mods",
        "Sysop",
        "Staffer",
        "Administrators",
        "Group Host",
        "Ｍｏｄｅｒａｔｏｒｓ",
        "Admins42",
    ],
)
def test_reserved_staff_words_and_their_lookalikes_are_rejected(name):
    error = rejection(name)
    assert error.code == "reserved"
    assert "looks like a staff role or Lantern itself" in error.messages[0]


@pytest.mark.parametrize(
    "name",
    [
        "Modest Heron",
        "Ghost Otter",
        "Badminton Fan",
        "Supportive Owl",
        "SUPPORTIVE OWL",
        "Staffy Dog",
        "Admiral Ant",
        "Systematic Yak",
        "Modern Heron",
        "Model Otter",
        "Hostel Owl",
    ],
)
def test_ordinary_words_that_merely_contain_a_reserved_word_are_fine(name):
    validate_name(name)


def test_reserved_words_come_from_settings(settings):
    settings.PERSONA_RESERVED_WORDS = ["heron"]
    assert rejection("Quiet Heron").code == "reserved"
    validate_name("Admin Otter")


# --- Stacked accents ------------------------------------------------------------------------


def test_a_letter_stacking_twenty_accents_is_rejected():
    error = rejection("Quie" + "t" + "\u0301\u0300" * 10 + " Owl")
    assert error.code == "combining_marks"
    assert "at most 2 accents" in error.messages[0]


def test_three_accents_on_one_letter_are_too_many_even_when_one_is_precomposed():
    assert rejection("Quiet Ow\u00e9\u0301\u0300").code == "combining_marks"
    assert rejection("Quiet Owe\u0301\u0300\u0302").code == "combining_marks"


@pytest.mark.parametrize("name", ["Nguyễn Owl", "Nguye\u0323\u0302n Owl", "Zoë Heron"])
def test_real_accents_two_to_a_letter_are_fine(name):
    validate_name(name)


def test_the_accent_limit_is_a_setting(settings):
    settings.PERSONA_NAME_MAX_COMBINING_MARKS = 0
    assert rejection("Zoë Heron").code == "combining_marks"


# --- Mixed scripts --------------------------------------------------------------------------


def test_a_word_mixing_alphabets_with_lookalike_letters_is_rejected():
    error = rejection("Pаypal Fox")  # Cyrillic а inside a Latin word
    assert error.code == "mixed_scripts"
    assert "mixes letters from different alphabets" in error.messages[0]


# --- The service ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_create_persona_stores_the_cleaned_name_and_its_key():
    persona = create_persona(
        account=AccountFactory(), space=SpaceFactory(), name="  Quiet   Otter "
    )
    persona.refresh_from_db()
    assert persona.name == "Quiet Otter"
    assert persona.name_key == name_key("Quiet Otter")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "second", ["quiet otter", "QUIET-OTTER", "Quiet 0tter", "Ｑｕｉｅｔ Otter"]
)
def test_a_name_taken_in_the_space_is_rejected_whatever_its_case_or_lookalikes(second):
    space = SpaceFactory()
    create_persona(account=AccountFactory(), space=space, name="Quiet Otter")
    with pytest.raises(ValidationError) as caught:
        create_persona(account=AccountFactory(), space=space, name=second)
    assert caught.value.code == "taken"
    assert "taken here" in caught.value.messages[0]
    assert Persona.objects.filter(space=space).count() == 1


@pytest.mark.django_db
def test_the_same_name_is_fine_in_another_space():
    create_persona(account=AccountFactory(), space=SpaceFactory(), name="Quiet Otter")
    create_persona(account=AccountFactory(), space=SpaceFactory(), name="Quiet Otter")
    assert Persona.objects.filter(name="Quiet Otter").count() == 2


@pytest.mark.django_db
def test_an_account_gets_one_persona_per_space():
    account, space = AccountFactory(), SpaceFactory()
    create_persona(account=account, space=space, name="Quiet Otter")
    with pytest.raises(ValidationError) as caught:
        create_persona(account=account, space=space, name="Loud Otter")
    assert caught.value.messages == ["You already have a name in this space."]


@pytest.mark.django_db
def test_create_persona_runs_every_rule_including_the_email_one():
    account = AccountFactory(email="river.song@example.test")
    for name, code in [("River Song", "email"), ("Admin", "reserved"), ("x\u202eyz", "invisible")]:
        with pytest.raises(ValidationError) as caught:
            create_persona(account=account, space=SpaceFactory(), name=name)
        assert caught.value.code == code
    assert not Persona.objects.filter(account=account).exists()


@pytest.mark.django_db
def test_rename_persona_changes_the_name_and_key():
    persona = PersonaFactory(name="Quiet Otter")
    rename_persona(persona=persona, name="Calm Heron")
    persona.refresh_from_db()
    assert (persona.name, persona.name_key) == ("Calm Heron", name_key("Calm Heron"))


@pytest.mark.django_db
def test_renaming_to_another_case_of_ones_own_name_is_fine():
    persona = PersonaFactory(name="Quiet Otter")
    rename_persona(persona=persona, name="QUIET OTTER")
    persona.refresh_from_db()
    assert persona.name == "QUIET OTTER"


@pytest.mark.django_db
def test_renaming_to_a_name_taken_in_the_space_is_rejected():
    taken = PersonaFactory(name="Calm Heron")
    persona = PersonaFactory(name="Quiet Otter", space=taken.space)
    with pytest.raises(ValidationError) as caught:
        rename_persona(persona=persona, name="calm-heron")
    assert caught.value.code == "taken"
    persona.refresh_from_db()
    assert persona.name == "Quiet Otter"


@pytest.mark.django_db
def test_renaming_checks_the_email_of_the_account_behind_the_persona():
    persona = PersonaFactory(account=AccountFactory(email="river.song@example.test"))
    with pytest.raises(ValidationError) as caught:
        rename_persona(persona=persona, name="RiverSong")
    assert caught.value.code == "email"


@pytest.mark.django_db
def test_a_former_members_persona_cannot_be_renamed():
    persona = PersonaFactory(account=None)
    with pytest.raises(NotAllowed):
        rename_persona(persona=persona, name="Calm Heron")


def test_suggestions_fail_loudly_when_no_generated_name_can_fit(settings):
    settings.PERSONA_NAME_MAX_CHARS = 4
    with pytest.raises(ImproperlyConfigured, match="PERSONA_NAME"):
        suggest_name()
