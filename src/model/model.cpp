#include "carecast/model.hpp"

#include "budget.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace carecast {

Model::Model(const Scenario& scenario)
  : m_name(scenario.name),
    m_unit(scenario.unit),
    m_grid(scenario.base_year, scenario.horizon)
{
  for (const Index& index : scenario.indices) {
    ModelIndex compiled{index.id, index.name, std::vector<int>(m_grid.years(), k_none),
                        index.timing, (index.step_month + 8) % 12};
    const int fallback = index.default_rate ? add(*index.default_rate, k_annual_rate) : k_none;
    for (int year = 1; year < m_grid.years(); ++year) {
      compiled.rate_by_year[year] = fallback;
    }
    for (const YearRate& rate : index.rates) {
      compiled.rate_by_year[*m_grid.year_index(rate.year)] = add(rate.rate, k_annual_rate);
    }
    m_indices.push_back(std::move(compiled));
  }
  for (const Line& line : scenario.lines) {
    ModelLine compiled{line.id, line.name, line.base ? add(*line.base, k_any_amount) : k_none,
                       k_none,  {},        m_grid.months()};
    if (line.demand) {
      compiled.demand_index = index_position(line.demand->id);
    }
    for (const PriceShare& price : line.prices) {
      compiled.prices.emplace_back(index_position(price.index.id), add(price.share, k_fraction));
    }
    if (line.until) {
      compiled.end_month = month_index(line.until->month) + 1;
    }
    m_lines.push_back(std::move(compiled));
  }
  if (scenario.ladder) {
    compile_ladder(*scenario.ladder);
  }
  if (scenario.known_base_year) {
    compile_calibration(*scenario.known_base_year);
  }
  compile_budget(scenario.budget);
  compile_options(scenario.options);
  compile_appraisal(scenario.appraisal);
  compile_uncertainty(scenario);
  if (scenario.ledger) {
    compile_ledger(*scenario.ledger);
  }
  refresh_derived();
}

void Model::set_value(int parameter, double value)
{
  m_parameters[parameter].value = value;
  refresh_derived();
}

// A derived parameter's value is the one the scenario's own values give.
void Model::refresh_derived()
{
  const Eigen::VectorXd current = values();
  const projection::BudgetRows rows = projection::budget_rows(*this, current);
  for (int y = 0; y < m_grid.years(); ++y) {
    if (const int rolled = m_budget.rolled_forward[y]; rolled != k_none) {
      m_parameters[rolled].value = rows.start(y, 0);
    }
  }
}

Eigen::VectorXd Model::values() const
{
  Eigen::VectorXd result(static_cast<Eigen::Index>(m_parameters.size()));
  for (std::size_t i = 0; i < m_parameters.size(); ++i) {
    result[static_cast<Eigen::Index>(i)] = m_parameters[i].value;
  }
  return result;
}

