"""Seed the 24 구술민원 types and the call topics (admin-editable afterwards; reruns add nothing)."""

from django.db import migrations


def seed(apps, schema_editor):
    from minwon.callcentre.defaults import CALL_TOPICS, ORAL_TYPES

    OralType = apps.get_model("callcentre", "OralType")
    CallTopic = apps.get_model("callcentre", "CallTopic")
    for order, name in enumerate(ORAL_TYPES, start=1):
        OralType.objects.get_or_create(name=name, defaults={"sort_order": order * 10})
    for order, (name, minutes) in enumerate(CALL_TOPICS, start=1):
        CallTopic.objects.get_or_create(name=name, defaults={"sort_order": order * 10, "recommended_minutes": minutes})


class Migration(migrations.Migration):
    dependencies = [("callcentre", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
