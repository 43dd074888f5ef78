"""The default quick-pick buttons of the phone page: (label, category code, route directly).

Pure data. `services.install_default_categories` creates the ones whose category exists; the
admin edits them afterwards (STYLE §6). 기타 goes to the desk, which knows where odd things belong.
"""

FIELD_CATEGORIES: tuple[tuple[str, str, bool], ...] = (
    ("도로", "road", True),
    ("교통", "traffic", True),
    ("광고물", "ad", True),
    ("쓰레기", "waste", True),
    ("가로등", "streetlight", True),
    ("공원·녹지", "park", True),
    ("공공시설", "facility", True),
    ("기타", "facility", False),
)
