"""Pure-Python helpers that import nothing from Django or from minwon apps (STYLE.md §1)."""
