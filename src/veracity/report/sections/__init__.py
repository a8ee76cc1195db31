"""The sections of the verification report, each read from the case's tables into frozen dataclasses."""
