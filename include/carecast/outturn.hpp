#pragma once

// Budget monitoring: the forecast outturn of a financial year from the ledger's
// actuals to a period, line by line, with its variance against budget, its RAG status,
// its movement since an earlier forecast and, over draws of the uncertain inputs, its
// P10-P90 band (docs/outturn.md).

#include "carecast/csv_table.hpp"
#include "carecast/diagnostic.hpp"
#include "carecast/forecast_band.hpp"
#include "carecast/ledger.hpp"
#include "carecast/model.hpp"
#include "carecast/simulation.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace carecast {

inline constexpr int k_periods_per_year = 12;
using PeriodAmounts = std::array<double, k_periods_per_year>; // period 1 (April) first

// "period 9 (December 2021)": the period of `year` and its calendar month.
std::string period_label(FinancialYear year, int period);
// "Apr" for period 1 to "Mar" for period 12.
std::string_view month_abbreviation(int period);

// Red: over budget by more than the red share of it; amber: by more than the amber
// share; green otherwise (an underspend is green). A line without a budget is red when
// it forecasts any spend.
enum class Rag { green, amber, red };

// What moved a line's forecast outturn since an earlier forecast; the three parts add
// up to `total`.
struct Movement
{
  double previous_outturn = 0.0;
  double total = 0.0; // forecast outturn now less then
  // Actuals of the periods both forecasts knew, changed since (late postings, journals).
  double restated = 0.0;
  // The new periods' actuals less what the earlier forecast expected of them.
  double spent_vs_forecast = 0.0;
  // The forecast of the months still to come, changed.
  double reforecast = 0.0;
};

struct OutturnLine
{
  std::string id; // a line id, or "total"
  std::string name;
  std::optional<OutturnMethod> method; // none on the total
  std::string reason;                  // the scenario's reason for the method
  std::string basis;                   // what the method did here, in words
  std::vector<std::string> codes;      // the codes and patterns mapped to the line
  double budget = 0.0;
  bool budget_stated = false; // the scenario states it, rather than a share of the year's
  PeriodAmounts actual{};     // posted, to the period; 0 after it
  PeriodAmounts projection{}; // the scenario's projection for the option
  PeriodAmounts forecast{};   // the actual to the period, the forecast after it
  double actual_to_date = 0.0;
  double forecast_remaining = 0.0;
  double forecast_outturn = 0.0;
  double variance = 0.0; // forecast outturn less budget: an overspend is positive
  Rag rag = Rag::green;
  std::optional<Band> band;         // with draws
  std::optional<Movement> movement; // with an earlier forecast
};

// The ledger's total to the period against what the lines were given: equal, as every
// code with money on it maps to one line.
struct Reconciliation
{
  double ledger_total = 0.0; // the file's amounts to the period, in the scenario's unit
  double lines_total = 0.0;
  int rows = 0;  // money rows to the period
  int codes = 0; // distinct codes among them
};

struct ChildrenCount
{
  std::string placement;
  double children = 0.0;
};

struct Outturn
{
  std::string scenario;
  std::string option;
  std::string option_name;
  std::string unit;
  FinancialYear year;
  int period = 0; // the last period of actuals, 1 (April) to 12 (March)
  std::string actuals_file;
  std::string ledger_unit;
  double amber = 0.0; // RAG thresholds, shares of the budget
  double red = 0.0;
  std::vector<OutturnLine> lines; // the scenario's lines, in its order
  OutturnLine total;
  Reconciliation reconciliation;
  // The children at the period's end that the care ladder started again from; empty
  // when the actuals count none.
  std::vector<ChildrenCount> children;
  // With an earlier forecast: its file and last period.
  std::string previous_file;
  int previous_period = 0;
  // With draws: how many, and the seed.
  std::int64_t draws = 0;
  std::uint64_t seed = 0;
};

struct OutturnSettings
{
  int option = 0;
  std::optional<int> period; // the ledger's last period when absent
  std::string actuals_file;  // names the file in the outturn and its diagnostics
  std::string scenario;      // the scenario's id
};

struct OutturnResult
{
  std::optional<Outturn> outturn; // absent when there are diagnostics
  std::vector<Diagnostic> diagnostics;
};

// The outturn of the financial year of `entries` (one year of the model's grid) to
// the settings' period, by the methods of the model's [ledger]. Every code with money
// on it must map to a line, each line with a projected cost must have codes, and the
// year must have a budget; each problem is a diagnostic at the row or key that has it.
// `model` is taken by value: children counted at the period's end restart its care
// ladder.
OutturnResult outturn(Model model, const std::vector<LedgerEntry>& entries,
                      const OutturnSettings& settings);

// Adds each line's movement since `previous`, an outturn of the same scenario, option
// and year to an earlier period.
void add_movement(Outturn& outturn, const Outturn& previous, const std::string& previous_file);

// Adds each line's and the total's P10-P90 band of the forecast outturn over
// `simulation.draws` draws of the model's uncertain inputs: the actuals stay as they
// are, and each draw forecasts the months to come. Diagnostics as simulate()'s.
std::vector<Diagnostic> add_bands(Outturn& outturn, Model model,
                                  const std::vector<LedgerEntry>& entries,
                                  const SimulationSettings& simulation);

// An earlier outturn as its CSV (write_csv) has it: the year, option and period, and each
// line's and the total's forecast by period and outturn, what add_movement needs.
// Each problem is a diagnostic at its cell.
OutturnResult read_outturn_csv(const CsvResult& csv);

// Whether a CSV file is an outturn's (it has a `measure` column) rather than a ledger.
bool is_outturn_csv(const CsvResult& csv);

} // namespace carecast
