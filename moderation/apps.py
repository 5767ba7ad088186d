from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"
    # Where community.urls includes this app's urls.py.
    url_prefix = "moderation/"

    def ready(self):
        from community import account_checks, audit, flagging
        from moderation import notification_kinds, restrictions
        from moderation.services import flag_content, write_audit_entry

        flagging.set_recorder(flag_content)
        audit.set_writer(write_audit_entry)
        notification_kinds.register()
        account_checks.register_login_check(restrictions.login_check)
        account_checks.register_email_check(restrictions.email_check)
