"""The routes of the review UI, one module per group of pages; each parses, calls one function, renders."""
