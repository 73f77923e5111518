"""Each department gets its own document/image collection; files move into it.

The global 信息员/审核员/领导 groups lose their permissions on the root collection, each
department's groups get add/change/choose on their own collection, and every file in the root
collection that only one department's pages use moves into that department's collection
(docs/security.md §1). On a fresh database there are no departments and nothing happens.
The data step is `review.files.collections.sort_files_into_departments`, which
`setup_department` also runs.
"""

import django.db.models.deletion
from django.db import migrations, models


def sort_files(apps, schema_editor):
    from review.files.collections import sort_files_into_departments

    sort_files_into_departments(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("review", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("disclosure", "0003_indexsequence_policyinterpretationpage_video_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AddField(
            model_name="department",
            name="collection",
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                       related_name="department", to="wagtailcore.collection",
                                       verbose_name="文件集合"),
        ),
        migrations.RunPython(sort_files, migrations.RunPython.noop),
    ]
