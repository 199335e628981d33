"""Personal data kept with the documents: who uploaded a file. Only staff upload,
so none of it is in a resident's download."""

from mitplan.core.privacy import PersonalData, register

register(
    PersonalData(
        name="document_uploads",
        order=900,
        fields=("documents.Document.uploaded_by_user",),
        why="Which staff member uploaded a document: Wagtail's record of staff "
        "work, emptied when the staff account is removed.",
    )
)
