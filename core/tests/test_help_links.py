"""A refusal's source links to the help page that holds it (issue 11 item 17)."""

from django.template import Context, Template
from django.utils.safestring import mark_safe

from core.help_links import link_sources


def test_each_question_links_to_its_entry():
    assert link_sources("不能重复申报（见《职称知识25问》第25问）。") == (
        '不能重复申报（见<a href="/help/#q25">《职称知识25问》第25问</a>）。'
    )
    assert link_sources("见《职称知识25问》第8问、第11问") == (
        '见《职称知识25问》<a href="/help/#q8">第8问</a>、<a href="/help/#q11">第11问</a>'
    )


def test_the_must_read_notes_the_filling_guide_and_the_site_faq():
    must_read = '<a href="/help/must-read/">'
    assert link_sources("（见职称申报必读（四））") == f"（见{must_read}职称申报必读（四）</a>）"
    assert link_sources("见《职称申报必读》（三）1：公示") == (
        '见<a href="/help/must-read/">《职称申报必读》（三）1</a>：公示'
    )
    assert link_sources("（见《系统填报说明》（三）单位信息及申报审核）") == (
        '（见<a href="/help/filling-guide/">《系统填报说明》（三）</a>单位信息及申报审核）'
    )
    site = '<a href="/help/#site-1">'
    assert link_sources("见“申报网站常见问题”第1问") == f"见{site}“申报网站常见问题”第1问</a>"


def test_text_is_escaped_and_html_is_left_alone():
    assert link_sources("<b>王五</b> 见职称申报必读（二）2") == (
        '&lt;b&gt;王五&lt;/b&gt; 见<a href="/help/must-read/">职称申报必读（二）2</a>'
    )
    assert link_sources("没有来源的提示") == "没有来源的提示" and link_sources(None) == ""
    linked = mark_safe('<a href="/help/#q25">见《职称知识25问》第25问</a>')
    assert link_sources(linked) is linked


def test_the_filter():
    html = Template("{% load sources %}{{ e|cite_links }}").render(Context({"e": "见《职称知识25问》第9问"}))
    assert html == '见<a href="/help/#q9">《职称知识25问》第9问</a>'
