"""`make test` on a fresh machine: it finds or installs Chromium, and `make test-services` names
the service that does not answer. The Makefile runs for real, with fake `id`, `apt-get` and
`chromium` programs on PATH, so nothing is installed and no browser is started."""

import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL_COMMAND = "sudo apt-get update && sudo apt-get install -y chromium"


def make(*arguments: str, path: str | None = None) -> subprocess.CompletedProcess:
    program = shutil.which("make")
    if program is None:
        pytest.fail("make is not installed; the README's commands need it.", pytrace=False)
    # A make that runs this suite passes its own variables down in MAKEFLAGS: drop them, and
    # the test-services choices a developer may have exported.
    dropped = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "LANTERN_CHROMIUM"}
    dropped |= {"TEST_DATABASE_URL", "TEST_REDIS_URL"}
    environment = {key: value for key, value in os.environ.items() if key not in dropped}
    if path is not None:
        environment["PATH"] = path
    return subprocess.run(  # noqa: S603 - make, with arguments written in this file
        [program, "--no-print-directory", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def write_program(folder: Path, name: str, script: str) -> Path:
    program = folder / name
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(0o755)
    return program


def fake_id(folder: Path, uid: int) -> None:
    write_program(folder, "id", f"echo {uid}\n")


def test_missing_chromium_stops_a_non_root_user_with_the_command_to_run(tmp_path):
    fake_id(tmp_path, 1000)

    result = make("chromium", f"DEBIAN_CHROMIUM={tmp_path}/absent", path=str(tmp_path))

    assert result.returncode != 0
    assert "need Debian's Chromium, which is not installed" in result.stderr
    assert INSTALL_COMMAND in result.stderr


def test_missing_chromium_is_installed_through_apt_get_for_root(tmp_path):
    fake_id(tmp_path, 0)
    chromium = tmp_path / "chromium-installed"
    log = tmp_path / "apt-get.log"
    chmod = shutil.which("chmod")
    write_program(
        tmp_path,
        "apt-get",
        f'echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> {log}\n'
        f'case "$*" in *install*)\n'
        f"  printf '#!/bin/sh\\necho Chromium 1.2.3\\n' > {chromium}; {chmod} +x {chromium};;\n"
        "esac\n",
    )

    result = make("chromium", f"DEBIAN_CHROMIUM={chromium}", path=str(tmp_path))

    assert result.returncode == 0, result.stderr
    update, install = log.read_text().splitlines()
    assert update.startswith("DEBIAN_FRONTEND=noninteractive ") and " update" in update
    assert install.startswith("DEBIAN_FRONTEND=noninteractive ")
    assert re.search(r" install -y .*chromium$", install)
    assert f"Browser tests use Chromium 1.2.3 at {chromium}" in result.stdout


def test_browser_tests_are_given_the_chromium_found_on_path(tmp_path):
    chromium = write_program(tmp_path, "chromium", "echo Chromium 1.2.3\n")
    path = f"{tmp_path}:{os.environ['PATH']}"

    result = make("--dry-run", "test-browser", "DEBIAN_CHROMIUM=/absent", path=path)

    assert result.returncode == 0, result.stderr
    assert f"LANTERN_CHROMIUM={chromium} .venv/bin/pytest -m browser" in result.stdout


def test_lantern_chromium_pointing_nowhere_is_an_error_not_an_install(tmp_path):
    fake_id(tmp_path, 0)
    write_program(tmp_path, "apt-get", f"touch {tmp_path}/apt-get-ran\n")

    result = make("chromium", f"LANTERN_CHROMIUM={tmp_path}/absent", path=str(tmp_path))

    assert result.returncode != 0
    assert f"LANTERN_CHROMIUM is set to {tmp_path}/absent" in result.stderr
    assert not (tmp_path / "apt-get-ran").exists()


def test_test_services_names_the_service_that_does_not_answer():
    with socket.socket() as listening, socket.socket() as closed:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        closed.bind(("127.0.0.1", 0))  # bound, never listening: connecting is refused
        redis_port = listening.getsockname()[1]
        database_port = closed.getsockname()[1]

        result = make(
            "test-services",
            f"TEST_DATABASE_URL=postgres://postgres:secret@127.0.0.1:{database_port}/test",
            f"TEST_REDIS_URL=redis://127.0.0.1:{redis_port}/9",
        )

    assert result.returncode != 0
    assert f"PostgreSQL does not answer at 127.0.0.1:{database_port}" in result.stderr
    assert "Redis does not answer" not in result.stderr
    assert "secret" not in result.stderr
    assert "pytest" not in result.stdout  # stopped before running the suite


def test_test_services_takes_its_database_and_redis_from_test_variables():
    default = make("--dry-run", "test-services")
    chosen = make(
        "--dry-run",
        "test-services",
        "TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mine",
        "TEST_REDIS_URL=redis://127.0.0.1:6379/14",
    )

    assert default.returncode == 0, default.stderr
    assert (
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/9 "
        "LANTERN_REQUIRE_SERVICES=1 .venv/bin/pytest" in default.stdout
    )
    assert chosen.returncode == 0, chosen.stderr
    assert (
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/mine REDIS_URL=redis://127.0.0.1:6379/14 "
        "LANTERN_REQUIRE_SERVICES=1 .venv/bin/pytest" in chosen.stdout
    )


def test_ci_runs_exactly_the_readme_commands():
    readme = (ROOT / "README.md").read_text()
    script = (ROOT / ".ci" / "run").read_text()
    commands = [
        line.strip()
        for line in script.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]

    assert "CI (`.ci/run`) runs exactly `make lint`, `make test` and `make test-services`" in (
        " ".join(readme.split())
    )
    assert [line for line in commands if line.startswith("make")] == [
        "make lint",
        "make test",
        "make test-services",
    ]
    assert not any("apt-get" in line or "install" in line for line in commands)
