"""bench/RESULTS.md holds every benchmark's figures: each one writing its run keeps the others'."""

from bench import chat_fanout, concurrent_posting, groups_bench, matching, search_bench
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


def test_chat_fanout_run_goes_on_top_of_its_section_and_keeps_the_others(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text(GROUPS + "\n" + SIGNUP)

    chat_fanout.write_results(["## first chat run", "", "| first row |", ""], results)
    chat_fanout.write_results(["## second chat run", "", "| second row |", ""], results)

    text = results.read_text()
    assert text.startswith(GROUPS + "\n" + SIGNUP)
    chat = text[text.index(chat_fanout.HEADING) :]
    assert chat.count(chat_fanout.HEADING) == 1
    assert chat.index("| second row |") < chat.index("| first row |")


def test_chat_fanout_ratios_use_each_targets_median_over_the_rounds():
    def row(name, rate, p99, kib, lost=0):
        return {
            "name": name, "members": 200, "deliveries_per_second": rate, "p99_ms": p99,
            "idle_kib_per_socket": kib, "latency_lost": lost, "saturation_lost": 0, "burst_lost": 0,
        }  # fmt: skip

    rows = [row("bare", 1000, 100, 40), row("bare", 3000, 900, 40), row("bare", 1200, 120, 40)]
    rows += [row("room", 2600, 90, 50, lost=1), row("room", 2400, 80, 50), row("room", 10, 1, 50)]

    medians = chat_fanout._medians(rows)

    assert medians["bare", 200]["deliveries_per_second"] == 1200
    assert medians["room", 200]["deliveries_per_second"] == 2400
    assert (medians["room", 200]["p99_ms"], medians["room", 200]["latency_lost"]) == (80, 1)


def test_matching_run_goes_on_top_of_its_section_and_keeps_the_others(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text(GROUPS + "\n" + SIGNUP)

    matching.write_results(["## first matching run", "", "| first row |", ""], results)
    matching.write_results(["## second matching run", "", "| second row |", ""], results)

    text = results.read_text()
    assert text.startswith(GROUPS + "\n" + SIGNUP)
    section = text[text.index(matching.HEADING) :]
    assert section.count(matching.HEADING) == 1
    assert section.index("| second row |") < section.index("| first row |")


def test_the_matching_benchmark_measures_a_small_pool_against_greedy():
    pool = matching.make_pool(60, 15)
    rows = matching.measure_core(pool, rounds=1)

    batch, greedy = rows["batch (assign_batch)"], rows["greedy loop"]
    assert batch["total"] >= greedy["total"] > 0
    assert batch["matched"] <= batch["columns"]
    assert batch["peak_mib"] > 0 and batch["seconds"] > 0


def test_groups_run_reports_the_share_of_trivial_and_pages_not_in_this_build():
    figures = {"rps": 10.0, "p50_ms": 90.0, "p95_ms": 120.0, "failures": 0, "bytes": 1000}
    trivial = {**figures, "rps": 250.0}
    results = {
        ("gunicorn", "thread page (50 posts)"): {"page": figures, "trivial": trivial},
        ("gunicorn", "member home"): None,
    }
    info = {
        "date": "2026-12-03 19:00 UTC", "cpus": "2", "cpu": "cpu", "os": "Linux",
        "python": "3.11", "django": "5.2", "daphne": "4", "gunicorn": "23",
    }  # fmt: skip

    class Args:
        requests, concurrency, rounds, warm_up, quick = 300, 4, 10, 10, False
        client, seconds = "ab", 10

    lines = groups_bench.run_section(results, info, Args, "1 / 1 / 1")

    assert "| gunicorn | thread page (50 posts) | 10.0 |" in "\n".join(lines)
    assert any(line.endswith("| 25.0 | 4.0% |") for line in lines)
    assert "| gunicorn | member home | not in this build | | | | | | | |" in lines


def test_search_run_goes_on_top_of_the_file_and_keeps_the_others(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text(GROUPS + "\n" + SIGNUP)

    search_bench.write_results(["## first search run", "", "| first row |", ""], results)
    search_bench.write_results(["## second search run", "", "| second row |", ""], results)

    text = results.read_text()
    assert text.startswith(search_bench.HEADING)
    assert text.count(search_bench.HEADING) == 1
    assert text.index("| second row |") < text.index("| first row |") < text.index(GROUPS)
    assert text.endswith(GROUPS + "\n" + SIGNUP)
