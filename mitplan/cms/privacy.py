"""Personal data kept by the CMS (Wagtail and its translation tool): staff editing
records. Residents never hold staff accounts, so none of it is in a resident's
download."""

from mitplan.core.privacy import PersonalData, register

register(
    PersonalData(
        name="cms_staff_records",
        order=900,
        fields=(
            "wagtailcore.Page.owner",
            "wagtailcore.Page.locked_by",
            "wagtailcore.Revision.user",
            "wagtailcore.PageLogEntry.user",
            "wagtailcore.ModelLogEntry.user",
            "wagtailcore.WorkflowState.requested_by",
            "wagtailcore.TaskState.finished_by",
            "wagtailcore.Comment.user",
            "wagtailcore.Comment.resolved_by",
            "wagtailcore.CommentReply.user",
            "wagtailcore.PageSubscription.user",
            "wagtailcore.UploadedFile.uploaded_by_user",
            "wagtailcore.APIToken.user",
            "wagtailadmin.EditingSession.user",
            "wagtailadmin.FormState.user",
            "wagtailusers.UserProfile.user",
            "wagtaildocs.Document.uploaded_by_user",
            "wagtailimages.Image.uploaded_by_user",
            "wagtail_localize.StringTranslation.last_translated_by",
            "wagtail_localize.SegmentOverride.last_translated_by",
        ),
        why="Who edited, published, translated or uploaded content: Wagtail's "
        "records of staff work, removed or emptied with a staff account.",
    )
)
register(
    PersonalData(
        name="published_contact_addresses",
        order=900,
        fields=("cms.AccessibilityStatementPage.feedback_email",),
        why="The office address for accessibility feedback that staff publish on "
        "the accessibility statement.",
    )
)
