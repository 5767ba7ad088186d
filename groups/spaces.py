"""Groups' kind of space, registered with community.spaces from GroupsConfig.ready()."""

from django.urls import reverse

from community.models import Space
from community.spaces import register_space_hosts, register_space_kind
from groups.models import Group, Membership

SPACE_KIND = "group"


def group_names_of(spaces: list[Space]) -> dict[int, str]:
    """{space pk: group name} for the groups behind `spaces`, in one query."""
    return dict(Group.objects.filter(space__in=spaces).values_list("space_id", "name"))


def group_url_of(space: Space) -> str:
    return reverse("groups:group", args=[space.group.slug])


def is_group_host(account, space: Space) -> bool:
    """Whether `account` is an active host of the group behind `space`: one query."""
    return Membership.objects.filter(
        group__space=space,
        persona__account=account,
        role=Membership.Role.HOST,
        status=Membership.Status.ACTIVE,
    ).exists()


def spaces_hosted_by(account):
    """The spaces of the groups `account` hosts now, as a subquery."""
    return Membership.objects.filter(
        persona__account=account, role=Membership.Role.HOST, status=Membership.Status.ACTIVE
    ).values("group__space_id")


def register() -> None:
    register_space_kind(
        SPACE_KIND, label="Affinity group", names_of=group_names_of, url_of=group_url_of
    )
    register_space_hosts(SPACE_KIND, is_group_host, spaces_hosted_by)
