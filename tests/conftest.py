import pytest
from django.core.management import call_command

SEED_FIXTURES = ["countries", "mexico-city-workshop-2018"]
WORKSHOP = "2018-09-labour-migration-governance-workshop-mexico-city"


@pytest.fixture
def seed(db):
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)
