#!/usr/bin/env python3
"""Fit the exit rates and entry shares of the care ladder in scenarios/dcst_2022.toml
to DfE's figures for Doncaster (data/doncaster_cla_to_2021.csv).

    python3 data/fit_dcst_ladder.py        # from the repository root; Python 3.11+

It reads the ladder's opening counts, entries and move rates from the scenario and the
DfE counts and flows from the data file, and prints:

1. the exit target: children ceasing to be looked after in 2017/18-2019/20 over the
   child-years in care (the mean of each year's opening and closing counts), the
   pandemic year 2020/21 left out, then restated per child in the ladder (the children
   outside the ladder are held constant, so the ladder's children carry every exit);
2. the scale k of the illustrative exit-rate pattern below that makes the ladder's exits
   in 2021/22 that share of its average count, and the entry shares that keep the
   placement mix of 31 March 2021 through 2021/22, given those exits and the moves;
3. a back-cast: the fitted ladder run from 31 March 2017 with the published starts,
   against DfE's counts and ceased flows.

The monthly step is that of docs/scenario-format.md, section 9b, with entries flat
through the year. In the scenario, entries follow the monthly demand index, which
averages 1 over the base year but rises through it (about 2% below 1 in April and above
it in March), so its counts differ from this fit's by a fraction of a child. The
scenario keeps the printed values rounded to 3
decimals; `carecast run scenarios/dcst_2022.toml --option do_nothing --format csv`
shows the result (children_avg and children_end of 2021/22).
"""
import calendar
import csv
import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "dcst_2022.toml"
DATA = ROOT / "data" / "doncaster_cla_to_2021.csv"

# Illustrative relative pattern of exit rates (an assumption): children leave care
# fastest from supported accommodation (most reach 18 within a year or two), then from
# in-house and kinship fostering (returns home, adoption, special guardianship), more
# slowly from agency and external placements.
PATTERN = {
    "in_house_fostering": 0.35,
    "kinship": 0.35,
    "ifa": 0.25,
    "in_house_residential": 0.30,
    "external_residential": 0.25,
    "supported_accommodation": 0.55,
}
FITTED_YEARS = ["2018-03", "2019-03", "2020-03"]  # 2017/18 to 2019/20
LA_CLA_2021 = 549  # children looked after at 31 March 2021 (2022 release)


def dfe():
    rows = csv.DictReader(open(DATA, newline="", encoding="utf-8"))
    return {(r["year_ending"], r["measure"]): int(r["value"]) for r in rows}


def monthly(exit_rates, moves):
    """Monthly transition matrix and exit shares from annual rates (section 9b)."""
    n = len(exit_rates)
    m = [[0.0] * n for _ in range(n)]
    leave = [0.0] * n
    for i in range(n):
        out = exit_rates[i] + sum(moves[i])
        keep = (1.0 - out) ** (1.0 / 12.0)
        m[i][i] = keep
        if out > 0:
            for j in range(n):
                if j != i:
                    m[i][j] = (1.0 - keep) * moves[i][j] / out
            leave[i] = (1.0 - keep) * exit_rates[i] / out
    return m, leave


def year(opening, per_year, shares, exit_rates, moves, first_month=(2021, 4)):
    """Twelve monthly steps: closing counts, exits, average count."""
    m, leave = monthly(exit_rates, moves)
    n = len(opening)
    x = list(opening)
    exits = 0.0
    average = 0.0
    for _ in range(12):
        closing = [sum(x[i] * m[i][j] for i in range(n)) + per_year / 12.0 * shares[j]
                   for j in range(n)]
        exits += sum(x[i] * leave[i] for i in range(n))
        average += (sum(x) + sum(closing)) / 2.0 / 12.0
        x = closing
    return x, exits, average


def solve(a, b):
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] for i in range(n)]


