"""Exact tail probabilities and intervals for the dataset statistics, with ``math`` only.

Binomial tails are summed term by term in log space from the observed count
outwards (exact up to float rounding; the sum stops once terms fall below
1e-17 of it). Chi-square tails use the regularised upper incomplete gamma
function (series or continued fraction, as in Numerical Recipes §6.2). No
scipy: these few functions are all the statistics need.

>>> round(binom_sf(8, 10, 0.5), 4)
0.0547
>>> round(chi2_sf(12.59, 6), 3)
0.05
>>> tuple(round(x, 3) for x in wilson(8, 10))
(0.49, 0.943)
"""

from __future__ import annotations

import math

_NEGLIGIBLE = 1e-17


def _log_pmf(i: int, n: int, p: float) -> float:
    return (math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
            + i * math.log(p) + (n - i) * math.log1p(-p))


def _sum_away(start: int, step: int, n: int, p: float) -> float:
    """Sum of pmf(i) for i from START moving by STEP to the end of 0..n; START lies beyond the mode."""
    total, i = 0.0, start
    while 0 <= i <= n:
        term = math.exp(_log_pmf(i, n, p))
        total += term
        if term < _NEGLIGIBLE * total or term == 0.0:
            break
        i += step
    return total


def binom_sf(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p).

    >>> binom_sf(0, 5, 0.3), binom_sf(6, 5, 0.3)
    (1.0, 0.0)
    >>> binom_sf(1000, 1000, 1 / 11) < 1e-300
    True
    """
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if p <= 0.0 or p >= 1.0:
        return 1.0 if p >= 1.0 else 0.0
    if k > n * p:
        return min(1.0, _sum_away(k, 1, n, p))
    return max(0.0, 1.0 - _sum_away(k - 1, -1, n, p))


def binom_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p).

    >>> round(binom_cdf(2, 10, 0.5), 4)
    0.0547
    """
    return 1.0 - binom_sf(k + 1, n, p) if k < n else 1.0


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval (95% by default) for a share of K in N.

    >>> wilson(0, 0)
    (0.0, 1.0)
    """
    if n == 0:
        return (0.0, 1.0)
    share, z2 = k / n, z * z
    centre = (share + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def _gamma_q(s: float, x: float) -> float:
    """Regularised upper incomplete gamma Q(s, x)."""
    if x <= 0:
        return 1.0
    log_front = -x + s * math.log(x) - math.lgamma(s)
    if x < s + 1:  # series for P, then Q = 1 - P
        term = total = 1.0 / s
        a = s
        while abs(term) > abs(total) * 1e-16:
            a += 1
            term *= x / a
            total += term
        return max(0.0, 1.0 - total * math.exp(log_front))
    tiny = 1e-300  # modified Lentz continued fraction for Q
    b, c, d = x + 1 - s, 1 / tiny, 1 / (x + 1 - s)
    h = d
    for i in range(1, 10_000):
        an = -i * (i - s)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        h *= d * c
        if abs(d * c - 1) < 1e-16:
            break
    return math.exp(log_front) * h


def chi2_sf(x: float, df: int) -> float:
    """P(X >= x) for X ~ chi-square with DF degrees of freedom.

    >>> round(chi2_sf(43.77, 30), 3)
    0.05
    """
    return _gamma_q(df / 2, x / 2)


def chi2_uniform(observed: list[int], weights: list[float]) -> tuple[float, float]:
    """Pearson's chi-square statistic and its p-value for counts against expected WEIGHTS.

    >>> chi2_uniform([10, 10, 10], [1, 1, 1])
    (0.0, 1.0)
    """
    n, total_w = sum(observed), sum(weights)
    if n == 0:
        return (0.0, 1.0)
    stat = sum((o - n * w / total_w) ** 2 / (n * w / total_w) for o, w in zip(observed, weights, strict=True))
    return (stat, chi2_sf(stat, len(observed) - 1))
