"""Reference values for MyoStore's rate statistics (Tests/MyoStoreTests/RateStatisticsTests.swift).

Run: python reference_statistics.py   (needs numpy and scipy)
Prints binomial upper tails P(X >= k), beta quantiles, and exact conditional (Clopper-Pearson)
rate-ratio intervals, as scipy computes them.
"""
from scipy import stats

print("# binomial upper tail: k n p sf")
for k, n, p in [(5, 10, 0.3), (30, 50, 0.4), (1, 1, 0.5), (120, 200, 0.5), (700, 1000, 0.65), (9, 1000, 0.002),
                (500800, 1000000, 0.5)]:
    print(k, n, p, repr(float(stats.binom.sf(k - 1, n, p))))

print("# beta quantile: q a b ppf")
for q, a, b in [(0.025, 3, 8), (0.975, 4, 7), (0.5, 0.5, 0.5), (0.025, 200, 300)]:
    print(q, a, b, repr(float(stats.beta.ppf(q, a, b))))

print("# rate ratio: x1 t1 x0 t0 ratio lower upper")
for x1, t1, x0, t0 in [(40, 10.0, 30, 20.0), (5, 2.0, 20, 4.0), (0, 3.0, 12, 6.0)]:
    n = x1 + x0
    lo_pi = stats.beta.ppf(0.025, x1, n - x1 + 1) if x1 > 0 else 0.0
    hi_pi = stats.beta.ppf(0.975, x1 + 1, n - x1) if x0 > 0 else 1.0
    rr = lambda pi: pi / (1 - pi) * t0 / t1
    print(x1, t1, x0, t0, repr((x1 / t1) / (x0 / t0)), repr(float(rr(lo_pi))), repr(float(rr(hi_pi))))
