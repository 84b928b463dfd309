import pytest

from bot.matching import Resolver

from .seed_film import seed_film


@pytest.fixture(scope="session")
def film():
    return seed_film()


@pytest.fixture(scope="session")
def resolver(film):
    return Resolver.for_film(film)
