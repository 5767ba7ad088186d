"""Forms that give a persona its name, in any space (groups, mentoring).

Two things every such form does (DESIGN.md §1):

- When the member already goes by the name (or a confusably similar one) in another space, the
  form stops once, says that it would link the two spaces, and offers a fresh name. A box
  "use my own name anyway" then lets them keep theirs deliberately. The warning names nothing
  of the other space: it is "a name you use elsewhere", shown to the account that typed it.
- "Suggest another" is one click and needs no JavaScript: a second submit button named
  SUGGEST_FIELD, whose request the view answers with `name_form` by re-rendering the form with a
  fresh name and every other field as the member typed it (templates: community/_suggest_name.html).
"""

from django import forms

from community.selectors.names import fresh_name_for, name_used_elsewhere

NAME_FIELD = "name"
SAME_NAME_FIELD = "same_name_ok"
SUGGEST_FIELD = "suggest"
LINKING_WARNING = (
    "You already use this name (or one very like it) somewhere else on Lantern. Using it here "
    "would let anyone who sees both places guess that they are the same person. How about "
    "{suggestion}? To keep your own anyway, tick the box below."
)


class NameLinkMixin:
    """For a form with a `name` field; `account` and `space_id` (the space being named in,
    None for a space not made yet) are keyword arguments. A form without the field (a rejoin
    keeps its name) skips the check."""

    def __init__(self, *args, account=None, space_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account
        self.space_id = space_id
        # The fresh name the warning offers, for the "Use it" button.
        self.suggestion = ""
        if self.is_bound and self.data.get(self.add_prefix(SAME_NAME_FIELD)):
            self._add_same_name_box()

    def _add_same_name_box(self) -> None:
        # Shown only once the form has warned (and while ticked): nobody is asked for nothing.
        if NAME_FIELD not in self.fields:
            return
        self.fields[SAME_NAME_FIELD] = forms.BooleanField(
            label="Use my own name anyway, knowing it links the two places", required=False
        )
        order = list(self.fields)
        order.remove(SAME_NAME_FIELD)
        order.insert(order.index(NAME_FIELD) + 1, SAME_NAME_FIELD)
        self.order_fields(order)

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get(NAME_FIELD, "")
        if (
            name
            and self.account is not None
            and not cleaned.get(SAME_NAME_FIELD)
            and name_used_elsewhere(self.account, name, space_id=self.space_id)
        ):
            self.suggestion = fresh_name_for(self.account, space_id=self.space_id)
            if SAME_NAME_FIELD not in self.fields:
                self._add_same_name_box()
            self.add_error(
                NAME_FIELD, LINKING_WARNING.format(suggestion=f"\u201c{self.suggestion}\u201d")
            )
        return cleaned


def wants_suggestion(request) -> bool:
    return request.method == "POST" and SUGGEST_FIELD in request.POST


def name_form(form_class, request, *, account, space_id=None, initial=None, **kwargs):
    """The name form for this request: bound to a POST, unbound on a GET (with `initial`, the
    name a fresh suggestion when `initial` has none), and, after a "Suggest another" click,
    unbound again with what was typed and a new name: no errors for fields not filled yet.

    The button's value is the name the warning offered ("Use “…”"), or empty for any fresh one.
    """
    options = {"account": account, "space_id": space_id, **kwargs}
    if wants_suggestion(request):
        typed = form_class(request.POST, **options)
        values = {name: typed[name].data for name in typed.fields if name != SAME_NAME_FIELD}
        offered = request.POST.get(SUGGEST_FIELD, "").strip()
        values[NAME_FIELD] = offered or fresh_name_for(account, space_id=space_id)
        return form_class(initial=values, **options)
    if request.method == "POST":
        return form_class(request.POST, **options)
    initial = dict(initial or {})
    if not initial.get(NAME_FIELD):
        initial[NAME_FIELD] = fresh_name_for(account, space_id=space_id)
    return form_class(initial=initial, **options)
