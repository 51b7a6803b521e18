from django.db import migrations, models

# Every history row written while answering one request shares its save
# (rcm_site.history).


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0011_organization_kinds"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalcountry",
            name="history_save",
            field=models.UUIDField(
                blank=True, db_index=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalorganization",
            name="history_save",
            field=models.UUIDField(
                blank=True, db_index=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="history_save",
            field=models.UUIDField(
                blank=True, db_index=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalpersonname",
            name="history_save",
            field=models.UUIDField(
                blank=True, db_index=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="history_save",
            field=models.UUIDField(
                blank=True, db_index=True, editable=False, null=True
            ),
        ),
    ]
