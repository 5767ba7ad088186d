"""The matcher on its own (mentoring.matching): each hard constraint, the score, proposals and
the batch, on hand-made pools. No database."""

import pytest

from mentoring import matching
from mentoring.matching import Match, Mentor, Pairs, Request, pair

EN = frozenset({"en"})


def mentor(id=1, account=101, **fields) -> Mentor:
    fields.setdefault("languages", EN)
    return Mentor(id=id, account=account, **fields)


def request(id=1, account=1, **fields) -> Request:
    fields.setdefault("languages", EN)
    return Request(id=id, account=account, **fields)


def test_an_ordinary_pair_is_allowed():
    assert matching.refusal(request(), mentor()) is None
    assert matching.can_pair(request(), mentor())


@pytest.mark.parametrize(
    ("changed_mentor", "changed_request", "pairs", "reason"),
    [
        ({"available": False}, {}, Pairs(), matching.NOT_AVAILABLE),
        ({"capacity": 2, "load": 2}, {}, Pairs(), matching.FULL),
        ({"capacity": 0}, {}, Pairs(), matching.FULL),
        ({"account": 1}, {}, Pairs(), matching.SAME_ACCOUNT),
        ({"languages": frozenset({"es"})}, {}, Pairs(), matching.NO_LANGUAGE),
        ({}, {"excluded_mentors": frozenset({1})}, Pairs(), matching.EXCLUDED),
        (
            {"employers": frozenset({"acme", "initech"})},
            {"employers": frozenset({"initech"})},
            Pairs(),
            matching.SAME_EMPLOYER,
        ),
        ({}, {}, Pairs(blocked=frozenset({pair(1, 101)})), matching.BLOCKED),
        ({}, {}, Pairs(blocked=frozenset({pair(101, 1)})), matching.BLOCKED),
        ({}, {}, Pairs(guarded=frozenset({pair(1, 101)})), matching.GUARDED),
    ],
)
def test_each_hard_constraint_refuses_the_pair(changed_mentor, changed_request, pairs, reason):
    candidate, volunteer = request(**changed_request), mentor(**changed_mentor)

    assert matching.refusal(candidate, volunteer, pairs) == reason
    assert matching.propose(candidate, [volunteer], 3, pairs) == []
    assert matching.assign_batch([candidate], [volunteer], pairs) == []


def test_a_shared_language_among_several_is_enough():
    assert matching.can_pair(
        request(languages=frozenset({"fr", "en"})), mentor(languages=frozenset({"en", "de"}))
    )


def test_pairs_of_other_accounts_do_not_stand_in_the_way():
    pairs = Pairs(blocked=frozenset({pair(1, 102)}), guarded=frozenset({pair(2, 101)}))
    assert matching.can_pair(request(), mentor(), pairs)


def test_different_employers_do_not_stand_in_the_way():
    assert matching.can_pair(
        request(employers=frozenset({"acme"})), mentor(employers=frozenset({"initech"}))
    )


def test_the_score_adds_focus_overlap_time_zone_closeness_and_free_capacity():
    candidate = request(focus_areas=frozenset({1, 2, 3, 4}), utc_offset=60)
    volunteer = mentor(focus_areas=frozenset({2, 4, 9}), utc_offset=-120, capacity=4, load=1)

    focus = matching.FOCUS_POINTS * 2 // 4
    zone = matching.ZONE_POINTS * (720 - 180) // 720
    fairness = matching.FAIRNESS_POINTS * 3 // 4
    assert matching.focus_points(candidate, volunteer) == focus == 300
    assert matching.zone_points(candidate, volunteer) == zone == 187
    assert matching.fairness_points(volunteer) == fairness == 112
    assert matching.score(candidate, volunteer) == matching.MATCH_POINTS + focus + zone + fairness


def test_time_zones_are_compared_around_the_clock():
    assert matching.zone_distance(-11 * 60, 13 * 60) == 0
    assert matching.zone_distance(-10 * 60, 12 * 60) == 120
    assert matching.zone_distance(0, 12 * 60) == 720
    assert matching.zone_distance(None, 0) is None


