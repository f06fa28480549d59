"""An upper bound on the value any schedule can hold: the Lagrangian dual of a b-matching LP.

Forget which slot each meeting takes and keep three families of constraints: a company c
holds at most b_c meetings (its cap, and no more than the slots it attends), a pair meets at
most once, and the day holds at most K meetings (tables × slots, fewer where few people are
present). Every schedule is feasible for this relaxation, so its LP optimum bounds the value
of every schedule. For any multipliers λ ≥ 0 (companies) and μ ≥ 0 (the day's capacity),

    L(λ, μ) = Σ_c λ_c b_c + μ K + Σ_pairs max(0, w_uv − λ_u − λ_v − μ)

is at least that optimum (weak duality), so every iterate of the subgradient descent below
is a valid bound and we keep the smallest. The minimum over λ, μ equals the LP optimum, and
for pure supplier–buyer corridors without availability limits the LP is integral and
reachable (König: a bipartite multigraph of degree ≤ S colours into S slots), so the bound
is tight there.
"""
from __future__ import annotations

from typing import Sequence


def top_k_sum(weights: Sequence[float], k: int) -> float:
    return sum(sorted(weights, reverse=True)[:max(k, 0)])


def lagrangian_bound(
    n: int,
    edges: Sequence[tuple[int, int, float]],
    degree_caps: Sequence[int],
    capacity: int,
    target: float = 0.0,
    iterations: int = 300,
) -> float:
    """The least L(λ, μ) found; `target` is a known feasible value (it steers the step size)."""
    if not edges or capacity <= 0:
        return 0.0
    weights = [w for _, _, w in edges]
    best = min(top_k_sum(weights, capacity), _half_best_k(n, edges, degree_caps))
    for start in (_coordinate_descent(n, edges, degree_caps, capacity),
                  _seat_prices(n, edges, degree_caps, weights, capacity)):
        if best <= target + 1e-6 * max(1.0, best):
            break
        best = min(best, _subgradient(edges, degree_caps, capacity, start, target, best, iterations))
    return max(best, target)


def _subgradient(edges, degree_caps, capacity, start, target, best, iterations) -> float:
    """Polyak steps towards the target; every iterate's L is a valid bound, the least is kept."""
    lam, mu = list(start[0]), start[1]
    n = len(lam)
    theta, stalled = 1.0, 0
    for _ in range(iterations):
        used = [0] * n
        used_total = 0
        value = 0.0
        for u, v, w in edges:
            reduced = w - lam[u] - lam[v] - mu
            if reduced > 0:
                value += reduced
                used[u] += 1
                used[v] += 1
                used_total += 1
        value += sum(price * b for price, b in zip(lam, degree_caps)) + mu * capacity
        if value < best - 1e-9:
            best, stalled = value, 0
        else:
            stalled += 1
            if stalled >= 20:
                theta, stalled = theta / 2, 0
        gaps = [b - u for b, u in zip(degree_caps, used)]
        gap_mu = capacity - used_total
        norm = sum(g * g for g in gaps) + gap_mu * gap_mu
        if norm == 0 or theta < 1e-3 or best - target <= 1e-6 * max(1.0, best):
            break
        step = theta * (value - target) / norm
        lam = [max(0.0, price - step * g) for price, g in zip(lam, gaps)]
        mu = max(0.0, mu - step * gap_mu)
    return best


def seat_prices(n: int, edges: Sequence[tuple[int, int, float]], degree_caps: Sequence[int],
                capacity: int) -> tuple[list[float], float]:
    """Near-optimal dual prices (λ per company, μ per seat of the day), to rank pairs by."""
    if not edges or capacity <= 0:
        return [0.0] * n, 0.0
    return _coordinate_descent(n, edges, degree_caps, capacity)


def _half_best_k(n: int, edges, degree_caps) -> float:
    """Each meeting has two sides: half the sum over companies of their b_c best pairs."""
    per_company: list[list[float]] = [[] for _ in range(n)]
    for u, v, w in edges:
        per_company[u].append(w)
        per_company[v].append(w)
    return sum(top_k_sum(ws, degree_caps[c]) for c, ws in enumerate(per_company)) / 2


def _coordinate_descent(n, edges, degree_caps, capacity, sweeps: int = 30):
    """Exact minimisation of L in one multiplier at a time: λ_c becomes the reduced weight of c's
    first pair beyond its cap, so exactly b_c of its pairs stay profitable. Converges to the LP
    optimum on most bipartite inputs; the subgradient steps afterwards take care of the rest."""
    incident: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for u, v, w in edges:
        incident[u].append((v, w))
        incident[v].append((u, w))
    lam, mu = [0.0] * n, 0.0
    best_value, best = float("inf"), (lam[:], mu)
    for _ in range(sweeps):
        for c in range(n):
            cap = degree_caps[c]
            if len(incident[c]) <= cap:
                lam[c] = 0.0
                continue
            reduced = sorted((w - lam[other] - mu for other, w in incident[c]), reverse=True)
            lam[c] = max(0.0, reduced[cap])
        reduced = sorted((w - lam[u] - lam[v] for u, v, w in edges), reverse=True)
        mu = max(0.0, reduced[capacity]) if len(reduced) > capacity else 0.0
        value = _dual_value(edges, degree_caps, capacity, lam, mu)
        if value >= best_value - 1e-9:
            break
        best_value, best = value, (lam[:], mu)
    return best


def _dual_value(edges, degree_caps, capacity, lam, mu) -> float:
    value = sum(price * b for price, b in zip(lam, degree_caps)) + mu * capacity
    for u, v, w in edges:
        reduced = w - lam[u] - lam[v] - mu
        if reduced > 0:
            value += reduced
    return value


def _seat_prices(n, edges, degree_caps, weights, capacity):
    """Half the weight of each company's first pair beyond its cap: the price of a seat there."""
    per_company: list[list[float]] = [[] for _ in range(n)]
    for u, v, w in edges:
        per_company[u].append(w)
        per_company[v].append(w)
    lam = []
    for c, ws in enumerate(per_company):
        ws.sort(reverse=True)
        lam.append(ws[degree_caps[c]] / 2 if len(ws) > degree_caps[c] else 0.0)
    ranked = sorted(weights, reverse=True)
    mu = ranked[capacity] / 2 if len(ranked) > capacity else 0.0
    return lam, mu
