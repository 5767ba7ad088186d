"""factory-boy factories shared by every app's tests."""

import factory
from allauth.account.models import EmailAddress

from community.models import Account, Persona, Space
from community.pseudonyms import name_key

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


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    kind = Space.Kind.GROUP


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    space = factory.SubFactory(SpaceFactory)
    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Quiet Heron {n}")
    name_key = factory.LazyAttribute(lambda o: name_key(o.name))
