"""meeting-tui: run a live meeting from its agenda in the terminal."""

# The one place the version is written: pyproject.toml reads it from here
# ([tool.setuptools.dynamic]), and `meeting-tui --version` prints it.
__version__ = "0.1.0"
