from django import forms

from chat.app_settings import app_settings
from community.submissions import SubmissionForm

UTC_HELP = "In UTC (Coordinated Universal Time), as YYYY-MM-DD HH:MM."


class UtcDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


class SessionForm(SubmissionForm):
    """Schedule or edit a session. Times are read and shown in UTC, and labelled so: the
    server keeps no time zone per member (it would be one more thing known about them)."""

    title = forms.CharField(label="Title", strip=False)
    description = forms.CharField(
        label="Description (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    content_warning = forms.CharField(
        label="Content warning (optional)",
        required=False,
        help_text="Shown folded on the group page, e.g. “retaliation, job loss”.",
    )
    starts_at = forms.DateTimeField(
        label="Starts (UTC)",
        widget=UtcDateTimeInput(),
        help_text=UTC_HELP,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    ends_at = forms.DateTimeField(
        label="Ends (UTC)",
        widget=UtcDateTimeInput(),
        help_text=UTC_HELP,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    capacity = forms.IntegerField(
        label="Capacity",
        help_text="How many members can be in the room at once.",
        min_value=2,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("capacity", app_settings.DEFAULT_CAPACITY)
        super().__init__(*args, **kwargs)


class MuteForm(forms.Form):
    persona = forms.CharField(max_length=64, widget=forms.HiddenInput)
    minutes = forms.IntegerField(label="Minutes", min_value=1, initial=15)
