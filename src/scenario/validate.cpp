#include "carecast/validate.hpp"

#include "validator.hpp"

#include "carecast/figure_range.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <set>

namespace carecast::validation {

bool Validator::years_known() const
{
  // The loader leaves a missing or malformed year at 0 and has reported it.
  return m_scenario.base_year.start_year > 0 && m_scenario.horizon.start_year > 0;
}

bool Validator::grid_ok() const
{
  if (!years_known()) {
    return false;
  }
  const int years = m_scenario.horizon.start_year - m_scenario.base_year.start_year + 1;
  return years >= 1 && years <= k_max_years;
}

void Validator::check_reference(const Reference& ref, const std::vector<std::string>& ids,
                                std::string_view kind)
{
  if (std::find(ids.begin(), ids.end(), ref.id) == ids.end()) {
    error(ref.pos,
          fmt::format("no {} named '{}' is defined{}", kind, ref.id, did_you_mean(ref.id, ids)));
  }
}

void Validator::check_month(const MonthRef& month, std::string_view what)
{
  if (!grid_ok()) {
    return;
  }
  const Grid grid(m_scenario.base_year, m_scenario.horizon);
  if (!grid.month_index(month.month)) {
    error(month.pos, fmt::format("{} {} is outside the scenario's years {} to {} ({} to {})", what,
                                 to_string(month.month), to_string(m_scenario.base_year),
                                 to_string(m_scenario.horizon), to_string(grid.month(0)),
                                 to_string(grid.month(grid.months() - 1))));
  }
}

void Validator::check_year(FinancialYear year, const SourcePos& pos, std::string_view what)
{
  if (years_known() && (year < m_scenario.base_year || year > m_scenario.horizon)) {
    error(pos, fmt::format("{} {} is outside the scenario's years {} to {}", what, to_string(year),
                           to_string(m_scenario.base_year), to_string(m_scenario.horizon)));
  }
}

void Validator::check_rate(const Number& rate)
{
  if (!k_annual_rate.holds(rate.value)) {
    error(rate.pos, fmt::format("'{}' = {:.15g} is out of range: an annual rate is a fraction "
                                "{}, so 3.5% is written 0.035 (did you mean {:.15g}?)",
                                rate.path, rate.value, k_annual_rate.text(), rate.value / 100.0));
  }
}

void Validator::check_fraction(const Number& number)
{
  if (!k_fraction.holds(number.value)) {
    error(number.pos, fmt::format("'{}' = {:.15g} is out of range: a {} is {}, so 30% "
                                  "is written 0.3",
                                  number.path, number.value, number.unit, k_fraction.text()));
  }
}

void Validator::check_step_month(const Index& index)
{
  if (index.step_month_pos.line == 0) {
    return;
  }
  if (index.timing == IndexTiming::monthly) {
    error(index.step_month_pos,
          fmt::format("'indices.{}.step_month' is set, but the index's timing is monthly: only an "
                      "annual index steps in one month; remove step_month or write "
                      "timing = \"annual\"",
                      index.id));
  } else if (index.step_month < 1 || index.step_month > 12) {
    error(index.step_month_pos,
          fmt::format("'indices.{}.step_month' = {} is not a month: write the calendar month of "
                      "the annual step, 1 (January) to 12 (December), e.g. 4 for April",
                      index.id, index.step_month));
  }
}

void Validator::check_index(const Index& index)
{
  check_step_month(index);
  std::set<FinancialYear> stated;
  for (const YearRate& rate : index.rates) {
    check_rate(rate.rate);
    stated.insert(rate.year);
    if (years_known() && (rate.year <= m_scenario.base_year || rate.year > m_scenario.horizon)) {
      error(rate.rate.pos,
            fmt::format("'{}': rates apply to the years after the base year, {} to {}",
                        rate.rate.path,
                        to_string(FinancialYear{m_scenario.base_year.start_year + 1}),
                        to_string(m_scenario.horizon)));
    }
  }
  if (index.default_rate) {
    check_rate(*index.default_rate);
    return;
  }
  for (FinancialYear year{m_scenario.base_year.start_year + 1}; year <= m_scenario.horizon;
       ++year.start_year) {
    if (!stated.contains(year)) {
      error(index.pos, fmt::format("index '{}' has no rate for {} and no 'default'", index.id,
                                   to_string(year)));
      return;
    }
  }
}

void Validator::check_line(const Line& line)
{
  if (line.demand) {
    check_reference(*line.demand, m_indices, "index");
  }
  double total = 0.0;
  for (const PriceShare& price : line.prices) {
    check_reference(price.index, m_indices, "index");
    check_fraction(price.share);
    total += price.share.value;
  }
  if (!line.prices.empty() && std::abs(total - 1.0) > k_share_tolerance) {
    error(line.prices.front().share.pos,
          fmt::format("the price shares of line '{}' add up to {:.15g}, not 1", line.id, total));
  }
  if (line.until) {
    check_month(*line.until, fmt::format("'lines.{}.until'", line.id));
  }
}

namespace {

bool has_base(const BudgetYear& year)
{
  return std::any_of(year.steps.begin(), year.steps.end(),
                     [](const BudgetStep& step) { return step.kind == BudgetStepKind::base; });
}

} // namespace

void Validator::check_budget_step(const BudgetStep& step)
{
  if (step.kind == BudgetStepKind::saving && step.amount.value > 0.0) {
    error(step.amount.pos,
          fmt::format("'{}' = {:.15g} is positive: a saving step comes off the budget, so it is "
                      "written as a negative amount (did you mean {:.15g}?)",
                      step.amount.path, step.amount.value, -step.amount.value));
  }
}

// With roll-forward, a year without a base step starts from the year before's budget,
// so the first budget year needs a base, and the year before any other must have one.
void Validator::check_roll_forward(const Budget& budget)
{
  std::set<FinancialYear> written;
  for (const BudgetYear& year : budget.years) {
    written.insert(year.year);
  }
  for (const BudgetYear& year : budget.years) {
    for (const BudgetStep& step : year.steps) {
      if (step.id == k_rolled_forward_step) {
        error(step.amount.pos,
              fmt::format("'{}': with roll_forward, the step id '{}' is carecast's own (the "
                          "budget carried from the year before); give this step another id",
                          step.amount.path, k_rolled_forward_step));
      }
    }
    if (has_base(year)) {
      continue;
    }
    const FinancialYear previous{year.year.start_year - 1};
    if (year.year == *written.begin()) {
      error(year.pos, fmt::format("budget year {} has no step of kind \"base\": with "
                                  "'budget.roll_forward' = true a year without one starts from "
                                  "the year before's budget, and {} is the first budget year",
                                  to_string(year.year), to_string(year.year)));
    } else if (!written.contains(previous) && !budget.growth) {
      error(year.pos,
            fmt::format("budget year {} has no step of kind \"base\" and nothing to roll "
                        "forward from: {} has no budget (write it, or give 'budget.growth' to "
                        "fill it)",
                        to_string(year.year), to_string(previous)));
    }
  }
}

void Validator::check_budget(const Budget& budget)
{
  for (const BudgetYear& year : budget.years) {
    check_year(year.year, year.pos, "budget year");
    for (const BudgetStep& step : year.steps) {
      check_budget_step(step);
    }
  }
  if (budget.growth) {
    check_rate(*budget.growth);
  }
  if (budget.roll_forward && !budget.years.empty()) {
    check_roll_forward(budget);
  }
}

void Validator::check_cost_overlay(const Overlay& overlay, const std::string& path)
{
  const bool on_index = overlay.kind == OverlayKind::index_rate;
  check_reference(overlay.target, on_index ? m_indices : m_lines, on_index ? "index" : "line");
  if (overlay.indexed_by) {
    check_reference(*overlay.indexed_by, m_indices, "index");
  }
  if (overlay.kind == OverlayKind::index_rate) {
    check_rate(overlay.value);
    if (overlay.from && financial_year_of(overlay.from->month) <= m_scenario.base_year) {
      error(
        overlay.from->pos,
        fmt::format("'{}.from' {} is in the base year: the base year's amounts fix "
                    "every index's level in it, so a rate can change from {} "
                    "at the earliest",
                    path, to_string(overlay.from->month),
                    to_string(FinancialYear{m_scenario.base_year.start_year + 1}.first_month())));
    }
  } else if (overlay.kind == OverlayKind::stop_line) {
    check_fraction(overlay.value);
  } else if (overlay.delivers_saving && overlay.value.value > 0.0) {
    error(overlay.delivers_saving_pos,
          fmt::format("'{}.delivers_saving': '{}' = {:.15g} adds cost, so it delivers no saving; "
                      "an amount that saves is written as a negative amount",
                      path, overlay.value.path, overlay.value.value));
  } else if (overlay.kind == OverlayKind::saving && overlay.value.value < 0.0) {
    error(overlay.value.pos, fmt::format("'{}' = {:.15g} is negative: a saving's target is written "
                                         "as a positive amount and taken off the line",
                                         overlay.value.path, overlay.value.value));
  }
}

void Validator::check_overlay(const Overlay& overlay, const std::string& path)
{
  if (changes_ladder(overlay.kind)) {
    check_ladder_overlay(overlay, path);
  } else {
    check_cost_overlay(overlay, path);
  }
  for (const auto* month : {&overlay.from, &overlay.until}) {
    if (*month) {
      check_month(**month, fmt::format("'{}.{}'", path, month == &overlay.from ? "from" : "until"));
    }
  }
  if (overlay.from && overlay.until && overlay.until->month < overlay.from->month) {
    error(overlay.until->pos,
          fmt::format("'{}.until' {} is before its 'from' {}", path,
                      to_string(overlay.until->month), to_string(overlay.from->month)));
  }
  for (const RampStep& step : overlay.ramp) {
    check_year(step.year, step.fraction.pos, "ramp year");
    check_fraction(step.fraction);
  }
}

void Validator::check_option(const Option& option)
{
  if (option.extends) {
    check_reference(*option.extends, m_options, "option");
  }
  for (const Overlay& overlay : option.overlays) {
    check_overlay(overlay, fmt::format("options.{}.overlays.{}", option.id, overlay.id));
  }
}

void Validator::check_extends_cycles()
{
  std::map<std::string, const Option*> by_id;
  for (const Option& option : m_scenario.options) {
    by_id[option.id] = &option;
  }
  std::set<std::string> reported;
  for (const Option& option : m_scenario.options) {
    std::vector<std::string> chain{option.id};
    for (const Option* current = &option; current->extends && !reported.contains(option.id);) {
      const auto next = by_id.find(current->extends->id);
      if (next == by_id.end()) {
        break;
      }
      if (next->second == &option) {
        reported.insert(chain.begin(), chain.end());
        chain.push_back(option.id);
        error(option.extends->pos,
              fmt::format("options extend each other in a cycle: {}", fmt::join(chain, " -> ")));
        break;
      }
      if (std::find(chain.begin(), chain.end(), next->first) != chain.end()) {
        break; // a cycle further on, reported from one of its own members
      }
      chain.push_back(next->first);
      current = next->second;
    }
  }
}

void Validator::check_appraisal(const Appraisal& appraisal)
{
  if (appraisal.discount_rate) {
    check_rate(*appraisal.discount_rate);
    if (appraisal.discount_rate->value < 0.0) {
      error(appraisal.discount_rate->pos, "'appraisal.discount_rate' must not be negative");
    }
  }
  for (const auto& [year, key] : {std::pair{&appraisal.first_year, "'appraisal.first_year'"},
                                  std::pair{&appraisal.price_year, "'appraisal.price_year'"}}) {
    if (*year) {
      check_year((*year)->year, (*year)->pos, key);
    }
  }
  if (appraisal.deflator) {
    check_reference(*appraisal.deflator, m_indices, "index");
  }
  std::vector<std::string> targets = m_lines;
  for (const Option& option : m_scenario.options) {
    for (const Overlay& overlay : option.overlays) {
      targets.push_back(overlay.id);
    }
  }
  for (const OptimismBias& bias : appraisal.optimism_bias) {
    check_reference(bias.target, targets, "line or overlay");
    if (!k_optimism_bias.holds(bias.uplift.value)) {
      error(bias.uplift.pos, fmt::format("'{}' = {:.15g} is out of range: an uplift is a share "
                                         "between 0 and {:g}, so 40% is written 0.4",
                                         bias.uplift.path, bias.uplift.value, k_optimism_bias.high));
    }
  }
}

std::vector<Diagnostic> Validator::run()
{
  if (!years_known()) {
    // Nothing to check the horizon against.
  } else if (m_scenario.horizon < m_scenario.base_year) {
    error(m_scenario.horizon_pos,
          fmt::format("horizon {} is before the base year {}", to_string(m_scenario.horizon),
                      to_string(m_scenario.base_year)));
  } else if (!grid_ok()) {
    error(m_scenario.horizon_pos, fmt::format("the scenario spans more than {} financial years "
                                              "from its base year to its horizon",
                                              k_max_years));
  }
  const SourcePos top{m_scenario.files.empty() ? "" : m_scenario.files.front(), 1, 1};
  if (grid_ok()) {
    const std::size_t rows =
      m_scenario.lines.size() + (m_scenario.ladder ? m_scenario.ladder->types.size() : 0);
    const std::size_t years = m_scenario.horizon.start_year - m_scenario.base_year.start_year + 1;
    const std::size_t size = std::max<std::size_t>(m_scenario.options.size(), 1) * rows * years;
    if (size > k_max_scenario_size) {
      error(top, fmt::format("the scenario is too large to evaluate: {} options x {} lines and "
                             "placement types x {} years is {} figures a draw, and carecast "
                             "evaluates at most {}",
                             m_scenario.options.size(), rows, years, size, k_max_scenario_size));
    }
  }
  if (m_scenario.lines.empty()) {
    error(top, "the scenario defines no cost lines under [lines]");
  }
  if (m_scenario.options.empty()) {
    error(top, "the scenario defines no options under [options]");
  }
  for (const Index& index : m_scenario.indices) {
    check_index(index);
  }
  for (const Line& line : m_scenario.lines) {
    check_line(line);
  }
  check_lines_have_base();
  if (m_scenario.ladder) {
    check_ladder(*m_scenario.ladder);
  }
  for (const UncertainInput& input : m_scenario.uncertainty) {
    check_uncertain_input(input);
  }
  if (m_scenario.known_base_year && m_scenario.known_base_year->value <= 0.0) {
    error(m_scenario.known_base_year->pos,
          fmt::format("'uncertainty.known_base_year' = {:.15g} must be above 0: it is the base "
                      "year's known total cost, which each draw's costs are scaled to",
                      m_scenario.known_base_year->value));
  }
  if (m_scenario.correlation) {
    check_correlation(*m_scenario.correlation);
  }
  check_budget(m_scenario.budget);
  for (const Option& option : m_scenario.options) {
    check_option(option);
  }
  check_extends_cycles();
  check_appraisal(m_scenario.appraisal);
  if (m_scenario.ledger) {
    check_ledger(*m_scenario.ledger);
  }
  return std::move(m_diagnostics);
}

} // namespace carecast::validation

namespace carecast {
namespace {

using validation::Validator;

LoadResult with_validation(LoadResult result)
{
  if (result.scenario) {
    std::vector<Diagnostic> more = validate(*result.scenario);
    result.diagnostics.insert(result.diagnostics.end(), more.begin(), more.end());
  }
  if (!result.diagnostics.empty()) {
    result.scenario.reset();
  }
  sort_by_position(result.diagnostics);
  return result;
}

} // namespace

std::vector<Diagnostic> validate(const Scenario& scenario)
{
  return Validator(scenario).run();
}

LoadResult read_scenario(const std::filesystem::path& path)
{
  return with_validation(load_scenario_file(path));
}

LoadResult read_scenario_text(std::string text, const std::string& file_name)
{
  return with_validation(load_scenario_text(std::move(text), file_name));
}

} // namespace carecast
