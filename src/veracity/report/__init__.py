"""Reading the case out: exports in the contract's columns, redaction, the HTML report."""
