"""Tests of the Textual app, driven by Pilot, and its snapshots."""
