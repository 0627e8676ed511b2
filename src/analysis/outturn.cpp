#include "carecast/outturn.hpp"

#include "carecast/blocks.hpp"
#include "carecast/evaluator.hpp"
#include "carecast/non_finite.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <numeric>

namespace carecast {
namespace {

// Whether `code` matches `pattern`, where * stands for any characters and ? for one.
bool matches(std::string_view pattern, std::string_view code)
{
  std::size_t p = 0;
  std::size_t c = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (c < code.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == code[c])) {
      ++p;
      ++c;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = c;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      c = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

bool is_pattern(std::string_view code)
{
  return code.find_first_of("*?") != std::string_view::npos;
}

constexpr std::string_view k_months[] = {"April",    "May",       "June",     "July",
                                         "August",   "September", "October",  "November",
                                         "December", "January",   "February", "March"};

// The month of a period, 1 (April) to 12 (March); April for one out of range.
std::string_view month_of(int period)
{
  return k_months[period >= 1 && period <= k_periods_per_year ? period - 1 : 0];
}

// The ledger's money and counts for one year to a period, mapped to the model's lines.
struct Mapped
{
  std::vector<PeriodAmounts> actual;  // per model line
  std::vector<double> committed;      // per model line, at the period's end
  Reconciliation reconciliation;
  std::vector<ChildrenCount> children; // ladder order; empty without counts
};

// The model line each ledger line's codes post to; exact codes first.
class CodeMap
{
public:
  explicit CodeMap(const ModelLedger& ledger)
  {
    for (const ModelLedgerLine& line : ledger.lines) {
      for (const std::string& code : line.codes) {
        (is_pattern(code) ? m_patterns : m_exact).push_back({code, line.line});
      }
    }
  }

  // The line of `code`, nullopt when none; a code two patterns match is a diagnostic.
  std::optional<int> line_of(const LedgerEntry& entry, const std::vector<ModelLine>& lines,
                             std::vector<Diagnostic>& diagnostics) const
  {
    for (const auto& [code, line] : m_exact) {
      if (code == entry.code) {
        return line;
      }
    }
    std::optional<std::pair<std::string, int>> found;
    for (const auto& [pattern, line] : m_patterns) {
      if (!matches(pattern, entry.code)) {
        continue;
      }
      if (found && found->second != line) {
        diagnostics.push_back(
          {entry.pos, fmt::format("cost code {} matches '{}' of line '{}' and '{}' of line '{}': "
                                  "list the code itself under the line it posts to",
                                  entry.code, found->first, lines[found->second].id, pattern,
                                  lines[line].id)});
        return std::nullopt;
      }
      found = std::pair{pattern, line};
    }
    if (found) {
      return found->second;
    }
    return std::nullopt;
  }

private:
  std::vector<std::pair<std::string, int>> m_exact;
  std::vector<std::pair<std::string, int>> m_patterns;
};

struct Unmapped
{
  SourcePos first;
  std::string description;
  double amount = 0.0;
  bool has_money = false;
};

// An amount in a ledger's unit: "£2230.50", "-£75.25", "£12.50k".
std::string money(double amount, const std::string& unit)
{
  const std::string_view pound = "£";
  const bool pounds = unit.rfind(pound, 0) == 0;
  return fmt::format("{}{}{:.2f}{}", amount < 0.0 ? "-" : "", pounds ? pound : "",
                     std::abs(amount), pounds ? unit.substr(pound.size()) : " " + unit);
}

std::string unmapped_message(const std::map<std::string, Unmapped>& unmapped, int period,
                             const std::string& unit)
{
  std::vector<std::string> listed;
  for (const auto& [code, found] : unmapped) {
    if (found.has_money) {
      listed.push_back(fmt::format("{}{} ({} to period {}, first on line {})", code,
                                   found.description.empty() ? "" : " '" + found.description + "'",
                                   money(found.amount, unit), period, found.first.line));
    }
  }
  std::string codes;
  for (const std::string& item : listed) {
    codes += (codes.empty() ? "" : "; ") + item;
  }
  return fmt::format("{} cost code{} with money on {} map{} to no line of the scenario's "
                     "[ledger.lines]: {}. Add each to the codes of the line it posts to",
                     listed.size(), listed.size() == 1 ? "" : "s",
                     listed.size() == 1 ? "it" : "them", listed.size() == 1 ? "s" : "", codes);
}

void map_money(const Model& model, const std::vector<LedgerEntry>& entries, FinancialYear year,
               int period, Mapped& mapped, std::vector<Diagnostic>& diagnostics)
{
  const ModelLedger& ledger = model.ledger();
  const CodeMap codes(ledger);
  std::map<std::string, Unmapped> unmapped;
  std::map<std::string, bool> seen;
  for (const LedgerEntry& entry : entries) {
    if (entry.is_count() || entry.year != year || entry.period > period) {
      continue;
    }
    const double amount = entry.amount * ledger.scale;
    ++mapped.reconciliation.rows;
    seen[entry.code] = true;
    mapped.reconciliation.ledger_total += amount;
    const std::optional<int> line = codes.line_of(entry, model.lines(), diagnostics);
    if (!line) {
      Unmapped& found = unmapped.try_emplace(entry.code, Unmapped{entry.pos, {}, 0.0, false}).first->second;
      found.amount += entry.amount;
      found.has_money = found.has_money || entry.amount != 0.0 || entry.committed != 0.0;
      if (found.description.empty()) {
        found.description = entry.description;
      }
      continue;
    }
    mapped.actual[*line][entry.period - 1] += amount;
    if (entry.period == period) {
      mapped.committed[*line] += entry.committed * ledger.scale;
    }
  }
  mapped.reconciliation.codes = static_cast<int>(seen.size());
  const auto first_with_money =
    std::find_if(unmapped.begin(), unmapped.end(), [](const auto& u) { return u.second.has_money; });
  if (first_with_money != unmapped.end()) {
    SourcePos first = first_with_money->second.first;
    for (const auto& [code, found] : unmapped) {
      if (found.has_money && found.first < first) {
        first = found.first;
      }
    }
    diagnostics.push_back({first, unmapped_message(unmapped, period, ledger.unit)});
  }
  for (const auto& line : mapped.actual) {
    for (const double amount : line) {
      mapped.reconciliation.lines_total += amount;
    }
  }
}

// The children counted at the period's end, in ladder order: every placement type, or
// none when the ledger counts none.
void map_counts(const Model& model, const std::vector<LedgerEntry>& entries, FinancialYear year,
                int period, Mapped& mapped, std::vector<Diagnostic>& diagnostics)
{
  std::vector<std::string> types;
  for (const ModelPlacement& type : model.ladder().types) {
    types.push_back(type.id);
  }
  std::vector<std::optional<double>> counted(types.size());
  const LedgerEntry* first = nullptr;
  for (const LedgerEntry& entry : entries) {
    if (!entry.is_count() || entry.year != year || entry.period != period) {
      continue;
    }
    first = first ? first : &entry;
    const auto type = std::find(types.begin(), types.end(), entry.placement);
    if (type == types.end()) {
      diagnostics.push_back(
        {entry.pos, types.empty() ? fmt::format("children are counted in placement '{}', but the "
                                                "scenario has no care ladder",
                                                entry.placement)
                                  : fmt::format("no placement type named '{}' is in the care "
                                                "ladder{}",
                                                entry.placement,
                                                did_you_mean(entry.placement, types))});
      continue;
    }
    counted[type - types.begin()] = entry.children;
  }
  if (!first) {
    return;
  }
  std::vector<std::string> missing;
  for (std::size_t j = 0; j < types.size(); ++j) {
    if (counted[j]) {
      mapped.children.push_back({types[j], *counted[j]});
    } else {
      missing.push_back(types[j]);
    }
  }
  if (!missing.empty() && !types.empty()) {
    std::string names;
    for (const std::string& name : missing) {
      names += (names.empty() ? "" : ", ") + name;
    }
    diagnostics.push_back({first->pos, fmt::format("children are counted at the end of period {} "
                                                   "in {} of the care ladder's {} placement "
                                                   "types: count every type (missing: {})",
                                                   period, mapped.children.size(), types.size(),
                                                   names)});    // The ladder restarts only from a count of every type.
    mapped.children.clear();
  }
}

// The one financial year of the entries, which must be on the model's grid.
std::optional<FinancialYear> year_of(const Model& model, const std::vector<LedgerEntry>& entries,
                                     const std::string& file, std::vector<Diagnostic>& diagnostics)
{
  if (entries.empty()) {
    diagnostics.push_back({SourcePos{file, 1, 1}, "the ledger file has no rows of actuals"});
    return std::nullopt;
  }
  const LedgerEntry& first = entries.front();
  for (const LedgerEntry& entry : entries) {
    if (entry.year != first.year) {
      diagnostics.push_back(
        {entry.pos, fmt::format("this row is in {}, but the file's first row (line {}) is in {}: "
                                "an outturn is for one financial year, so give the ledger of "
                                "one year",
                                to_string(entry.year), first.pos.line, to_string(first.year))});
      return std::nullopt;
    }
  }
  if (!model.grid().year_index(first.year)) {
    const Grid& grid = model.grid();
    diagnostics.push_back(
      {first.pos, fmt::format("the actuals are for {}, outside the scenario's years {} to {}",
                              to_string(first.year), to_string(grid.year(0)),
                              to_string(grid.year(grid.years() - 1)))});
    return std::nullopt;
  }
  return first.year;
}

std::optional<int> period_of(const std::vector<LedgerEntry>& entries, std::optional<int> asked,
                             FinancialYear year, std::vector<Diagnostic>& diagnostics)
{
  // The last row of the last period.
  const LedgerEntry* last = &entries.front();
  for (const LedgerEntry& entry : entries) {
    last = entry.period >= last->period ? &entry : last;
  }
  if (asked && *asked > last->period) {
    diagnostics.push_back(
      {last->pos, fmt::format("the actuals run to {}, so they cannot give an outturn at {}: give "
                              "a later extract of the ledger, or --period {} or less",
                              period_label(year, last->period), period_label(year, *asked),
                              last->period)});
    return std::nullopt;
  }
  return asked.value_or(last->period);
}

// The budget of each model line in the year: its stated one, or a share of what is left
// of the year's budget, pro rata to the lines' projected cost.
std::optional<std::vector<double>> line_budgets(const Model& model, const Outcome& outcome,
                                                int option, int year_index,
                                                const std::vector<bool>& outturn_line,
                                                std::vector<bool>& stated,
                                                std::vector<Diagnostic>& diagnostics)
{
  const ModelLedger& ledger = model.ledger();
  const std::vector<std::optional<double>>& stated_budgets = ledger.budget_by_year[year_index];
  const std::size_t lines = model.lines().size();
  std::vector<double> budget(lines, 0.0);
  std::vector<double> projected(lines, 0.0);
  double stated_total = 0.0;
  double unstated_projection = 0.0;
  std::size_t unstated = 0;
  for (std::size_t l = 0; l < lines; ++l) {
    stated[l] = stated_budgets[l].has_value();
    if (stated[l]) {
      budget[l] = *stated_budgets[l];
      stated_total += budget[l];
    } else if (outturn_line[l]) {
      for (int m = 0; m < k_periods_per_year; ++m) {
        projected[l] += outcome.cost(option, static_cast<int>(l), year_index * 12 + m)(0);
      }
      unstated_projection += projected[l];
      ++unstated;
    }
  }
  const bool known = model.budget().source_by_year[year_index] != BudgetSource::none;
  const std::string year = to_string(model.grid().year(year_index));
  if (unstated == 0) {
    const double total = known ? outcome.budget(year_index)(0) : stated_total;
    if (std::abs(total - stated_total) > 1e-9 * std::max(1.0, std::abs(total))) {
      diagnostics.push_back(
        {ledger.pos, fmt::format("the line budgets of {} in [ledger.budgets] add up to {:.6g} {}, "
                                 "but the budget of {} is {:.6g} {}: make them agree",
                                 year, stated_total, model.unit(), year, total, model.unit())});
      return std::nullopt;
    }
    return budget;
  }
  if (!known) {
    diagnostics.push_back(
      {ledger.pos, fmt::format("the scenario has no budget for {}: give the year in [budget], or "
                               "each line's budget in [ledger.budgets.\"{}\"]",
                               year, year)});
    return std::nullopt;
  }
  const double left = outcome.budget(year_index)(0) - stated_total;
  for (std::size_t l = 0; l < lines; ++l) {
    if (!stated[l] && outturn_line[l]) {
      budget[l] = unstated_projection != 0.0
                    ? left * projected[l] / unstated_projection
                    : left / static_cast<double>(unstated);
    }
  }
  return budget;
}

Rag rag_of(double budget, double variance, double amber, double red)
{
  if (budget == 0.0) {
    return variance > 0.0 ? Rag::red : Rag::green;
  }
  const double over = variance / std::abs(budget);
  return over > red ? Rag::red : over > amber ? Rag::amber : Rag::green;
}

// What a line's method forecasts for the months after the period.
struct LineForecast
{
  PeriodAmounts forecast{};
  double ratio = 1.0; // projection: actual to date over projected to date
};

// The forecast of one line; `restarted`: the care ladder's line, restarted from the
// children counted, whose projection needs no scaling to the year so far.
LineForecast forecast_line(const ModelLedgerLine& line, const PeriodAmounts& actual,
                           const PeriodAmounts& projection, double budget, double committed,
                           int period, bool restarted)
{
  LineForecast result;
  for (int p = 0; p < period; ++p) {
    result.forecast[p] = actual[p];
  }
  const int remaining = k_periods_per_year - period;
  switch (line.method) {
  case OutturnMethod::projection: {
    const double actual_to_date = std::accumulate(actual.begin(), actual.begin() + period, 0.0);
    const double projected_to_date =
      std::accumulate(projection.begin(), projection.begin() + period, 0.0);
    result.ratio = restarted || projected_to_date == 0.0 ? 1.0 : actual_to_date / projected_to_date;
    for (int p = period; p < k_periods_per_year; ++p) {
      result.forecast[p] = projection[p] * result.ratio;
    }
    break;
  }
  case OutturnMethod::run_rate: {
    const int periods = std::min(line.periods, period);
    const double sum = std::accumulate(actual.begin() + (period - periods),
                                       actual.begin() + period, 0.0);
    std::fill(result.forecast.begin() + period, result.forecast.end(), sum / periods);
    break;
  }
  case OutturnMethod::profile: {
    const double weights = std::accumulate(line.profile.begin(), line.profile.end(), 0.0);
    for (int p = period; p < k_periods_per_year; ++p) {
      result.forecast[p] = budget * line.profile[p] / weights;
    }
    break;
  }
  case OutturnMethod::committed:
    if (remaining > 0) {
      std::fill(result.forecast.begin() + period, result.forecast.end(), committed / remaining);
    }
    break;
  }
  return result;
}

std::string basis_of(const ModelLedgerLine& line, const LineForecast& forecast, double budget,
                     int period, bool restarted, const std::string& unit)
{
  const int remaining = k_periods_per_year - period;
  switch (line.method) {
  case OutturnMethod::projection:
    if (restarted) {
      return "the scenario's projection, its care ladder restarted from the children counted at "
             "the period's end";
    }
    return fmt::format("the scenario's projection x {:.4f}, the actual to date over the "
                       "projection to date",
                       forecast.ratio);
  case OutturnMethod::run_rate:
    return fmt::format("{:.2f} {} a month, the average of the last {} period{}",
                       remaining > 0 ? forecast.forecast[period] : 0.0, unit,
                       std::min(line.periods, period), std::min(line.periods, period) == 1 ? "" : "s");
  case OutturnMethod::profile: {
    const double weights = std::accumulate(line.profile.begin(), line.profile.end(), 0.0);
    const double share =
      std::accumulate(line.profile.begin() + period, line.profile.end(), 0.0) / weights;
    return fmt::format("{:.1f}% of the budget of {:.2f} {}, the profile's share of the months to "
                       "come",
                       share * 100.0, budget, unit);
  }
  case OutturnMethod::committed:
    return fmt::format("{:.2f} {} committed at the period's end",
                       std::accumulate(forecast.forecast.begin() + period, forecast.forecast.end(),
                                       0.0),
                       unit);
  }
  return {};
}

void add_up(OutturnLine& line, int period)
{
  line.actual_to_date = std::accumulate(line.actual.begin(), line.actual.begin() + period, 0.0);
  line.forecast_outturn = std::accumulate(line.forecast.begin(), line.forecast.end(), 0.0);
  line.forecast_remaining = line.forecast_outturn - line.actual_to_date;
  line.variance = line.forecast_outturn - line.budget;
  // A line forecast at its budget is on it, not a rounding error's width over or under.
  if (std::abs(line.variance) <= 1e-12 * std::max({1.0, std::abs(line.budget),
                                                   std::abs(line.forecast_outturn)})) {
    line.variance = 0.0;
  }
}

// Everything an outturn needs before it is forecast: the year, the period, the actuals
// on the model's lines, the counts, and which lines the outturn shows.
struct Prepared
{
  FinancialYear year;
  int year_index = 0;
  int period = 0;
  Mapped mapped;
  std::vector<bool> shown; // per model line: every line but the base-year calibration
  const ModelLedgerLine* ledger_line(const Model& model, int line) const
  {
    for (const ModelLedgerLine& candidate : model.ledger().lines) {
      if (candidate.line == line) {
        return &candidate;
      }
    }
    return nullptr;
  }
};

std::optional<Prepared> prepare(Model& model, const std::vector<LedgerEntry>& entries,
                                const OutturnSettings& settings,
                                std::vector<Diagnostic>& diagnostics)
{
  if (model.ledger().lines.empty()) {
    diagnostics.push_back({SourcePos{}, "the scenario has no [ledger] section mapping the "
                                        "ledger's cost codes to its lines (docs/outturn.md)"});
    return std::nullopt;
  }
  const std::optional<FinancialYear> year =
    year_of(model, entries, settings.actuals_file, diagnostics);
  if (!year) {
    return std::nullopt;
  }
  const std::optional<int> period = period_of(entries, settings.period, *year, diagnostics);
  if (!period) {
    return std::nullopt;
  }
  const std::size_t lines = model.lines().size();
  Prepared prepared{*year, *model.grid().year_index(*year), *period,
                    Mapped{std::vector<PeriodAmounts>(lines, PeriodAmounts{}),
                           std::vector<double>(lines, 0.0), {}, {}},
                    std::vector<bool>(lines, true)};
  if (model.calibration().line != k_none) {
    prepared.shown[model.calibration().line] = false;
  }
  map_money(model, entries, *year, *period, prepared.mapped, diagnostics);
  map_counts(model, entries, *year, *period, prepared.mapped, diagnostics);
  if (!prepared.mapped.children.empty() && *period < k_periods_per_year) {
    std::vector<double> children;
    for (const ChildrenCount& count : prepared.mapped.children) {
      children.push_back(count.children);
    }
    model.reset_ladder(prepared.year_index * k_periods_per_year + *period, std::move(children));
  }
  return prepared;
}

// The lines' forecasts of one draw: `cost(line, period)` is the projection.
template <typename Cost>
std::vector<LineForecast> forecasts(const Model& model, const Prepared& prepared,
                                    const std::vector<double>& budgets, Cost cost)
{
  std::vector<LineForecast> result(model.lines().size());
  const bool restarted = !prepared.mapped.children.empty();
  for (std::size_t l = 0; l < model.lines().size(); ++l) {
    if (const ModelLedgerLine* line = prepared.ledger_line(model, static_cast<int>(l))) {
      PeriodAmounts projection{};
      for (int p = 0; p < k_periods_per_year; ++p) {
        projection[p] = cost(static_cast<int>(l), p);
      }
      result[l] = forecast_line(*line, prepared.mapped.actual[l], projection, budgets[l],
                                prepared.mapped.committed[l], prepared.period,
                                restarted && static_cast<int>(l) == model.ladder().line);
    }
  }
  return result;
}

} // namespace

std::string period_label(FinancialYear year, int period)
{
  const int calendar_year = year.start_year + (period > 9 ? 1 : 0);
  return fmt::format("period {} ({} {})", period, month_of(period), calendar_year);
}

std::string_view month_abbreviation(int period)
{
  return month_of(period).substr(0, 3);
}

OutturnResult outturn(Model model, const std::vector<LedgerEntry>& entries,
                      const OutturnSettings& settings)
{
  OutturnResult result;
  std::optional<Prepared> prepared = prepare(model, entries, settings, result.diagnostics);
  if (!prepared) {
    return result;
  }
  const Outcome outcome = Evaluator(model).evaluate(model.values(), Period::month);
  const int first_month = prepared->year_index * k_periods_per_year;
  const int option = settings.option;
  const auto projected = [&](int line, int period) {
    return outcome.cost(option, line, first_month + period)(0);
  };
  // A line with cost in the year must get its actuals from some codes.
  for (std::size_t l = 0; l < model.lines().size(); ++l) {
    double year_cost = 0.0;
    for (int p = 0; p < k_periods_per_year; ++p) {
      year_cost += std::abs(projected(static_cast<int>(l), p));
    }
    if (prepared->shown[l] && year_cost > 0.0
        && !prepared->ledger_line(model, static_cast<int>(l))) {
      result.diagnostics.push_back(
        {model.ledger().pos,
         fmt::format("[ledger.lines] maps no cost code to line '{}', which the scenario projects "
                     "in {}: add [ledger.lines.{}] with the codes that post to it",
                     model.lines()[l].id, to_string(prepared->year), model.lines()[l].id)});
    }
  }
  std::vector<bool> stated(model.lines().size(), false);
  const std::optional<std::vector<double>> budgets =
    line_budgets(model, outcome, option, prepared->year_index, prepared->shown, stated,
                 result.diagnostics);
  if (!result.diagnostics.empty() || !budgets) {
    return result;
  }
  const ModelLedger& ledger = model.ledger();
  Outturn report;
  report.scenario = settings.scenario;
  report.option = model.options()[option].id;
  report.option_name = model.options()[option].name;
  report.unit = model.unit();
  report.year = prepared->year;
  report.period = prepared->period;
  report.actuals_file = settings.actuals_file;
  report.ledger_unit = ledger.unit;
  report.amber = ledger.amber;
  report.red = ledger.red;
  report.reconciliation = prepared->mapped.reconciliation;
  report.children = prepared->mapped.children;
  report.total.id = "total";
  report.total.name = "Total";
  const std::vector<LineForecast> lines = forecasts(model, *prepared, *budgets, projected);
  const bool restarted = !prepared->mapped.children.empty();
  for (std::size_t l = 0; l < model.lines().size(); ++l) {
    if (!prepared->shown[l]) {
      continue;
    }
    const ModelLine& line = model.lines()[l];
    OutturnLine shown;
    shown.id = line.id;
    shown.name = line.name;
    shown.budget = (*budgets)[l];
    shown.budget_stated = stated[l];
    shown.actual = prepared->mapped.actual[l];
    for (int p = 0; p < k_periods_per_year; ++p) {
      shown.projection[p] = projected(static_cast<int>(l), p);
    }
    if (const ModelLedgerLine* mapped = prepared->ledger_line(model, static_cast<int>(l))) {
      shown.method = mapped->method;
      shown.reason = mapped->reason;
      shown.codes = mapped->codes;
      shown.forecast = lines[l].forecast;
      shown.basis = basis_of(*mapped, lines[l], shown.budget, prepared->period,
                             restarted && static_cast<int>(l) == model.ladder().line,
                             model.unit());
    } else {
      shown.basis = "no cost codes: nothing projected or posted in the year";
    }
    add_up(shown, prepared->period);
    shown.rag = rag_of(shown.budget, shown.variance, ledger.amber, ledger.red);
    for (int p = 0; p < k_periods_per_year; ++p) {
      report.total.actual[p] += shown.actual[p];
      report.total.projection[p] += shown.projection[p];
      report.total.forecast[p] += shown.forecast[p];
    }
    report.total.budget += shown.budget;
    report.lines.push_back(std::move(shown));
  }
  add_up(report.total, prepared->period);
  report.total.rag = rag_of(report.total.budget, report.total.variance, ledger.amber, ledger.red);
  result.outturn = std::move(report);
  return result;
}

void add_movement(Outturn& outturn, const Outturn& previous, const std::string& previous_file)
{
  outturn.previous_file = previous_file;
  outturn.previous_period = previous.period;
  const auto movement = [&](OutturnLine& now, const OutturnLine& then) {
    Movement moved;
    moved.previous_outturn = then.forecast_outturn;
    moved.total = now.forecast_outturn - then.forecast_outturn;
    for (int p = 0; p < k_periods_per_year; ++p) {
      const double change = now.forecast[p] - then.forecast[p];
      if (p < previous.period) {
        moved.restated += change;
      } else if (p < outturn.period) {
        moved.spent_vs_forecast += change;
      } else {
        moved.reforecast += change;
      }
    }
    now.movement = moved;
  };
  for (OutturnLine& line : outturn.lines) {
    const auto then = std::find_if(previous.lines.begin(), previous.lines.end(),
                                   [&](const OutturnLine& l) { return l.id == line.id; });
    if (then != previous.lines.end()) {
      movement(line, *then);
    }
  }
  movement(outturn.total, previous.total);
}

std::vector<Diagnostic> add_bands(Outturn& outturn, Model model,
                                  const std::vector<LedgerEntry>& entries,
                                  const SimulationSettings& simulation)
{
  std::vector<Diagnostic> diagnostics;
  const std::optional<int> option = model.find_option(outturn.option);
  OutturnSettings settings{*option, outturn.period, outturn.actuals_file, outturn.scenario};
  std::optional<Prepared> prepared = prepare(model, entries, settings, diagnostics);
  SampledInputs inputs = input_sampler(model, simulation.seed, simulation.repair_correlations);
  if (!inputs.sampler) {
    return std::move(inputs.diagnostics);
  }
  std::vector<double> budgets(model.lines().size(), 0.0);
  std::vector<std::size_t> rows; // the outturn's line of each model line, or npos
  for (std::size_t l = 0; l < model.lines().size(); ++l) {
    const auto found = std::find_if(outturn.lines.begin(), outturn.lines.end(), [&](const auto& s) {
      return s.id == model.lines()[l].id;
    });
    rows.push_back(found == outturn.lines.end() ? std::string::npos
                                                : static_cast<std::size_t>(found - outturn.lines.begin()));
    budgets[l] = found == outturn.lines.end() ? 0.0 : found->budget;
  }
  const std::size_t draws = static_cast<std::size_t>(simulation.draws);
  // [outturn line, then the total][draw]
  std::vector<std::vector<double>> drawn(outturn.lines.size() + 1, std::vector<double>(draws));
  const Evaluator evaluator(model);
  const int first_month = prepared->year_index * k_periods_per_year;
  DrawWatch watch(model);
  for_each_block(
    simulation.draws, simulation.threads,
    [&](std::int64_t first, std::int64_t count) {
      const ParameterRows parameters = parameter_block(model, *inputs.sampler, first, count);
      if (!watch.check_rules(parameters, first)) {
        return;
      }
      const Outcome outcome = evaluator.evaluate(parameters, Period::month, Figures::costs);
      for (std::int64_t d = 0; d < count; ++d) {
        const std::vector<LineForecast> lines =
          forecasts(model, *prepared, budgets, [&](int line, int period) {
            return outcome.cost(settings.option, line, first_month + period)(d);
          });
        double total = 0.0;
        for (std::size_t l = 0; l < lines.size(); ++l) {
          if (rows[l] == std::string::npos) {
            continue;
          }
          const double year = std::accumulate(lines[l].forecast.begin(), lines[l].forecast.end(),
                                              0.0);
          drawn[rows[l]][static_cast<std::size_t>(first + d)] = year;
          total += year;
        }
        drawn.back()[static_cast<std::size_t>(first + d)] = total;
      }
    },
    simulation.progress);
  if (std::optional<Diagnostic> problem = watch.problem("draw")) {
    diagnostics.push_back(std::move(*problem));
    return diagnostics;
  }
  for (std::size_t row = 0; row < drawn.size(); ++row) {
    const Statistics statistics = statistics_of(drawn[row]);
    OutturnLine& line = row < outturn.lines.size() ? outturn.lines[row] : outturn.total;
    line.band = Band{statistics.p10, statistics.p90};
  }
  outturn.draws = simulation.draws;
  outturn.seed = simulation.seed;
  return diagnostics;
}

} // namespace carecast
