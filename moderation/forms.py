from django import forms

from moderation.models import Flag


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a reason."},
        label="What is wrong with it?",
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Anything moderators should know? (optional)",
        help_text="Only moderators read this. The person you flag is never told who flagged.",
    )
