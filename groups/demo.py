"""Demo groups for `manage.py seed_demo`: believable, kind, non-graphic conversations.

`seed(accounts)` is registered with `community.demo`. It is idempotent: groups are found by
slug, personas by (account, space), threads by (group, title); a rerun adds nothing twice.
A few extra "peer" accounts (no usable password; nobody logs in as them) write the other
voices. Every account gets a different name in every group, as members would.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from community import demo
from community.models import Account, Notification, Persona
from community.rendering import render_markdown
from community.services.notifications import notify
from community.services.personas import create_persona
from community.text import isolate
from groups import notification_kinds
from groups.mentions import link_mentions
from groups.models import (
    Group,
    JoinRequest,
    Membership,
    Mention,
    Post,
    PostRevision,
    Reaction,
    Thread,
    ThreadRead,
    ThreadSubscription,
)
from groups.services.counts import recount_thread
from groups.services.management import create_group

PEER_DOMAIN = "peers.demo.lantern.test"


@dataclass
class DemoThread:
    author: str
    title: str
    body: str
    days_ago: int
    replies: list[tuple[str, str]] = field(default_factory=list)
    content_warning: str = ""
    pinned: bool = False
    # Post number (0: the opening post) -> the text it had before its author edited it.
    earlier: dict[int, str] = field(default_factory=dict)


@dataclass
class DemoGroup:
    name: str
    slug: str
    description: str
    guidelines: str
    visibility: str = Group.Visibility.LISTED
    join_policy: str = Group.JoinPolicy.OPEN
    join_question: str = ""
    # account key -> persona name in this group; the first listed "advocate" is host.
    members: dict[str, str] = field(default_factory=dict)
    hosts: tuple[str, ...] = ("advocate",)
    pending: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (name, answer)
    threads: list[DemoThread] = field(default_factory=list)
    # (account key, thread title): threads that member follows without having posted in them.
    follows: list[tuple[str, str]] = field(default_factory=list)


GUIDELINES = (
    "Be kind, and believe each other.\n\n"
    "Don't name people or companies: describe what happened, not who.\n\n"
    "What is shared here stays here. No screenshots.\n\n"
    'Advice only when asked; "me too" is always welcome.'
)

WELCOME = (
    "Welcome. This is a small, quiet place. Introduce yourself if you like, or just read for "
    "a while; both are fine.\n\nIf a post is hard to read, use a **content warning** so "
    "others can choose when to open it. The hosts are here to help: flag anything that "
    "feels wrong and we will look at it."
)

DEMO_GROUPS = [
    DemoGroup(
        name="Women in engineering",
        slug="women-in-engineering",
        description="For women and non-binary engineers dealing with harassment or being "
        "talked over at work.",
        guidelines=GUIDELINES,
        members={
            "advocate": "Willow Harbor",
            "member": "Steady Otter 12",
            "peer1": "Quiet Heron 41",
            "peer2": "Amber Finch 7",
            "peer3": "North Maple 23",
        },
        threads=[
            DemoThread("advocate", "Welcome: start here", WELCOME, days_ago=40, pinned=True),
            DemoThread(
                "peer1",
                "Being talked over in design reviews",
                "In every design review, when I propose something it gets ignored, and ten "
                'minutes later a colleague says the same thing and it is "a great idea".\n\n'
                "How do you handle this without sounding bitter?",
                days_ago=3,
                replies=[
                    (
                        "peer2",
                        "Oh, this one is familiar. What helped me: I write my proposal in the "
                        "review doc *before* the meeting, with my name on it. Then it's on "
                        "record.",
                    ),
                    (
                        "member",
                        "Same here. A teammate and I agreed to back each other up: \"That's "
                        "what Quiet said earlier, let's hear the rest of it.\" It helps more "
                        "than I expected.",
                    ),
                    (
                        "peer1",
                        "Thank you both, @Amber Finch 7 and @Steady Otter 12. I'm going to try "
                        "the doc trick this week.",
                    ),
                ],
            ),
            DemoThread(
                "peer3",
                "Small wins thread",
                "Let's collect good things, however small. Mine: I said no to an unfair "
                "on-call swap and nothing bad happened.",
                days_ago=1,
                replies=[
                    ("member", "I finally asked for the promotion criteria in writing. Got them!"),
                    ("peer2", "Took a real lunch break every day this week."),
                ],
            ),
        ],
        follows=[("member", "Welcome: start here")],
    ),
    DemoGroup(
        name="Retaliation after reporting",
        slug="retaliation-after-reporting",
        description="You spoke up, and then things changed. Talk with people who have been "
        "through it.",
        guidelines=GUIDELINES
        + "\n\nNothing here is legal advice; the support page lists people who can give it.",
        join_policy=Group.JoinPolicy.APPROVAL,
        join_question="What would you like from this group? (Only the hosts read this.)",
        members={
            "advocate": "Cedar Light",
            "member": "Calm Lynx 3",
            "peer2": "Gentle Rook 58",
            "peer4": "Blue Kestrel 16",
        },
        follows=[("advocate", 'Suddenly "not a culture fit" after my report')],
        pending={
            "peer5": (
                "Hopeful Wren 7",
                "I reported my manager last month and since then I'm "
                "left out of meetings. I'd like to hear how others coped.",
            ),
        },
        threads=[
            DemoThread("advocate", "Welcome: start here", WELCOME, days_ago=60, pinned=True),
            DemoThread(
                "peer4",
                'Suddenly "not a culture fit" after my report',
                "Six weeks after I reported, my performance review said I'm \"not a "
                'culture fit". The feedback before was all positive.\n\nI kept my old '
                "reviews. Is that worth anything?",
                days_ago=5,
                content_warning="retaliation at work, performance review",
                replies=[
                    (
                        "peer2",
                        "Yes: keeping the earlier reviews matters. Write down dates too: when "
                        "you reported, when the tone changed. A timeline helps anyone who "
                        "later looks at it.",
                    ),
                    (
                        "member",
                        "I'm sorry. It happened to me too, and the timeline is what made HR "
                        "take it seriously in the end. You're not imagining it.",
                    ),
                ],
            ),
            DemoThread(
                "member",
                "How do you get through the workday?",
                "Some days I just need to get to 5pm. What do you do when the office feels "
                "hostile?",
                days_ago=2,
                replies=[
                    ("peer4", "Headphones and a walk at lunch. Every single day."),
                    (
                        "advocate",
                        "Small routines really help, @Calm Lynx 3. And it's fine to take a "
                        "sick day when it's too much; that is what they are for.",
                    ),
                ],
            ),
        ],
    ),
    DemoGroup(
        name="LGBTQ+ in tech",
        slug="lgbtq-in-tech",
        description="A space for LGBTQ+ people in tech facing harassment, outing or "
        "exclusion at work.",
        guidelines=GUIDELINES,
        members={
            "advocate": "Juniper Coast",
            "peer1": "Violet Comet 88",
            "peer3": "Silver Moth 33",
            "peer5": "Rainy Ferret 64",
        },
        threads=[
            DemoThread("advocate", "Welcome: start here", WELCOME, days_ago=30, pinned=True),
            DemoThread(
                "peer3",
                "Coming out (or not) at a new job",
                "Starting a new job next month. Last time, being out went badly. How do you "
                "decide what to share, and when?",
                days_ago=4,
                replies=[
                    (
                        "peer1",
                        "I wait until I know who my allies are. There's no deadline, and it's "
                        "nobody's business until you want it to be.",
                    ),
                    ("peer5", "Congratulations on the new job, by the way!"),
                ],
            ),
        ],
    ),
    DemoGroup(
        name="Founders and contractors",
        slug="founders-and-contractors",
        description="For freelancers, contractors and founders: harassment where there is no "
        "HR department to turn to.",
        guidelines=GUIDELINES,
        members={
            "advocate": "Harbor Pine",
            "member": "Bright Badger 9",
            "peer2": "Copper Wren 44",
            "peer4": "Misty Otter 71",
        },
        threads=[
            DemoThread(
                "peer2",
                "A client who won't take no for an answer",
                "A client keeps messaging me late at night about things that aren't work. "
                "I need the contract. How do I set a boundary without losing it?",
                days_ago=6,
                replies=[
                    (
                        "peer4",
                        'I added "working hours and channels" to my contract template after '
                        "something similar. For now: reply only in working hours, only about "
                        "the work. Keep every message.",
                    ),
                    (
                        "member",
                        "Misty Otter 71 wrote:\n\n> Keep every message.\n\n"
                        "Seconding keeping everything. And your safety matters more than the "
                        "contract, even if it doesn't feel that way right now.",
                    ),
                ],
                # The demo member edited a detail out of their reply (its history shows it).
                earlier={
                    2: "Seconding keeping everything. Mine was a client in the same city, "
                    "so I know how it feels. Your safety matters more than the contract."
                },
            ),
        ],
    ),
    DemoGroup(
        name="Coming back after leave",
        slug="coming-back-after-leave",
        description="Unlisted: returning to work after leave taken because of harassment.",
        guidelines=GUIDELINES,
        visibility=Group.Visibility.UNLISTED,
        join_policy=Group.JoinPolicy.INVITE,
        members={"advocate": "Linden Shore", "peer1": "Soft Sparrow 19"},
        threads=[
            DemoThread(
                "peer1",
                "First week back",
                "First week back after three months. Everyone is polite, which is somehow "
                "harder. Just needed to say it somewhere.",
                days_ago=8,
                replies=[
                    (
                        "advocate",
                        "Thank you for saying it here. Polite and strange is a "
                        "very common first week. How are you sleeping?",
                    )
                ],
            ),
        ],
    ),
]


def _peer(key: str) -> Account:
    account, created = Account.objects.get_or_create(email=f"{key}@{PEER_DOMAIN}")
    if created:
        account.set_unusable_password()  # a voice in the demo, not a login
        account.save(update_fields=["password"])
    return account


def _account(accounts: dict[str, Account], key: str) -> Account:
    return accounts[key] if key in accounts else _peer(key)


def _persona(account: Account, group: Group, name: str, *, reserve_name: bool = True) -> Persona:
    existing = Persona.objects.filter(account=account, space=group.space).first()
    return existing or create_persona(
        account=account, space=group.space, name=name, reserve_name=reserve_name
    )


def _group(spec: DemoGroup, staff: Account) -> Group:
    group = Group.objects.filter(slug=spec.slug).first()
    if group is not None:
        return group
    return create_group(
        staff=staff,
        name=spec.name,
        slug=spec.slug,
        description=spec.description,
        guidelines=spec.guidelines,
        join_question=spec.join_question,
        visibility=spec.visibility,
        join_policy=spec.join_policy,
    )


def _thread(group: Group, personas: dict[str, Persona], spec: DemoThread) -> None:
    if Thread.objects.filter(group=group, title=spec.title).exists():
        return
    started = timezone.now() - timedelta(days=spec.days_ago, hours=3)
    thread = Thread.objects.create(
        group=group,
        author=personas[spec.author],
        title=spec.title,
        content_warning=spec.content_warning,
        is_pinned=spec.pinned,
        last_activity=started,
    )
    writings = [(spec.author, spec.body, spec.content_warning), *[(*r, "") for r in spec.replies]]
    when = started
    for number, (author, body, warning) in enumerate(writings):
        when = started + timedelta(hours=5 * number)
        body_html, mentioned = link_mentions(render_markdown(body), group)
        post = Post.objects.create(
            thread=thread,
            author=personas[author],
            body=body,
            body_html=body_html,
            content_warning=warning,
        )
        Post.objects.filter(pk=post.pk).update(created=when)
        post.created = when
        if number in spec.earlier:
            earlier = spec.earlier[number]
            PostRevision.objects.create(
                post=post, body=earlier, body_html=render_markdown(earlier), written=when
            )
            Post.objects.filter(pk=post.pk).update(edited_at=when + timedelta(minutes=20))
        _react(post, [persona for key, persona in personas.items() if key != author], number)
        _mention(post, mentioned, when)
    Thread.objects.filter(pk=thread.pk).update(created=started, last_activity=when)
    if group.last_activity is None or group.last_activity < when:
        Group.objects.filter(pk=group.pk).update(last_activity=when)
        group.last_activity = when


def _mention(post: Post, mentioned: list[Persona], when) -> None:
    """What an "@Name" in a demo post does: the named members find it in their notifications
    (as `create_post` would tell them), dated when the post was written."""
    author = post.author
    for persona in mentioned:
        Mention.objects.get_or_create(post=post, persona=persona)
        if persona.pk == author.pk:
            continue
        notice = notify(
            account=persona.account,
            kind=notification_kinds.MENTION,
            text=f"{isolate(author.name)} mentioned you in “{isolate(post.thread.title)}” "
            f"({isolate(post.thread.group.name)}).",
            url=post.get_absolute_url(),
            actor_persona=author,
            subject=post,
        )
        Notification.objects.filter(pk=notice.pk).update(created=when)


def _react(post: Post, others: list[Persona], number: int) -> None:
    """A few kind reactions from other members, varied but the same on every run."""
    kinds = list(Reaction.Kind)
    Reaction.objects.bulk_create(
        Reaction(post=post, persona=persona, kind=kinds[(number + index) % len(kinds)])
        for index, persona in enumerate(others[: 1 + (number * 2) % len(others or [None])])
    )


def _seed_group(spec: DemoGroup, accounts: dict[str, Account], staff: Account) -> Group:
    group = _group(spec, staff)
    personas = {}
    for key, name in spec.members.items():
        personas[key] = _persona(_account(accounts, key), group, name)
        role = Membership.Role.HOST if key in spec.hosts else Membership.Role.MEMBER
        Membership.objects.get_or_create(
            persona=personas[key], defaults={"group": group, "role": role}
        )
    for key, (name, answer) in spec.pending.items():
        # Applicants' names are not reserved until a host lets them in (as join_group does).
        persona = _persona(_account(accounts, key), group, name, reserve_name=False)
        JoinRequest.objects.get_or_create(group=group, persona=persona, defaults={"answer": answer})
    for thread in spec.threads:
        _thread(group, personas, thread)
    for key, title in spec.follows:
        thread = Thread.objects.filter(group=group, title=title).first()
        if thread is not None and key in personas:
            ThreadSubscription.objects.get_or_create(
                persona=personas[key],
                thread=thread,
                defaults={"level": ThreadSubscription.Level.FOLLOW},
            )
    recount_thread(Thread.objects.filter(group=group))
    if "member" in personas:
        _reading(group, personas["member"])
    return group


def _reading(group: Group, persona: Persona) -> None:
    """The demo member has read every thread of the group but the two liveliest, where the
    last replies are new to them: the home and the group page show "N new" on `make run`.
    Markers already there are kept (a rerun, or what the member read since)."""
    threads = Thread.objects.filter(group=group).order_by("-last_activity", "-pk")
    now = timezone.now()
    for number, thread in enumerate(threads):
        unread = min(2, thread.post_count - 1) if number < 2 else 0
        ThreadRead.objects.get_or_create(
            persona=persona,
            thread=thread,
            defaults={"seen": thread.post_count - max(unread, 0), "updated": now},
        )


@demo.register
@transaction.atomic
def seed(accounts: dict[str, Account]) -> dict:
    """Create the demo groups with the demo accounts in them (the advocate hosts each)."""
    staff = accounts["moderator"]
    made = []
    for spec in DEMO_GROUPS:
        group = _seed_group(spec, accounts, staff)
        made.append(
            {
                "name": group.name,
                "slug": group.slug,
                "url": reverse("groups:group", args=[group.slug]),
                "join_policy": group.join_policy,
                "invite_url": reverse("groups:invite", args=[group.invite_token]),
            }
        )
    return {"groups": made}
