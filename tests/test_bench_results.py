"""bench/RESULTS.md holds every benchmark's figures: each one writing its run keeps the others'."""

from bench import concurrent_posting, groups_bench
from bench._common import replace_section

GROUPS = "# Groups benchmark results\n\nIntro.\n\n## 2026-12-01: daphne\n\n| groups row |\n"
SIGNUP = "# Sign-up timing results\n\n| signup row |\n"


def test_posting_run_goes_on_top_of_its_section_and_keeps_the_others(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text(GROUPS + "\n" + SIGNUP)

    concurrent_posting.write_results(["## first run", "", "| first row |", ""], results)
    concurrent_posting.write_results(["## second run", "", "| second row |", ""], results)

    text = results.read_text()
    assert text.startswith(GROUPS + "\n" + SIGNUP)
    posting = text[text.index(concurrent_posting.HEADING) :]
    assert posting.count(concurrent_posting.HEADING) == 1
    assert posting.index("| second row |") < posting.index("| first row |")


def test_other_benchmarks_writing_keep_the_posting_section(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text(GROUPS + "\n" + SIGNUP)
    concurrent_posting.write_results(["## posting run", "", "| posting row |", ""], results)

    groups_bench.write_results(results, ["## 2026-12-04: gunicorn", "", "| new groups row |", ""])
    signup = "# Sign-up timing results"
    replace_section(signup, f"{signup}\n\n| new row |\n", results)

    text = results.read_text()
    assert text.index("| new groups row |") < text.index("| groups row |")
    assert "| signup row |" not in text
    assert text.count("| new row |") == 1
    assert text.count(concurrent_posting.HEADING) == 1
    assert "| posting row |" in text[text.index(concurrent_posting.HEADING) :]
