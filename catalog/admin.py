"""Admin of the catalogue. The rows come from catalog/data/*.yaml (`manage.py load_catalog`):
a change made here is overwritten by the next load unless the data file is changed too."""

from django.contrib import admin

from .models import Contact, FaqEntry, HelpPage, Series, Title, Track

LOADED_NOTE = "本表数据由数据文件载入（manage.py load_catalog），在此修改后，下次载入会按数据文件恢复。"


class LoadedDataAdmin(admin.ModelAdmin):
    """Says above each list that the rows come from the data files."""

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "subtitle": LOADED_NOTE})


class TrackInline(admin.TabularInline):
    model = Track
    extra = 0
    fields = ("name", "order")
    show_change_link = True


class TitleInline(admin.TabularInline):
    model = Title
    extra = 0
    fields = ("level", "name")


@admin.register(Series)
class SeriesAdmin(LoadedDataAdmin):
    list_display = ("number", "name", "track_count")
    list_display_links = ("name",)
    search_fields = ("name", "tracks__name", "tracks__titles__name")
    list_filter = ("tracks__titles__level",)
    inlines = [TrackInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tracks")

    @admin.display(description="方向数")
    def track_count(self, obj: Series) -> int:
        return len(obj.tracks.all())


@admin.register(Track)
class TrackAdmin(LoadedDataAdmin):
    list_display = ("series", "name", "order")
    list_select_related = ("series",)
    search_fields = ("name", "series__name", "titles__name")
    list_filter = ("series",)
    inlines = [TitleInline]


@admin.register(Title)
class TitleAdmin(LoadedDataAdmin):
    list_display = ("name", "level", "track", "series_name")
    list_select_related = ("track__series",)
    search_fields = ("name", "track__name", "track__series__name")
    list_filter = ("level", "track__series")

    @admin.display(description="系列", ordering="track__series__number")
    def series_name(self, obj: Title) -> str:
        return obj.track.series.name


@admin.register(FaqEntry)
class FaqEntryAdmin(LoadedDataAdmin):
    list_display = ("number", "question", "kind", "tags", "see")
    list_display_links = ("question",)
    search_fields = ("question", "answer", "tags")
    list_filter = ("kind", "see")


@admin.register(HelpPage)
class HelpPageAdmin(LoadedDataAdmin):
    list_display = ("order", "title", "slug")
    list_display_links = ("title",)
    search_fields = ("title", "body", "slug")
    list_filter = ("order",)


@admin.register(Contact)
class ContactAdmin(LoadedDataAdmin):
    list_display = ("order", "label", "value", "key")
    list_display_links = ("label",)
    search_fields = ("label", "value", "note", "key")
    list_filter = ("key",)
