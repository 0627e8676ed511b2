#pragma once

// The scenario as written in its file: plain structs, each field remembering where
// it was set. The loader fills them; validation checks them; the model compiles them.

#include "carecast/calendar.hpp"
#include "carecast/diagnostic.hpp"
#include "carecast/distribution.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carecast {

// Where a number comes from: a cited source, or an assumption with its reason.
struct Provenance
{
  std::string source;
  std::string assumption;
};

// Every number in a scenario is a parameter with a stable address (its key path).
struct Number
{
  double value = 0.0;
  std::string path;
  std::string unit;
  SourcePos pos;
  Provenance provenance;
};

// A named reference to another item (a line, an index or an option).
struct Reference
{
  std::string id;
  SourcePos pos;
};

struct MonthRef
{
  Month month;
  SourcePos pos;
};

struct YearRate
{
  FinancialYear year;
  Number rate;
};

// When an index's annual rate takes effect: as one step in a month of each year (a pay
// award, a fee or contract uplift from 1 April), or spread over the year's months (a
// continuously moving price or demand).
enum class IndexTiming { annual, monthly };

struct Index
{
  std::string id;
  std::string name;
  SourcePos pos;
  std::vector<YearRate> rates;
  std::optional<Number> default_rate;
  IndexTiming timing = IndexTiming::annual;
  int step_month = 4;       // the calendar month of an annual step (4: April)
  SourcePos step_month_pos; // where step_month was written; empty when it was not
};

struct PriceShare
{
  Reference index;
  Number share;
};

struct Line
{
  std::string id;
  std::string name;
  SourcePos pos;
  std::optional<Number> base; // absent on the line the care ladder feeds
  std::optional<Reference> demand;
  std::vector<PriceShare> prices;
  std::optional<MonthRef> until;
};

// How a medium-term financial strategy classes a budget step: the base carried
// forward, a demand pressure, inflation, any other pressure, or a saving.
enum class BudgetStepKind { base, demand, inflation, pressure, saving };

struct BudgetStep
{
  std::string id;
  std::string name;
  Number amount;
  BudgetStepKind kind = BudgetStepKind::pressure;
  // A one-off step counts in its own year only: it is not carried into the next.
  bool one_off = false;
};

// The id of the step a roll-forward year starts from: the year before's budget.
inline constexpr std::string_view k_rolled_forward_step = "rolled_forward";

struct BudgetYear
{
  FinancialYear year;
  SourcePos pos;
  std::vector<BudgetStep> steps;
};

struct Budget
{
  std::vector<BudgetYear> years;
  // Growth applied to each year without a stated budget, from the year before.
  std::optional<Number> growth;
  // Whether a year written without a base step starts from the year before's net
  // budget less its one-off steps, as a medium-term financial strategy builds it.
  bool roll_forward = false;
};

enum class OverlayKind {
  recurring,
  one_off,
  saving,
  stop_line,
  index_rate,
  // Changes to the care ladder; their target is a placement type.
  shift_entries,
  shift_moves,
  entries,
  unit_cost,
  capacity,
};

// Whether an overlay changes the care ladder rather than a line or an index.
inline bool changes_ladder(OverlayKind kind)
{
  return kind >= OverlayKind::shift_entries;
}

struct RampStep
{
  FinancialYear year;
  Number fraction;
};

// A change an option makes to the baseline. `value` is the recurring annual amount,
// the one-off total, the saving's full annual target, the share of a stopped line
// that is kept, the new index rate, the share of entries or moves shifted, the
// relative change of entries, the new weekly cost or the places added, by kind.
struct Overlay
{
  std::string id;
  std::string name;
  OverlayKind kind = OverlayKind::recurring;
  SourcePos pos;
  Reference target;
  Number value;
  std::optional<MonthRef> from;
  std::optional<MonthRef> until;
  std::optional<Reference> indexed_by;
  std::vector<RampStep> ramp;
  // The placement type a shift moves children into, or a capacity fills from.
  std::optional<Reference> counterpart;
  // Whether what the overlay takes off counts towards the budget's savings target (a
  // saving always does).
  bool delivers_saving = false;
  SourcePos delivers_saving_pos;
};

struct Option
{
  std::string id;
  std::string name;
  std::string description;
  SourcePos pos;
  std::optional<Reference> extends;
  std::vector<Overlay> overlays;
};

struct YearRef
{
  FinancialYear year;
  SourcePos pos;
};

// An uplift for appraisers' optimism on a line, or on an overlay in every option
// that has it, named by its id.
struct OptimismBias
{
  Reference target;
  Number uplift;
};

// HM Treasury Green Book appraisal settings; every field may be left out.
struct Appraisal
{
  std::optional<Number> discount_rate;
  std::optional<YearRef> first_year; // t = 0 of discounting
  std::optional<Reference> deflator; // an index that turns nominal costs real
  std::optional<YearRef> price_year; // real costs are in this year's prices
  std::vector<OptimismBias> optimism_bias;
};

