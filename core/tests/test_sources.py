"""Every source a refusal cites exists where it points: the help page and its anchor (issue 11 item 17)."""

import re

import pytest

from core.sources import QUESTIONS, SOURCES, cite, source


@pytest.mark.django_db
def test_every_source_link_lands_on_a_help_page_with_its_anchor(client):
    from django.core.management import call_command

    call_command("load_catalog", verbosity=0)
    pages: dict[str, str] = {}
    for item in [*SOURCES.values(), *QUESTIONS.values()]:
        if not item.url:
            continue
        path, _, anchor = item.url.partition("#")
        if path not in pages:
            response = client.get(path)
            assert response.status_code == 200, item.url
            pages[path] = response.content.decode()
        if anchor:
            assert re.search(rf'id="{re.escape(anchor)}"', pages[path]), item.url


def test_cite_names_each_place_once_and_never_a_rule_number():
    assert cite(19) == "见《职称知识25问》第25问"
    assert cite(8, 11) == "见《职称知识25问》第8问、第11问"
    assert cite(8, 5) == "见《职称知识25问》第8问；职称申报必读（二）2"
    assert source(9).label == "《职称知识25问》第4问"
    assert cite(27, 28) == "见《职称评审管理暂行规定》（人社部令第40号）"
    for item in SOURCES.values():
        assert not re.search(r"规则\s*\d", item.label)
