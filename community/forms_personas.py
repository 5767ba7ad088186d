"""The name a member picks when they enter a space (joining a group, starting a mentorship).

Forms only check; the view then calls `community.services.personas.create_persona` (or
`rename_persona`), which checks again inside its transaction.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from community import pseudonyms
from community.models import Account, Persona, Space
from community.selectors import name_taken_in

# Suggestions that happen to be taken in the space are drawn again, a few times at most.
SUGGESTION_ATTEMPTS = 5


class PersonaNameField(forms.CharField):
    """A pseudonym: every rule that needs no account or space (length, characters, reserved
    words, mixed alphabets). `PersonaNameForm` adds the email and uniqueness rules."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Your name in this space")
        kwargs.setdefault(
            "help_text",
            f"{settings.PERSONA_NAME_MIN_CHARS} to {settings.PERSONA_NAME_MAX_CHARS} "
            "characters. Other members see only this name here; pick one you use nowhere else.",
        )
        # The browser's maxlength would cut a pasted name silently; the server says why.
        kwargs.setdefault("max_length", None)
        super().__init__(**kwargs)

    def to_python(self, value):
        return pseudonyms.clean_name(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        pseudonyms.validate_name(value)


class PersonaNameForm(forms.Form):
    """Pick (or keep the suggested) name for `account` in `space`.

    With `persona`, the form renames that persona: its own current name is not "taken".
    """

    name = PersonaNameField()

    def __init__(
        self,
        *args,
        account: Account,
        space: Space,
        persona: Persona | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.account = account
        self.space = space
        self.persona = persona
        if not self.is_bound and "name" not in self.initial:
            self.initial["name"] = persona.name if persona else suggest_name_in(space)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        pseudonyms.validate_name(name, account=self.account)
        if name_taken_in(space=self.space, name=name, exclude=self.persona):
            raise ValidationError(
                "That name is taken here, or looks too much like one that is. Try another.",
                code="taken",
            )
        return name


def suggest_name_in(space: Space) -> str:
    """A suggested name that is free in `space` (nearly always the first one drawn)."""
    name = pseudonyms.suggest_name()
    for _ in range(SUGGESTION_ATTEMPTS):
        if not name_taken_in(space=space, name=name):
            break
        name = pseudonyms.suggest_name()
    return name