// One rung of the care ladder.
struct PlacementType
{
  std::string id;
  std::string name;
  SourcePos pos;
  Number weekly_cost; // £ a week, base-year prices
  std::optional<Reference> prices;
  Number children; // at the start of the base year
  Number entry_share;
  Number exit_rate; // annual
};

// One row of the annual move matrix: the rates from a type to each type in order.
struct MovesRow
{
  Reference from;
  std::vector<Number> rates;
};

struct Ladder
{
  SourcePos pos;
  Reference line;
  std::vector<Reference> order;
  SourcePos order_pos;
  Number entries_per_year;
  std::optional<Number> entry_growth;          // a rate, or
  std::optional<Reference> entry_growth_index; // an index entries grow with
  std::vector<PlacementType> types;
  std::vector<MovesRow> moves;
  SourcePos moves_pos;
};

// A parameter given a distribution for Monte Carlo, Sobol and tornado analysis. The
// settings a distribution needs are checked by validation; the others stay absent.
struct UncertainInput
{
  std::string id;
  SourcePos pos;
  Reference parameter; // a parameter address, e.g. "indices.demand.default"
  Reference distribution;
  // The settings stated, by Setting (distribution.hpp).
  std::array<std::optional<Number>, k_settings.size()> settings;
  bool truncate = false; // `truncate = true`: keep draws inside the parameter's domain
  Provenance provenance;

  std::optional<Number>& setting(Setting s) { return settings[static_cast<std::size_t>(s)]; }
  const std::optional<Number>& setting(Setting s) const
  {
    return settings[static_cast<std::size_t>(s)];
  }
};

// Correlations between uncertain inputs (by id, in `order`), applied with a Gaussian
// copula; inputs not listed are independent of the rest.
struct CorrelationMatrix
{
  SourcePos pos;
  std::vector<Reference> order;
  std::vector<std::vector<Number>> rows;
  SourcePos matrix_pos;
  Provenance provenance;
};

// The amounts of a currency unit a scenario or ledger may be written in ("£", "£k",
// "£m"), in pounds; nullopt for any other unit.
inline std::optional<double> pounds_per_unit(std::string_view unit)
{
  if (unit == "£") {
    return 1.0;
  }
  if (unit == "£k") {
    return 1e3;
  }
  if (unit == "£m") {
    return 1e6;
  }
  return std::nullopt;
}

// How an outturn forecasts a line's months after the period (docs/outturn.md): the
// scenario's projection scaled to the year so far, the average of the last periods,
// the budget's seasonal profile, or the commitments known at the period's end.
enum class OutturnMethod { projection, run_rate, profile, committed };

// "projection", "run_rate", "profile" or "committed", as a scenario writes it.
inline std::string_view method_name(OutturnMethod method)
{
  static constexpr std::string_view k_names[] = {"projection", "run_rate", "profile", "committed"};
  return k_names[static_cast<int>(method)];
}

// A cost code of the ledger, or a pattern of them with * (any characters) and ?
// (one character).
struct CodePattern
{
  std::string text;
  SourcePos pos;
};

// The ledger's codes of one line, and how its outturn is forecast, with the reason.
struct LedgerLine
{
  Reference line; // at the [ledger.lines.ID] key
  std::vector<CodePattern> codes;
  OutturnMethod method = OutturnMethod::projection;
  SourcePos method_pos;
  std::string reason;
  std::optional<Number> periods; // run_rate: how many of the last periods are averaged
  std::vector<Number> profile;   // profile: a weight for each month, April to March
  SourcePos profile_pos;
};

struct LineBudget
{
  Reference line;
  Number amount;
};

// The budget of some lines in a financial year, for budget monitoring.
struct LedgerBudgetYear
{
  FinancialYear year;
  SourcePos pos;
  std::vector<LineBudget> lines;
};

// How the ledger's cost codes map to the scenario's lines, for `outturn`.
struct LedgerMap
{
  SourcePos pos;
  std::string unit; // the ledger's amounts: "£", "£k" or "£m"; empty: the scenario's
  SourcePos unit_pos;
  std::vector<LedgerLine> lines;
  std::vector<LedgerBudgetYear> budgets;
  // RAG thresholds: a forecast over budget by more than these shares of it is amber,
  // red.
  std::optional<Number> amber;
  std::optional<Number> red;
};

struct Scenario
{
  std::string name;
  std::string description;
  std::string unit;
  FinancialYear base_year;
  FinancialYear horizon;
  SourcePos base_year_pos;
  SourcePos horizon_pos;
  std::vector<Index> indices;
  std::vector<Line> lines;
  Budget budget;
  std::vector<Option> options;
  Appraisal appraisal;
  std::optional<Ladder> ladder;
  std::vector<UncertainInput> uncertainty;
  // The base year's total cost as known (a forecast outturn, say): each draw's baseline
  // costs are scaled to it. Given an sd, it is also one of `uncertainty`'s inputs.
  std::optional<Number> known_base_year;
  std::optional<CorrelationMatrix> correlation;
  std::optional<LedgerMap> ledger;
  // Every file read, the scenario's own first, then the ones it extends.
  std::vector<std::string> files;
};

} // namespace carecast
