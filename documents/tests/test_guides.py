"""The guides of the home page's 服务窗口 (issue 11 item 16): Markdown in docs/guides/ built to PDF by
the project itself, with the CJK text embedded and every screenshot the text names."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from documents import guides
from documents.guides import GUIDES, Guide, GuideError, build_guide


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _guide(tmp_path: Path, markdown: str, monkeypatch) -> Guide:
    (tmp_path / "g.md").write_text(markdown, encoding="utf-8")
    monkeypatch.setattr(guides, "GUIDES_DIR", tmp_path)
    return Guide("g", "测试指南", "申报人", "g.md")


def test_markdown_features_become_real_text(tmp_path, monkeypatch):
    (tmp_path / "img").mkdir()
    Image.new("RGB", (640, 400), (200, 220, 240)).save(tmp_path / "img" / "shot.png")
    guide = _guide(
        tmp_path,
        "# 标题\n\n段落**加粗**和`代码`。\n\n## 一、注册\n\n1. 第一步\n2. 第二步\n\n- 要点\n\n"
        "| 单位性质 | 审核流程 |\n| --- | --- |\n| 非公 | 单位 → 县区 |\n\n> 提示：请先阅读。\n\n"
        "![注册页面](img/shot.png)\n",
        monkeypatch,
    )
    text = _text(build_guide(guide=guide))
    expected_texts = ("标题", "段落加粗和代码", "一、注册", "第一步", "要点", "单位 → 县区", "提示：请先阅读")
    for expected in (*expected_texts, "图：注册页面"):
        assert expected in text, expected


def test_a_missing_screenshot_or_an_unsupported_block_is_refused(tmp_path, monkeypatch):
    with pytest.raises(GuideError, match="截图不存在"):
        build_guide(guide=_guide(tmp_path, "![页面](img/none.png)\n", monkeypatch))
    with pytest.raises(GuideError, match="不支持"):
        build_guide(guide=_guide(tmp_path, "```\ncode\n```\n", monkeypatch))
    with pytest.raises(GuideError, match="一级"):
        build_guide(guide=_guide(tmp_path, "- a\n  - b\n", monkeypatch))


@pytest.mark.parametrize("slug", sorted(GUIDES))
def test_the_shipped_guides_name_only_screenshots_that_exist(slug):
    guide = GUIDES[slug]
    names = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide.path.read_text(encoding="utf-8"))
    assert names, "a guide without screenshots"
    missing = [name for name in names if not (guide.path.parent / name).exists()]
    assert not missing, f"截图缺失（运行 make guides 生成）：{missing}"


@pytest.mark.django_db
def test_the_home_page_offers_both_guides_and_they_download_as_pdf(client):
    home = client.get("/").content.decode()
    assert "服务窗口" in home
    for slug, guide in GUIDES.items():
        url = f"/documents/guides/{slug}/"
        assert f'href="{url}"' in home
        response = client.get(url)  # no login: the guides are for people before they register
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = _text(response.content)
        assert guide.title in text and not re.search(r"规则\s*\d", text)
        assert len(PdfReader(io.BytesIO(response.content)).pages) >= 3
    assert client.get("/documents/guides/nothing/").status_code == 404


def test_build_guides_writes_both(tmp_path):
    from django.core.management import call_command

    call_command("build_guides", out=str(tmp_path), stdout=io.StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(g.filename for g in GUIDES.values())
