import pytest
from stdnum.cn import ric, uscc

from tests import factories


def test_generated_numbers_pass_their_check_digits():
    for n in range(1, 50):
        assert ric.is_valid(factories.id_number(seq=n))
        assert uscc.is_valid(factories.credit_code(seq=n))


@pytest.mark.django_db
def test_unit_admin_is_bound_to_its_unit():
    admin = factories.make_unit_admin()
    assert admin.organisation.kind == "unit"
    assert admin.check_password(factories.DEMO_PASSWORD)
    assert admin.password.startswith("argon2")
