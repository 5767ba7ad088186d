"""A persona has at most one pending join request, enforced by the database too (two
simultaneous submits cannot both wait in the hosts' queue)."""

import pytest
from django.db import IntegrityError, transaction

from groups.models import Group, JoinRequest
from tests.factories import GroupFactory, JoinRequestFactory

pytestmark = pytest.mark.django_db


def test_a_second_pending_request_for_the_same_persona_is_refused_by_the_database():
    request = JoinRequestFactory(group=GroupFactory(join_policy=Group.JoinPolicy.APPROVAL))
    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequest.objects.create(group=request.group, persona=request.persona)


def test_a_decided_request_does_not_stop_a_new_one():
    request = JoinRequestFactory(group=GroupFactory(join_policy=Group.JoinPolicy.APPROVAL))
    request.status = JoinRequest.Status.DECLINED
    request.save()
    JoinRequest.objects.create(group=request.group, persona=request.persona)
    assert JoinRequest.objects.filter(persona=request.persona).count() == 2
