from django.db import migrations
from django.db.models import F

# Existing text was written in English, the site's default language: it becomes the
# English version (modeltranslation's update_translation_fields), history included.
FIELDS = {
    "country": ["name"],
    "organization": ["name", "acronym", "description"],
    "person": ["honorific", "bio", "photo_alt"],
    "position": ["title"],
}


def to_english(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        for name in (model_name, f"historical{model_name}"):
            model = apps.get_model("people", name)
            model.objects.update(**{f"{field}_en": F(field) for field in fields})


class Migration(migrations.Migration):
    dependencies = [("people", "0005_translations")]

    operations = [migrations.RunPython(to_english, migrations.RunPython.noop)]
