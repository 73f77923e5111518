import pytest

from review.roles import ROLE_DRAFTER, ROLE_LEADER, ROLE_SITE_ADMIN, setup_roles
from tests.accounts.helpers import make_user


@pytest.fixture
def roles(db):
    setup_roles()


@pytest.fixture
def site_admin(roles):
    return make_user("zhandian_admin", ROLE_SITE_ADMIN)


@pytest.fixture
def leader(roles):
    return make_user("lingdao", ROLE_LEADER)


@pytest.fixture
def drafter(roles):
    return make_user("xinxiyuan", ROLE_DRAFTER)
