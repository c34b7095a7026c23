"""What an issue 3 demo application is made of (`DemoApplication`: the applicant, the committee,
基本信息, the entries, the files, and the state it promises) and the pieces its data shares: five
years of 年度考核, the 承诺书, the 年度考核登记表. The applications themselves are in
demo.promotion_ready, demo.promotion_incomplete and demo.promotion_submitted."""

from __future__ import annotations

from dataclasses import dataclass

from attachments.models import AttachmentKind

from .files import DemoFile


@dataclass(frozen=True)
class DemoApplication:
    applicant: str  # the applicant's name in APPLICANTS
    promise: str  # STATE_READY / STATE_INCOMPLETE / STATE_SUBMITTED
    committee: str
    series: str
    level: str
    specialty: str
    basic: dict
    entries: tuple[tuple[str, dict], ...]
    files: tuple[DemoFile, ...]
    photo: bool = False
    submit: bool = False
    hair: str = "short"  # the drawn photo: "short" or "long"


def assessments(year: int, unit: str, excellent: int) -> tuple[tuple[str, dict], ...]:
    """年度考核情况 for the five years before `year`; the year `year - excellent` was 优秀."""
    return tuple(
        (
            "annual_assessments",
            {"year": y, "result": "优秀" if y == year - excellent else "合格", "unit": unit},
        )
        for y in range(year - 5, year)
    )


def pledge(name: str, unit: str, year: int) -> DemoFile:
    return DemoFile(
        AttachmentKind.PLEDGE,
        "申报材料真实性承诺书",
        "pdf",
        "职称申报材料真实性承诺书",
        (
            f"本人{name}，工作单位{unit}，申报{year}年度职称评审。",
            "本人承诺：所填报的申报信息和上传的全部材料真实、准确、完整，",
            "不存在弄虚作假、伪造学历资历、剽窃他人成果等行为。",
            "如有不实，本人愿意承担一切后果，接受撤销所取得职称、",
            "记入诚信档案等处理。",
            "",
            f"承诺人：{name}",
            f"{year}年",
        ),
    )


def annual_file(name: str, unit: str, year: int) -> DemoFile:
    return DemoFile(
        AttachmentKind.ANNUAL_ASSESSMENT,
        f"年度考核登记表（{year - 5}—{year - 1}年）",
        "pdf",
        "专业技术人员年度考核登记表",
        (
            f"姓名：{name}    单位：{unit}",
            *(f"{y}年度    考核结果：见单位考核意见（已盖章）" for y in range(year - 5, year)),
            "",
            f"{unit}（盖章）",
        ),
    )
