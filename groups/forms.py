"""Forms parse input and say what is missing; the services check lengths and every other rule.

Lengths are checked by the services alone, on every path (page, WebSocket, command), and the
views put the service's message on the form (`community.forms.submit`): an over-long paste
comes back intact with a message naming the limit, instead of being cut short silently by a
browser's maxlength.
"""

from django import forms

from community.name_forms import SAME_NAME_FIELD, NameLinkMixin
from community.submissions import SubmissionForm, earlier_submission
from groups.models import Group
from groups.services.management import EDITABLE_FIELDS


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = list(EDITABLE_FIELDS)  # the service saves exactly these
        help_texts = {
            "slug": "The group's address: /groups/this-slug/. Lowercase letters, digits, dashes.",
            "description": "One or two sentences for the directory.",
            "guidelines": "Shown to everyone who joins; they accept them first.",
            "join_question": "Asked when hosts approve requests (join policy: approval).",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        # Django's defaults ("Group with this Slug already exists.") speak in field names.
        error_messages = {
            "slug": {
                "unique": "Another group already has this address. Choose another.",
                "invalid": "Use only lowercase letters, digits and dashes, like night-shift.",
            },
        }


class NewGroupForm(SubmissionForm, GroupForm):
    """Creating a group: sent twice, it makes one (community.submissions)."""

    def validate_unique(self):
        # A resubmission's name and address are taken by the group its first submission
        # made; the service returns that group, so they are not an error here.
        if earlier_submission(Group, client_id=self.cleaned_data.get("client_id")) is None:
            super().validate_unique()


class JoinForm(NameLinkMixin, forms.Form):
    """Warns about a name used in another space (community.name_forms)."""

    name = forms.CharField(
        label="Your name in this group",
        help_text="Only this group sees it. Don't use your real name or email.",
    )
    answer = forms.CharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only the group's hosts read it.",
        error_messages={"required": "Please answer the question."},
    )
    accept_guidelines = forms.BooleanField(
        label="I have read the guidelines and will follow them",
        error_messages={"required": "Please read and accept the guidelines."},
    )

    def __init__(self, *args, existing_name: str = "", ask_question: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if existing_name:
            # A rejoin comes back under the same persona; there is nothing to choose.
            del self.fields["name"]
            self.fields.pop(SAME_NAME_FIELD, None)
        if not ask_question:
            del self.fields["answer"]


class ChooseNameForm(NameLinkMixin, forms.Form):
    name = forms.CharField(
        label="Your name in this group",
        help_text="Only this group sees it. Don't use your real name or email.",
    )


class PostForm(forms.Form):
    """Also the edit form, which changes a post in place and needs no submission token."""

    body = forms.CharField(
        label="Your post",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Please write something first."},
        help_text="Markdown works: *emphasis*, **bold**, lists, > quotes, [links](https://…).",
        strip=False,
    )
    content_warning = forms.CharField(
        label="Content warning (optional)",
        required=False,
        help_text='e.g. "mentions of retaliation". Readers see only this until they open it.',
    )
    # The warning comes before the text it warns about, in a reply as in a new thread.
    field_order = ["content_warning", "body"]


class ReplyForm(SubmissionForm, PostForm):
    """A new post: sent twice, it is stored once (community.submissions)."""


class ThreadForm(SubmissionForm, PostForm):
    title = forms.CharField(
        label="Title",
        error_messages={"required": "Please give your thread a title."},
    )
    field_order = ["title", "content_warning", "body"]
