"""The 13 sections of 申报信息, in the seed's order (part 五 (二) 2). Keys are English and stable
(API and URLs use them); labels are the seed's words. Each section declares its fields."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    fields: tuple = field(default_factory=tuple)


SECTIONS: list[Section] = [
    Section("current_titles", "现有职称情况"),
    Section("education", "学历情况"),
    Section("study", "学习经历"),
    Section("work", "工作经历"),
    Section("work_summary", "专业技术工作总结"),
    Section("main_work", "完成主要专业技术工作情况"),
    Section("projects", "承担课题（项目）情况"),
    Section("patents", "获得专利情况"),
    Section("awards", "获得表彰奖励情况"),
    Section("books", "撰写著作情况"),
    Section("papers", "撰写论文情况"),
    Section("continuing_education", "参加继续教育和国际学术活动情况"),
    Section("annual_assessments", "年度考核情况（近五年）"),
]
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
