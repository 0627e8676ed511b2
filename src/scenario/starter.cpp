#include "carecast/starter.hpp"

namespace carecast {
namespace {

// Kept as one literal so that what `carecast init` writes is exactly what the tests
// read. The council is imaginary: a real one's figures would be mistaken for advice.
constexpr std::string_view k_starter =
  R"toml(# A starter scenario for carecast, written by `carecast init`.
#
# It costs the children's services of an imaginary council, so that it runs as it
# stands. Every figure is an illustrative assumption: replace each with your own, and
# say where it comes from with `source = "..."` instead of `assumption = "..."` (a
# budget book, a cabinet report, a forecast), or keep `assumption` and give your
# reason.
#
#   carecast validate FILE   checks the file and reports every problem at once
#   carecast compare FILE    shows the options side by side per financial year
#   carecast run FILE        shows every cost line of each option per year
#
# Every key is described in docs/scenario-format.md in the carecast repository; a key
# that is not described there is an error.
#
# Amounts are in £m; an amount on a cost line is a full year's cost. Rates are annual
# fractions (0.03 is 3% a year). Financial years run April to March and are written
# "2026/27"; months are written "2027-04". A number may be written plain
# (base = 18.0), but then nobody can tell where it came from: write it as
# { value = ..., source = "..." } or { value = ..., assumption = "..." }.

# --- The scenario (section 3 of docs/scenario-format.md) --------------------------

[scenario]
name = "Example council: children's services"   # the title of every report
description = "A starter scenario: an in-house children's home and early help against carrying on as now."
base_year = "2026/27"   # the year the line amounts describe
horizon = "2031/32"     # the last year projected (at most 29 years after the base year)
unit = "£m"             # a label only: carecast does not convert amounts

# --- Indices: the drivers of cost (section 4) -------------------------------------
# A rate is the change of a year's average level over the year before's: 4% on a £14m
# line costs £14.56m the next year. `rates` lists some years; `default` covers the rest.
# `timing = "annual"` (the default) applies the rate as one step on 1 April (a pay award,
# a fee uplift); `timing = "monthly"` spreads it over the year's months (demand, CPI).

[indices.demand]
name = "Children in care"
timing = { value = "monthly", assumption = "Children enter and leave care all year round." }
rates."2027/28" = { value = 0.04, assumption = "Illustrative: demand still rising faster than the long-run trend." }
default = { value = 0.03, assumption = "Illustrative: a long-run growth of about 3% a year in children in care." }

[indices.pay]
name = "Pay awards and increments"
timing = { value = "annual", assumption = "Pay awards apply in full from 1 April." }
rates."2027/28" = { value = 0.03, assumption = "Illustrative: a pay award that follows recent inflation." }
default = { value = 0.025, assumption = "Illustrative: pay a little above a 2% inflation target." }

[indices.prices]
name = "General prices (CPI)"
timing = { value = "monthly", assumption = "Consumer prices move month by month." }
rates."2027/28" = { value = 0.025, assumption = "Illustrative: inflation still a little above target." }
default = { value = 0.02, assumption = "Illustrative: the Bank of England's 2% CPI target." }

# --- Cost lines: the base year's cost, line by line (section 5) -------------------
# `demand` names the index that drives a line's volume. `prices.INDEX` is the share of
# the line's cost whose price follows INDEX; a line's shares add up to 1.

[lines.placements]
name = "Placements for children in care"
base = { value = 18.0, assumption = "Illustrative: about 36 children in external placements at about £500k a year each." }
demand = "demand"
prices.prices = { value = 1.0, assumption = "Illustrative: placement fees rise with general prices." }

[lines.staffing]
name = "Social work and practice staff"
base = { value = 14.0, assumption = "Illustrative: about 250 posts at about £56k each, on-costs included." }
prices.pay = { value = 1.0, assumption = "Illustrative: the whole cost is pay." }

[lines.family_support]
name = "Commissioned family support contract"
base = { value = 4.0, assumption = "Illustrative: the annual value of a contract with a voluntary-sector provider." }
# A mixed line: part of its cost follows pay, the rest general prices.
prices.pay = { value = 0.7, assumption = "Illustrative: the provider's costs are mostly its staff." }
prices.prices = { value = 0.3, assumption = "Illustrative: premises, travel and supplies." }

[lines.grant]
name = "Specific grant"
# Income is a negative amount. If the grant ends, add `until = "YYYY-MM"`: the last
# month in which it is paid.
base = { value = -1.5, assumption = "Illustrative: a ring-fenced grant that is not expected to grow." }

[lines.one_off]
name = "One-off costs"
# No cost in the baseline: a place for the options' one-off costs to land.
base = { value = 0.0, assumption = "Nothing one-off in the baseline; the options add their own." }

# --- The approved budget (section 6) ----------------------------------------------
# Reports set each option's cost against it: the variance is cost minus budget, so a
# positive variance is an overspend. A year is one figure, or a build-up of named
# steps that carecast adds up; a step's `kind` (base, demand, inflation, pressure or
# saving) is how `carecast summary` groups it. With `roll_forward`, a year without a
# base step starts from the year before's net budget (less its steps marked
# `one_off = true`) and, unless it has an inflation step, takes `growth` on that.
# Years not listed grow by `growth`.

[budget]
roll_forward = true
growth = { value = 0.03, assumption = "Illustrative: the uplift in a medium-term financial strategy." }

[budget.years."2026/27"]
previous = { name = "2025/26 budget", kind = "base", value = 32.6, assumption = "Illustrative: last year's approved budget." }
pay = { name = "Pay award", kind = "inflation", value = 0.5, assumption = "Illustrative: the year's pay award on the pay bill." }
demand = { name = "Demand growth", kind = "demand", value = 0.9, assumption = "Illustrative: growth funded for more children in care." }

# Rolls forward from 2026/27's 34.0; a saving step is written negative, and the
# saving steps of the years so far are the savings target `compare` checks the
# options against.
[budget.years."2027/28"]
pay = { name = "Pay award", kind = "inflation", value = 0.5, assumption = "Illustrative: the year's pay award on the pay bill." }
demand = { name = "Demand growth", kind = "demand", value = 0.8, assumption = "Illustrative: growth funded for more children in care." }
savings = { name = "Savings target", kind = "saving", value = -0.5, assumption = "Illustrative: a saving the budget relies on, from fewer external placements." }

# --- Options: the courses of action to compare (sections 7 and 8) -----------------
# Every option starts from the baseline (the lines as their indices project them) and
# changes it with overlays. The first option is the one `compare` measures the
# differences from. `extends` starts an option from another option's overlays.

[options.baseline]
name = "Option 1: carry on as now"
description = "No overlays: the baseline itself."

[options.in_house_home]
name = "Option 2: open an in-house children's home"
description = "Set up a home in 2027/28 and move children from external placements into it."
extends = "baseline"

# one_off (section 8.2): a total, spread evenly over the months from `from` to
# `until`.
[options.in_house_home.overlays.set_up]
type = "one_off"
name = "Buying and refurbishing a property, recruiting staff"
line = "one_off"
amount = { value = 0.8, assumption = "Illustrative: a six-month set-up before the home opens." }
from = "2027-04"
until = "2027-09"

# recurring (section 8.1): a full-year amount added from `from` (to `until`, or to
# the end of the horizon); with `indexed` it grows with that index.
[options.in_house_home.overlays.running_costs]
type = "recurring"
name = "Staff of the home"
line = "staffing"
amount = { value = 1.2, assumption = "Illustrative: about 25 care staff at about £48k each." }
from = "2027-10"
indexed = "pay"

# saving (section 8.3): a full-year `target`, written positive and taken off the
# line; `ramp` gives the fraction of it achieved from each year on.
[options.in_house_home.overlays.fewer_placements]
type = "saving"
name = "Children move from external placements into the home"
line = "placements"
target = { value = 2.0, assumption = "Illustrative: four children at about £500k a year each." }
from = "2027-10"
ramp."2027/28" = { value = 0.5, assumption = "Illustrative: the home fills over its first months." }
ramp."2028/29" = { value = 1.0, assumption = "Illustrative: full from the home's second year." }

[options.early_help]
name = "Option 3: the home, plus early help brought in-house"
description = "Everything in option 2; from 2028/29 the council also runs family support itself."
extends = "in_house_home"   # inherits set_up, running_costs and fewer_placements

# stop_line (section 8.4): from `from`, the line's baseline is multiplied by `keep`
# (0 stops it). `delivers_saving = true` would count what it saves towards the
# budget's savings target; that target is met by the home's fewer placements, so it
# does not.
[options.early_help.overlays.end_contract]
type = "stop_line"
name = "The family support contract ends"
line = "family_support"
from = "2028-04"
keep = { value = 0.2, assumption = "Illustrative: a fifth of the contract (specialist services) is still bought in." }

[options.early_help.overlays.early_help_team]
type = "recurring"
name = "In-house early help team"
line = "staffing"
amount = { value = 2.8, assumption = "Illustrative: about 50 family support workers at about £56k each." }
from = "2028-04"
indexed = "pay"

# index_rate (section 8.5): sets an index's rate for this option only, from `from`
# (to `until`, or to the end of the horizon).
[options.early_help.overlays.slower_demand]
type = "index_rate"
name = "Early help slows the growth in children in care"
index = "demand"
rate = { value = 0.02, assumption = "Illustrative: growth falls from 3% to 2% a year once the team is established." }
from = "2029-04"

# Appraisal (section 9a): net present cost by HM Treasury Green Book conventions.
# `compare` ranks the options by it. Leave the table out for 3.5% from the base year.
[appraisal]
discount_rate = { value = 0.035, source = "HM Treasury Green Book: 3.5% a year for years 0-30" }
first_year = "2027/28"

# Optimism bias: an uplift on a line or an overlay whose cost is still uncertain.
[appraisal.optimism_bias]
set_up = { value = 0.2, assumption = "Illustrative: set-up costs run over until a contract is let." }
)toml";

} // namespace

std::string_view starter_scenario()
{
  return k_starter;
}

} // namespace carecast
