from django import forms

from moderation.app_settings import app_settings
from moderation.models import Action, Appeal, Flag, HeldContent
from moderation.rules import rule_choices
from moderation.selectors import QUEUE_STATES
from moderation.wording import action_label


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a reason."},
        label="What is wrong with it?",
    )
    wish = forms.ChoiceField(
        required=False,
        choices=Flag.Wish.choices,
        widget=forms.RadioSelect,
        initial=Flag.Wish.RECORD,
        label="What would you like to happen? (optional)",
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Anything moderators should know? (optional)",
        help_text="Only moderators read this. The person you flag is never told who flagged.",
    )
    block_author = forms.BooleanField(
        required=False,
        label="Also block this person here",
        help_text="Silent: they are not told. It acts in this group only.",
    )


class ActionForm(forms.Form):
    kind = forms.ChoiceField(
        choices=Action.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose an action."},
        label="Action",
    )
    rule = forms.ChoiceField(
        choices=rule_choices(),
        error_messages={"required": "Please choose the rule this is about."},
        label="Rule",
    )
    message = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Message to the member (optional)",
        help_text="They read it with the notice. Never say who flagged.",
    )
    days = forms.IntegerField(
        required=False,
        min_value=1,
        label="For how many days (mute and suspension)",
        error_messages={"invalid": "Please give a whole number of days."},
    )

    def __init__(self, *args, allowed: list[str], item_kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # In the content's own words where it has them: a name's hide is "Reset the name".
        self.fields["kind"].choices = [
            (value, action_label(item_kind, value))
            for value in Action.Kind.values
            if value in allowed
        ]
        self.fields["days"].help_text = (
            f"Mute up to {app_settings.MAX_MUTE_DAYS} days, suspension up to "
            f"{app_settings.MAX_SUSPENSION_DAYS}."
        )


class InPlaceActionForm(ActionForm):
    """The thread page's hide, delete, lock and unlock: no duration."""

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, allowed=allowed, **kwargs)
        del self.fields["days"]
        if allowed == [Action.Kind.UNLOCK]:
            self.fields["message"].label = "Note for the audit log (optional)"
            self.fields["message"].help_text = "An unlock sends nobody a notice."


class QueueFilterForm(forms.Form):
    # A flag's reasons, and the one reason only a filter gives (held content's "word_list");
    # "personal_info" covers members' flags and what the identity filter held alike.
    reason = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Any reason"),
            *Flag.Reason.choices,
            (HeldContent.Reason.WORD_LIST, "Held by a word list"),
        ],
        label="Reason",
    )
    space = forms.ChoiceField(required=False, choices=[("", "Anywhere")], label="Group")
    state = forms.ChoiceField(required=False, choices=QUEUE_STATES, label="State")

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].choices = [("", "Anywhere")] + [
            (space.public_id, name) for space, name in spaces
        ]


class AppealForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Your appeal",
        error_messages={"required": "Please write your appeal."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = (
            f"In your own words, up to {app_settings.APPEAL_MAX_CHARS} characters. You can "
            "appeal once. A moderator who did not take this decision reads it."
        )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[
            (Appeal.Status.UPHELD, "Uphold: the decision stands"),
            (Appeal.Status.OVERTURNED, "Overturn: undo what can be undone"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose to uphold or overturn the decision."},
        label="Decision",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Reason (the member reads it)",
        help_text="Never say who flagged, who acted or who you are.",
        error_messages={"required": "Please write a reason."},
    )


class _CodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            max_length=16,
            label="Code from your authenticator app",
            help_text="A fresh code: one already used (to log in, or here) is refused.",
            widget=forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
            ),
            **kwargs,
        )


class RevealRequestForm(forms.Form):
    reason = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Why must the account be revealed?",
        help_text=(
            "The second staff member reads this before approving, and the member reads it "
            "afterwards. Never say who reported."
        ),
    )
    code = _CodeField()


class RevealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve: the requester will see the email"), ("refuse", "Refuse")],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose approve or refuse."},
        label="Your decision",
    )
    code = _CodeField()
    note = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why you refuse (optional; the requester reads it)",
    )
