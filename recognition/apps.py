from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "recognition"
    verbose_name = "考核认定、职称确认、博士后认定"

    def ready(self) -> None:
        from applications.kinds import CommitteeFreeKind, register
        from applications.models import ApplicationKind

        from . import confirmation, postdoc, recognition, snapshot, views

        # What applications asks of each kind no committee decides (applications/kinds.py).
        register(
            CommitteeFreeKind(
                kind=ApplicationKind.RECOGNITION,
                submit_problems=recognition.recognition_submit_problems,
                submitted=recognition.recognition_submitted,
                approved=lambda *, application, step, now: recognition.recognition_approved(
                    application=application, office=step.organisation, now=now
                ),
                missing=recognition.recognition_missing,
                summary=snapshot.recognition_summary,
                office_name=snapshot.recognition_office_name,
                page=views.recognition_page,
            )
        )
        register(
            CommitteeFreeKind(
                kind=ApplicationKind.CONFIRMATION,
                submit_problems=confirmation.confirmation_submit_problems,
                submitted=confirmation.confirmation_submitted,
                approved=lambda *, application, step, now: confirmation.confirmation_approved(
                    application=application, now=now
                ),
                missing=confirmation.confirmation_missing,
                summary=snapshot.confirmation_summary,
                office_name=snapshot.confirmation_office_name,
                page=views.confirmation_page,
            )
        )
        register(
            CommitteeFreeKind(
                kind=ApplicationKind.POSTDOC,
                submit_problems=postdoc.postdoc_submit_problems,
                submitted=postdoc.postdoc_submitted,
                approved=lambda *, application, step, now: postdoc.postdoc_approved(
                    application=application, now=now
                ),
                missing=postdoc.postdoc_missing,
                summary=snapshot.postdoc_summary,
                office_name=snapshot.postdoc_office_name,
                page=views.postdoc_page,
            )
        )
