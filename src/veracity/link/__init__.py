"""Identity confirmation: leak records linked to every reference source with Splink, persons,
households and corroborated families, and a reviewer's decisions on the links.

Nothing here imports Splink or PySpark at import time; :func:`run_link` loads them when it runs.
"""

from veracity.link.levels import Level, Status

__all__ = ["Level", "Status"]
