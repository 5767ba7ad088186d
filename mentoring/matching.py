"""Matching mentees with mentors: pure functions over plain dataclasses.

Nothing here touches the database (`mentoring.pools` loads these dataclasses from it), so the
rules can be tested on their own and on thousands of random pools quickly.

Hard constraints (`refusal` names the first one a pair breaks; `can_pair` is its negation):

1. the mentor is approved, active (account active, profile not hidden by a moderator) and
   under capacity (`free` > 0: capacity less active mentorships and proposals waiting for
   their answer);
2. never the same account on both sides;
3. a shared language;
4. never a mentor the request excludes (one who declined it or let it expire, one already
   proposed for it, one who mentored this mentee before);
5. never two people who named the same employer (compared as keyed HMACs);
6. never a pair where either account blocked the other, in any space: the one account-wide
   effect of a block (DESIGN.md §2), invisible to both;
7. never a pair the retaliation guard forbids (an account sanctioned on the other's flag),
   provided by moderation through `community.pairs`.

Score of an allowed pair, an integer (so totals compare exactly):

    MATCH_POINTS                                   every allowed pair: more than the rest of
                                                   a score can add, so two people matched
                                                   always beat one matched better
  + FOCUS_POINTS * shared areas // areas asked     0 when the request names no area
  + ZONE_POINTS * (720 - distance) // 720          distance between UTC offsets in minutes,
                                                   around the clock (0 to 720); half of
                                                   ZONE_POINTS when either has no zone
  + FAIRNESS_POINTS * (free - slot) // capacity    the share of the mentor's capacity still
                                                   free: a mentor with room to spare scores
                                                   higher, which spreads mentees over mentors

`slot` is 0 for a single proposal; in a batch, a mentor with `free` places is expanded into
`free` columns, slot 0, 1, ..., each worth less than the one before, so the solver fills the
emptiest mentors first.

Ties are broken explicitly (mentor id, then request id), and the batch sorts its inputs by
id first, so equal inputs give equal answers whatever their order.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

MATCH_POINTS = 1200
FOCUS_POINTS = 600
ZONE_POINTS = 250
FAIRNESS_POINTS = 150
HALF_DAY_MINUTES = 720
DAY_MINUTES = 1440

# Why a pair may not be matched (`refusal`), in the order checked.
NOT_AVAILABLE = "mentor not available"
FULL = "mentor full"
SAME_ACCOUNT = "same account"
NO_LANGUAGE = "no shared language"
EXCLUDED = "mentor excluded for this request"
SAME_EMPLOYER = "same employer"
BLOCKED = "blocked"
GUARDED = "retaliation guard"


@dataclass(frozen=True)
class Mentor:
    id: int  # the MentorProfile's pk
    account: int
    languages: frozenset[str]
    focus_areas: frozenset[int] = frozenset()
    # Minutes east of UTC now, or None when unknown.
    utc_offset: int | None = None
    capacity: int = 1
    # Active mentorships plus proposals waiting for this mentor's answer.
    load: int = 0
    # Approved, account active, profile not hidden.
    available: bool = True
    employers: frozenset[str] = frozenset()

    @property
    def free(self) -> int:
        return max(self.capacity - self.load, 0)


@dataclass(frozen=True)
class Request:
    id: int  # the MentorshipRequest's pk
    account: int
    languages: frozenset[str]
    focus_areas: frozenset[int] = frozenset()
    utc_offset: int | None = None
    # Mentor ids never to propose for this request (declined, expired, already proposed,
    # mentored this mentee before).
    excluded_mentors: frozenset[int] = frozenset()
    employers: frozenset[str] = frozenset()


def pair(first: int, second: int) -> frozenset[int]:
    """An unordered pair of account ids, as `Pairs` holds them."""
    return frozenset((first, second))


@dataclass(frozen=True)
class Pairs:
    """Pairs of accounts never to match, each a frozenset of two account ids."""

    blocked: frozenset[frozenset[int]] = frozenset()
    guarded: frozenset[frozenset[int]] = frozenset()


NO_PAIRS = Pairs()


@dataclass(frozen=True, order=True)
class Match:
    request: int
    mentor: int
    score: int = field(compare=False)
    # Which of the mentor's free places it takes (0 for a single proposal).
    slot: int = field(default=0, compare=False)


def refusal(request: Request, mentor: Mentor, pairs: Pairs = NO_PAIRS) -> str | None:
    """Why `request` and `mentor` may not be matched (a hard constraint), or None."""
    if not mentor.available:
        return NOT_AVAILABLE
    if mentor.free <= 0:
        return FULL
    if mentor.account == request.account:
        return SAME_ACCOUNT
    if not request.languages & mentor.languages:
        return NO_LANGUAGE
    if mentor.id in request.excluded_mentors:
        return EXCLUDED
    if request.employers & mentor.employers:
        return SAME_EMPLOYER
    accounts = pair(request.account, mentor.account)
    if accounts in pairs.blocked:
        return BLOCKED
    if accounts in pairs.guarded:
        return GUARDED
    return None


def can_pair(request: Request, mentor: Mentor, pairs: Pairs = NO_PAIRS) -> bool:
    return refusal(request, mentor, pairs) is None


def zone_distance(first: int | None, second: int | None) -> int | None:
    """Minutes between two UTC offsets around the clock (0 to 720), or None if one is unknown."""
    if first is None or second is None:
        return None
    apart = abs(first - second) % DAY_MINUTES
    return min(apart, DAY_MINUTES - apart)


def focus_points(request: Request, mentor: Mentor) -> int:
    if not request.focus_areas:
        return 0
    shared = len(request.focus_areas & mentor.focus_areas)
    return FOCUS_POINTS * shared // len(request.focus_areas)


def zone_points(request: Request, mentor: Mentor) -> int:
    distance = zone_distance(request.utc_offset, mentor.utc_offset)
    if distance is None:
        return ZONE_POINTS // 2
    return ZONE_POINTS * (HALF_DAY_MINUTES - distance) // HALF_DAY_MINUTES


def fairness_points(mentor: Mentor, slot: int = 0) -> int:
    if mentor.capacity <= 0:
        return 0
    return FAIRNESS_POINTS * max(mentor.free - slot, 0) // mentor.capacity


def score(request: Request, mentor: Mentor, slot: int = 0) -> int:
    """The worth of matching `request` with `mentor`'s `slot`-th free place (module docstring).

    Only meaningful for an allowed pair; hard constraints are `refusal`'s business."""
    return (
        MATCH_POINTS
        + focus_points(request, mentor)
        + zone_points(request, mentor)
        + fairness_points(mentor, slot)
    )


