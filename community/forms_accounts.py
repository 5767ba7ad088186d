"""allauth's account forms, where Lantern needs them to behave differently."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    """Sign-up that costs the same time whether or not the email is registered.

    With enumeration prevention allauth answers a known email with the same page as a new one,
    but skips creating the account, and with it the password hashing that is nearly all of the
    request's time: a stopwatch told registered emails apart (issue 8, section 4). The known
    path now hashes the submitted password too, and throws the hash away.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
