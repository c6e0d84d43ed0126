import django_filters

from sources.models import Snapshot, Source
from workbench.api.filters import IdFilter, TextFilter


class SourceFilter(django_filters.FilterSet):
    domain = TextFilter(help_text="Exact host name, e.g. 'www.example.org'.")
    live_status = django_filters.ChoiceFilter(choices=Source.LiveStatus.choices)

    class Meta:
        model = Source
        fields = ["domain", "live_status"]


class SnapshotFilter(django_filters.FilterSet):
    source = IdFilter(field_name="source_id", help_text="Source id.")
    status = django_filters.ChoiceFilter(choices=Snapshot.Status.choices)

    class Meta:
        model = Snapshot
        fields = ["source", "status"]
