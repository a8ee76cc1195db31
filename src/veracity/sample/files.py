"""The names of the files a sample case consists of (fixed: tests and benchmarks rely on them).

>>> LEAK
'karakax_like_leak.xlsx'
"""

LEAK = "karakax_like_leak.xlsx"
TESTIMONIES = "testimonies_abroad.csv"
REGISTER = "other_register.docx"
CLAIMS = "claims.csv"
TRUTH = "truth.json"
