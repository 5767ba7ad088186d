"""How mentoring pages show a zone and languages: a band of UTC offsets, never the zone a
member chose; languages by name."""

from django import template

from mentoring import selectors

register = template.Library()


@register.filter
def zone_band(zone_name: str) -> str:
    return selectors.time_zone_band(zone_name)


@register.filter
def language_names(codes) -> str:
    return ", ".join(selectors.language_names(list(codes or [])))


@register.filter
def area_names(areas) -> str:
    """Focus areas (a prefetched relation or a list), by name."""
    return ", ".join(area.name for area in areas)
