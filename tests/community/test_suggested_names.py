"""Generated names fit a support space: calm words of nature, light and places, never animals
or harsh words, and varied enough that two people rarely get the same."""

from collections import Counter

import pytest

from community import pseudonyms
from community.pseudonyms import name_key, suggest_name, validate_name

# Animals (the old generator's "Labradoodle", "Cobra"...) and words too harsh for people who
# come here hurt. Compared by whole word, by key, so case and lookalikes do not slip through.
DENIED_TEXT = """
    labradoodle cobra viper snake python adder mamba shark wolf hyena jackal hawk falcon eagle
    vulture raven crow rat mouse bat spider scorpion wasp hornet bee ant beetle fly dog cat
    bear tiger lion panther jaguar leopard fox badger otter heron wren owl dove swan duck goose
    horse pony mule bull ox cow pig boar goat sheep lamb deer moose elk frog toad lizard
    gecko crocodile alligator dragon worm slug leech parrot finch robin sparrow lark crane
    seal whale dolphin octopus squid crab lobster fish salmon trout pike eel bug hound
    blood bloody dead death die kill killer murder war battle fight savage brutal cruel
    grim grave ghost skull bone bones shadow dark darkness night storm thunder fire burning
    ash rage angry fury mad crazy insane wild feral venom poison toxic scar wound knife
    blade sword gun bullet bomb hunter hunt prey predator beast monster demon devil hell
"""
DENIED_WORDS = DENIED_TEXT.split()
DENIED_KEYS = {name_key(word) for word in DENIED_WORDS}
WORDS = pseudonyms.SUGGESTION_ADJECTIVES + pseudonyms.SUGGESTION_NOUNS


def test_no_word_of_the_lists_is_an_animal_or_harsh():
    assert {name_key(word) for word in WORDS} & DENIED_KEYS == set()


@pytest.mark.parametrize("word", WORDS)
def test_every_word_alone_passes_the_rules(word):
    validate_name(word)  # no reserved word ("host", "mod"...), no lookalike of one


def test_no_word_is_in_both_lists_or_twice_in_one():
    keys = [name_key(word) for word in WORDS]
    assert [key for key, count in Counter(keys).items() if count > 1] == []


def test_no_generated_name_holds_a_denied_word():
    for _ in range(500):
        name = suggest_name()
        words = {name_key(word) for word in name.split()}
        assert words & DENIED_KEYS == set(), name


def test_generated_names_stay_diverse():
    names = [suggest_name() for _ in range(600)]
    assert len(set(names)) >= 590
    assert len({name.split()[0] for name in names}) >= 60
    assert len({name.split()[1] for name in names}) >= 60
    # Enough combinations for a large community: no shortage of fresh names.
    assert len(pseudonyms.SUGGESTION_ADJECTIVES) * len(pseudonyms.SUGGESTION_NOUNS) * 90 > 500_000
