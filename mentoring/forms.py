"""Forms parse input and say what is missing; `mentoring.services` checks every rule (lengths,
languages, zones, capacity, names) and the views put its message on the form
(`community.forms.submit`), so a refused form comes back with everything the person typed.

A form that picks a name for a new space also asks, when the member already goes by that name
(or a confusably similar one) somewhere else, whether they mean to link the two spaces
(DESIGN.md §1): the form stops once, says so and offers a fresh suggestion.
"""

import functools
import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info

from community.name_forms import NameLinkMixin
from mentoring.app_settings import app_settings
from mentoring.models import FocusArea

NAME_HELP = "Don't use your real name, your email or a name you use elsewhere."


@functools.cache
def language_choices() -> list[tuple[str, str]]:
    """Every language Django knows, by its English name ("Portuguese (Brazil)")."""
    choices = [(code, get_language_info(code)["name"]) for code, _name in settings.LANGUAGES]
    return sorted(choices, key=lambda choice: choice[1])


@functools.cache
def time_zone_choices() -> list[tuple[str, str]]:
    """IANA zones people live in ("Europe/Lisbon"), with UTC; not the aliases of old systems."""
    zones = sorted(
        zone
        for zone in zoneinfo.available_timezones()
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/", "posix", "right"))
    )
    return [("UTC", "UTC"), *((zone, zone.replace("_", " ")) for zone in zones)]


def put_chosen_languages_first(form: forms.Form) -> None:
    """The languages already ticked lead the long, scrolling list, so they show without
    scrolling (English for a new request, a mentor's own when editing)."""
    field = form.fields["languages"]
    if form.is_bound:
        chosen = form.data.getlist(form.add_prefix("languages"))
    else:
        chosen = form.initial.get("languages") or field.initial or []
    first = [choice for choice in language_choices() if choice[0] in chosen]
    field.choices = first + [choice for choice in language_choices() if choice[0] not in chosen]


class FocusAreasField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=FocusArea.objects.filter(is_active=True), **kwargs)

    def label_from_instance(self, area: FocusArea) -> str:
        return area.name


class NameForm(NameLinkMixin, forms.Form):
    """A form that gives a new persona its name (a mentor profile, a mentorship side); the
    warning about a name used elsewhere comes from `community.name_forms`."""

    name = forms.CharField(label="Your name here", help_text=NAME_HELP, strip=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Please choose a name."


class MentorProfileForm(NameForm):
    field_order = [
        "name",
        "focus_areas",
        "languages",
        "time_zone",
        "capacity",
        "availability",
        "bio",
    ]

    focus_areas = FocusAreasField(
        label="What you can help with",
        help_text="Choose the situations you have been through and could talk about.",
        error_messages={"required": "Please choose at least one focus area."},
    )
    languages = forms.MultipleChoiceField(
        label="Languages you can mentor in",
        help_text="The list scrolls: every language you could talk in.",
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Please choose at least one language."},
    )
    time_zone = forms.ChoiceField(
        label="Your time zone",
        choices=[("", "Choose your time zone"), *time_zone_choices()],
        help_text="Mentees see only a band of a few hours (like UTC+0 to UTC+3), never the zone.",
        error_messages={"required": "Please choose your time zone."},
    )
    capacity = forms.IntegerField(
        label="How many mentees at once",
        min_value=1,
        error_messages={
            "required": "Please say how many mentees you can take on at once.",
            "invalid": "Please give a whole number.",
            "min_value": "Please give a number of mentees from 1 upwards.",
        },
    )
    availability = forms.CharField(
        label="When you are available (optional)",
        required=False,
        help_text='In words, e.g. "weekday evenings, European time". Mentees see it.',
    )
    bio = forms.CharField(
        label="About you (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=False,
        help_text=(
            "A few lines for mentees choosing a mentor: what you went through, how you like to "
            "help. No names of people or companies, nothing that could identify you."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "Your name as a mentor"
        self.fields["name"].help_text = (
            "Mentees choosing a mentor see this name, and no other name of yours. " + NAME_HELP
        )
        self.fields["capacity"].help_text = f"From 1 to {app_settings.MAX_CAPACITY}."
        put_chosen_languages_first(self)


class RequestForm(forms.Form):
    focus_areas = FocusAreasField(
        label="What you would like help with",
        required=False,
        help_text="Mentors who have been through these are proposed first.",
    )
    languages = forms.MultipleChoiceField(
        label="Languages you would like to talk in",
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Please choose at least one language."},
    )
    time_zone = forms.ChoiceField(
        label="Your time zone (optional)",
        choices=[("", "Any time zone"), *time_zone_choices()],
        required=False,
        help_text="Mentors near it are proposed first. Mentors see only a band of a few hours.",
    )
    hopes = forms.CharField(
        label="What you hope for (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=False,
        help_text=(
            "A few words for your mentor. Only the mentor you choose reads them, once you have "
            "chosen them. Leave out names of people and companies."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        put_chosen_languages_first(self)


class ChooseForm(NameForm):
    """The mentee picks a proposal and the name they will have in the mentorship."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "Your name in this mentorship"
        self.fields["name"].help_text = (
            "Your mentor will know you by this name, and only in your mentorship. " + NAME_HELP
        )


class AcceptForm(NameForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "Your name in this mentorship"
        self.fields["name"].help_text = (
            "A new name for this mentorship only: your mentee will not see your name as a "
            "mentor next to it. " + NAME_HELP
        )


class EndForm(forms.Form):
    feedback = forms.CharField(
        label="Feedback for the coordinators (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        strip=False,
        help_text=(
            "Only the mentoring coordinators read it, never the other person. Tell them if "
            "something went wrong, or what went well."
        ),
    )


class EmployerForm(forms.Form):
    employer = forms.CharField(
        label="Employer",
        strip=False,
        error_messages={"required": "Please write the employer's name."},
        help_text='A current or past employer, written any way ("ACME Inc." and "acme" match).',
    )
