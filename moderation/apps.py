from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"
    # Where community.urls includes this app's urls.py.
    url_prefix = "moderation/"

    def ready(self):
        from community import account_checks, audit, flagging, limits, pairs, screening
        from moderation import filters, guard, notification_kinds, restrictions
        from moderation.filters import (
            checks,  # noqa: F401 (registers the system check)
            new_accounts,
        )
        from moderation.filters import notification_kinds as filter_notification_kinds
        from moderation.filters.services import clear_hold, flag_automatically, hold_content
        from moderation.services import flag_content, write_audit_entry

        flagging.set_recorder(flag_content)
        # Mentoring never proposes a pair the retaliation guard forbids (issue 12).
        pairs.register(guard.forbidden_pairs)
        audit.set_writer(write_audit_entry)
        notification_kinds.register()
        account_checks.register_login_check(restrictions.login_check)
        account_checks.register_email_check(restrictions.email_check)
        # Automatic filters: content apps screen what members write through community.
        screening.register_screener(filters.screen)
        screening.set_recorders(hold=hold_content, flag=flag_automatically, clear=clear_hold)
        limits.set_rate_chooser(new_accounts.rate_for)
        filter_notification_kinds.register()
