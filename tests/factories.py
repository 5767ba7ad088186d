"""factory-boy factories shared by every app's tests."""

import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.utils import timezone

from community.models import Account, Block, Persona, Space
from community.pseudonyms import name_key
from community.rendering import render_markdown
from groups.models import Group, JoinRequest, Membership, Post, Reaction, Thread
from groups.services.counts import recount_thread
from groups.spaces import SPACE_KIND

DEMO_PASSWORD = "correct horse battery staple"


class AccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Account
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.test")
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Accounts are verified unless `verified=False`: allauth requires it to log in."""
        if create:
            obj.save()
            if extracted is not False:
                EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def totp_secret(obj, create, extracted, **kwargs):
        """Staff get a TOTP authenticator (STAFF_REQUIRE_MFA): `totp_secret=False` for none,
        `totp_secret="<base32>"` for a known one (to compute codes in a test)."""
        if create and obj.is_staff and extracted is not False:
            TOTP.activate(obj, extracted or generate_totp_secret())


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows now for the base32 `secret`."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    kind = SPACE_KIND


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    space = factory.SubFactory(SpaceFactory)
    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Quiet Heron {n}")
    name_key = factory.LazyAttribute(lambda o: name_key(o.name))


class GroupFactory(factory.django.DjangoModelFactory):
    """A listed, open group with its own Space."""

    class Meta:
        model = Group

    space = factory.SubFactory(SpaceFactory)
    name = factory.Sequence(lambda n: f"Support circle {n}")
    slug = factory.Sequence(lambda n: f"circle-{n}")
    description = "A quiet place to talk."
    guidelines = "Be kind. What is said here stays here."


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active member of `group` under a new persona of the group's space.

    Choose the persona with `persona__account=` and `persona__name=`; its name_key comes from
    `community.pseudonyms.name_key`, as the real services compute it.
    """

    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    persona = factory.SubFactory(PersonaFactory, space=factory.SelfAttribute("..group.space"))


class ThreadFactory(factory.django.DjangoModelFactory):
    """A thread with its first post `body`, started by `membership` (or by `author` in `group`;
    a new member of a new group by default)."""

    class Meta:
        model = Thread
        skip_postgeneration_save = True

    class Params:
        membership = None

    group = factory.Maybe(
        "membership", factory.SelfAttribute("membership.group"), factory.SubFactory(GroupFactory)
    )
    author = factory.Maybe(
        "membership",
        factory.SelfAttribute("membership.persona"),
        factory.LazyAttribute(lambda o: MembershipFactory(group=o.group).persona),
    )
    title = factory.Sequence(lambda n: f"Finding my feet {n}")
    last_activity = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def body(obj, create, extracted, **kwargs):
        """Every thread has a first post, as `create_thread` makes it."""
        if create:
            PostFactory(thread=obj, author=obj.author, body=extracted or "Hello all.")


class PostFactory(factory.django.DjangoModelFactory):
    """A reply in `thread` by `author` (a new member of the thread's group by default)."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    thread = factory.SubFactory(ThreadFactory)
    author = factory.LazyAttribute(lambda o: MembershipFactory(group=o.thread.group).persona)
    body = "Me too."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))

    @factory.post_generation
    def counted(obj, create, extracted, **kwargs):
        """The thread's stored counts follow, as every service that writes posts keeps them."""
        if create:
            recount_thread(Thread.objects.filter(pk=obj.thread_id))


class ReactionFactory(factory.django.DjangoModelFactory):
    """A reaction to `post` by `persona` (a new member of the post's group by default)."""

    class Meta:
        model = Reaction

    post = factory.SubFactory(PostFactory)
    persona = factory.LazyAttribute(lambda o: MembershipFactory(group=o.post.thread.group).persona)
    kind = Reaction.Kind.SUPPORT


class JoinRequestFactory(factory.django.DjangoModelFactory):
    """A pending request to join `group` from a new persona of its space."""

    class Meta:
        model = JoinRequest

    group = factory.SubFactory(GroupFactory)
    persona = factory.SubFactory(PersonaFactory, space=factory.SelfAttribute("..group.space"))


class BlockFactory(factory.django.DjangoModelFactory):
    """`blocker` blocks `persona` (in its space), as the block form does."""

    class Meta:
        model = Block

    blocker = factory.SubFactory(AccountFactory)
    persona = factory.SubFactory(PersonaFactory)
    blocked_account = factory.SelfAttribute("persona.account")