def test_an_unknown_time_zone_scores_half_the_zone_points():
    candidate = request(utc_offset=None)
    assert matching.zone_points(candidate, mentor(utc_offset=0)) == matching.ZONE_POINTS // 2


def test_a_request_naming_no_focus_area_scores_no_focus_points():
    assert matching.focus_points(request(), mentor(focus_areas=frozenset({1}))) == 0


def test_more_shared_focus_areas_score_higher():
    candidate = request(focus_areas=frozenset({1, 2}))
    one = mentor(focus_areas=frozenset({1}))
    both = mentor(focus_areas=frozenset({1, 2}))
    assert matching.score(candidate, both) > matching.score(candidate, one)


def test_a_closer_time_zone_scores_higher():
    candidate = request(utc_offset=0)
    assert matching.score(candidate, mentor(utc_offset=60)) > matching.score(
        candidate, mentor(utc_offset=600)
    )


def test_a_mentor_with_more_room_scores_higher_all_else_equal():
    candidate = request()
    assert matching.score(candidate, mentor(capacity=4, load=0)) > matching.score(
        candidate, mentor(capacity=4, load=3)
    )


def test_each_further_place_of_a_mentor_is_worth_less():
    volunteer = mentor(capacity=3)
    worths = [matching.fairness_points(volunteer, slot) for slot in range(3)]
    assert worths == sorted(worths, reverse=True) and worths[0] > worths[-1]


def test_two_people_matched_always_beat_one_matched_better():
    best = matching.MATCH_POINTS + matching.FOCUS_POINTS + matching.ZONE_POINTS
    best += matching.FAIRNESS_POINTS
    worst = matching.MATCH_POINTS
    assert 2 * worst > best


def test_the_batch_matches_two_people_rather_than_one_better():
    # Mentor 1 fits request 1 perfectly; request 2 can only have mentor 1; mentor 2 fits
    # request 1 badly. Both matched (1 with mentor 2, 2 with mentor 1) is worth more.
    mentors = [
        mentor(id=1, account=101, focus_areas=frozenset({1, 2}), utc_offset=0,
               languages=frozenset({"en", "es"})),
        mentor(id=2, account=102, utc_offset=720),
    ]  # fmt: skip
    requests = [
        request(id=1, account=1, focus_areas=frozenset({1, 2}), utc_offset=0),
        request(id=2, account=2, languages=frozenset({"es"}), utc_offset=720),
    ]

    matches = matching.assign_batch(requests, mentors)

    assert {(m.request, m.mentor) for m in matches} == {(1, 2), (2, 1)}


def test_propose_gives_the_k_best_allowed_mentors_best_first():
    candidate = request(focus_areas=frozenset({1, 2}))
    mentors = [
        mentor(id=1, account=101, focus_areas=frozenset({1})),
        mentor(id=2, account=102, focus_areas=frozenset({1, 2})),
        mentor(id=3, account=103, languages=frozenset({"es"}), focus_areas=frozenset({1, 2})),
        mentor(id=4, account=104),
    ]

    proposals = matching.propose(candidate, mentors, 2)

    assert [match.mentor for match in proposals] == [2, 1]
    assert proposals[0].score > proposals[1].score


def test_propose_breaks_ties_by_mentor_id_whatever_the_order():
    mentors = [mentor(id=id, account=100 + id) for id in (5, 3, 9)]
    assert [m.mentor for m in matching.propose(request(), mentors, 3)] == [3, 5, 9]
    assert [m.mentor for m in matching.propose(request(), mentors[::-1], 3)] == [3, 5, 9]


def test_propose_with_k_zero_proposes_nobody():
    assert matching.propose(request(), [mentor()], 0) == []


def test_the_batch_respects_capacities():
    mentors = [mentor(id=1, account=101, capacity=2), mentor(id=2, account=102, capacity=1)]
    requests = [request(id=id, account=id) for id in range(1, 6)]

    matches = matching.assign_batch(requests, mentors)

    assert len(matches) == 3
    assert sorted(match.mentor for match in matches) == [1, 1, 2]