def steady_mix_shares(opening, per_year, exit_rates, moves):
    """Entry shares (adding up to 1) so that the closing counts are a multiple of the
    opening counts: the closing counts are linear in the shares."""
    n = len(opening)
    base, _, _ = year(opening, 0.0, [0.0] * n, exit_rates, moves)
    unit = []
    for j in range(n):
        s = [0.0] * n
        s[j] = 1.0
        unit.append(year([0.0] * n, per_year, s, exit_rates, moves)[0])
    a = [[unit[j][k] for j in range(n)] + [-opening[k]] for k in range(n)]
    b = [-base[k] for k in range(n)]
    a.append([1.0] * n + [0.0])
    b.append(1.0)
    return solve(a, b)[:n]


def main():
    scenario = tomllib.load(open(SCENARIO, "rb"))
    ladder = scenario["ladder"]
    order = ladder["order"]
    opening = [ladder["types"][t]["children"]["value"] for t in order]
    per_year = ladder["entries"]["per_year"]["value"]
    moves = [ladder["moves"][t] for t in order]
    pattern = [PATTERN[t] for t in order]
    d = dfe()

    in_ladder = sum(opening)
    outside = LA_CLA_2021 - in_ladder
    ceased = sum(d[(y, "ceased")] for y in FITTED_YEARS)
    prior = {"2018-03": "2017-03", "2019-03": "2018-03", "2020-03": "2019-03"}
    child_years = sum((d[(prior[y], "cla_31_march")] + d[(y, "cla_31_march")]) / 2.0
                      for y in FITTED_YEARS)
    per_child = ceased / child_years
    ladder_years = child_years - len(FITTED_YEARS) * outside
    target = ceased / ladder_years
    print(f"ladder {in_ladder}, outside {outside}, of {LA_CLA_2021}")
    print(f"ceased 2017/18-2019/20: {ceased} over {child_years:g} child-years = "
          f"{per_child:.4f} a child in care a year")
    print(f"per ladder child: {ceased} over {child_years:g} - {len(FITTED_YEARS)} x "
          f"{outside} = {ladder_years:g} child-years = {target:.4f}")

    def fit(k):
        rates = [p * k for p in pattern]
        shares = steady_mix_shares(opening, per_year, rates, moves)
        closing, exits, average = year(opening, per_year, shares, rates, moves)
        return exits / average, rates, shares, closing, exits, average

    lo, hi = 0.5, 1.6
    for _ in range(60):
        mid = (lo + hi) / 2.0
        if fit(mid)[0] < target:
            lo = mid
        else:
            hi = mid
    k = (lo + hi) / 2.0
    _, rates, shares, closing, exits, average = fit(k)
    print(f"exit-rate scale k = {k:.4f}")
    print(f"{'type':26} {'exit_rate':>9} {'entry_share':>11} {'1 Apr 21':>9} {'31 Mar 22':>9}")
    for t, r, s, o, c in zip(order, rates, shares, opening, closing):
        print(f"{t:26} {r:9.4f} {s:11.4f} {o:9g} {c:9.1f}")
    print(f"2021/22: entries {per_year}, exits {exits:.1f}, average count {average:.1f}, "
          f"31 Mar 2022 {sum(closing):.1f} in the ladder, {sum(closing) + outside:.1f} "
          f"with the {outside} outside")

    # Back-cast with the rounded rates the scenario keeps.
    rates = [round(r, 3) for r in rates]
    shares = [round(s, 3) for s in shares]
    shares[shares.index(max(shares))] += 1.0 - sum(shares)
    x = [o / in_ladder * (d[("2017-03", "cla_31_march")] - outside) for o in opening]
    print("back-cast from 31 Mar 2017 (mix of 31 Mar 2021, published starts):")
    for y in ["2018-03", "2019-03", "2020-03", "2021-03"]:
        x, exits, _ = year(x, d[(y, "started")], shares, rates, moves)
        print(f"  year to {y}: in care {sum(x) + outside:5.1f} (DfE {d[(y, 'cla_31_march')]}),"
              f" ceased {exits:5.1f} (DfE {d[(y, 'ceased')]})")


if __name__ == "__main__":
    main()
