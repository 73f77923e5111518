"""An index on wagtailcore_page (depth, path).

"Pages at depth N under X" (the header's columns, treebeard's get_children) otherwise scans every
page below X, so a menu query grew with the whole tree (2.8 ms at 10,000 pages on SQLite). With
this index it is a lookup whatever the size of the tree. Plain SQL because the table belongs to
Wagtail; the same statement works on SQLite and PostgreSQL.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS govsite_page_depth_path ON wagtailcore_page (depth, path)",
            "DROP INDEX IF EXISTS govsite_page_depth_path",
        ),
    ]
