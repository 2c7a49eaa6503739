"""End-to-end tests: the installed `liveread` binary in a real pseudo-terminal, its
screen kept by a VT emulator (pyte)."""
