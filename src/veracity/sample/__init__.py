"""The synthetic sample case: a Karakax-like leak, reference sources, claims and the truth about them.

``generate(out_dir, seed=2020, scale=1.0)`` writes five files (names fixed):

- ``karakax_like_leak.xlsx`` — the leak. Sheet ``学员家庭情况``: row 1 a merged
  title, rows 2-3 a two-row header (序号, 户号, 基本情况: 姓名 与户主关系 性别 民族
  身份证号 出生日期 住址, 人员类别, 培训情况: 收押原因 收押时间 处理意见), data row 1
  at physical row 4; households one after another with 户号 merged down,
  blank spacer rows between some, a 合计 row last. Sheet ``统计``: counts per
  village under a one-row header.
- ``testimonies_abroad.csv`` — testimonies of relatives abroad in Latin and
  Uyghur Arabic script; one header row.
- ``other_register.docx`` — a township police ledger in two tables, each with
  one header row.
- ``claims.csv`` — official claims in the contract's columns.
- ``truth.json`` — people, links, households, planted defects and expected
  verdicts, with rows counted as DESIGN.md counts them.

No real person's data: names are random combinations of common given names
and identity numbers are drawn at random.
"""

from veracity.sample.generate import SampleCase, generate

__all__ = ["SampleCase", "generate"]
