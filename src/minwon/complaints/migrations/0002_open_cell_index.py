# The partial index that the similar-민원 lookup around a place reads (see Complaint.Meta).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0001_initial'),
        ('org', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(condition=models.Q(('status__in', ('received', 'accepted', 'assigned', 'in_progress', 'supplement_requested', 'reopened'))), fields=['h3_cell', 'received_at'], name='cmp_open_cell_received'),
        ),
    ]
