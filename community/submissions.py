"""One-time submission tokens: a form sent twice stores one row (issue #9 §5).

Every form that creates something carries a hidden `client_id`, a uuid4 made when the form is
rendered, as chat frames carry theirs (DESIGN.md §5). The created row stores it under a unique
constraint scoped to its author, so a second submission of the same form (a double click, a
retry after a timeout, two tabs racing) finds the row the first one made and the view answers
exactly as it did the first time. Scoping to the author means one member's id can never land
another member on a row that isn't theirs.

Each render makes a new id, so writing a second reply is a new submission; a form that comes
back with errors keeps the id it was sent with, so the corrected resubmission still dedupes.
A request without a usable id (an old page, a script, a test) still works: the server makes
one up, which protects nothing across requests but loses nothing either.
"""

import uuid
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.db import IntegrityError, models, transaction

FIELD_NAME = "client_id"

Row = TypeVar("Row", bound=models.Model)


class SubmissionForm(forms.Form):
    """Mix into a form that creates something: `cleaned_data["client_id"]` is always a UUID.

    Declared as a Form (not a plain mixin) so Django collects its field; it combines with
    `forms.ModelForm` as well (`class GroupForm(SubmissionForm, forms.ModelForm)`).
    """

    client_id = forms.UUIDField(
        widget=forms.HiddenInput,
        required=False,
        # Callable: evaluated at each render of an unbound form, so each render gets a new id.
        initial=uuid.uuid4,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A missing or malformed id is the client's fault, not the member's: replace it rather
        # than show an error about a field nobody can see. Put into the data, it is also what
        # a re-rendered form carries, so the corrected resubmission dedupes too.
        name = self.add_prefix(FIELD_NAME)
        if self.is_bound and not _is_uuid(self.data.get(name)):
            self.data = self.data.copy()
            self.data[name] = str(uuid.uuid4())


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def submission_constraint(*, owner: str, name: str) -> models.UniqueConstraint:
    """The constraint that makes `client_id` one-time per `owner` (a persona or account field).

    Rows made without an id (before this existed, or by commands) keep NULL, which never
    collides.
    """
    return models.UniqueConstraint(fields=[owner, FIELD_NAME], name=name)


def earlier_submission(model: type[Row], *, client_id: uuid.UUID | None, **owner) -> Row | None:
    """The row `owner` already made with `client_id`, or None."""
    if client_id is None:
        return None
    return model._default_manager.filter(client_id=client_id, **owner).first()


def create_once(
    make: Callable[[], Row], *, model: type[Row], client_id: uuid.UUID | None, **owner
) -> tuple[Row, bool]:
    """`make()` the row, or return the one a concurrent submission with `client_id` made.

    Returns (row, created). Callers look with `earlier_submission` first; this covers the race
    where both submissions looked before either wrote: the loser's insert hits the constraint,
    and by then (PostgreSQL waits for the winner to commit) the winner's row is visible.
    """
    try:
        # The savepoint keeps the caller's transaction usable when the constraint fires.
        with transaction.atomic():
            return make(), True
    except IntegrityError:
        existing = earlier_submission(model, client_id=client_id, **owner)
        if existing is None:
            raise
        return existing, False
