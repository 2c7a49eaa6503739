"""The reader's panes: header, sources list, entry list (virtualised) and reader."""
