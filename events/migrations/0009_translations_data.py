from django.db import migrations
from django.db.models import F

# Existing text was written in English, the site's default language: it becomes the
# English version (modeltranslation's update_translation_fields), history included.
# A statement's language said the language of its text, which was the published
# English text: it now says the language spoken, which only an editor can tell, so it
# keeps its value.
FIELDS = {
    "topic": ["name", "description"],
    "sector": ["name"],
    "resource": ["title", "short_title", "description"],
    "event": ["title", "venue", "city", "summary", "body"],
    "eventorganization": ["note"],
    "statement": ["text"],
    "keyfigure": ["value", "label", "source"],
    "keypoint": ["text"],
    "photo": ["caption", "alt_text"],
}


def to_english(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        for name in (model_name, f"historical{model_name}"):
            model = apps.get_model("events", name)
            model.objects.update(**{f"{field}_en": F(field) for field in fields})


class Migration(migrations.Migration):
    dependencies = [("events", "0008_translations")]

    operations = [migrations.RunPython(to_english, migrations.RunPython.noop)]
