"""The starter set of well-known support services on the Support page.

Used by the data migration that fills an empty table on a new install and by `seed_demo`.
Plain data and a function of the model class, importing no models, so the migration can
pass its historical model. Staff edit, add or unpublish entries in the admin afterwards.
"""

STARTER_RESOURCES = [
    {
        "category": "crisis",
        "title": "Find A Helpline",
        "region": "Worldwide",
        "description": (
            "A directory of free, confidential crisis lines, hotlines and text services in "
            "more than a hundred countries. Search by country and by what you need help with."
        ),
        "url": "https://findahelpline.com",
        "phone": "",
        "order": 10,
    },
    {
        "category": "crisis",
        "title": "988 Suicide & Crisis Lifeline",
        "region": "US",
        "description": (
            "Free and confidential support for anyone in distress, any time of day or night. "
            "Call or text 988, or chat online."
        ),
        "url": "https://988lifeline.org",
        "phone": "988",
        "order": 20,
    },
    {
        "category": "crisis",
        "title": "Samaritans",
        "region": "UK and Ireland",
        "description": (
            "Someone to talk to about whatever you're going through, day or night. Calls are free."
        ),
        "url": "https://www.samaritans.org",
        "phone": "116 123",
        "order": 30,
    },
    {
        "category": "crisis",
        "title": "Crisis Text Line",
        "region": "US",
        "description": "Text HOME to 741741 to reach a trained volunteer crisis counselor, 24/7.",
        "url": "https://www.crisistextline.org",
        "phone": "",
        "order": 40,
    },
    {
        "category": "crisis",
        "title": "RAINN National Sexual Assault Hotline",
        "region": "US",
        "description": (
            "Confidential support from trained staff for survivors of sexual violence and "
            "the people who care about them, by phone or online chat, 24/7."
        ),
        "url": "https://rainn.org",
        "phone": "800-656-4673",
        "order": 50,
    },
    {
        "category": "legal",
        "title": "U.S. Equal Employment Opportunity Commission (EEOC)",
        "region": "US",
        "description": (
            "The federal agency that enforces laws against workplace harassment and "
            "discrimination. Explains your rights and how to file a charge; deadlines apply, "
            "often 180 or 300 days."
        ),
        "url": "https://www.eeoc.gov",
        "phone": "1-800-669-4000",
        "order": 10,
    },
    {
        "category": "legal",
        "title": "Acas",
        "region": "UK",
        "description": (
            "Free, impartial advice on workplace rights, including bullying, harassment "
            "and discrimination, and early conciliation before an employment tribunal claim."
        ),
        "url": "https://www.acas.org.uk",
        "phone": "0300 123 1100",
        "order": 20,
    },
    {
        "category": "counselling",
        "title": "SAMHSA National Helpline",
        "region": "US",
        "description": (
            "Free, confidential treatment referral and information about mental health and "
            "substance use, 24/7, in English and Spanish."
        ),
        "url": "https://www.samhsa.gov",
        "phone": "1-800-662-4357",
        "order": 10,
    },
    {
        "category": "other",
        "title": "Cyber Civil Rights Initiative Crisis Helpline",
        "region": "US",
        "description": (
            "Support for victims and survivors of image-based sexual abuse: intimate images "
            "shared, or threatened to be shared, without consent."
        ),
        "url": "https://cybercivilrights.org",
        "phone": "844-878-2274",
        "order": 10,
    },
]


def add_starter_resources(support_resource_model) -> int:
    """Create the starter entries that aren't there yet (by title); return how many."""
    existing = set(support_resource_model.objects.values_list("title", flat=True))
    missing = [entry for entry in STARTER_RESOURCES if entry["title"] not in existing]
    support_resource_model.objects.bulk_create(support_resource_model(**entry) for entry in missing)
    return len(missing)
