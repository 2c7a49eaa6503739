"""The use cases the CLI and the app share, headless and blocking."""
