"""Every named URL pattern of the project, for tests that must cover them all."""

from django.urls import URLPattern, URLResolver, get_resolver


def all_url_names() -> list[str]:
    """Each pattern's full name as `reverse` takes it ("groups:thread", "home")."""
    return list(_names_in(get_resolver().url_patterns, namespace=""))


def staff_site_names() -> set[str]:
    """Django's admin at /staff/admin/ (one name per model and view): its own markup and pages,
    which tests that must cover every page exempt as a whole."""
    return {name for name in all_url_names() if name.startswith("admin:")}


def _names_in(patterns, *, namespace: str):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from _names_in(pattern.url_patterns, namespace=inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"
