"""The app's screens, one per module: the main reader, the keys panel, the confirm dialog."""
