#include "carecast/explain.hpp"

#include "budget.hpp"
#include "cost_terms.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <optional>

namespace carecast {
namespace {

using namespace projection;

std::string index_name(const Model& model, int index)
{
  const ModelIndex& found = model.indices()[index];
  return found.name.empty() ? found.id : found.name;
}

// How an index's rate takes effect, for the terms it adds: "steps in April" or "monthly".
std::string index_timing(const Model& model, int index)
{
  static constexpr const char* k_months[] = {"April",    "May",       "June",     "July",
                                             "August",   "September", "October",  "November",
                                             "December", "January",   "February", "March"};
  const ModelIndex& found = model.indices()[index];
  if (found.timing == IndexTiming::monthly) {
    return "monthly";
  }
  return fmt::format("steps in {}", k_months[found.step]);
}

std::string_view kind_name(OverlayKind kind)
{
  switch (kind) {
  case OverlayKind::recurring:
    return "Recurring";
  case OverlayKind::one_off:
    return "One-off";
  case OverlayKind::saving:
    return "Saving";
  case OverlayKind::stop_line:
    return "Stop";
  case OverlayKind::index_rate:
    return "Index rate";
  case OverlayKind::shift_entries:
  case OverlayKind::shift_moves:
  case OverlayKind::entries:
  case OverlayKind::unit_cost:
  case OverlayKind::capacity:
    return "Care ladder";
  }
  return "Overlay";
}

// Every line's baseline but the calibration line's, summed month by month, under
// `option`: what calibration scales.
Array baseline_total(const Model& model, const ModelOption& option, const Eigen::VectorXd& values)
{
  const IndexLevels levels = index_levels(model, option, values);
  std::optional<LadderProjection> ladder;
  if (model.has_ladder()) {
    ladder = project_ladder(model, option, levels, values, LadderFigures::total,
                            stated_moves(model, values));
  }
  Array total = Array::Zero(model.grid().months(), 1);
  for (int l = 0; l < static_cast<int>(model.lines().size()); ++l) {
    if (l != model.calibration().line) {
      total += line_baseline(model, l, levels, ladder ? &*ladder : nullptr, values);
    }
  }
  return total;
}

class CostTerms
{
public:
  CostTerms(const Model& model, const Eigen::VectorXd& values, const ModelOption& option, int line,
            int year)
    : m_model(model),
      m_values(values),
      m_option(option),
      m_line(model.lines()[line]),
      m_year(year),
      m_levels(index_levels(model, m_option, values))
  {}

  LineTerms build();

private:
  int rate_of(int index) const { return m_model.indices()[index].rate_by_year[m_year]; }
  void add(std::string label, std::string caption, const Array& monthly, int parameter)
  {
    m_result.explanation.terms.push_back(
      {std::move(label), year_sum(monthly, m_year)(0, 0), parameter, std::move(caption)});
    m_monthly = m_monthly.size() == 0 ? monthly : Array(m_monthly + monthly);
  }
  Array add_baseline();
  Array add_ladder();
  void add_stops(Array running);
  void add_overlays();

