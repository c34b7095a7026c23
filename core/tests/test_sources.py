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


def test_the_evaluation_rules_quote_the_regulation():
    """Rules 27–35 (人社部令第40号): each names the regulation, carries its words, and no article
    number that could not be checked."""
    from core.sources import ORDER_40, quote

    for rule in range(27, 36):
        item = source(rule)
        assert item.label == ORDER_40
        assert item.words, rule
        assert quote(rule) == f"见{ORDER_40}：{item.words}"
        assert not re.search(r"规则\s*\d", item.words)
    assert "不少于25人" in source(27).words and "不少于11人" in source(27).words
    assert "每个评议组评审专家不少于3人" in source(28).words
    assert "不少于职称评审委员会人数的2/3" in source(29).words
    assert "2/3以上的即为评审通过" in source(30).words and "不得委托他人投票" in source(30).words
    assert "回避" in source(31).words and "不对外公布" in source(31).words
    assert "会议记录" in source(32).words and "印章" in source(32).words
    assert "不少于5个工作日" in source(33).words and "核准或者备案" in source(33).words
    assert "复查" in source(34).words
    assert "撤销其职称" in source(35).words and "记录期限为3年" in source(35).words


def test_a_seed_source_quotes_its_place_alone():
    from core.sources import quote

    assert quote(19) == "见《职称知识25问》第25问"
