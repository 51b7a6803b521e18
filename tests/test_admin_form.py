"""The meeting form's server side: the post autocomplete narrowed to the chosen person,
"where is this used" on the forms of what meetings and statements name, and the
favicon. (What the browser does with them: tests/browser/.)"""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from . import factories

pytestmark = [pytest.mark.django_db, pytest.mark.admin]


@pytest.fixture
def editor(client):
    user = User.objects.create_user("edna", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client.force_login(user)
    return user


@pytest.fixture
def publisher(client):
    user = User.objects.create_user("paco", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisher"))
    client.force_login(user)
    return user


def post_search(client, **params):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "events",
            "model_name": "statement",
            "field_name": "position",
            "term": "Regional Director",
            **params,
        },
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_post_autocomplete_offers_the_chosen_persons_posts_only(editor, client):
    ana = factories.PersonFactory(given_name="Ana", family_name="Ruiz")
    hers = factories.PositionFactory(person=ana, title="Regional Director")
    other = factories.PositionFactory(title="Regional Director")

    assert post_search(client, person=ana.pk) == [str(hers)]
    assert sorted(post_search(client)) == sorted([str(hers), str(other)])
    # A person that is not a key finds nothing, rather than failing.
    assert post_search(client, person="abc") == []


def test_the_post_fields_send_the_person_chosen_beside_them(editor, client):
    html = client.get(reverse("admin:events_event_add")).content.decode()
    assert 'name="statements-__prefix__-position"' in html
    assert html.count('data-forward-person="speaker"') == 1
    assert html.count('data-forward-person="person"') == 1
    html = client.get(reverse("admin:events_statement_add")).content.decode()
    assert 'data-forward-person="speaker"' in html


@pytest.fixture
def named():
    """A person, an organization, a resource and a topic named by a draft meeting
    and a published statement in it, and by nothing else."""
    person = factories.PersonFactory()
    organization = factories.OrganizationFactory()
    resource = factories.ResourceFactory()
    topic = factories.TopicFactory()
    meeting = factories.EventFactory(
        title="Workshop on fair recruitment", publication_status="draft"
    )
    statement = factories.StatementFactory(
        event=meeting,
        speaker=person,
        organization=organization,
        text_en="Recruitment must be fair to every worker.",
    )
    statement.topics.add(topic)
    statement.references.add(resource)
    factories.EventFactory(title="A meeting that names none of them")
    return {
        "person": person,
        "organization": organization,
        "resource": resource,
        "topic": topic,
        "meeting": meeting,
        "statement": statement,
    }


@pytest.mark.parametrize("kind", ["person", "organization", "resource", "topic"])
@pytest.mark.parametrize("view", ["change", "delete"])
def test_a_form_lists_the_meetings_and_statements_that_name_the_record(
    publisher, client, named, kind, view
):
    record = named[kind]
    opts = record._meta
    response = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk])
    )
    html = response.content.decode()
    assert "Where this is used" in html
    meeting_url = reverse("admin:events_event_change", args=[named["meeting"].pk])
    statement_url = reverse(
        "admin:events_statement_change", args=[named["statement"].pk]
    )
    assert f'<a href="{meeting_url}">Workshop on fair recruitment</a> (draft)' in html
    assert f'<a href="{statement_url}">Recruitment must be fair' in html
    assert "Meetings: 1" in html
    assert "Statements: 1" in html
    assert "A meeting that names none of them" not in html


def test_a_record_named_nowhere_says_so(publisher, client):
    person = factories.PersonFactory()
    html = client.get(
        reverse("admin:people_person_change", args=[person.pk])
    ).content.decode()
    assert "Meetings: 0" in html
    assert "Statements: 0" in html


def test_the_favicon_is_served_where_browsers_look_and_linked_from_the_admin(
    editor, client
):
    response = client.get("/favicon.svg", follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(response.streaming_content)
    assert client.get("/favicon.ico", follow=True)["Content-Type"] == "image/x-icon"
    html = client.get(reverse("admin:index")).content.decode()
    assert (
        '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    )


def test_no_list_of_people_or_organizations_groups_by_publish_time(editor, client):
    factories.OrganizationFactory()
    factories.PersonFactory()
    for name in ("people_organization", "people_person"):
        html = client.get(reverse(f"admin:{name}_changelist")).content.decode()
        assert 'class="toplinks"' not in html  # the date hierarchy's bar