  const Model& m_model;
  const Eigen::VectorXd& m_values;
  const ModelOption& m_option;
  const ModelLine& m_line;
  int m_year;
  IndexLevels m_levels;
  Array m_monthly; // the sum of the terms so far, month by month
  LineTerms m_result;
};

// base + base x (demand - 1) + base x demand x sum of share x (price - 1) is the
// baseline, since the shares sum to 1.
Array CostTerms::add_baseline()
{
  const int months = m_model.grid().months();
  Array base = Array::Constant(months, 1, m_values[m_line.base] / k_months_per_year);
  base.bottomRows(months - m_line.end_month).setZero();
  add(fmt::format("Base amount of {}", m_line.id), "Base: " + m_line.id, base, m_line.base);
  Array demand = Array::Ones(months, 1);
  if (m_line.demand_index != k_none) {
    const int index = m_line.demand_index;
    demand = m_levels[index];
    add(fmt::format("Demand: {} ({})", index_name(m_model, index), index_timing(m_model, index)),
        "Demand: " + m_model.indices()[index].id, base * (demand - 1.0), rate_of(index));
  }
  Array running = base * demand;
  Array mix = Array::Zero(months, 1);
  for (const auto& [index, share] : m_line.prices) {
    const Array& level = m_levels[index];
    add(fmt::format("Prices: {} ({:g}% share, {})", index_name(m_model, index),
                    m_values[share] * 100.0, index_timing(m_model, index)),
        "Prices: " + m_model.indices()[index].id, base * demand * m_values[share] * (level - 1.0),
        rate_of(index));
    mix += m_values[share] * level;
  }
  return m_line.prices.empty() ? running : running * mix;
}

// The ladder's cost in a year, from its cost in the base year: the volume, mix and
// price effects (ladder_effects) against the base year; together they are this
// year's child-weeks x shares x prices, the ladder's cost.
Array CostTerms::add_ladder()
{
  const LadderProjection ladder = project_ladder(
    m_model, m_option, m_levels, m_values, LadderFigures::by_type, stated_moves(m_model, m_values));
  const LadderYear base(ladder, 0);
  m_result.ladder.emplace(ladder, m_year);
  const LadderEffects effects = ladder_effects(base, *m_result.ladder);
  double base_cost = 0.0;
  for (const double cost : base.cost) {
    base_cost += cost;
  }
  const std::string base_year = to_string(m_model.grid().year(0));
  std::vector<Term>& terms = m_result.explanation.terms;
  terms.push_back({fmt::format("Care ladder: cost of placements in {}", base_year), base_cost,
                   k_none, "Ladder " + base_year});
  terms.push_back({fmt::format("Care ladder: volume (child-weeks against {})", base_year),
                   effects.volume, m_model.ladder().entries, "Ladder volume"});
  terms.push_back({fmt::format("Care ladder: mix of placement types against {}", base_year),
                   effects.mix, k_none, "Ladder mix"});
  terms.push_back({fmt::format("Care ladder: weekly prices against {}", base_year), effects.prices,
                   k_none, "Ladder prices"});
  m_result.ladder_terms = terms.size();
  m_monthly = m_monthly.size() == 0 ? ladder.total : Array(m_monthly + ladder.total);
  return ladder.total;
}

// Stops scale what is left of the baseline, one after another.
void CostTerms::add_stops(Array running)
{
  for (const ModelOverlay& overlay : m_option.overlays) {
    if (overlay.kind != OverlayKind::stop_line || &m_model.lines()[overlay.target] != &m_line) {
      continue;
    }
    Array effect = Array::Zero(running.rows(), 1);
    const int length = overlay.end_month - overlay.first_month;
    effect.middleRows(overlay.first_month, length) =
      running.middleRows(overlay.first_month, length) * (m_values[overlay.value] - 1.0);
    running += effect;
    add(overlay_label(overlay), overlay_caption(overlay), effect, overlay.value);
  }
}

void CostTerms::add_overlays()
{
  for (const ModelOverlay& overlay : m_option.overlays) {
    if (adds_amounts(overlay) && &m_model.lines()[overlay.target] == &m_line) {
      const Array amounts = overlay_amounts(overlay, m_levels, m_values, m_model.grid().months());
      add(overlay_label(overlay), overlay_caption(overlay), amounts, overlay.value);
      if (overlay.optimism_bias != k_none) {
        add("Optimism bias on " + overlay.name, "Optimism bias: " + overlay.id,
            optimism_uplift(amounts, overlay.optimism_bias, m_values), overlay.optimism_bias);
      }
    }
  }
}

LineTerms CostTerms::build()
{
  Explanation& result = m_result.explanation;
  result.line = m_line.id;
  const ModelCalibration& calibration = m_model.calibration();
  if (calibration.line != k_none && &m_line == &m_model.lines()[calibration.line]) {
    const double known = m_values[calibration.known];
    const double modelled = year_sum(baseline_total(m_model, ModelOption{}, m_values), 0)(0, 0);
    add(fmt::format("Calibration: known base-year total {:.2f} over the modelled {:.2f}", known,
                    modelled),
        "Calibration", baseline_total(m_model, m_option, m_values) * (known / modelled - 1.0),
        calibration.known);
    result.total = result.terms.front().value;
    return m_result;
  }
  const bool fed_by_ladder = &m_model.lines()[m_model.ladder().line] == &m_line;
  add_stops(m_model.has_ladder() && fed_by_ladder ? add_ladder() : add_baseline());
  add_overlays();
  if (m_line.optimism_bias != k_none) {
    add("Optimism bias on " + m_line.id, "Optimism bias: " + m_line.id,
        optimism_uplift(m_monthly, m_line.optimism_bias, m_values), m_line.optimism_bias);
  }
  for (const Term& term : result.terms) {
    result.total += term.value;
  }
  return m_result;
}

} // namespace

LadderYear::LadderYear(const LadderProjection& ladder, int year)
{
  const auto months = [&](const Array& monthly) {
    return monthly.middleRows(year * k_months_per_year, k_months_per_year);
  };
  for (std::size_t j = 0; j < ladder.cost.size(); ++j) {
    const Array& children = ladder.children[j];
    weeks.push_back((months(children) * months(ladder.weeks)).sum());
    cost.push_back(months(ladder.cost[j]).sum());
    price.push_back(weeks.back() > 0.0 ? cost.back() / weeks.back()
                                       : months(ladder.price[j]).mean());
    total_weeks += weeks.back();
  }
}

LadderEffects ladder_effects(const LadderYear& from, const LadderYear& to)
{
  double from_price = 0.0;
  double mix = 0.0;
  double prices = 0.0;
  for (std::size_t j = 0; j < from.cost.size(); ++j) {
    from_price += from.share(j) * from.price[j];
    mix += (to.share(j) - from.share(j)) * from.price[j];
    prices += to.share(j) * (to.price[j] - from.price[j]);
  }
  return {(to.total_weeks - from.total_weeks) * from_price, to.total_weeks * mix,
          to.total_weeks * prices};
}

std::string overlay_label(const ModelOverlay& overlay)
{
  return fmt::format("{}: {}", kind_name(overlay.kind), overlay.name);
}

std::string overlay_caption(const ModelOverlay& overlay)
{
  return fmt::format("{}: {}", kind_name(overlay.kind), overlay.id);
}

LineTerms line_terms(const Model& model, const Eigen::VectorXd& values, const ModelOption& option,
                     int line, int year)
{
  return CostTerms(model, values, option, line, year).build();
}

Explanation explain_cost(const Model& model, const Eigen::VectorXd& values, int option, int line,
                         int year)
{
  return line_terms(model, values, model.options()[option], line, year).explanation;
}

namespace {

// "Budget 2022/23", or "Budget 2022/23 less one-off steps" when it has some: what a
// grown year starts from.
std::string carried_label(const Model& model, int year)
{
  const std::vector<bool>& one_off = model.budget().one_off_by_year[year];
  const bool any = std::find(one_off.begin(), one_off.end(), true) != one_off.end();
  return fmt::format("Budget {}{}", to_string(model.grid().year(year)),
                     any ? " less one-off steps" : "");
}

// A budget step's id, the last part of its address: "demand" for
// budget.years.2022/23.demand.
std::string step_id(const Parameter& parameter)
{
  return parameter.path.substr(parameter.path.rfind('.') + 1);
}

} // namespace

Explanation explain_budget(const Model& model, const Eigen::VectorXd& values, int year)
{
  const ModelBudget& budget = model.budget();
  const BudgetSource source = budget.source_by_year[year];
  Explanation result;
  if (source == BudgetSource::none) {
    return result;
  }
  const BudgetRows rows = budget_rows(model, values);
  if (source == BudgetSource::rolled_forward) {
    const int rolled = budget.rolled_forward[year];
    const std::string& label = model.parameters()[rolled].label;
    result.terms.push_back({label, rows.start(year, 0), rolled, label});
  } else if (source == BudgetSource::grown) {
    const std::string carried = carried_label(model, year - 1);
    result.terms.push_back({carried, rows.start(year, 0), k_none, carried});
  }
  const bool takes_growth = source == BudgetSource::grown || budget.adds_growth[year];
  if (takes_growth && budget.growth != k_none) {
    result.terms.push_back({fmt::format("Growth at {:g}%", values[budget.growth] * 100.0),
                            rows.growth(year, 0), budget.growth, "Growth"});
  }
  for (const int step : budget.steps_by_year[year]) {
    const Parameter& parameter = model.parameters()[step];
    result.terms.push_back({parameter.label.empty() ? parameter.path : parameter.label,
                            values[step], step, step_id(parameter)});
  }
  result.total = rows.net(year, 0);
  return result;
}

Explanation bridge(const Explanation& from, const Explanation& to)
{
  Explanation result{to.line, to.total - from.total, {}};
  std::map<std::string, std::size_t> position;
  const auto term_for = [&](const Term& term) -> Term& {
    const auto [found, added] = position.try_emplace(term.label, result.terms.size());
    if (added) {
      result.terms.push_back({term.label, 0.0, term.parameter, term.caption});
    }
    return result.terms[found->second];
  };
  for (const Term& term : from.terms) {
    term_for(term).value -= term.value;
  }
  for (const Term& term : to.terms) {
    Term& bridged = term_for(term);
    bridged.value += term.value;
    bridged.parameter = term.parameter;
  }
  return result;
}

} // namespace carecast
