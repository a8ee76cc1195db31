"""veracity: verify leaked registers of people whose authenticity is disputed.

The package is layered (see docs and ../shared/DESIGN.md): foundation modules
(errors, limits, locator, script) import nothing from veracity; the pure
domain (idnumber, regions, names) uses only package data; storage (case,
evidence, audit) and ingest build the case; analysis and report read it.
"""

__version__ = "0.1.0"
