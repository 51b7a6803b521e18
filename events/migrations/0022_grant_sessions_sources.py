from django.contrib.auth.management import create_permissions
from django.db import migrations

# Sessions and sources are content like the rest: editors enter them (see
# 0004_editorial_groups). 0016 and 0017 made the models without this.
NEW_CONTENT = ["session", "source"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    everyday = Permission.objects.filter(
        content_type__app_label="events",
        codename__in=[
            f"{action}_{model}"
            for model in NEW_CONTENT
            for action in ("add", "change", "view", "delete")
        ],
    )
    for group in Group.objects.filter(name__in=["Editor", "Publisher"]):
        group.permissions.add(*everyday)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0021_slug_required"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
