"""The accessibility audit cannot shrink silently: every named page is audited by the browser
tests (tests/browser/test_accessibility.py, test_groups_accessibility.py,
chat/test_chat_accessibility.py, chat/test_moderation_accessibility.py,
chat/test_staff_moderation_accessibility.py) or exempted here with the reason. Runs in the
fast suite, without a browser: it only resolves the audited paths."""

from django.urls import resolve, reverse

from tests.browser.chat import (
    test_chat_accessibility,
    test_moderation_accessibility,
    test_staff_moderation_accessibility,
)
from tests.browser.mentoring.test_mentoring_accessibility import AUDITED_URL_NAMES as MENTORING
from tests.browser.test_accessibility import LOGGED_IN_PAGES, LOGGED_OUT_PAGES
from tests.browser.test_groups_accessibility import audited_paths
from tests.url_names import all_url_names, staff_site_names

_NO_PAGE = "answers with a redirect, a download or JSON: no page of its own to audit"
_LIKE = "the same allauth layout and form as the audited {}"
NOT_AUDITED = {
    "healthz": _NO_PAGE,
    "settings_export": _NO_PAGE,
    "account_logout": "logging out ends the session the audit runs in",
    "settings_deleted": "shown once, after an account is deleted",
    "account_inactive": "only reached by an inactive account logging in",
    "account_reauthenticate": _LIKE.format("login page"),
    "account_request_reauthentication_code": _LIKE.format("login page"),
    "account_confirm_reauthentication_code": _LIKE.format("login page"),
    "account_confirm_login_code": _LIKE.format("login page"),
    "account_set_password": _LIKE.format("change-password page"),
    "account_email_verification_sent": "a one-paragraph notice (browser sign-up flow shows it)",
    "account_confirm_email": "needs the emailed key; the browser sign-up flow visits it",
    "account_reset_password_done": "a one-paragraph notice after a reset request",
    "account_reset_password_from_key": _LIKE.format("change-password page"),
    "account_reset_password_from_key_done": "a one-paragraph notice after a reset",
    "mfa_authenticate": _LIKE.format("login page"),
    "mfa_reauthenticate": _LIKE.format("login page"),
    "mfa_activate_totp": "same allauth layout and form as the audited 2FA index",
    "mfa_deactivate_totp": "only with an authenticator; same layout as the 2FA index",
    "mfa_view_recovery_codes": "only with MFA on; same layout as the 2FA index",
    "mfa_generate_recovery_codes": "only with MFA on; same layout as the 2FA index",
    "mfa_download_recovery_codes": _NO_PAGE,
    "groups:invite": "the join form again, reached by token (audited as groups:join)",
    "groups:choose_name": "a one-field form in the layout of the audited join form",
    "groups:manage_invite": "staff confirmation step: one sentence and a button",
    "groups:manage_make_host": _NO_PAGE,
    "groups:manage_remove_host": "staff confirmation step: one sentence and a button",
    "groups:decide": _NO_PAGE,
    "groups:withdraw": _NO_PAGE,
    "groups:reply": _NO_PAGE,
    "groups:moderate_thread": _NO_PAGE,
    "groups:react": _NO_PAGE,
    "groups:thread_notifications": _NO_PAGE,
    "groups:member_names": _NO_PAGE,
    "notification_open": _NO_PAGE,
    "groups:mark_read": _NO_PAGE,
    "groups:quote_source": "plain text for the reply box (composer.js), no page",
    "groups:leave": "a confirm page in the layout of the audited block page",
    "groups:delete_post": "a confirm page in the layout of the audited block page",
    "moderation:flag_thanks": "a one-paragraph notice after a flag is sent",
    "moderation:audit_export": _NO_PAGE,
    "moderation:remove_word": _NO_PAGE,
    "moderation:release_held": _NO_PAGE,
    "moderation:reject_held": _NO_PAGE,
    "chat:calendar": _NO_PAGE,
    "chat:control": _NO_PAGE,
    "chat:mute": _NO_PAGE,
    "chat:remove_message": _NO_PAGE,
    "chat:request_quiet_room": _NO_PAGE,
    "chat:decide_quiet_room": _NO_PAGE,
    "settings_unblock": _NO_PAGE,
    "notifications_read": _NO_PAGE,
    "mentoring:withdraw": _NO_PAGE,
    "mentoring:pause": _NO_PAGE,
    "mentoring:resume": _NO_PAGE,
    "mentoring:decline": _NO_PAGE,
    "mentoring:ask_again": _NO_PAGE,
    "mentoring:coordinate_mentor_action": _NO_PAGE,
    "usersessions_list": "the sessions list of the audited settings page, in the manage layout",
}


def test_every_named_page_is_audited_or_exempt_with_a_reason(world):
    paths = audited_paths(world) + test_chat_accessibility.audited_paths()
    paths += test_moderation_accessibility.audited_paths()
    paths += test_staff_moderation_accessibility.audited_paths()
    paths += [reverse(name) for name in LOGGED_OUT_PAGES + LOGGED_IN_PAGES if "/" not in name]
    audited = {resolve(path.split("?")[0]).view_name for path in paths} | MENTORING
    missing = sorted(set(all_url_names()) - audited - set(NOT_AUDITED) - staff_site_names())
    assert not missing, f"named pages neither audited nor in NOT_AUDITED: {missing}"
    needlessly_exempt = sorted(set(NOT_AUDITED) & audited)
    assert not needlessly_exempt, f"audited, so take them out of NOT_AUDITED: {needlessly_exempt}"


def test_every_exemption_names_a_url_that_exists():
    stale = sorted(set(NOT_AUDITED) - set(all_url_names()))
    assert not stale, f"NOT_AUDITED names no URL pattern any more: {stale}"
