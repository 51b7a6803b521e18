from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate


def fill_said_on(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    for name in ("Statement", "HistoricalStatement"):
        apps.get_model("events", name).objects.update(
            said_on=Coalesce(
                F("date"),
                Subquery(
                    Event.objects.filter(pk=OuterRef("event_id")).values(
                        "start_date"
                    )[:1]
                ),
                TruncDate(Coalesce(F("publish_at"), F("updated_at"))),
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_translations_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="statement",
            name="date",
            field=models.DateField(
                blank=True,
                help_text="When it was said, if not on the meeting's first day.",
                null=True,
                verbose_name="date",
            ),
        ),
        migrations.AlterField(
            model_name="historicalstatement",
            name="date",
            field=models.DateField(
                blank=True,
                help_text="When it was said, if not on the meeting's first day.",
                null=True,
                verbose_name="date",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="said_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="said_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunPython(fill_said_on, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="statement",
            name="said_on",
            field=models.DateField(
                editable=False,
                help_text="The date, else the meeting's first day, else the publication day: kept here so that lists sort latest first from an index, without a join.",
                verbose_name="said on",
            ),
        ),
        migrations.AlterField(
            model_name="historicalstatement",
            name="said_on",
            field=models.DateField(
                editable=False,
                help_text="The date, else the meeting's first day, else the publication day: kept here so that lists sort latest first from an index, without a join.",
                verbose_name="said on",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                fields=["status", "-said_on", "order", "id"],
                name="statement_latest_first",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                fields=["country", "-said_on", "order", "id"],
                name="statement_country_latest",
            ),
        ),
    ]
