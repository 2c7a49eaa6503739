"""liveread's benchmarks: `python -m bench` runs them all, each beside a baseline measured in
the same run (this machine's absolute speed drifts, so only ratios are compared to targets).
"""
