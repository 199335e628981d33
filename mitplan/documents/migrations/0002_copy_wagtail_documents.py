"""Documents uploaded before mitplan had its own document model stay: each row of
Wagtail's table is copied (same id, so rich-text links keep working), its tags too."""

from django.db import migrations


def copy_documents(apps, schema_editor):
    Old = apps.get_model("wagtaildocs", "Document")
    New = apps.get_model("documents", "Document")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ContentType = apps.get_model("contenttypes", "ContentType")
    old_type = ContentType.objects.filter(
        app_label="wagtaildocs", model="document"
    ).first()
    new_type, _created = ContentType.objects.get_or_create(
        app_label="documents", model="document"
    )
    copied = []
    for old in Old.objects.all().iterator():
        if New.objects.filter(pk=old.pk).exists():
            continue
        New.objects.create(
            pk=old.pk,
            title=old.title,
            file=old.file.name,
            uploaded_by_user_id=old.uploaded_by_user_id,
            collection_id=old.collection_id,
            file_size=old.file_size,
            file_hash=old.file_hash,
        )
        # created_at is set on create (auto_now_add); keep the original date.
        New.objects.filter(pk=old.pk).update(created_at=old.created_at)
        copied.append(old.pk)
    if copied and old_type is not None:
        for item in TaggedItem.objects.filter(
            content_type=old_type, object_id__in=copied
        ):
            TaggedItem.objects.get_or_create(
                content_type=new_type, object_id=item.object_id, tag_id=item.tag_id
            )
    if copied and schema_editor.connection.vendor == "postgresql":
        # Ids were given explicitly: move the sequence past them.
        table = New._meta.db_table
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT MAX(id) FROM {table}))"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_documents, migrations.RunPython.noop)]
