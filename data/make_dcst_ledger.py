#!/usr/bin/env python3
"""Write an illustrative ledger extract of Doncaster Children's Services Trust (DCST)
for 2021/22, the actuals that `carecast outturn` reads for budget monitoring.

    python3 data/make_dcst_ledger.py        # from the repository root; Python 3.11+
    python3 data/make_dcst_ledger.py --carecast path/to/carecast

It writes two files:

- data/dcst_ledger_2021_22.csv: periods 1 to 9 (April to December 2021) as they stood
  after period 9 closed;
- data/dcst_ledger_2021_22_p06.csv: periods 1 to 6 as they stood when period 6 was
  first reported, the earlier extract that `--previous` compares with.

The data are synthetic. The trust never published its ledger, so the cost codes, their
descriptions, the monthly amounts, the commitments and the late postings are all made
up. The only figures the files are built to reproduce are the totals of the council's
cabinet report of 30 March 2022, para 44: the £58.17m contract value and the £6.26m
overspend forecast at quarter 3, a forecast outturn of £64.43m. So

    carecast outturn scenarios/dcst_2022.toml --actuals data/dcst_ledger_2021_22.csv

forecasts £64.43m at period 9, each line at the scenario's projection for the year:

- a line forecast by `projection` posts, over periods 1 to 9, exactly (to the penny)
  the scenario's projection of those periods, so its ratio of actual to projected is 1;
- a `profile` line posts the budget's profile share of periods 1 to 9, so the rest of
  the profile takes it to the budget, which equals the projection;
- the `committed` line pays its annual contracts month by month, and what is still
  committed at period 9 is the rest of them;
- the `run_rate` line posts over periods 1 to 9 what, with three times the average of
  periods 7 to 9 added, makes its projection for the year (a penny either way, so
  that the total is £64.43m to the penny).

Each line's months carry noise that nets to zero over periods 1 to 9 (for the run rate
line, with periods 7 to 9 counted twice), so the forecast at period 9 is exact while
the forecasts at periods 3 and 6 of the same file differ. Two postings make the
movement since period 6 worth reading: agency social work invoices accrued in period 6
and reversed in period 7, and invoices posted to period 6 after the period 6 extract
was taken (an agency foster placement and a court fee), which restate period 6.

The per-period projection comes from carecast itself: the script runs `carecast
outturn` on a bootstrap ledger with one zero amount per code in period 1 and reads the
`projection` rows of its CSV; it also checks their totals against `carecast run`. The
code's methods, budgets and profiles come from the scenario's [ledger] section. The
random noise is drawn with a fixed seed, so the files are the same on every run.
"""
import argparse
import csv
import io
import pathlib
import random
import subprocess
import sys
import tempfile
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "dcst_2022.toml"
FULL = ROOT / "data" / "dcst_ledger_2021_22.csv"
EARLIER = ROOT / "data" / "dcst_ledger_2021_22_p06.csv"
YEAR = "2021/22"
OPTION = "do_nothing"
LAST_PERIOD = 9  # December 2021: the quarter 3 forecast
EARLIER_PERIOD = 6
SEED = 20220330
PERIODS = 12

# The illustrative chart of cost codes: code, line, description and the code's usual
# share of its line's month. The shares of the placement codes follow the care
# ladder's cost by placement type in 2021/22 (£m: 3.1, 0.9, 5.4, 4.3, 17.4 and 1.9).
CODES = [
    ("CSC100", "staffing", "Social workers", 0.42),
    ("CSC105", "staffing", "Advanced practitioners and senior social workers", 0.12),
    ("CSC110", "staffing", "Team managers", 0.10),
    ("CSC120", "staffing", "Agency social workers", 0.10),
    ("CSC130", "staffing", "Family support workers", 0.12),
    ("CSC140", "staffing", "Service managers and senior leadership", 0.06),
    ("CSC150", "staffing", "Independent reviewing officers and conference chairs", 0.05),
    ("CSC160", "staffing", "Training and workforce development", 0.03),
    ("CSC200", "support_services", "Business support staff", 0.40),
    ("CSC210", "support_services", "IT licences and systems", 0.15),
    ("CSC220", "support_services", "Premises: rent, rates and utilities", 0.25),
    ("CSC230", "support_services", "Facilities, cleaning and security", 0.10),
    ("CSC240", "support_services", "Finance, HR and payroll services", 0.10),
    ("CSC290", "other", "Legal services recharge from the council", 0.10),
    ("CSC300", "placements", "In-house fostering allowances", 3.1),
    ("CSC310", "placements", "Kinship (connected person) allowances", 0.9),
    ("CSC320", "placements", "Independent fostering agencies", 5.4),
    ("CSC330", "placements", "In-house children's homes", 4.3),
    ("CSC340", "placements", "External residential placements", 17.4),
    ("CSC350", "placements", "Supported accommodation (16-17)", 1.9),
    ("CSC400", "company_overheads", "Board and company secretariat", 0.0),
    ("CSC410", "company_overheads", "External audit", 0.0),
    ("CSC420", "company_overheads", "Insurance", 0.0),
    ("CSC430", "company_overheads", "Website, intranet and company IT", 0.0),
    ("CSC440", "company_overheads", "Company finance, HR and governance services", 0.0),
    ("CSC500", "other", "Legal: court fees and counsel", 0.45),
    ("CSC510", "other", "Children's transport", 0.30),
    ("CSC520", "other", "Commissioning and contract costs", 0.15),
    ("CSC900", "dfe_grant", "DfE grant income", 1.0),
]
DESCRIPTION = {code: description for code, _, description, _ in CODES}

