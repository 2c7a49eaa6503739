"""The `liveread` command: argument parsing and one module per verb group."""
