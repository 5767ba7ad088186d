"""Imports run one way between Lantern's apps (DESIGN.md §4, "Seams").

`community` <- `groups` <- `chat` <- `mentoring`, with `moderation` above the content apps: an app
may import its own modules and those of apps ranked below it, never one ranked above. The
shared layer (`community`) names no app at all, so what an app contributes reaches it only
through the registries the app fills itself. These tests read the source, so they hold even for
an import hidden inside a function or a module nothing else imports yet.
"""

import ast
import re
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
RANKS = {"community": 0, "groups": 1, "chat": 2, "mentoring": 3, "moderation": 4}
APP_NAMES = "|".join(name for name in RANKS if name != "community")
# An app named as a module or URL namespace ("groups.urls", "groups:group") or as a whole
# string ("groups"). Prose in comments ("affinity groups.") has no word character after the dot.
APP_REFERENCE = re.compile(rf"""\b(?:{APP_NAMES})[.:]\w|["'](?:{APP_NAMES})["']""")
# Not a reference to the app: the `groups` field of Django's auth (permission groups).
NOT_APP_REFERENCES = {("community/admin.py", '"groups"')}


def python_files(app: str) -> list[Path]:
    folder = PROJECT / app
    return sorted(folder.rglob("*.py")) if folder.is_dir() else []


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in `path`, relative ones resolved."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, absolute(package, node.level, node.module)))
    return found


def absolute(package: list[str], level: int, module: str | None) -> str:
    """The module `from <level dots><module> import ...` names, inside `package`."""
    base = package[: len(package) - level + 1] if level else []
    return ".".join([*base, *([module] if module else [])])


def upward_imports(app: str) -> list[str]:
    wrong = []
    for path in python_files(app):
        for line, module in imported_modules(path):
            target = module.split(".")[0]
            if RANKS.get(target, -1) > RANKS[app]:
                where = path.relative_to(PROJECT)
                wrong.append(f"{where}:{line} imports {module} (rank {RANKS[target]})")
    return wrong


@pytest.mark.parametrize("app", list(RANKS))
def test_no_app_imports_an_app_ranked_above_it(app):
    wrong = upward_imports(app)
    assert wrong == [], "\n".join(wrong)


def test_the_direction_check_resolves_relative_imports():
    # A relative import is judged by the module it names: `from ..x import y` in a module of
    # community/views/ is community.x, whatever app the dots lead to.
    assert absolute(["community", "views"], 2, "x") == "community.x"
    assert absolute(["community", "views"], 1, None) == "community.views"
    assert absolute(["groups"], 0, "moderation.models") == "moderation.models"


def app_references_in_community() -> list[str]:
    found = []
    for path in python_files("community"):
        relative = path.relative_to(PROJECT).as_posix()
        if "/migrations/" in relative:
            continue  # history, as it was when each migration was made
        lines = path.read_text().splitlines()
        if relative == "community/settings.py":
            lines = without_installed_apps(lines)
        for number, line in enumerate(lines, start=1):
            names = {match.group() for match in APP_REFERENCE.finditer(line)}
            if names - {name for file, name in NOT_APP_REFERENCES if file == relative}:
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


def without_installed_apps(lines: list[str]) -> list[str]:
    """`lines` with the INSTALLED_APPS list blanked (line numbers kept): the project must name
    its apps somewhere, and that is the one place."""
    start = next(index for index, line in enumerate(lines) if line.startswith("INSTALLED_APPS"))
    end = next(index for index in range(start, len(lines)) if lines[index].startswith("]"))
    return [("" if start <= index <= end else line) for index, line in enumerate(lines)]


def test_community_names_no_app():
    found = app_references_in_community()
    assert found == [], "\n".join(found)


def test_the_name_check_sees_module_paths_namespaces_and_names():
    lines = ['include("groups.urls")', 'reverse("moderation:flag")', 'kind = "chat"']
    assert all(APP_REFERENCE.search(line) for line in lines)
    assert not APP_REFERENCE.search("# members of affinity groups. Nothing else.")
