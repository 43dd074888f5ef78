"""Seed the 24 구술민원 types and the call topics (admin-editable afterwards; reruns add nothing)."""

from django.db import migrations


def seed(apps, schema_editor):
    from minwon.callcentre.defaults import ensure_defaults

    ensure_defaults(apps.get_model("callcentre", "OralType"), apps.get_model("callcentre", "CallTopic"))


class Migration(migrations.Migration):
    dependencies = [("callcentre", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
