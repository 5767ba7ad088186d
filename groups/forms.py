"""Forms parse and check lengths; the services enforce the same rules on every path."""

from django import forms
from django.conf import settings

from groups.models import Group


def _too_long(limit: int, what: str) -> dict:
    return {"max_length": f"The {what} can be at most {limit} characters (it has %(show_value)d)."}


class NoBrowserLimitMixin:
    """Lengths are checked by the server, so an over-long paste comes back intact with a
    message instead of being cut short silently by the browser's maxlength."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = [
            "name",
            "slug",
            "description",
            "guidelines",
            "join_question",
            "visibility",
            "join_policy",
        ]
        help_texts = {
            "slug": "The group's address: /groups/<this>/. Lowercase letters, digits and dashes.",
            "description": "One or two sentences for the directory.",
            "guidelines": "Shown to everyone who joins; they accept them first.",
            "join_question": "Asked when hosts approve requests (join policy: approval).",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class JoinForm(NoBrowserLimitMixin, forms.Form):
    name = forms.CharField(
        label="Your name in this group",
        help_text="Only this group sees it. Don't use your real name or email.",
        max_length=settings.PERSONA_NAME_MAX_CHARS,
        error_messages=_too_long(settings.PERSONA_NAME_MAX_CHARS, "name"),
    )
    answer = forms.CharField(
        label="Your answer",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=settings.GROUPS_MAX_JOIN_ANSWER_CHARS,
        error_messages=_too_long(settings.GROUPS_MAX_JOIN_ANSWER_CHARS, "answer"),
        help_text="Only the group's hosts read it.",
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
        if not ask_question:
            del self.fields["answer"]
        else:
            self.fields["answer"].required = True
            self.fields["answer"].error_messages["required"] = "Please answer the question."


class PostForm(NoBrowserLimitMixin, forms.Form):
    body = forms.CharField(
        label="Your post",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=settings.GROUPS_MAX_POST_CHARS,
        error_messages={
            **_too_long(settings.GROUPS_MAX_POST_CHARS, "post"),
            "required": "Please write something first.",
        },
        help_text="Markdown works: *emphasis*, **bold**, lists, > quotes, [links](https://…).",
        strip=False,
    )
    content_warning = forms.CharField(
        label="Content warning (optional)",
        required=False,
        max_length=settings.GROUPS_MAX_CONTENT_WARNING_CHARS,
        error_messages=_too_long(settings.GROUPS_MAX_CONTENT_WARNING_CHARS, "content warning"),
        help_text='e.g. "mentions of retaliation". Readers see only this until they open it.',
    )


class ThreadForm(PostForm):
    title = forms.CharField(
        label="Title",
        max_length=settings.GROUPS_MAX_TITLE_CHARS,
        error_messages={
            **_too_long(settings.GROUPS_MAX_TITLE_CHARS, "title"),
            "required": "Please give your thread a title.",
        },
    )
    field_order = ["title", "content_warning", "body"]
