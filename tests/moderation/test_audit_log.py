"""The audit log is append-only; moderators read their scope; staff export it as CSV."""

import csv
import io

import pytest
from django.urls import reverse

from moderation.models import AppendOnly, AuditEntry
from tests.factories import AccountFactory, PersonaFactory
from tests.moderation.conftest import act
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(moderator, item):
    act(moderator, item, "warn")
    return AuditEntry.objects.get()


def test_every_action_writes_one_entry(moderator, item, post, flagger, second_flagger):
    act(moderator, item, "hide")
    act(moderator, item, "warn")
    assert list(AuditEntry.objects.values_list("event", flat=True)) == [
        "action.warn",
        "action.hide",
    ]


def test_an_entry_cannot_be_changed_by_save(entry):
    entry.detail = "Nothing happened."
    with pytest.raises(AppendOnly):
        entry.save()
    assert AuditEntry.objects.get().detail != "Nothing happened."


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(AppendOnly):
        entry.delete()
    assert AuditEntry.objects.count() == 1


def test_the_queryset_refuses_update_and_delete(entry):
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().update(detail="x")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.bulk_update([entry], ["detail"])
    assert AuditEntry.objects.get().detail == entry.detail


def test_the_log_names_personas_and_roles_never_accounts(client, moderator, entry, author):
    client.force_login(moderator)
    page = page_text(client.get(reverse("moderation:audit")))
    assert "Sharp Hawk" in page and "a site moderator" in page
    assert "author@example.test" not in page and "moderator@example.test" not in page


def test_hosts_read_their_groups_entries_only(client, host, entry):
    other = AccountFactory()
    AuditEntry.objects.create(
        event="action.warn",
        actor=other,
        actor_role="site moderator",
        space=PersonaFactory().space,
        persona_name="Far Away Heron",
    )
    client.force_login(host.persona.account)
    page = page_text(client.get(reverse("moderation:audit")))
    assert "Sharp Hawk" in page and "Far Away Heron" not in page


def test_staff_export_the_log_as_csv_with_formulas_defused(client, entry, author):
    author.persona.name = "=HYPERLINK(1)"
    AuditEntry.objects.create(
        event="action.warn", actor_role="host", persona_name="=HYPERLINK(1)", detail="Warn"
    )
    staff = AccountFactory(is_staff=True)
    client.force_login(staff)
    response = client.get(reverse("moderation:audit_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["time", "event", "actor role"]
    assert len(rows) == 3
    assert rows[1][4] == "'=HYPERLINK(1)"
    assert all("@" not in cell for row in rows for cell in row)


def test_moderators_who_are_not_staff_cannot_export(client, moderator, entry):
    client.force_login(moderator)
    assert client.get(reverse("moderation:audit_export")).status_code == 404
