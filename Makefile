# Thin aliases: ./dev does the work (and installs what is missing first).
.PHONY: demo test lint fmt serve worker
demo test lint fmt serve worker:
	./dev $@
