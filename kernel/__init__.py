"""The kernel: the model, errors, text hygiene, anchoring, tag names, the filter language,
settings and paths. It imports nothing first-party."""
