from django import forms

from moderation.filters.models import WordListEntry


class WordListEntryForm(forms.Form):
    pattern = forms.CharField(
        label="Word or phrase",
        help_text="Matched as a whole word, whatever its case or width (“Scab”, “ＳＣＡＢ”).",
        error_messages={"required": "Please write a word or phrase."},
    )
    action = forms.ChoiceField(
        label="What happens to text that contains it",
        choices=WordListEntry.Action.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens to text with this word."},
    )
    message = forms.CharField(
        label="Message to the writer when it is blocked (optional)",
        required=False,
        help_text="Shown only to the person whose text was blocked.",
    )
