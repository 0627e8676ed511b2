#pragma once

// Writers of budget monitoring (docs/outturn.md): the forecast outturn of a year for a
// finance officer at 80 columns, its tidy CSV and JSON at full precision, and the TOML
// fragment that makes it the known base year of a medium-term projection.
//
// Each output shows the movement only when the outturn has an earlier forecast, and
// the P10-P90 band only when it has draws. The RAG status is text, so it is in the
// table, the JSON and the workbook, never in the CSV's numeric `value` column.

#include "carecast/outturn.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace carecast {

// The heading (scenario, option, year, "actuals to period 9 (December 2021)", the
// actuals file and the unit), a table of each line and the total (budget, actual to
// date, forecast remaining, forecast outturn, variance, RAG, and the movement when it
// fits), then the P10-P90 bands, each line's method and basis, the causes of the
// movement, the reconciliation with the ledger, the children counted and the RAG
// thresholds. Amounts to 2 decimals; no line longer than 80 characters but a word
// (a file name) longer than that.
std::string write_terminal(const Outturn& outturn, std::size_t width);

// The header scenario,option,year,period,line,measure,value, values at full precision.
// `year` is the financial year (2021/22) and `line` a line id or `total`. First, per
// line and then the total, rows of the whole year with `period` the last period of the
// actuals:
//   budget              the line's budget for the year
//   actual_to_date      posted to the period
//   forecast_remaining  forecast for the periods after it
//   forecast_outturn    actual_to_date + forecast_remaining
//   variance            forecast_outturn - budget (an overspend is positive)
//   movement            with an earlier forecast: forecast_outturn less that forecast's,
//   movement_restated, movement_spent_vs_forecast, movement_reforecast
//                       and its three parts (outturn.hpp's Movement), which add up to it
//   p10, p90            with draws: the forecast outturn's P10 and P90
// Then per line and the total, and per period 1 (April) to 12 (March), with `period`
// that period:
//   actual              posted in the period (only periods up to the last of actuals)
//   projection          the scenario's projection of the period for the option
//   forecast            the actual up to the last period of actuals, the forecast after
std::string write_csv(const Outturn& outturn);

// One object: scenario, option, option_name, unit, year, period, actuals_file,
// ledger_unit, rag {amber, red}, draws and seed (with draws), previous {file, period}
// (with an earlier forecast), reconciliation, children (when counted), lines and
// total. Each line has id, name, method (null on the total, which has no such key),
// reason, basis, codes, budget, budget_stated, actual_to_date, forecast_remaining,
// forecast_outturn, variance, rag ("green", "amber" or "red"), band {p10, p90} and
// movement {...} when there are any, and by_period [{period, actual (null after the
// last period of actuals), projection, forecast}].
std::string write_json(const Outturn& outturn);

// A TOML fragment setting [uncertainty] known_base_year to the total's forecast
// outturn, with a source naming the actuals and the period; with draws, also its sd,
// (P90 - P10) / 2.5631, the sd of a normal distribution with that P10-P90 band.
std::string write_fragment(const Outturn& outturn);

// What the writers and the workbook share.

// An amount to 2 decimals in a unit: £64.43m, £12.00k, £5.00, or "64.43 UNIT".
std::string in_unit(double value, const std::string& unit);
// What moved a figure: "+0.42: restated +0.00, spent vs forecast +0.30, reforecast +0.12".
std::string movement_causes(const Movement& movement);
// The ledger against the lines: "Ledger to period 9: 1234 rows, 27 codes, £64.43m = the
// lines' £64.43m." (with the difference when they differ by half a penny or more).
std::string reconciliation_text(const Outturn& outturn);
// Whether a line's budget is a share of the year's, the scenario stating none for it;
// such a line is marked `*` and this note says why.
bool any_budget_unstated(const Outturn& outturn);
inline constexpr std::string_view k_unstated_budget_note =
  "*: the scenario states no budget for the line, so it has a share of the year's budget.";
// "Green", "Amber" or "Red".
std::string_view rag_name(Rag rag);
// The RAG thresholds in words: "Red: forecast over budget by more than 5% of it; Amber:
// by more than 1%; Green otherwise."
std::string rag_thresholds(const Outturn& outturn);

} // namespace carecast
