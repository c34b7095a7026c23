"""The people and dossiers of the demo's evaluation round (issue 13 item 12; loaded by
demo.evaluation_round): four engineers of 昆明滇云机电科技有限公司 (unit3) applying for 工程师 at
昆明市机电工程中级职称评审委员会, two in 机械设计制造 and two in 自动化 — the specialties of the
round's two 评议组, which the demo pool's experts hold. Their dossiers are built from these facts
by demo.evaluation_dossiers."""

from __future__ import annotations

from dataclasses import dataclass

from .common import id_number

ROUND_UNIT = "unit3"  # 昆明滇云机电科技有限公司: unit → 五华区人社局 → 评委会
STATE_ROUND = "电子材料审核通过，已列入评审批次"

MECHANICAL = "机械设计制造"
AUTOMATION = "自动化"


@dataclass(frozen=True)
class RoundApplicant:
    username: str  # readable; the ID number and the mobile sign in too
    name: str
    id_number: str
    phone: str
    specialty: str  # MECHANICAL or AUTOMATION: the 评议组 the application goes to
    school: str
    major: str
    graduated: int  # the year of the 本科 diploma (July)
    assistant_on: str  # 助理工程师 obtained (YYYY-MM-DD); appointed on 1 January of the next year
    certificate_no: str
    earlier_employer: str
    post: str
    work: str  # what they did here (one sentence, used in the summary and the 主要工作)
    project: str  # their main project
    results: str  # its results
    paper: str  # the paper they published (first author)
    journal: str
    journal_number: str
    excellent: int  # 年度考核 优秀 this many years ago
    witness: str


ROUND_APPLICANTS: list[RoundApplicant] = [
    RoundApplicant(
        "zhouhaitao",
        "周海涛",
        id_number("530102", "19860315", 181),
        "13900000118",
        MECHANICAL,
        "昆明理工大学",
        "机械设计制造及其自动化",
        2008,
        "2017-12-15",
        "KM2017ZL0418",
        "云南昆船机械制造有限公司",
        "机械设计工程师（助理工程师）",
        "负责公司非标机械设备的结构设计、强度校核和图纸审核",
        "污水处理厂刮泥机系列化设计",
        "完成3个规格刮泥机的系列化设计，零件通用率提高40%，已交付12台。",
        "基于有限元分析的刮泥机主梁轻量化设计",
        "机械设计与制造",
        "ISSN 1001-3997，CN 21-1140/TH",
        2,
        "孙立新",
    ),
    RoundApplicant(
        "hexuemei",
        "何雪梅",
        id_number("530102", "19880607", 192),
        "13900000119",
        MECHANICAL,
        "昆明理工大学",
        "机械工程",
        2010,
        "2018-12-20",
        "KM2018ZL0377",
        "昆明重工佳盛慧洁特种车有限公司",
        "工艺工程师（助理工程师）",
        "负责机电设备零部件的加工工艺编制、工装设计和质量改进",
        "泵站闸门启闭机关键零件工艺改进",
        "关键零件一次交检合格率由91%提高到98%，年节约返修费用约15万元。",
        "启闭机卷筒加工工艺优化与应用",
        "机械工程师",
        "ISSN 1002-2333，CN 23-1196/TH",
        3,
        "孙立新",
    ),
    RoundApplicant(
        "qianzhiyuan",
        "钱志远",
        id_number("530102", "19870921", 201),
        "13900000120",
        AUTOMATION,
        "云南大学",
        "自动化",
        2009,
        "2017-12-15",
        "KM2017ZL0423",
        "云南恒达机电设备安装有限公司",
        "自动化工程师（助理工程师）",
        "负责泵站和配电系统的 PLC 控制程序编制、上位机组态和现场调试",
        "供水加压泵站远程监控系统",
        "实现8座加压泵站无人值守和远程监控，运维人员减少一半。",
        "基于 SCADA 的城市供水加压泵站群远程监控",
        "自动化与仪表",
        "ISSN 1001-9944，CN 12-1148/TP",
        2,
        "孙立新",
    ),
    RoundApplicant(
        "tangxiaoyan",
        "唐晓燕",
        id_number("530102", "19900412", 212),
        "13900000121",
        AUTOMATION,
        "昆明理工大学",
        "测控技术与仪器",
        2012,
        "2019-12-18",
        "KM2019ZL0502",
        "昆明华昌自动化工程有限公司",
        "仪表自动化工程师（助理工程师）",
        "负责仪表选型、控制系统设计和自动化项目的调试验收",
        "智能配电柜温湿度在线监测装置",
        "装置在20余个配电房应用，凝露故障基本消除，获实用新型专利1项。",
        "配电柜温湿度在线监测与自动除湿控制",
        "电气传动",
        "ISSN 1001-2095，CN 12-1067/TP",
        1,
        "孙立新",
    ),
]
