from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from community.errors import NotAllowed
from community.models import FORMER_MEMBER_NAME, Account


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on top when not a field)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def submit(form: forms.BaseForm, service, /, **kwargs):
    """Call `service(**kwargs)` for a valid `form` and return what it returns.

    A ValidationError lands on the form's fields and a NotAllowed on top of the form, so the
    page re-renders with what the person typed; callers check `form.errors` afterwards.
    """
    try:
        return service(**kwargs)
    except ValidationError as error:
        add_errors(form, error)
    except NotAllowed as error:
        form.add_error(None, str(error))
    return None


class PreferencesForm(forms.ModelForm):
    """The owner's display and email preferences, on their settings page."""

    class Meta:
        model = Account
        fields = ["discreet_mode", "email_notifications"]
        labels = {
            "discreet_mode": "Discreet mode",
            "email_notifications": "Email me when something happens",
        }
        help_texts = {
            "discreet_mode": (
                'The browser tab is titled "Notes" with a plain icon, so a glance at your '
                "screen or tabs does not show Lantern."
            ),
            "email_notifications": (
                'The emails only say that there is something new on Lantern ("You have a new '
                'reply on Lantern"): never what was written, nor by whom.'
            ),
        }


class DeleteAccountForm(forms.Form):
    """The member's choice about their writing, and a typed confirmation of the deletion."""

    KEEP = "keep"
    DELETE = "delete"

    content = forms.ChoiceField(
        label="What happens to what you wrote",
        choices=[
            (KEEP, f'Keep it, shown as written by "{FORMER_MEMBER_NAME}"'),
            (DELETE, "Delete it: every post and message I wrote, in every space"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens to what you wrote."},
    )
    confirmation = forms.CharField(
        label="Type the words to confirm",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Type the words shown to confirm."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.phrase = settings.ACCOUNT_DELETE_CONFIRMATION
        self.fields["confirmation"].help_text = f'Type "{self.phrase}" to confirm.'

    def clean_confirmation(self) -> str:
        typed = self.cleaned_data["confirmation"]
        if " ".join(typed.split()).casefold() != self.phrase.casefold():
            raise forms.ValidationError(
                f'To delete your account, type "{self.phrase}" exactly as shown.'
            )
        return typed

    @property
    def keep_content(self) -> bool:
        return self.cleaned_data["content"] == self.KEEP
