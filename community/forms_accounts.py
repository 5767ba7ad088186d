"""allauth's account forms, where Lantern needs them to behave differently."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password

from community import account_checks


class SignupForm(AllauthSignupForm):
    """Sign-up that costs the same time whether or not the email is registered.

    With enumeration prevention allauth answers a known email with the same page as a new one,
    but skips creating the account, and with it the password hashing that is nearly all of the
    request's time: a stopwatch told registered emails apart (issue 8, section 4). The known
    path now hashes the submitted password too, and throws the hash away.
    """

    def validate_unique_email(self, value):
        """An address the registered checks refuse (moderation: a banned account's) is
        answered exactly like a registered one: no account is made, and the page says the
        same as for any address, so sign-up never tells whose address was banned."""
        email = super().validate_unique_email(value)
        if not self.account_already_exists and account_checks.email_refusal(email):
            self.account_already_exists = True
        return email

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
