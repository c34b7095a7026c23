"""The catalogue of seed part 二: series, their tracks, the title at each level; and the policy
help (the 25 questions, the site FAQ, the must-read notes). Loaded from catalog/data/ by
`manage.py load_catalog`; never edited by hand in production."""

from django.db import models


class Level(models.TextChoices):
    SENIOR_FULL = "senior_full", "正高级"
    SENIOR_ASSOCIATE = "senior_associate", "副高级"
    INTERMEDIATE = "intermediate", "中级"
    ASSISTANT = "assistant", "助理级"
    JUNIOR = "junior", "员级"


LEVEL_ORDER = [level.value for level in Level]


class Series(models.Model):
    number = models.PositiveSmallIntegerField("序号", unique=True)
    name = models.CharField("系列", max_length=40, unique=True)

    class Meta:
        verbose_name = "职称系列"
        verbose_name_plural = "职称系列"
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    """A series may have several tracks with their own title names (新闻: 记者 / 编辑)."""

    series = models.ForeignKey(Series, verbose_name="系列", on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField("方向", max_length=40)
    order = models.PositiveSmallIntegerField("顺序", default=1)

    class Meta:
        verbose_name = "系列方向"
        verbose_name_plural = "系列方向"
        ordering = ["series__number", "order"]
        constraints = [models.UniqueConstraint(fields=["series", "name"], name="track_unique_name")]

    def __str__(self) -> str:
        return self.name if self.name == self.series.name else f"{self.series.name}（{self.name}）"


class Title(models.Model):
    track = models.ForeignKey(Track, verbose_name="方向", on_delete=models.CASCADE, related_name="titles")
    level = models.CharField("层级", max_length=20, choices=Level.choices)
    name = models.CharField("职称名称", max_length=60)

    class Meta:
        verbose_name = "职称名称"
        verbose_name_plural = "职称名称"
        constraints = [models.UniqueConstraint(fields=["track", "level"], name="title_unique_level")]

    def __str__(self) -> str:
        return self.name


class FaqKind(models.TextChoices):
    KNOWLEDGE = "knowledge", "职称知识25问"
    SITE = "site", "申报网站常见问题"


class FaqEntry(models.Model):
    kind = models.CharField("类别", max_length=20, choices=FaqKind.choices)
    number = models.PositiveSmallIntegerField("序号")
    question = models.CharField("问题", max_length=200)
    answer = models.TextField("解答")
    tags = models.CharField("关键词", max_length=200, blank=True)
    see = models.CharField("参见", max_length=40, blank=True)

    class Meta:
        verbose_name = "政策问答"
        verbose_name_plural = "政策问答"
        ordering = ["kind", "number"]
        constraints = [models.UniqueConstraint(fields=["kind", "number"], name="faq_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.question}"


class HelpPage(models.Model):
    slug = models.SlugField("标识", unique=True)
    title = models.CharField("标题", max_length=100)
    order = models.PositiveSmallIntegerField("顺序", default=0)
    body = models.TextField("正文")

    class Meta:
        verbose_name = "帮助页"
        verbose_name_plural = "帮助页"
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title


class Contact(models.Model):
    key = models.SlugField("标识", unique=True)
    label = models.CharField("名称", max_length=100)
    value = models.CharField("联系方式", max_length=200)
    note = models.TextField("说明", blank=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "联系方式"
        verbose_name_plural = "联系方式"
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.label}：{self.value}"
