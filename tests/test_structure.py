"""Every model of the content apps is content, named in its app's history.py: it keeps
a change history, and a change to it starts a new page-cache version once it commits.
The only other tables are those that change only with content (its history, its
many-to-many relations), so a new model that is neither fails here."""

import pytest
from django.apps import apps

from rcm_site import content
from rcm_site.models import CacheVersion

from .test_admin import FACTORIES

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [model._meta.label for model in content.models]
RELATIONS = [
    f"{model._meta.label}.{field.name}"
    for model in content.models
    for field in model._meta.many_to_many
]


def version():
    return CacheVersion.objects.values_list("token", flat=True).first()


def test_every_model_is_content_or_changes_only_with_content():
    models = [
        model
        for app in ("people", "events")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    ]
    shadows = content.shadows()
    assert not set(content.models) & set(shadows)
    neither = [m._meta.label for m in models if m not in content.models + shadows]
    assert neither == [], "name each content model in its app's history.py"


def test_every_content_model_has_a_factory():
    assert set(CONTENT_MODELS) == set(FACTORIES)


@pytest.mark.parametrize("label", CONTENT_MODELS)
def test_a_save_is_kept_in_the_history_and_starts_a_version_when_it_commits(
    label, django_capture_on_commit_callbacks
):
    record = FACTORIES[label]()
    versions = record.history.count()
    before = version()
    with django_capture_on_commit_callbacks(execute=True):
        record.save()
        assert version() == before
    assert version() != before
    assert record.history.count() == versions + 1


@pytest.mark.parametrize("relation", RELATIONS)
def test_a_change_to_a_relation_starts_a_version_when_it_commits(
    relation, django_capture_on_commit_callbacks
):
    label, name = relation.rsplit(".", 1)
    record = FACTORIES[label]()
    related = record._meta.get_field(name).related_model
    other = FACTORIES[related._meta.label]()
    before = version()
    with django_capture_on_commit_callbacks(execute=True):
        getattr(record, name).add(other)
        assert version() == before
    assert version() != before
