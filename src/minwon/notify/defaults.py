"""Built-in wording of every notice (Django template syntax), overridable per row in the admin.

Each notice has a subject (e-mail, letter title, staff alert title), a short body (SMS, 알림톡)
and a long body (e-mail, letter, staff alert). The context holds plain strings prepared by
`minwon.notify.context`; see docs/notifications.md for the list of names.

Every applicant notice names the handling department, handler and office phone, as 영 제31조
requires of result notices; the others do so too, because that is the number a citizen calls.
"""

from __future__ import annotations

from .choices import NoticeKey as K

_CONTACT_KO = "담당: {{ department|default:'민원봉사과' }} {{ handler }} ({{ contact_phone }})"
_CONTACT_EN = "Contact: {{ department|default:'Civil Affairs' }} {{ handler }} ({{ contact_phone }})"
_TAIL_KO = "\n\n" + _CONTACT_KO + "\n{{ city }} 민원 안내 {{ agency_phone }}"

# key -> language -> (subject, short_body, body)
DEFAULTS: dict[str, dict[str, tuple[str, str, str]]] = {
    K.ACCEPTED: {
        "ko": (
            "[{{ city }}] 민원이 접수되었습니다 ({{ tracking_no }})",
            "[{{ city }}] 민원({{ tracking_no }})이 접수되었습니다. 처리기한: {{ due }}",
            "{{ applicant_name|default:'민원인' }}님, 신청하신 민원이 접수되었습니다.\n\n"
            "접수번호: {{ tracking_no }}\n제목: {{ title }}\n접수 시각: {{ accepted }}\n"
            "처리기한: {{ due }}\n\n처리 과정은 접수번호로 언제든 확인하실 수 있습니다." + _TAIL_KO,
        ),
        "en": (
            "[{{ city }}] Your complaint has been accepted ({{ tracking_no }})",
            "[{{ city }}] Complaint {{ tracking_no }} accepted. Due: {{ due }}",
            "Your complaint '{{ title }}' was accepted as {{ tracking_no }} on {{ accepted }}.\n"
            "We will answer by {{ due }}.\n\n" + _CONTACT_EN,
        ),
    },
    K.ASSIGNED: {
        "ko": (
            "[{{ city }}] 민원 처리부서가 정해졌습니다 ({{ tracking_no }})",
            "[{{ city }}] 민원({{ tracking_no }})을 {{ department }}에서 처리합니다. 처리기한: {{ due }}",
            "{{ applicant_name|default:'민원인' }}님의 민원({{ tracking_no }}, {{ title }})을 "
            "{{ department }}에서 처리합니다.\n처리기한: {{ due }}" + _TAIL_KO,
        ),
        "en": (
            "[{{ city }}] Your complaint {{ tracking_no }} was assigned",
            "[{{ city }}] {{ tracking_no }} is handled by {{ department }}. Due: {{ due }}",
            "Your complaint {{ tracking_no }} ('{{ title }}') is handled by {{ department }}.\n"
            "Due: {{ due }}\n\n" + _CONTACT_EN,
        ),
    },
    K.SUPPLEMENT_REQUESTED: {
        "ko": (
            "[{{ city }}] 민원 보완을 요청드립니다 ({{ tracking_no }})",
            "[{{ city }}] 민원({{ tracking_no }}) 보완 요청: {{ supplement_what|truncatechars:60 }}"
            "{% if supplement_until %} ({{ supplement_until }}){% endif %} 문의 {{ contact_phone }}",
            "{{ applicant_name|default:'민원인' }}님의 민원({{ tracking_no }}, {{ title }})을 처리하려면 "
            "다음 보완이 필요합니다.\n\n{{ supplement_what }}\n"
            "{% if supplement_until %}\n보완 기한: {{ supplement_until }}\n{% endif %}"
            "\n보완하실 때까지 처리기간은 멈춥니다(민원 처리에 관한 법률 제22조)." + _TAIL_KO,
        ),
    },
    K.EXTENDED: {
        "ko": (
            "[{{ city }}] 민원 처리기간이 연장되었습니다 ({{ tracking_no }})",
            "[{{ city }}] 민원({{ tracking_no }}) 처리기간 연장: {{ due }}. 사유: "
            "{{ extension_reason|truncatechars:50 }}",
            "{{ applicant_name|default:'민원인' }}님의 민원({{ tracking_no }}, {{ title }})의 처리기간을 "
            "연장합니다(민원 처리에 관한 법률 시행령 제21조).\n\n연장 사유: {{ extension_reason }}\n"
            "종전 처리기한: {{ previous_due }}\n새 처리기한: {{ due }}" + _TAIL_KO,
        ),
    },
    K.TRANSFERRED: {
        "ko": (
            "[{{ city }}] 민원이 다른 기관으로 이송되었습니다 ({{ tracking_no }})",
            "[{{ city }}] 민원({{ tracking_no }})은 {{ agency }} 소관이라 그 기관으로 이송했습니다.",
            "{{ applicant_name|default:'민원인' }}님의 민원({{ tracking_no }}, {{ title }})은 "
            "{{ agency }} 소관이어서 그 기관으로 이송하였습니다(민원 처리에 관한 법률 제16조).\n\n"
            "이송 사유: {{ note }}\n앞으로의 처리 결과는 {{ agency }}에서 알려 드립니다." + _TAIL_KO,
        ),
    },
    K.PROGRESS: {
        "ko": (
            "[{{ city }}] 민원 처리 진행 상황 안내 ({{ tracking_no }})",
            "[{{ city }}] 민원({{ tracking_no }})은 접수 후 {{ progress_days }}일째 처리 중입니다"
            "({{ status }}). 처리기한: {{ due }}",
            "{{ applicant_name|default:'민원인' }}님의 민원({{ tracking_no }}, {{ title }})은 "
            "접수({{ accepted }}) 후 {{ progress_days }}일이 지났으나 아직 처리 중입니다"
            "(민원 처리에 관한 법률 시행령 제23조).\n\n현재 상태: {{ status }}\n처리기한: {{ due }}"
            + _TAIL_KO,
        ),
    },
    K.ANSWERED: {
        "ko": (
            "[{{ city }}] 민원 처리 결과를 알려 드립니다 ({{ tracking_no }})",
            "[{{ city }}] 민원({{ tracking_no }}) 처리 결과\n{{ answer|truncatechars:400 }}\n"
            + _CONTACT_KO
            + "\n만족도 조사: {{ satisfaction_url }}",
            "{{ applicant_name|default:'민원인' }}님께서 신청하신 민원의 처리 결과를 다음과 같이 "
            "알려 드립니다.\n\n접수번호: {{ tracking_no }}\n제목: {{ title }}\n\n{{ answer }}\n\n"
            "답변이 도움이 되었는지 알려 주십시오(한 번 누르면 됩니다): {{ satisfaction_url }}" + _TAIL_KO,
        ),
        "en": (
            "[{{ city }}] Answer to your complaint {{ tracking_no }}",
            "[{{ city }}] {{ tracking_no }}: {{ answer|truncatechars:300 }} Rate: {{ satisfaction_url }}",
            "Answer to your complaint {{ tracking_no }} ('{{ title }}'):\n\n{{ answer }}\n\n"
            "Please tell us whether this helped: {{ satisfaction_url }}\n\n" + _CONTACT_EN,
        ),
    },
    K.REJECTED: {
        "ko": (
            "[{{ city }}] 민원 반려 통지 ({{ tracking_no }})",
            "[{{ city }}] 민원({{ tracking_no }})이 반려되었습니다. 사유와 불복 절차는 서면·전자우편 "
            "통지를 확인하시거나 {{ contact_phone }}로 문의해 주십시오.",
            "{{ applicant_name|default:'민원인' }}님께서 신청하신 민원({{ tracking_no }}, {{ title }})을 "
            "다음 사유로 반려합니다.\n\n반려 사유: {{ reason }}\n\n구제 절차: {{ remedies }}" + _TAIL_KO,
        ),
    },
    K.CLOSED: {
        "ko": (
            "[{{ city }}] 민원이 종결되었습니다 ({{ tracking_no }})",
            "[{{ city }}] 민원({{ tracking_no }})이 종결되었습니다"
            "{% if closure_reason %}({{ closure_reason }}){% endif %}. 만족도 조사: {{ satisfaction_url }}",
            "{{ applicant_name|default:'민원인' }}님의 민원({{ tracking_no }}, {{ title }})이 "
            "종결되었습니다({{ closure_reason }}).\n해결되지 않았다면 재처리를 요청하실 수 있습니다.\n\n"
            "만족도 조사: {{ satisfaction_url }}" + _TAIL_KO,
        ),
    },
    K.MERGED: {
        "ko": (
            "[{{ city }}] 민원이 함께 처리됩니다 ({{ tracking_no }})",
            "[{{ city }}] 민원({{ tracking_no }})은 같은 내용의 민원({{ into }})과 함께 처리되며 결과도 함께 "
            "알려 드립니다.",
            "{{ applicant_name|default:'민원인' }}님의 민원({{ tracking_no }}, {{ title }})은 같은 내용으로 "
            "먼저 접수된 민원({{ into }})과 병합하여 함께 처리합니다. 처리 결과도 함께 알려 드립니다."
            + _TAIL_KO,
        ),
    },
    K.WITHDRAWN: {
        "ko": (
            "[{{ city }}] 민원 취하를 확인했습니다 ({{ tracking_no }})",
            "[{{ city }}] 민원({{ tracking_no }}) 취하가 처리되었습니다.",
            "{{ applicant_name|default:'민원인' }}님의 요청에 따라 민원({{ tracking_no }}, {{ title }})을 "
            "취하 처리했습니다." + _TAIL_KO,
        ),
    },
    K.SUPPORTER_RESULT: {
        "ko": (
            "[{{ city }}] 공감하신 민원의 처리 결과를 알려 드립니다 ({{ tracking_no }})",
            "[{{ city }}] 공감하신 민원({{ tracking_no }}) {{ status }}"
            "{% if answer %}\n{{ answer|truncatechars:300 }}{% endif %}\n" + _CONTACT_KO,
            "{{ supporter_name|default:'시민' }}님, 공감하신 민원의 처리 결과를 알려 드립니다.\n\n"
            "접수번호: {{ tracking_no }}\n제목: {{ title }}\n"
            "처리 상태: {{ status }}{% if closure_reason %} ({{ closure_reason }}){% endif %}"
            "{% if answer %}\n\n{{ answer }}{% endif %}\n\n"
            "공감해 주셔서 감사합니다. 이 안내는 공감할 때 결과를 받겠다고 하신 분께 보내 드립니다."
            + _TAIL_KO,
        ),
        "en": (
            "[{{ city }}] Result of the complaint you supported ({{ tracking_no }})",
            "[{{ city }}] {{ tracking_no }} you supported: {{ status }}"
            "{% if answer %} {{ answer|truncatechars:250 }}{% endif %}",
            "The complaint you supported, {{ tracking_no }} ('{{ title }}'), is now: {{ status }}."
            "{% if answer %}\n\n{{ answer }}{% endif %}\n\n" + _CONTACT_EN,
        ),
    },
    # Staff alerts: the subject is the inbox title, the body its text, the short body an SMS
    # (unused unless a city routes staff alerts to SMS).
    K.STAFF_ASSIGNED: {
        "ko": (
            "새 민원 배정: {{ tracking_no }} {{ title|truncatechars:40 }}",
            "새 민원 {{ tracking_no }} 배정 ({{ department }}), 처리기한 {{ due }}",
            "{{ department }}에 민원이 배정되었습니다.\n\n접수번호: {{ tracking_no }}\n제목: {{ title }}\n"
            "유형: {{ category }}\n처리기한: {{ due }}\n"
            "{% if reassigned %}\n이전 부서: {{ from_department }} "
            "(재배정 {{ reassign_count }}회)\n{% endif %}",
        ),
    },
    K.STAFF_HANDLER: {
        "ko": (
            "담당 지정: {{ tracking_no }} {{ title|truncatechars:40 }}",
            "민원 {{ tracking_no }} 담당자로 지정되었습니다. 처리기한 {{ due }}",
            "{{ handler }}님이 민원 {{ tracking_no }}({{ title }})의 담당자로 지정되었습니다.\n"
            "처리기한: {{ due }}",
        ),
    },
    K.STAFF_REOPENED: {
        "ko": (
            "재처리 요청: {{ tracking_no }} {{ title|truncatechars:40 }}",
            "민원 {{ tracking_no }} 재처리 요청. 처리기한 {{ due }}",
            "민원인이 민원 {{ tracking_no }}({{ title }})의 재처리를 요청했습니다.\n\n사유: {{ note }}\n"
            "새 처리기한: {{ due }}",
        ),
    },
    K.STAFF_DUE_SOON: {
        "ko": (
            "처리기한 임박: {{ tracking_no }} ({{ due }})",
            "민원 {{ tracking_no }} 처리기한 임박: {{ due }}",
            "민원 {{ tracking_no }}({{ title }})의 처리기한이 {{ hours }}근무시간 안에 다가옵니다.\n"
            "처리기한: {{ due }}\n담당: {{ department }} {{ handler|default:'(미지정)' }}",
        ),
    },
    K.STAFF_OVERDUE: {
        "ko": (
            "처리기한 경과: {{ tracking_no }} ({{ due }})",
            "민원 {{ tracking_no }} 처리기한 경과 ({{ due }})",
            "민원 {{ tracking_no }}({{ title }})이 처리기한({{ due }})을 넘겼습니다.\n"
            "담당: {{ department }} {{ handler|default:'(미지정)' }}\n부서장 확인이 필요합니다.",
        ),
    },
    K.STAFF_ROUTING_LATE: {
        "ko": (
            "배정 기한 경과: {{ tracking_no }} {{ title|truncatechars:40 }}",
            "민원 {{ tracking_no }} 부서 배정 기한({{ routing_due }}) 경과",
            "민원 {{ tracking_no }}({{ title }})이 부서 배정 기한({{ routing_due }})을 넘겼습니다"
            "(시행령 제13조: 접수 후 1근무시간 이내 배정).\n유형: {{ category }}",
        ),
    },
    K.STAFF_DESK_HEAD: {
        "ko": (
            "재배정 {{ reassign_count }}회: {{ tracking_no }} 민원팀장 확인 필요",
            "민원 {{ tracking_no }} 부서 재배정 {{ reassign_count }}회: 확인 필요",
            "민원 {{ tracking_no }}({{ title }})이 부서 사이에서 {{ reassign_count }}번 재배정되었습니다.\n"
            "현재 부서: {{ department }}\n처리 부서를 정해 주십시오.",
        ),
    },
}


def default_for(key: str, language: str) -> tuple[str, str, str]:
    """The built-in wording, in `language` if written, else Korean."""
    by_lang = DEFAULTS[key]
    return by_lang.get(language) or by_lang["ko"]
