"""Korean text helpers for triage: morpheme analysis (kiwipiepy) and text/place similarity.

Pure Python: nothing here imports Django, so the evaluation command and the benchmarks can use it
without a database.
"""
