"""The Editor and Publisher groups.

Editors add and change every kind of content and may delete drafts; publishing,
unpublishing and deleting published records is for Publishers (the admin enforces the
difference per record). Managing users and groups stays with superusers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "people": ["country", "organization", "person", "position"],
    "events": [
        "topic",
        "sector",
        "resource",
        "event",
        "eventorganization",
        "participation",
        "statement",
        "keyfigure",
        "keypoint",
        "photo",
        "mediacontact",
    ],
}
PUBLISHABLE = {"people": ["organization", "person"], "events": ["event", "statement"]}


def codenames(actions, models):
    return [f"{action}_{model}" for model in models for action in actions]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations run; make sure the ones
    # the groups need exist already.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(app_label, names):
        return Permission.objects.filter(
            content_type__app_label=app_label, codename__in=names
        )

    editor, _ = Group.objects.get_or_create(name="Editor")
    publisher, _ = Group.objects.get_or_create(name="Publisher")
    for app_label, models in CONTENT.items():
        everyday = codenames(["add", "change", "view", "delete"], models)
        editor.permissions.add(*permissions(app_label, everyday))
        publisher.permissions.add(*permissions(app_label, everyday))
        publish = [f"publish_{model}" for model in PUBLISHABLE[app_label]]
        publisher.permissions.add(*permissions(app_label, publish))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Editor", "Publisher"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0002_history_versions_publish_permission"),
        ("events", "0003_history_versions_publish_permission"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