def test_the_batch_spreads_mentees_over_mentors_with_room():
    mentors = [mentor(id=1, account=101, capacity=3), mentor(id=2, account=102, capacity=3)]
    requests = [request(id=1, account=1), request(id=2, account=2)]

    matches = matching.assign_batch(requests, mentors)

    assert sorted(match.mentor for match in matches) == [1, 2]


def test_the_batch_beats_greedy_where_greedy_takes_the_contested_mentor():
    # Request 1 fits both mentors (mentor 1 a little better); request 2 fits mentor 1 only.
    # Greedy, in id order, gives mentor 1 to request 1 and leaves request 2 without anyone.
    mentors = [
        mentor(id=1, account=101, focus_areas=frozenset({1}), languages=frozenset({"en", "es"})),
        mentor(id=2, account=102),
    ]
    requests = [
        request(id=1, account=1, focus_areas=frozenset({1})),
        request(id=2, account=2, languages=frozenset({"es"})),
    ]

    batch = matching.assign_batch(requests, mentors)
    greedy = greedy_assignment(requests, mentors)

    assert {(m.request, m.mentor) for m in batch} == {(1, 2), (2, 1)}
    assert len(greedy) == 1
    assert matching.total_score(batch, requests, mentors) > matching.total_score(
        greedy, requests, mentors
    )


def test_the_batch_reports_each_match_with_its_score():
    candidate = request(focus_areas=frozenset({1}), utc_offset=0)
    volunteer = mentor(focus_areas=frozenset({1}), utc_offset=0, capacity=2)

    [match] = matching.assign_batch([candidate], [volunteer])

    assert match == Match(request=1, mentor=1, score=matching.score(candidate, volunteer))
    assert match.score == matching.score(candidate, volunteer)


def test_an_empty_pool_matches_nobody():
    assert matching.assign_batch([], [mentor()]) == []
    assert matching.assign_batch([request()], []) == []
    assert matching.assign_batch([request()], [mentor(load=1)]) == []


def test_the_score_matrix_agrees_with_the_one_by_one_functions():
    requests = [
        request(id=1, account=1, focus_areas=frozenset({1, 2}), utc_offset=0),
        request(id=2, account=2, languages=frozenset({"es"}), employers=frozenset({"x"})),
        request(id=3, account=101, excluded_mentors=frozenset({2})),
    ]
    mentors = [
        mentor(id=1, account=101, capacity=2, focus_areas=frozenset({2}), utc_offset=330),
        mentor(id=2, account=102, languages=frozenset({"en", "es"}), employers=frozenset({"x"})),
        mentor(id=3, account=103, capacity=3, load=1),
    ]
    pairs = Pairs(blocked=frozenset({pair(1, 103)}))

    assert_matrix_matches(requests, mentors, pairs)


def assert_matrix_matches(requests, mentors, pairs):
    worth = matching.score_matrix(requests, mentors, pairs)
    columns = [(m, slot) for m in mentors for slot in range(m.free)]
    for row, candidate in enumerate(requests):
        for column, (volunteer, slot) in enumerate(columns):
            expected = (
                matching.score(candidate, volunteer, slot)
                if matching.can_pair(candidate, volunteer, pairs)
                else 0
            )
            assert worth[row, column] == expected, (candidate, volunteer, slot)


def greedy_assignment(requests, mentors, pairs=matching.NO_PAIRS) -> list[Match]:
    """The baseline the batch must beat or equal: each request in id order takes the best
    mentor still free for it. Tests only."""
    load = {volunteer.id: volunteer.load for volunteer in mentors}
    matches = []
    for candidate in sorted(requests, key=lambda r: r.id):
        now = [
            Mentor(**{**volunteer.__dict__, "load": load[volunteer.id]}) for volunteer in mentors
        ]
        best = matching.propose(candidate, now, 1, pairs)
        if best:
            load[best[0].mentor] += 1
            matches.append(best[0])
    return matches
