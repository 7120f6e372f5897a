"""meeting-tui: run a live meeting from its agenda in the terminal."""

__version__ = "0.1.0"