def propose(
    request: Request, mentors: Iterable[Mentor], k: int, pairs: Pairs = NO_PAIRS
) -> list[Match]:
    """The `k` best allowed mentors for `request`, best first (ties: lower mentor id first)."""
    allowed = [
        Match(request=request.id, mentor=mentor.id, score=score(request, mentor))
        for mentor in mentors
        if can_pair(request, mentor, pairs)
    ]
    allowed.sort(key=lambda match: (-match.score, match.mentor))
    return allowed[: max(k, 0)]


def assign_batch(
    requests: Iterable[Request], mentors: Iterable[Mentor], pairs: Pairs = NO_PAIRS
) -> list[Match]:
    """One mentor for as many requests as possible, maximizing the total score at once.

    Each mentor is expanded into one column per free place (slot 0, 1, ...); a request gets
    at most one column, a column at most one request, so no mentor gets more than its free
    places. SciPy's `linear_sum_assignment` (a shortest augmenting path solver) finds the
    assignment of greatest total; cells of forbidden pairs are worth 0, and a request the
    solver could only put on one is left unmatched. The total is what is maximized, so the
    answer is at least as good as any other assignment (a greedy one included); MATCH_POINTS
    makes leaving someone unmatched to fit one other person better never worth it.

    Returns the matches sorted by request id, each with the score of the slot it took.
    """
    requests = sorted(requests, key=lambda request: request.id)
    mentors = sorted(mentors, key=lambda mentor: mentor.id)
    columns = [(mentor, slot) for mentor in mentors for slot in range(mentor.free)]
    if not requests or not columns:
        return []
    worth = score_matrix(requests, mentors, pairs)
    rows, chosen = linear_sum_assignment(worth, maximize=True)
    matches = [
        Match(
            request=requests[row].id,
            mentor=columns[column][0].id,
            score=int(worth[row, column]),
            slot=columns[column][1],
        )
        for row, column in zip(rows.tolist(), chosen.tolist(), strict=True)
        if worth[row, column] > 0
    ]
    return sorted(matches)


def score_matrix(
    requests: Sequence[Request], mentors: Sequence[Mentor], pairs: Pairs = NO_PAIRS
) -> np.ndarray:
    """`score` for every request (rows) and every free place of every mentor (columns, in
    mentor order, slot 0 first), 0 where `refusal` forbids the pair: the same numbers `score`
    and `can_pair` give one by one, vectorized with NumPy in integer arithmetic.

    Returned as float64, the type the solver works in, so that it takes the matrix without a
    copy (the largest array here); every value is a small integer, exact in a float."""
    allowed = _allowed(requests, mentors, pairs)
    base = MATCH_POINTS + _focus_matrix(requests, mentors) + _zone_matrix(requests, mentors)
    base[~allowed] = 0
    slots = [(index, slot) for index, mentor in enumerate(mentors) for slot in range(mentor.free)]
    mentor_of_column = np.array([index for index, _slot in slots], dtype=np.int64)
    fairness = np.array(
        [fairness_points(mentors[index], slot) for index, slot in slots], dtype=np.float64
    )
    worth = base[:, mentor_of_column].astype(np.float64)
    del base
    np.add(worth, fairness[np.newaxis, :], out=worth, where=worth > 0)
    return worth


