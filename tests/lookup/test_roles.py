"""Crew role words people type."""

import pytest

from bot.kb.models import CREW_ROLES
from bot.lookup.roles import ROLE_LABELS, role_label, roles_for


@pytest.mark.parametrize(
    ("typed", "roles"),
    [
        ("director", ("director",)),
        ("Directed by", ("director",)),
        ("producer", ("producer",)),
        ("producers", ("producer",)),
        ("screenplay", ("screenplay",)),
        ("story", ("story",)),
        ("writer", ("writer", "screenplay", "story")),
        ("cinematography", ("cinematography",)),
        ("cinematographer", ("cinematography",)),
        ("DP", ("cinematography",)),
        ("editing", ("editing",)),
        ("editor", ("editing",)),
        ("music", ("music",)),
        ("composer", ("music",)),
        ("score", ("music",)),
        ("compser", ("music",)),  # typo
        ("cinematograper", ("cinematography",)),  # typo
        ("hill", None),
        ("ed", None),  # not 'editor'
        ("danko", None),
        ("", None),
    ],
)
def test_roles_for(typed, roles):
    assert roles_for(typed) == roles


def test_every_crew_role_has_labels():
    assert set(ROLE_LABELS) == set(CREW_ROLES)
    assert role_label("producer", 4) == "Producers"
    assert role_label("music") == "Music"