# Month-to-month noise of a line, as a share of its month (a uniform draw either way).
NOISE = {"placements": 0.03, "staffing": 0.015, "support_services": 0.02, "other": 0.12}
# Noise of a code's share of its line's month.
CODE_NOISE = 0.05

# The annual contracts of the company overheads (pounds): the board, the website and the
# company's finance, HR and governance services are paid monthly, insurance once in
# April, and the audit in two instalments. The audit fee was expected to be £95,000
# until a variation for extra work was agreed in period 7 (October): £110,000. The
# shared services (CSC440) are what is left of the line's projection for the year.
BOARD = 450_000
WEBSITE = 120_000
INSURANCE = 350_000
AUDIT_EXPECTED = {p: (95_000 if p < 7 else 110_000) for p in range(1, PERIODS + 1)}
AUDIT_PAID = {4: 33_000, 9: 33_000}

# Postings that make the movement since period 6 worth reading (pounds).
ACCRUAL = ("CSC120", 96_400.00)  # agency invoices accrued in period 6, reversed in 7
LATE_TO_PERIOD_6 = [("CSC320", 48_216.00), ("CSC500", 6_350.00)]  # after the p06 extract


def pennies(pounds):
    return round(pounds * 100)


def run_carecast(carecast, *args):
    result = subprocess.run([carecast, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"make_dcst_ledger: carecast {' '.join(args)} failed:\n{result.stderr}")
    return list(csv.DictReader(io.StringIO(result.stdout)))


def projection(carecast):
    """The scenario's projection of each line, period by period, in pounds."""
    with tempfile.TemporaryDirectory() as folder:
        bootstrap = pathlib.Path(folder) / "bootstrap.csv"
        with open(bootstrap, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["year", "period", "code", "amount"])
            for code, *_ in CODES:
                writer.writerow([YEAR, 1, code, "0"])
        rows = run_carecast(carecast, "outturn", str(SCENARIO), "--actuals", str(bootstrap),
                            "--option", OPTION, "--period", "1", "--format", "csv")
    projected = {}
    for row in rows:
        if row["measure"] == "projection" and row.get("period"):
            line = projected.setdefault(row["line"], [0.0] * PERIODS)
            line[int(row["period"]) - 1] = float(row["value"]) * 1e6
    year = {row["line"]: float(row["value"]) * 1e6
            for row in run_carecast(carecast, "run", str(SCENARIO), "--option", OPTION,
                                    "--format", "csv")
            if row["year"] == YEAR and row["measure"] == "cost"}
    for line, months in projected.items():
        if line != "total" and abs(sum(months) - year[line]) > 0.01:
            sys.exit(f"make_dcst_ledger: the outturn's projection of {line} ({sum(months):.2f})"
                     f" is not the run's cost for {YEAR} ({year[line]:.2f})")
    return projected


def zero_sum_noise(rng, months, share, weights=None):
    """Noise in pennies on `months` (pennies), with sum(weight x noise) = 0."""
    weights = weights or [1] * len(months)
    noise = [round(rng.uniform(-share, share) * m) for m in months]
    mean = sum(w * n for w, n in zip(weights, noise)) / sum(weights)
    noise = [round(n - mean) for n in noise]
    left = sum(w * n for w, n in zip(weights, noise))
    # Take up the rounding on the last month, then on the first (whose weight is 1).
    noise[-1] -= left // weights[-1]
    noise[0] -= sum(w * n for w, n in zip(weights, noise))
    assert sum(w * n for w, n in zip(weights, noise)) == 0
    return noise


def split(rng, amount, codes):
    """Split a line's month (pennies) over its codes, about their usual shares."""
    shares = [weight * (1 + rng.uniform(-CODE_NOISE, CODE_NOISE)) for _, weight in codes]
    total = sum(shares)
    amounts = [round(amount * s / total) for s in shares]
    amounts[-1] += amount - sum(amounts)
    return {code: a for (code, _), a in zip(codes, amounts)}


def line_codes(line):
    return [(code, weight) for code, owner, _, weight in CODES if owner == line]


def projected_line(rng, line, months):
    """A projection line: periods 1-9 add up to the projection of periods 1-9."""
    target = [pennies(m) for m in months[:LAST_PERIOD]]
    target[-1] += pennies(sum(months[:LAST_PERIOD])) - sum(target)
    noise = zero_sum_noise(rng, target, NOISE[line])
    return [t + n for t, n in zip(target, noise)]


def profiled_line(rng, line, budget, profile):
    """A profile line: periods 1-9 add up to the budget's profile share of them."""
    weights = sum(profile)
    target = [pennies(budget * w / weights) for w in profile[:LAST_PERIOD]]
    if line not in NOISE:
        return target
    # The noise falls on the even part of each month, not on April's licences.
    even = [pennies(budget * min(profile) / weights)] * LAST_PERIOD
    noise = zero_sum_noise(rng, even, NOISE[line])
    return [t + n for t, n in zip(target, noise)]


def run_rate_line(rng, line, year_target, periods):
    """A run rate line: periods 1-9 plus the remaining months at the average of the
    last `periods` make `year_target` (pennies)."""
    remaining = PERIODS - LAST_PERIOD
    months = [round(year_target / PERIODS)] * LAST_PERIOD
    weights = [1] * LAST_PERIOD
    for p in range(LAST_PERIOD - periods, LAST_PERIOD):
        weights[p] += remaining / periods
    assert all(w == int(w) for w in weights), "the run rate's weights must be whole"
    weights = [int(w) for w in weights]
    left = year_target - sum(w * m for w, m in zip(weights, months))
    months[-1] += left // weights[-1]
    months[0] += left - weights[-1] * (left // weights[-1])
    noise = zero_sum_noise(rng, months, NOISE[line], weights)
    return [m + n for m, n in zip(months, noise)]


def overheads(year_target):
    """The company overheads' payments and commitments by code, period by period."""
    shared = year_target - pennies(BOARD + WEBSITE + INSURANCE + AUDIT_EXPECTED[PERIODS])
    contracts = {"CSC400": pennies(BOARD), "CSC430": pennies(WEBSITE), "CSC440": shared}
    paid = {code: [0] * LAST_PERIOD for code in ("CSC400", "CSC410", "CSC420", "CSC430", "CSC440")}
    committed = {code: [0] * LAST_PERIOD for code in paid}
    for p in range(1, LAST_PERIOD + 1):
        # Paid monthly: what is committed is the rest of the year's contract.
        for code, contract in contracts.items():
            paid[code][p - 1] = contract // PERIODS
            committed[code][p - 1] = contract - p * (contract // PERIODS)
        paid["CSC420"][p - 1] = pennies(INSURANCE) if p == 1 else 0
        paid["CSC410"][p - 1] = pennies(AUDIT_PAID.get(p, 0))
        audit_to_date = sum(AUDIT_PAID.get(q, 0) for q in range(1, p + 1))
        committed["CSC410"][p - 1] = pennies(AUDIT_EXPECTED[p] - audit_to_date)
    return paid, committed


def build(projected, ledger, rng):
    """Amounts (pennies) by code and period, commitments by code and period."""
    budgets = ledger["budgets"][YEAR]
    amounts = {code: [0] * LAST_PERIOD for code, *_ in CODES}
    committed = {code: [0] * LAST_PERIOD for code, *_ in CODES}
    lines = {}
    for line, spec in ledger["lines"].items():
        method = spec["method"]
        budget = budgets[line]["value"] * 1e6
        if method == "projection":
            lines[line] = projected_line(rng, line, projected[line])
        elif method == "profile":
            lines[line] = profiled_line(rng, line, budget, spec["profile"])
        elif method == "committed":
            paid, commitments = overheads(pennies(sum(projected[line])))
            for code in paid:
                amounts[code] = paid[code]
                committed[code] = commitments[code]
        elif method == "run_rate":
            continue  # last: it takes up the pennies of the others
        else:
            sys.exit(f"make_dcst_ledger: no way to build a line forecast by {method}")
    for line, months in lines.items():
        codes = line_codes(line)
        for p, month in enumerate(months):
            profile = ledger["lines"][line].get("profile")
            if line == "support_services" and profile[p] > min(profile):
                # The year's licences, paid in April, all go to the IT code.
                licences = pennies(budgets[line]["value"] * 1e6 * (profile[p] - min(profile))
                                   / sum(profile))
                shares = split(rng, month - licences, codes)
                shares["CSC210"] += licences
            else:
                shares = split(rng, month, codes)
            for code, amount in shares.items():
                amounts[code][p] = amount
    # The run rate line takes up the others' pennies, so that the total is exact.
    for line, spec in ledger["lines"].items():
        if spec["method"] != "run_rate":
            continue
        others = sum(outturn_of(ledger, l, amounts, committed, projected, LAST_PERIOD)
                     for l in ledger["lines"] if l != line)
        target = pennies(sum(sum(projected[l]) for l in ledger["lines"])) - round(others)
        periods = int(spec.get("periods", {"value": 3})["value"])
        months = run_rate_line(rng, line, target, periods)
        for p, month in enumerate(months):
            for code, amount in split(rng, month, line_codes(line)).items():
                amounts[code][p] = amount
    # Agency invoices accrued in period 6 and reversed in period 7.
    code, accrual = ACCRUAL
    amounts[code][5] += pennies(accrual)
    amounts[code][6] -= pennies(accrual)
    return amounts, committed


def line_actuals(ledger, line, amounts, period):
    codes = [code for code, owner, *_ in CODES if owner == line]
    return [sum(amounts[c][p] for c in codes) for p in range(period)]


def outturn_of(ledger, line, amounts, committed, projected, period):
    """The forecast outturn of a line at `period` (pennies), by the line's method."""
    spec = ledger["lines"][line]
    actual = line_actuals(ledger, line, amounts, period)
    to_date = sum(actual)
    remaining = PERIODS - period
    method = spec["method"]
    if method == "projection":
        months = [m * 100 for m in projected[line]]
        return to_date + sum(months[period:]) * to_date / sum(months[:period])
    if method == "profile":
        profile = spec["profile"]
        budget = ledger["budgets"][YEAR][line]["value"] * 1e8
        return to_date + budget * sum(profile[period:]) / sum(profile)
    if method == "committed":
        codes = [code for code, owner, *_ in CODES if owner == line]
        return to_date + sum(committed[c][period - 1] for c in codes)
    periods = min(int(spec.get("periods", {"value": 3})["value"]), period)
    return to_date + remaining * sum(actual[period - periods:]) / periods


def rows(amounts, committed, last_period, late_excluded=False):
    result = []
    for p in range(1, last_period + 1):
        for code, *_ in CODES:
            amount = amounts[code][p - 1]
            if late_excluded and p == EARLIER_PERIOD:
                amount -= sum(pennies(a) for c, a in LATE_TO_PERIOD_6 if c == code)
            commitment = committed[code][p - 1]
            if amount == 0 and commitment == 0:
                continue
            result.append([YEAR, p, code, f"{amount / 100:.2f}", DESCRIPTION[code],
                           f"{commitment / 100:.2f}" if commitment else ""])
    return result


def write(path, table):
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["year", "period", "code", "amount", "description", "committed"])
        writer.writerows(table)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--carecast", default=str(ROOT / "build" / "carecast"),
                        help="the carecast binary (default: build/carecast)")
    args = parser.parse_args()
    with open(SCENARIO, "rb") as scenario:
        ledger = tomllib.load(scenario)["ledger"]
    projected = projection(args.carecast)
    amounts, committed = build(projected, ledger, random.Random(SEED))
    write(FULL, rows(amounts, committed, LAST_PERIOD))
    write(EARLIER, rows(amounts, committed, EARLIER_PERIOD, late_excluded=True))

    print(f"Periods 1-{LAST_PERIOD} of {YEAR}: actual against the scenario's projection, "
          f"and the forecast outturn at period {LAST_PERIOD} (£)")
    print(f"{'line':<18} {'method':<10} {'actual 1-9':>15} {'projection 1-9':>15} "
          f"{'outturn':>15} {'projection':>15}")
    total_outturn = 0.0
    total_projection = 0.0
    for line, spec in ledger["lines"].items():
        actual = sum(line_actuals(ledger, line, amounts, LAST_PERIOD)) / 100
        outturn = outturn_of(ledger, line, amounts, committed, projected, LAST_PERIOD) / 100
        months = projected[line]
        total_outturn += outturn
        total_projection += sum(months)
        print(f"{line:<18} {spec['method']:<10} {actual:>15,.2f} "
              f"{sum(months[:LAST_PERIOD]):>15,.2f} {outturn:>15,.2f} {sum(months):>15,.2f}")
    print(f"{'total':<29} {'':>15} {'':>15} {total_outturn:>15,.2f} {total_projection:>15,.2f}")
    print(f"Forecast outturn at periods 3, 6 and {LAST_PERIOD} of the same file (£m): "
          + ", ".join(f"{sum(outturn_of(ledger, l, amounts, committed, projected, p) for l in ledger['lines']) / 1e8:.2f}"
                      for p in (3, 6, LAST_PERIOD)))
    print(f"Wrote {FULL.relative_to(ROOT)} and {EARLIER.relative_to(ROOT)}")
    if abs(total_outturn - 64_430_000) >= 0.005:
        sys.exit("make_dcst_ledger: the forecast outturn is not £64.43m")


if __name__ == "__main__":
    main()
