"""Create the Reviewer and Editor groups with their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_ALL = [
    ("claims", "view_article"), ("claims", "view_claim"), ("claims", "view_citation"),
    ("claims", "view_verdict"), ("sources", "view_source"), ("sources", "view_snapshot"),
]
REVIEWER = [
    *VIEW_ALL,
    ("claims", "add_article"), ("claims", "change_article"), ("claims", "change_claim"),
    ("claims", "add_citation"), ("claims", "change_citation"), ("claims", "delete_citation"),
    ("claims", "add_verdict"), ("sources", "change_source"),
]
EDITOR = [*REVIEWER, ("claims", "change_verdict"), ("claims", "delete_article")]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in (("Reviewer", REVIEWER), ("Editor", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Reviewer", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
