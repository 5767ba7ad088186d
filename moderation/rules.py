"""The rules a moderation action cites: each a code, a title and where the guidelines say it.

An action's `rule` is one of these codes; the notice to the member quotes the title and links
to the guidelines section, so "why" is always a rule they can read.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    anchor: str  # the section of the guidelines page (templates/community/guidelines.html)


RULES: tuple[Rule, ...] = (
    Rule("harassment", "Zero tolerance of harassment", "harassment-heading"),
    Rule(
        "retaliation",
        "Zero tolerance of retaliation against anyone who reports",
        "retaliation-heading",
    ),
    Rule("unmasking", "Never unmask anyone (personal information, doxxing)", "identity-heading"),
    Rule("kindness", "Be kind, and believe people (hate, contempt, disbelief)", "kind-heading"),
    Rule("threats", "No threats or incitement to violence", "harassment-heading"),
    Rule("spam", "No spam or advertising", "kind-heading"),
    Rule("safety", "Someone's safety at risk (self-harm)", "crisis-heading"),
    Rule("reporting", "Misuse of reporting or blocking", "reporting-heading"),
)

_BY_CODE = {rule.code: rule for rule in RULES}


def rule_named(code: str) -> Rule | None:
    return _BY_CODE.get(code)


def rule_choices() -> list[tuple[str, str]]:
    return [(rule.code, rule.title) for rule in RULES]
