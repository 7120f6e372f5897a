"""What the tests share that is not a fixture: paths, a fake clock, drivers of
the real processes (tmux, the follow writer, Chromium)."""
