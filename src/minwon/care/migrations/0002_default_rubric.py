"""The six standard criteria of the answer-quality rubric; the admin edits weights afterwards."""

from django.db import migrations

RUBRIC = (
    ("accuracy", "정확성", "사실과 법령에 맞는 답인가", 2),
    ("completeness", "완결성", "물은 것에 빠짐없이 답했는가", 2),
    ("plain", "쉬운 말", "민원인이 이해할 수 있는 말로 썼는가", 1),
    ("legal_basis", "법적 근거", "근거 법령·규정을 밝혔는가", 1),
    ("remedies", "구제 절차 안내", "불복·이의 절차를 안내했는가", 1),
    ("courtesy", "친절", "정중하고 공감하는 표현인가", 1),
)


def forwards(apps, schema_editor):
    Criterion = apps.get_model("care", "QualityCriterion")
    for i, (code, name, desc, weight) in enumerate(RUBRIC, start=1):
        Criterion.objects.get_or_create(
            code=code, defaults={"name": name, "description": desc, "weight": weight, "sort_order": i * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("care", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
