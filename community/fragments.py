"""Fast fragments: the parts of a page repeated per item (a thread's posts), rendered by Jinja2.

Django's template language resolves every variable through a chain of lookups and renders each
`{% include %}` and `{% url %}` at run time; for the 50 posts of a thread page that was three
quarters of the page's time (bench/README.md). Jinja2 compiles a template to Python once, so
the same loop costs a fraction of it. Only repeated fragments live here, each in one
`.jinja` file under templates/ (no Django copy of the same HTML); pages stay Django templates
and include a fragment with `{% load fragments %}{% fragment "groups/_posts.jinja" ... %}`.

Autoescaping is on, as in Django templates: `SafeString` values (format_html, sanitized post
bodies marked safe) are kept as they are, everything else is escaped. A fragment has no
`{% url %}` and no `{% csrf_token %}`: the view gives it plain paths (`PathPattern`) and the
page's CSRF token.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from community.templatetags.dates import ago
from community.templatetags.people import persona_html

# Any valid public id (community.ids.PublicIdConverter): reversed once, then cut out.
_MARKER = "public-id-marker"


class PathPattern:
    """A URL whose last argument is a public id, reversed once for many objects: `reverse()`
    costs about 50 µs, and a thread page needs seven links per post."""

    def __init__(self, viewname: str, *args):
        path = reverse(viewname, args=[*args, _MARKER])
        self.prefix, _, self.suffix = path.rpartition(_MARKER)

    def __call__(self, public_id: str) -> str:
        return f"{self.prefix}{public_id}{self.suffix}"


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(settings.BASE_DIR / "templates"),
        autoescape=select_autoescape(["jinja", "html"]),
        # A misspelt name fails loudly in tests rather than rendering an empty link.
        undefined=StrictUndefined,
        auto_reload=settings.DEBUG,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


_ENVIRONMENT: Environment | None = None


def environment() -> Environment:
    global _ENVIRONMENT  # noqa: PLW0603 - built once per process, on first use
    if _ENVIRONMENT is None:
        _ENVIRONMENT = _environment()
        _ENVIRONMENT.filters["ago"] = ago
        _ENVIRONMENT.globals["persona"] = persona_html
    return _ENVIRONMENT


def render_fragment(template_name: str, context: dict) -> SafeString:
    """`template_name` (a .jinja file under templates/) rendered with `context`, as safe HTML
    for a Django template."""
    return SafeString(environment().get_template(template_name).render(context))
