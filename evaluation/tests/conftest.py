import pytest


@pytest.fixture
def small_pools(settings):
    """Tests of rounds and draws, not of rule 27: a pool of a few experts may draw (the pool size
    rule has its own tests in test_pool_services.py and test_rules.py)."""
    for tier in ("SENIOR", "INTERMEDIATE", "JUNIOR"):
        for formation in ("SERIES", "SPECIALTY"):
            setattr(settings, f"EVALUATION_POOL_MIN_{tier}_{formation}", 1)
