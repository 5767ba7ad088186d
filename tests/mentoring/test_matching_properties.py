"""Property tests of the matcher over random pools (Hypothesis): whatever the pool, no hard
constraint is ever broken, capacities hold, the batch is at least as good as greedy (and as
good as the best assignment, on pools small enough to try them all), and equal inputs give
equal answers. No database."""

import itertools
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring import matching
from mentoring.matching import Mentor, Pairs, Request
from tests.mentoring.test_matching import assert_matrix_matches, greedy_assignment

LANGUAGES = ["en", "es", "fr", "de"]
EMPLOYERS = ["acme", "initech", "globex"]
# Requests' and mentors' accounts overlap (5-7), so a member may be on both sides.
REQUEST_ACCOUNTS = st.integers(1, 7)
MENTOR_ACCOUNTS = st.integers(5, 14)
OFFSETS = st.one_of(st.none(), st.integers(-12 * 60, 14 * 60))
PROPERTY_SETTINGS = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def subsets(elements, max_size=None):
    return st.frozensets(st.sampled_from(elements), max_size=max_size or len(elements))


@st.composite
def pools(draw, max_requests=12, max_mentors=8):
    mentor_count = draw(st.integers(0, max_mentors))
    mentors = [
        Mentor(
            id=index + 1,
            account=draw(MENTOR_ACCOUNTS),
            languages=draw(subsets(LANGUAGES, 2)),
            focus_areas=draw(subsets(range(6))),
            utc_offset=draw(OFFSETS),
            capacity=draw(st.integers(0, 4)),
            load=draw(st.integers(0, 3)),
            available=draw(st.booleans()),
            employers=draw(subsets(EMPLOYERS, 1)),
        )
        for index in range(mentor_count)
    ]
    mentor_ids = [volunteer.id for volunteer in mentors] or [1]
    requests = [
        Request(
            id=index + 1,
            account=draw(REQUEST_ACCOUNTS),
            languages=draw(subsets(LANGUAGES, 2)),
            focus_areas=draw(subsets(range(6))),
            utc_offset=draw(OFFSETS),
            excluded_mentors=draw(subsets(mentor_ids, 2)),
            employers=draw(subsets(EMPLOYERS, 1)),
        )
        for index in range(draw(st.integers(0, max_requests)))
    ]
    account_pairs = st.frozensets(
        st.tuples(REQUEST_ACCOUNTS, MENTOR_ACCOUNTS).map(lambda two: matching.pair(*two)),
        max_size=6,
    )
    pairs = Pairs(blocked=draw(account_pairs), guarded=draw(account_pairs))
    return requests, mentors, pairs


def assert_valid(matches, requests, mentors, pairs):
    requests_by_id = {candidate.id: candidate for candidate in requests}
    mentors_by_id = {volunteer.id: volunteer for volunteer in mentors}
    matched = [match.request for match in matches]
    assert len(matched) == len(set(matched)), "a request matched twice"
    for volunteer in mentors:
        taken = sum(1 for match in matches if match.mentor == volunteer.id)
        assert taken <= volunteer.free, f"mentor {volunteer.id} over capacity"
    for match in matches:
        candidate, volunteer = requests_by_id[match.request], mentors_by_id[match.mentor]
        # Each hard constraint, spelled out rather than trusted to `refusal`.
        assert volunteer.available and volunteer.free > 0
        assert candidate.account != volunteer.account
        assert candidate.languages & volunteer.languages
        assert volunteer.id not in candidate.excluded_mentors
        assert not candidate.employers & volunteer.employers
        together = matching.pair(candidate.account, volunteer.account)
        assert together not in pairs.blocked
        assert together not in pairs.guarded


@PROPERTY_SETTINGS
@given(pools())
def test_the_batch_never_breaks_a_constraint_nor_a_capacity(pool):
    requests, mentors, pairs = pool
    assert_valid(matching.assign_batch(requests, mentors, pairs), requests, mentors, pairs)


@PROPERTY_SETTINGS
@given(pools())
def test_the_batch_is_at_least_as_good_as_greedy(pool):
    requests, mentors, pairs = pool
    batch = matching.assign_batch(requests, mentors, pairs)
    greedy = greedy_assignment(requests, mentors, pairs)

    assert_valid(greedy, requests, mentors, pairs)
    assert matching.total_score(batch, requests, mentors) >= matching.total_score(
        greedy, requests, mentors
    )


