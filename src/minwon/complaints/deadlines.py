"""Bridge between complaints and the pure legal clock (minwon.lib.legalclock). Filled in below."""

DEFAULT_REMEDIES = (
    "이 처분에 이의가 있으면 처분을 안 날부터 90일 이내에 행정심판법에 따른 행정심판 또는 "
    "행정소송법에 따른 행정소송을 제기할 수 있으며, 민원 처리에 관한 법률 제35조에 따라 "
    "결과를 통지받은 날부터 60일 이내에 이의신청을 할 수 있습니다."
)