def _membership(items: Sequence[frozenset], vocabulary: dict) -> np.ndarray:
    """A 0/1 matrix: row i has a 1 in the column of each element of items[i]."""
    matrix = np.zeros((len(items), max(len(vocabulary), 1)), dtype=np.int64)
    for row, elements in enumerate(items):
        for element in elements:
            if element in vocabulary:
                matrix[row, vocabulary[element]] = 1
    return matrix


def _overlap(first: Sequence[frozenset], second: Sequence[frozenset]) -> np.ndarray:
    """How many elements first[i] and second[j] share, for every i and j."""
    vocabulary = {element: index for index, element in enumerate(sorted(set().union(*second)))}
    return _membership(first, vocabulary) @ _membership(second, vocabulary).T


def _sharing(first: Sequence[frozenset], second: Sequence[frozenset]) -> np.ndarray:
    """Whether first[i] and second[j] share an element, through an index of `second`: for
    sets drawn from a large vocabulary (employers), where a 0/1 matrix would not fit."""
    columns_of: dict = {}
    for column, elements in enumerate(second):
        for element in elements:
            columns_of.setdefault(element, []).append(column)
    sharing = np.zeros((len(first), len(second)), dtype=bool)
    for row, elements in enumerate(first):
        for element in elements:
            sharing[row, columns_of.get(element, [])] = True
    return sharing


def _allowed(requests, mentors, pairs: Pairs) -> np.ndarray:
    """`can_pair` for every request and mentor."""
    languages = _overlap([r.languages for r in requests], [m.languages for m in mentors]) > 0
    employers = _sharing([r.employers for r in requests], [m.employers for m in mentors])
    request_accounts = np.array([request.account for request in requests], dtype=np.int64)
    mentor_accounts = np.array([mentor.account for mentor in mentors], dtype=np.int64)
    open_mentors = np.array([mentor.available and mentor.free > 0 for mentor in mentors])
    allowed = (
        languages
        & ~employers
        & (request_accounts[:, np.newaxis] != mentor_accounts[np.newaxis, :])
        & open_mentors[np.newaxis, :]
    )
    column_of = {mentor.id: index for index, mentor in enumerate(mentors)}
    for row, request in enumerate(requests):
        for mentor_id in request.excluded_mentors:
            if mentor_id in column_of:
                allowed[row, column_of[mentor_id]] = False
    _forbid_pairs(allowed, request_accounts, mentor_accounts, pairs.blocked | pairs.guarded)
    return allowed


def _forbid_pairs(allowed, request_accounts, mentor_accounts, forbidden) -> None:
    """Clear the cells of every request and mentor whose accounts form a forbidden pair."""
    if not forbidden:
        return
    rows_of: dict[int, list[int]] = {}
    for row, account in enumerate(request_accounts.tolist()):
        rows_of.setdefault(account, []).append(row)
    columns_of: dict[int, list[int]] = {}
    for column, account in enumerate(mentor_accounts.tolist()):
        columns_of.setdefault(account, []).append(column)
    for accounts in forbidden:
        if len(accounts) != 2:
            continue
        first, second = tuple(accounts)
        for request_account, mentor_account in ((first, second), (second, first)):
            for row in rows_of.get(request_account, ()):
                for column in columns_of.get(mentor_account, ()):
                    allowed[row, column] = False


def _focus_matrix(requests, mentors) -> np.ndarray:
    shared = _overlap([r.focus_areas for r in requests], [m.focus_areas for m in mentors])
    asked = np.array([len(request.focus_areas) for request in requests], dtype=np.int64)
    points = FOCUS_POINTS * shared // np.maximum(asked, 1)[:, np.newaxis]
    return np.where(asked[:, np.newaxis] > 0, points, 0)


def _zone_matrix(requests, mentors) -> np.ndarray:
    request_known = np.array([r.utc_offset is not None for r in requests])
    mentor_known = np.array([m.utc_offset is not None for m in mentors])
    request_offsets = np.array([r.utc_offset or 0 for r in requests], dtype=np.int64)
    mentor_offsets = np.array([m.utc_offset or 0 for m in mentors], dtype=np.int64)
    apart = np.abs(request_offsets[:, np.newaxis] - mentor_offsets[np.newaxis, :]) % DAY_MINUTES
    distance = np.minimum(apart, DAY_MINUTES - apart)
    points = ZONE_POINTS * (HALF_DAY_MINUTES - distance) // HALF_DAY_MINUTES
    known = request_known[:, np.newaxis] & mentor_known[np.newaxis, :]
    return np.where(known, points, ZONE_POINTS // 2)


def total_score(matches: Iterable[Match], requests, mentors) -> int:
    """The worth of a set of matches: each pair's score, with each mentor's places counted in
    order (slot 0 for its first mentee, 1 for its second...), whatever slots were reported."""
    requests_by_id = {request.id: request for request in requests}
    mentors_by_id = {mentor.id: mentor for mentor in mentors}
    taken: dict[int, int] = {}
    total = 0
    for match in sorted(matches):
        mentor = mentors_by_id[match.mentor]
        slot = taken.get(mentor.id, 0)
        taken[mentor.id] = slot + 1
        total += score(requests_by_id[match.request], mentor, slot)
    return total
