"""Default data for a new city (org chart, category tree) and the demo city built on top of it."""