@PROPERTY_SETTINGS
@given(pools(), st.randoms(use_true_random=False))
def test_the_batch_is_deterministic_whatever_the_order_of_its_inputs(pool, shuffler):
    requests, mentors, pairs = pool
    first = matching.assign_batch(requests, mentors, pairs)
    shuffled_requests, shuffled_mentors = list(requests), list(mentors)
    shuffler.shuffle(shuffled_requests)
    shuffler.shuffle(shuffled_mentors)

    assert matching.assign_batch(requests, mentors, pairs) == first
    again = matching.assign_batch(shuffled_requests, shuffled_mentors, pairs)
    assert [(m.request, m.mentor, m.score, m.slot) for m in again] == [
        (m.request, m.mentor, m.score, m.slot) for m in first
    ]


@PROPERTY_SETTINGS
@given(pools())
def test_the_scores_the_batch_reports_add_up_to_its_total(pool):
    requests, mentors, pairs = pool
    batch = matching.assign_batch(requests, mentors, pairs)
    assert sum(match.score for match in batch) == matching.total_score(batch, requests, mentors)


@settings(max_examples=100, deadline=None)
@given(pools(max_requests=4, max_mentors=3))
def test_the_batch_is_the_best_assignment_on_pools_small_enough_to_try_all(pool):
    requests, mentors, pairs = pool
    batch = matching.assign_batch(requests, mentors, pairs)
    assert matching.total_score(batch, requests, mentors) == best_total(requests, mentors, pairs)


def best_total(requests, mentors, pairs) -> int:
    """Every way of giving each request a mentor or nobody, within capacities: the best total."""
    options = [
        [None] + [v for v in mentors if matching.can_pair(candidate, v, pairs)]
        for candidate in requests
    ]
    best = 0
    for choice in itertools.product(*options):
        taken = [volunteer.id for volunteer in choice if volunteer is not None]
        if any(taken.count(volunteer.id) > volunteer.free for volunteer in mentors):
            continue
        matches = [
            matching.Match(request=candidate.id, mentor=volunteer.id, score=0)
            for candidate, volunteer in zip(requests, choice, strict=True)
            if volunteer is not None
        ]
        best = max(best, matching.total_score(matches, requests, mentors))
    return best


@PROPERTY_SETTINGS
@given(pools(), st.integers(0, 4))
def test_proposals_are_the_k_best_allowed_mentors_in_order(pool, k):
    requests, mentors, pairs = pool
    for candidate in requests:
        proposals = matching.propose(candidate, mentors, k, pairs)
        assert len(proposals) <= k
        for proposal in proposals:
            volunteer = next(v for v in mentors if v.id == proposal.mentor)
            assert_valid([proposal], [candidate], [volunteer], pairs)
        keys = [(-proposal.score, proposal.mentor) for proposal in proposals]
        assert keys == sorted(keys)
        allowed = [v for v in mentors if matching.can_pair(candidate, v, pairs)]
        assert len(proposals) == min(k, len(allowed))
        if proposals:
            left_out = [v for v in allowed if v.id not in {p.mentor for p in proposals}]
            last = keys[-1]
            assert all((-matching.score(candidate, v), v.id) > last for v in left_out)


@PROPERTY_SETTINGS
@given(pools())
def test_the_vectorized_scores_agree_with_the_one_by_one_functions(pool):
    requests, mentors, pairs = pool
    if requests and any(volunteer.free for volunteer in mentors):
        assert_matrix_matches(requests, mentors, pairs)


def test_a_large_random_pool_respects_every_constraint():
    rng = random.Random(12)
    mentors = [
        Mentor(
            id=index,
            account=1000 + index,
            languages=frozenset(rng.sample(LANGUAGES, 2)),
            focus_areas=frozenset(rng.sample(range(12), 3)),
            utc_offset=rng.randrange(-12, 14) * 60,
            capacity=rng.randint(1, 4),
            load=rng.randint(0, 2),
            employers=frozenset(rng.sample(EMPLOYERS, 1)),
        )
        for index in range(60)
    ]
    requests = [
        Request(
            id=index,
            account=index,
            languages=frozenset(rng.sample(LANGUAGES, 1)),
            focus_areas=frozenset(rng.sample(range(12), 2)),
            utc_offset=rng.randrange(-12, 14) * 60,
            employers=frozenset(rng.sample(EMPLOYERS, 1)),
        )
        for index in range(200)
    ]
    pairs = Pairs(
        blocked=frozenset(
            matching.pair(rng.randrange(200), 1000 + rng.randrange(60)) for _ in range(300)
        )
    )

    batch = matching.assign_batch(requests, mentors, pairs)

    assert_valid(batch, requests, mentors, pairs)
    assert matching.total_score(batch, requests, mentors) >= matching.total_score(
        greedy_assignment(requests, mentors, pairs), requests, mentors
    )
