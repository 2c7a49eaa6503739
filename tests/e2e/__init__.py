"""End-to-end tests: the installed `liveread` binary in tmux and in a pseudo-terminal."""
