"""Claims: official statements about the people in a leak, and their judging against the records."""
