"""A test that fetches a page and asserts something is absent must also check the status:
otherwise a 404 or a 500, which shows nothing at all, passes it."""

import ast
from pathlib import Path

TESTS = Path(__file__).parent
# Reading a page through tests.pages.page_text checks its status.
STATUS_CHECKS = ("status_code", "page_text(", "assertContains", "assertNotContains")


def fetches_with_a_client(function: ast.FunctionDef) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("get", "post")
        and "client" in ast.unparse(node.func.value).lower()
        for node in ast.walk(function)
    )


def asserts_absence(function: ast.FunctionDef) -> bool:
    return any(
        isinstance(node, ast.Assert)
        and any(
            isinstance(operator, ast.NotIn)
            for compare in ast.walk(node.test)
            if isinstance(compare, ast.Compare)
            for operator in compare.ops
        )
        for node in ast.walk(function)
    )


def unchecked_absence_tests(source: str) -> list[str]:
    return [
        function.name
        for function in ast.walk(ast.parse(source))
        if isinstance(function, ast.FunctionDef)
        and function.name.startswith("test_")
        and fetches_with_a_client(function)
        and asserts_absence(function)
        and not any(check in ast.unparse(function) for check in STATUS_CHECKS)
    ]


def test_every_absence_test_checks_the_status():
    # Browser tests assert on what a person sees after the page answered (page.goto's status).
    paths = [path for path in TESTS.rglob("test_*.py") if "browser" not in path.parts]
    assert len(paths) > 50
    offenders = [
        f"{path.relative_to(TESTS)}::{name}"
        for path in paths
        for name in unchecked_absence_tests(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders


def test_the_check_notices_a_test_that_would_pass_on_an_error_page():
    source = (
        "def test_hidden(client):\n"
        "    assert 'secret' not in client.get('/x/').content.decode()\n"
        "def test_hidden_checked(client):\n"
        "    response = client.get('/x/')\n"
        "    assert response.status_code == 200\n"
        "    assert 'secret' not in response.content.decode()\n"
    )
    assert unchecked_absence_tests(source) == ["test_hidden"]
