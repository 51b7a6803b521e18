import uuid

import django.utils.timezone
from django.db import migrations, models


def give_each_event_a_uuid(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    for event in Event.objects.filter(uuid__isnull=True).only("pk"):
        event.uuid = uuid.uuid4()
        event.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [("events", "0004_editorial_groups")]

    operations = [
        # A unique UUID per existing row: add it empty, fill it, then require it.
        migrations.AddField(
            model_name="event",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_event_a_uuid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="event",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Names the meeting in calendars, whatever becomes of its slug.",
                unique=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalevent",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Names the meeting in calendars, whatever becomes of its slug.",
            ),
        ),
    ]
