"""liveread's benchmarks: `python -m bench` runs them all, each beside a baseline measured in
the same run (this machine's absolute speed drifts). A target bounds either the ratio to that
baseline or, where the issue sets an absolute bound (ms, MB), the value itself.
"""
