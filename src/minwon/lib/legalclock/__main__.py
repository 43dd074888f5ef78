"""``python -m minwon.lib.legalclock …`` runs ``minwon deadline``."""

from .cli import main

raise SystemExit(main())