std::optional<int> Model::find_parameter(std::string_view path) const
{
  for (std::size_t i = 0; i < m_parameters.size(); ++i) {
    if (m_parameters[i].path == path) {
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

std::optional<int> Model::find_option(std::string_view id) const
{
  for (std::size_t i = 0; i < m_options.size(); ++i) {
    if (m_options[i].id == id) {
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

void Model::compile_ledger(const LedgerMap& ledger)
{
  m_ledger.pos = ledger.pos;
  m_ledger.unit = ledger.unit.empty() ? m_unit : ledger.unit;
  m_ledger.scale = pounds_per_unit(m_ledger.unit).value() / pounds_per_unit(m_unit).value();
  if (ledger.amber && ledger.red) {
    m_ledger.amber = ledger.amber->value;
    m_ledger.red = ledger.red->value;
  }
  for (const LedgerLine& line : ledger.lines) {
    ModelLedgerLine compiled{line_position(line.line.id), {}, line.method, line.reason, 3, {}};
    for (const CodePattern& code : line.codes) {
      compiled.codes.push_back(code.text);
    }
    if (line.periods) {
      compiled.periods = static_cast<int>(line.periods->value);
    }
    for (const Number& weight : line.profile) {
      compiled.profile.push_back(weight.value);
    }
    m_ledger.lines.push_back(std::move(compiled));
  }
  m_ledger.budget_by_year.assign(static_cast<std::size_t>(m_grid.years()),
                                 std::vector<std::optional<double>>(m_lines.size()));
  for (const LedgerBudgetYear& year : ledger.budgets) {
    for (const LineBudget& budget : year.lines) {
      m_ledger.budget_by_year[*m_grid.year_index(year.year)][line_position(budget.line.id)] =
        budget.amount.value;
    }
  }
}

void Model::reset_ladder(int month, std::vector<double> children)
{
  m_ladder.reset = LadderReset{month, std::move(children)};
}

int Model::add(const Number& number, const FigureRange& domain, std::string label)
{
  m_parameters.push_back({number.path, std::move(label), number.unit, number.pos,
                          number.provenance, number.value, false, domain});
  return static_cast<int>(m_parameters.size()) - 1;
}

int Model::month_index(Month month) const
{
  return *m_grid.month_index(month);
}

int Model::index_position(const std::string& id) const
{
  const auto found = std::find_if(m_indices.begin(), m_indices.end(),
                                  [&](const ModelIndex& index) { return index.id == id; });
  return static_cast<int>(found - m_indices.begin());
}

int Model::line_position(const std::string& id) const
{
  const auto found = std::find_if(m_lines.begin(), m_lines.end(),
                                  [&](const ModelLine& line) { return line.id == id; });
  return static_cast<int>(found - m_lines.begin());
}

int Model::placement_position(const std::string& id) const
{
  const auto& types = m_ladder.types;
  const auto found = std::find_if(types.begin(), types.end(),
                                  [&](const ModelPlacement& type) { return type.id == id; });
  return static_cast<int>(found - types.begin());
}

ModelOverlay Model::compile(const Overlay& overlay)
{
  ModelOverlay compiled;
  compiled.id = overlay.id;
  compiled.name = overlay.name.empty() ? overlay.id : overlay.name;
  compiled.kind = overlay.kind;
  if (overlay.kind == OverlayKind::index_rate) {
    compiled.target = index_position(overlay.target.id);
  } else if (changes_ladder(overlay.kind)) {
    compiled.target =
      overlay.kind == OverlayKind::entries ? k_none : placement_position(overlay.target.id);
  } else {
    compiled.target = line_position(overlay.target.id);
  }
  if (overlay.counterpart) {
    compiled.counterpart = placement_position(overlay.counterpart->id);
  }
  compiled.value = add(overlay.value, overlay_range(overlay.kind, overlay.delivers_saving));
  compiled.delivers_saving = overlay.delivers_saving;
  compiled.first_month = overlay.from ? month_index(overlay.from->month) : 0;
  compiled.end_month = overlay.until ? month_index(overlay.until->month) + 1 : m_grid.months();
  if (overlay.indexed_by) {
    compiled.indexed_by = index_position(overlay.indexed_by->id);
  }
  if (overlay.kind == OverlayKind::saving) {
    // A ramp fraction stays in force until the next stated year.
    compiled.ramp_by_year.assign(m_grid.years(), k_none);
    std::vector<RampStep> ramp = overlay.ramp;
    std::stable_sort(ramp.begin(), ramp.end(),
                     [](const RampStep& a, const RampStep& b) { return a.year < b.year; });
    for (const RampStep& step : ramp) {
      const int parameter = add(step.fraction, k_fraction);
      const int first = *m_grid.year_index(step.year);
      std::fill(compiled.ramp_by_year.begin() + first, compiled.ramp_by_year.end(), parameter);
    }
  }
  return compiled;
}

void Model::compile_options(const std::vector<Option>& options)
{
  std::map<std::string, const Option*> by_id;
  for (const Option& option : options) {
    by_id[option.id] = &option;
  }
  std::map<std::string, std::vector<ModelOverlay>> resolved;
  // Validation has ruled out cycles, so following `extends` always ends.
  const auto overlays_of = [&](const Option& option,
                               const auto& self) -> std::vector<ModelOverlay> {
    if (const auto done = resolved.find(option.id); done != resolved.end()) {
      return done->second;
    }
    std::vector<ModelOverlay> result;
    if (option.extends) {
      result = self(*by_id.at(option.extends->id), self);
    }
    for (const Overlay& overlay : option.overlays) {
      ModelOverlay compiled = compile(overlay);
      const auto same = std::find_if(result.begin(), result.end(),
                                     [&](const ModelOverlay& o) { return o.id == overlay.id; });
      if (same != result.end()) {
        *same = std::move(compiled);
      } else {
        result.push_back(std::move(compiled));
      }
    }
    return resolved[option.id] = result;
  };
  for (const Option& option : options) {
    m_options.push_back(
      {option.id, option.name, option.description, overlays_of(option, overlays_of)});
  }
}

void Model::compile_budget(const Budget& budget)
{
  const int years = m_grid.years();
  m_budget.source_by_year.assign(years, BudgetSource::none);
  m_budget.steps_by_year.assign(years, {});
  m_budget.kinds_by_year.assign(years, {});
  m_budget.one_off_by_year.assign(years, {});
  m_budget.rolled_forward.assign(years, k_none);
  m_budget.adds_growth.assign(years, false);
  for (const BudgetYear& year : budget.years) {
    compile_budget_year(year, budget.roll_forward);
  }
  if (budget.growth) {
    m_budget.growth = add(*budget.growth, k_annual_rate);
  }
  for (int y = 1; y < years; ++y) {
    if (m_budget.source_by_year[y] == BudgetSource::none && m_budget.growth != k_none
        && m_budget.source_by_year[y - 1] != BudgetSource::none) {
      m_budget.source_by_year[y] = BudgetSource::grown;
    }
  }
}

// A year without a base step rolls forward when the scenario asks for it: validation
// has made sure it is not the first budget year.
void Model::compile_budget_year(const BudgetYear& year, bool roll_forward)
{
  const int index = *m_grid.year_index(year.year);
  const auto has_kind = [&](BudgetStepKind kind) {
    return std::any_of(year.steps.begin(), year.steps.end(),
                       [&](const BudgetStep& step) { return step.kind == kind; });
  };
  m_budget.source_by_year[index] = BudgetSource::stated;
  if (roll_forward && !has_kind(BudgetStepKind::base) && index > 0) {
    const std::string previous = to_string(m_grid.year(index - 1));
    const Number start{
      0.0,
      fmt::format("budget.years.{}.{}", to_string(year.year), k_rolled_forward_step),
      m_unit,
      year.pos,
      {{}, fmt::format("Derived: {}'s net budget less its one-off steps.", previous)}};
    m_budget.rolled_forward[index] =
      add(start, k_any_amount, fmt::format("{} budget rolled forward", previous));
    m_parameters.back().derived = true;
    m_budget.adds_growth[index] = !has_kind(BudgetStepKind::inflation);
    m_budget.source_by_year[index] = BudgetSource::rolled_forward;
  }
  for (const BudgetStep& step : year.steps) {
    const FigureRange& domain =
      step.kind == BudgetStepKind::saving ? k_non_positive : k_any_amount;
    m_budget.steps_by_year[index].push_back(add(step.amount, domain, step.name));
    m_budget.kinds_by_year[index].push_back(step.kind);
    m_budget.one_off_by_year[index].push_back(step.one_off);
  }
}

void Model::compile_appraisal(const Appraisal& appraisal)
{
  static const Number k_green_book_rate{
    0.035, "appraisal.discount_rate", "rate/yr", {}, {"HM Treasury Green Book: 3.5% a year", {}}};
  m_appraisal.discount_rate =
    add(appraisal.discount_rate.value_or(k_green_book_rate), k_discount_rate);
  if (appraisal.first_year) {
    m_appraisal.first_year = *m_grid.year_index(appraisal.first_year->year);
  }
  if (appraisal.deflator) {
    m_appraisal.deflator = index_position(appraisal.deflator->id);
  }
  if (appraisal.price_year) {
    m_appraisal.price_year = *m_grid.year_index(appraisal.price_year->year);
  }
  for (const OptimismBias& bias : appraisal.optimism_bias) {
    const int uplift = add(bias.uplift, k_optimism_bias);
    const int line = line_position(bias.target.id);
    if (line < static_cast<int>(m_lines.size())) {
      m_lines[line].optimism_bias = uplift;
      continue;
    }
    for (ModelOption& option : m_options) {
      for (ModelOverlay& overlay : option.overlays) {
        if (overlay.id == bias.target.id) {
          overlay.optimism_bias = uplift;
        }
      }
    }
  }
}

// Types in ladder order, each with its row of the move matrix.
void Model::compile_ladder(const Ladder& ladder)
{
  m_ladder.line = line_position(ladder.line.id);
  m_ladder.money_scale = 1.0 / pounds_per_unit(m_unit).value();
  m_ladder.entries = add(ladder.entries_per_year, k_non_negative);
  if (ladder.entry_growth) {
    m_ladder.growth = add(*ladder.entry_growth, k_annual_rate);
  }
  if (ladder.entry_growth_index) {
    m_ladder.growth_index = index_position(ladder.entry_growth_index->id);
  }
  for (const Reference& id : ladder.order) {
    const auto& types = ladder.types;
    const PlacementType& type = *std::find_if(
      types.begin(), types.end(), [&](const PlacementType& t) { return t.id == id.id; });
    ModelPlacement compiled;
    compiled.id = type.id;
    compiled.name = type.name.empty() ? type.id : type.name;
    compiled.weekly_cost = add(type.weekly_cost, k_non_negative);
    if (type.prices) {
      compiled.price_index = index_position(type.prices->id);
    }
    compiled.children = add(type.children, k_non_negative);
    compiled.entry_share = add(type.entry_share, k_fraction);
    compiled.exit_rate = add(type.exit_rate, k_fraction);
    const MovesRow& row = *std::find_if(ladder.moves.begin(), ladder.moves.end(),
                                        [&](const MovesRow& r) { return r.from.id == id.id; });
    for (const Number& rate : row.rates) {
      compiled.moves.push_back(add(rate, k_fraction));
    }
    m_ladder.types.push_back(std::move(compiled));
  }
}

void Model::compile_calibration(const Number& known)
{
  m_calibration.known = add(known, k_non_negative, "Known base-year total");
  m_calibration.line = static_cast<int>(m_lines.size());
  m_lines.push_back({"base_year_calibration",
                     "Calibration to the known base-year total",
                     k_none,
                     k_none,
                     {},
                     m_grid.months()});
}

// Inputs whose address names no parameter are left out; read_model reports them.
void Model::compile_uncertainty(const Scenario& scenario)
{
  for (const UncertainInput& input : scenario.uncertainty) {
    const std::optional<int> parameter = find_parameter(input.parameter.id);
    if (!parameter) {
      continue;
    }
    Distribution distribution;
    distribution.kind = find_distribution_type(input.distribution.id)->kind;
    for (const Setting setting : k_settings) {
      if (const std::optional<Number>& number = input.setting(setting)) {
        distribution[setting] = number->value;
      }
    }
    const FigureRange& domain = m_parameters[*parameter].domain;
    if (input.truncate && !within(draw_range(distribution), domain)) {
      distribution.truncation = {domain.nearest(-k_unbounded), domain.nearest(k_unbounded)};
    }
    m_inputs.push_back({input.id, *parameter, distribution, input.pos, input.provenance});
  }
  if (!scenario.correlation) {
    return;
  }
  const CorrelationMatrix& stated = *scenario.correlation;
  m_correlation_pos = stated.matrix_pos;
  const auto n = static_cast<Eigen::Index>(m_inputs.size());
  m_correlation = Eigen::MatrixXd::Identity(n, n);
  const auto position = [&](const std::string& id) {
    const auto found = std::find_if(m_inputs.begin(), m_inputs.end(),
                                    [&](const ModelInput& input) { return input.id == id; });
    return found == m_inputs.end() ? Eigen::Index{-1} : Eigen::Index(found - m_inputs.begin());
  };
  for (std::size_t r = 0; r < stated.order.size(); ++r) {
    for (std::size_t c = 0; c < stated.order.size(); ++c) {
      const Eigen::Index row = position(stated.order[r].id);
      const Eigen::Index column = position(stated.order[c].id);
      if (row >= 0 && column >= 0) {
        m_correlation(row, column) = stated.rows[r][c].value;
      }
    }
  }
}

} // namespace carecast
