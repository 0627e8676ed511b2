#include "carecast/evaluator.hpp"

#include "budget.hpp"
#include "carecast/kernels.hpp"
#include "ladder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace carecast {
namespace {

using namespace projection;

// The indices a line's baseline reads: its demand index (k_none without one) and its
// prices'.
std::vector<int> line_indices(const ModelLine& line)
{
  std::vector<int> indices{line.demand_index};
  for (const auto& [index, share] : line.prices) {
    indices.push_back(index);
  }
  return indices;
}

bool line_changed(const ModelLine& line, const std::vector<bool>& changed)
{
  const std::vector<int> indices = line_indices(line);
  return std::any_of(indices.begin(), indices.end(),
                     [&](int index) { return index != k_none && changed[index]; });
}

// The first month in which each wanted option's overlays can change the care ladder
// (first_ladder_month), the grid's months for the others and without a ladder.
std::vector<int> first_ladder_months(const Model& model, const std::vector<bool>& wanted)
{
  std::vector<int> first(model.options().size(), model.grid().months());
  for (std::size_t o = 0; o < first.size() && model.has_ladder(); ++o) {
    if (wanted.empty() || wanted[o]) {
      first[o] = first_ladder_month(model, model.options()[o]);
    }
  }
  return first;
}

// The months from which options' own ladder projections start, sharing the months
// before with the projection without overlays (LadderShare). That pays only when the
// projection without overlays is worked out anyway: for calibration, which scales the
// other lines' baselines, or for an option that leaves the ladder alone.
std::vector<int> shared_ladder_months(const Model& model, const std::vector<int>& first,
                                      const std::vector<bool>& wanted)
{
  const int months = model.grid().months();
  bool worked_out = model.calibration().line != k_none;
  for (std::size_t o = 0; o < first.size(); ++o) {
    worked_out = worked_out || ((wanted.empty() || wanted[o]) && first[o] == months);
  }
  if (!worked_out) {
    return {};
  }
  std::vector<int> keep;
  for (const int month : first) {
    if (month > 0 && month < months && std::find(keep.begin(), keep.end(), month) == keep.end()) {
      keep.push_back(month);
    }
  }
  return keep;
}

// The lines whose cost the option changes: those its overlays target, those that move
// with an index whose rate it changes, and the ladder's line when it changes the ladder.
std::vector<bool> touched_lines(const Model& model, const ModelOption& option,
                                const std::vector<bool>& changed, bool ladder_changed)
{
  std::vector<bool> touched;
  for (const ModelLine& line : model.lines()) {
    touched.push_back(line_changed(line, changed));
  }
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind == OverlayKind::stop_line || adds_amounts(overlay)) {
      touched[overlay.target] = true;
    }
  }
  if (ladder_changed) {
    touched[model.ladder().line] = true;
  }
  if (const int calibration = model.calibration().line; calibration != k_none) {
    // Scaled from the other lines' baselines, so changed with any of them.
    touched[calibration] = std::any_of(touched.begin(), touched.end(), [](bool t) { return t; });
  }
  return touched;
}

// The calibration line: rate x the month's total of the other lines' baselines, given by
// `baseline(line)`, added in line order.
template <class Baseline>
Array calibration(const Model& model, const Array& rate, Baseline baseline)
{
  const int calibration_line = model.calibration().line;
  std::vector<const Array*> others;
  for (int l = 0; l < static_cast<int>(model.lines().size()); ++l) {
    if (l != calibration_line) {
      others.push_back(&baseline(l));
    }
  }
  const kernels::Table& loops = kernels::active();
  Array total(model.grid().months(), rate.cols());
  std::vector<const double*> month(others.size());
  for (Eigen::Index t = 0; t < total.rows(); ++t) {
    for (std::size_t i = 0; i < others.size(); ++i) {
      month[i] = others[i]->row(t).data();
    }
    loops.scaled_sum(month.data(), static_cast<int>(month.size()), rate.data(),
                     total.row(t).data(), total.cols());
  }
  return total;
}

// The projection without any option's overlays, shared by the options that change
// nothing it depends on (most leave the ladder and most lines alone): each piece is
// worked out once per evaluation, when first needed.
class Unchanged
{
public:
  // `keep`: the months options' ladder projections start from (LadderShare).
  Unchanged(const Model& model, const Parameters& parameters, LadderFigures ladder_figures,
            std::vector<int> keep)
    : m_model(model),
      m_parameters(parameters),
      m_ladder_figures(ladder_figures),
      m_keep(std::move(keep)),
      m_levels(index_levels(model, ModelOption{}, parameters)),
      m_baseline(model.lines().size()),
      m_monthly(model.lines().size()),
      m_yearly(model.lines().size())
  {}

  const IndexLevels& levels() const { return m_levels; }

  // A line's cost without overlays or optimism bias, by month; the calibration line's is
  // worked out by calibration() from the others.
  const Array& baseline(int line)
  {
    Array& cached = m_baseline[line];
    if (cached.size() == 0) {
      cached = line_baseline(m_model, line, m_levels, m_model.has_ladder() ? &ladder() : nullptr,
                             m_parameters);
    }
    return cached;
  }

  // The line's baseline when it is worked out anyway, for calibration (which scales the
  // other lines') or for an option before; null otherwise.
  const Array* known_baseline(int line)
  {
    const bool calibrated = m_model.calibration().line != k_none;
    return calibrated || m_baseline[line].size() != 0 ? &baseline(line) : nullptr;
  }

  // Each draw's known base-year total over its own base-year baseline total, less 1: what
  // the calibration line adds per unit of baseline cost.
  const Array& calibration_rate()
  {
    if (m_calibration_rate.size() == 0) {
      Array total = Array::Zero(1, m_parameters.cols());
      for (int l = 0; l < static_cast<int>(m_model.lines().size()); ++l) {
        if (l != m_model.calibration().line) {
          total += year_sum(baseline(l), 0);
        }
      }
      m_calibration_rate = m_parameters.row(m_model.calibration().known).array() / total - 1.0;
    }
    return m_calibration_rate;
  }

  const LadderProjection& ladder()
  {
    if (!m_ladder) {
      m_ladder = project_ladder(m_model, ModelOption{}, m_levels, m_parameters, m_ladder_figures,
                                moves(), {m_keep});
    }
    return *m_ladder;
  }

  // The ladder's monthly moves at the stated rates, shared by every option's projection.
  const MonthlyMoves& moves()
  {
    if (!m_moves) {
      m_moves = stated_moves(m_model, m_parameters);
    }
    return *m_moves;
  }

  // A line's cost without overlays, its optimism bias included, by month.
  const Array& monthly(int line)
  {
    const int bias = m_model.lines()[line].optimism_bias;
    const bool calibrated = line == m_model.calibration().line;
    if (!calibrated && bias == k_none) {
      return baseline(line); // nothing to add
    }
    Array& cached = m_monthly[line];
    if (cached.size() == 0) {
      cached = calibrated ? calibration(m_model, calibration_rate(),
                                        [&](int l) -> const Array& { return baseline(l); })
                          : with_uplift(baseline(line), bias, m_parameters);
    }
    return cached;
  }

  // The same summed by financial year.
  const Array& yearly(int line)
  {
    Array& cached = m_yearly[line];
    if (cached.size() == 0) {
      cached = yearly_sums(monthly(line), m_model.grid().years());
    }
    return cached;
  }

private:
  const Model& m_model;
  Parameters m_parameters;
  LadderFigures m_ladder_figures;
  std::vector<int> m_keep;
  IndexLevels m_levels;
  std::vector<Array> m_baseline;
  std::vector<Array> m_monthly;
  std::vector<Array> m_yearly;
  Array m_calibration_rate;
  std::optional<LadderProjection> m_ladder;
  std::optional<MonthlyMoves> m_moves;
};

// Whether an overlay can count towards a savings target (Outcome::overlay_saving).
bool may_save(const ModelOverlay& overlay)
{
  return overlay.kind == OverlayKind::saving || overlay.delivers_saving;
}

// The option's overlays applied to the costs of the lines they target; `saved` gets,
// for each overlay that may count towards a savings target, what it takes off by year
// (Outcome::overlay_saving), and an empty array for the others.
void apply_overlays(const Model& model, const ModelOption& option, const IndexLevels& levels,
                    const Parameters& parameters, std::vector<Array>& costs,
                    std::vector<Array>& saved)
{
  const int years = model.grid().years();
  saved.assign(option.overlays.size(), Array());
  for (std::size_t i = 0; i < option.overlays.size(); ++i) {
    const ModelOverlay& overlay = option.overlays[i];
    if (overlay.kind != OverlayKind::stop_line) {
      continue;
    }
    const int length = overlay.end_month - overlay.first_month;
    auto stopped = costs[overlay.target].middleRows(overlay.first_month, length);
    if (may_save(overlay)) {
      Array kept = stopped;
      scale_months(kept, 1.0 - parameters.row(overlay.value).array());
      saved[i] = yearly_sums_in(kept, overlay.first_month, years);
    }
    scale_months(stopped, parameters.row(overlay.value).array());
  }
  for (std::size_t i = 0; i < option.overlays.size(); ++i) {
    const ModelOverlay& overlay = option.overlays[i];
    if (adds_amounts(overlay)) {
      // Added in the overlay's own months only: elsewhere its amounts are 0.
      const Array amounts = overlay_months(overlay, levels, parameters);
      if (may_save(overlay)) {
        saved[i] = -yearly_sums_in(amounts, overlay.first_month, years);
      }
      add_with_uplift(costs[overlay.target].middleRows(overlay.first_month, amounts.rows()),
                      amounts, overlay.optimism_bias, parameters);
    }
  }
}

// The baseline of a line the option touches, but not of the ladder it projects for
// itself. Where the baseline without overlays is known (Unchanged::known_baseline), the
// months before the option first changes one of the line's indices are copied from it:
// all of them for a line its overlays alone touch, and for the ladder's line.
Array own_baseline(const Model& model, const ModelOption& option, int line,
                   const IndexLevels& levels, const LadderProjection* ladder,
                   const Parameters& parameters, Unchanged& unchanged)
{
  const Array* known = unchanged.known_baseline(line);
  if (!known) {
    return line_baseline(model, line, levels, ladder, parameters);
  }
  const int months = model.grid().months();
  const ModelLine& own = model.lines()[line];
  const int first = model.has_ladder() && line == model.ladder().line
                      ? months
                      : first_rate_change(option, line_indices(own), months);
  if (first >= months) {
    return *known;
  }
  Array cost(months, parameters.cols());
  cost.topRows(first) = known->topRows(first);
  baseline_months(own, levels, parameters, first, cost);
  return cost;
}

// Each line's cost under one option, by month and by year: the option's own for the
// lines it touches, the shared cost without overlays for the others.
class OptionCosts
{
public:
  // `touched` is touched_lines() of the option. `own_ladder`, the option's own ladder
  // projection when it has one (`ladder` then), gives up its total to the ladder's line.
  OptionCosts(const Model& model, const ModelOption& option, const std::vector<bool>& touched,
              const IndexLevels& levels, const LadderProjection* ladder,
              LadderProjection* own_ladder, const Parameters& parameters, Unchanged& unchanged)
    : m_own(model.lines().size()),
      m_own_yearly(model.lines().size())
  {
    const int calibration_line = model.calibration().line;
    for (std::size_t l = 0; l < touched.size(); ++l) {
      const int line = static_cast<int>(l);
      if (!touched[l] || line == calibration_line) {
        continue;
      }
      m_own[l] = own_ladder && line == model.ladder().line
                   ? std::move(own_ladder->total)
                   : own_baseline(model, option, line, levels, ladder, parameters, unchanged);
    }
    if (calibration_line != k_none && touched[calibration_line]) {
      m_own[calibration_line] =
        calibration(model, unchanged.calibration_rate(), [&](int l) -> const Array& {
          return touched[l] ? m_own[l] : unchanged.baseline(l);
        });
    }
    apply_overlays(model, option, levels, parameters, m_own, m_saved);
    for (std::size_t l = 0; l < touched.size(); ++l) {
      const int line = static_cast<int>(l);
      if (touched[l]) {
        add_uplift(m_own[l], model.lines()[l].optimism_bias, parameters);
        m_own_yearly[l] = yearly_sums(m_own[l], model.grid().years());
        m_monthly.push_back(&m_own[l]);
        m_yearly.push_back(&m_own_yearly[l]);
      } else {
        m_monthly.push_back(&unchanged.monthly(line));
        m_yearly.push_back(&unchanged.yearly(line));
      }
    }
  }

  const Array& monthly(int line) const { return *m_monthly[line]; }
  const Array& yearly(int line) const { return *m_yearly[line]; }
  // apply_overlays' `saved`: by overlay, empty for one that cannot save.
  const std::vector<Array>& saved() const { return m_saved; }

private:
  std::vector<Array> m_own;
  std::vector<Array> m_saved;
  std::vector<Array> m_own_yearly;
  std::vector<const Array*> m_monthly;
  std::vector<const Array*> m_yearly;
};

void fill_budget(const Model& model, const Parameters& parameters, Outcome& outcome)
{
  const Array net = budget_rows(model, parameters).net;
  for (int y = 0; y < model.grid().years(); ++y) {
    outcome.budget(y) = net.row(y).matrix();
  }
}

// Each year's average deflator level relative to the price year's, from the
// index's own rates (no option changes a deflator).
void fill_deflator(const Model& model, const IndexLevels& levels, Outcome& outcome)
{
  const ModelAppraisal& appraisal = model.appraisal();
  if (appraisal.deflator == k_none) {
    return;
  }
  const Array& level = levels[appraisal.deflator];
  const auto average = [&](int year) -> Array { return year_sum(level, year) / k_months_per_year; };
  const Array base = average(appraisal.price_year);
  for (int y = 0; y < model.grid().years(); ++y) {
    outcome.deflator(y) = (average(y) / base).matrix();
  }
}

// The ladder's figures per type, by month or summed (cost), averaged (children) and
// taken at March (children at the end) by financial year.
void fill_ladder(const LadderProjection& ladder, int option, Period period, Outcome& outcome)
{
  for (int j = 0; j < outcome.placements(); ++j) {
    const Array& average = ladder.children[j];
    for (int p = 0; p < outcome.periods(); ++p) {
      if (period == Period::month) {
        outcome.children_avg(option, j, p) = average.row(p).matrix();
        outcome.children_end(option, j, p) = ladder.closing[j].row(p).matrix();
        outcome.placement_cost(option, j, p) = ladder.cost[j].row(p).matrix();
        continue;
      }
      const Eigen::Index first = static_cast<Eigen::Index>(p) * k_months_per_year;
      outcome.children_avg(option, j, p) = (year_sum(average, p) / k_months_per_year).matrix();
      outcome.children_end(option, j, p) =
        ladder.closing[j].row(first + k_months_per_year - 1).matrix();
      outcome.placement_cost(option, j, p) = year_sum(ladder.cost[j], p).matrix();
    }
  }
}

// (1 + r)^t for each year from the first appraisal year (t = 0), the same for every
// option.
std::vector<Array> discount_factors(const Model& model, const Parameters& parameters)
{
  const ModelAppraisal& appraisal = model.appraisal();
  const auto rate = parameters.row(appraisal.discount_rate).array();
  std::vector<Array> factors;
  for (int y = appraisal.first_year; y < model.grid().years(); ++y) {
    const double t = y - appraisal.first_year;
    factors.push_back(each_draw(1.0 + rate, [t](double r) { return std::pow(r, t); }));
  }
  return factors;
}

// Green Book discounting of real (or, without a deflator, nominal) yearly costs:
// the sum over years from the first appraisal year of cost / (1 + r)^t.
Eigen::RowVectorXd net_present_cost(const Model& model, const std::vector<Array>& discounts,
                                    const Outcome& outcome, const Array& yearly_total)
{
  const int first = model.appraisal().first_year;
  Array sum = Array::Zero(1, yearly_total.cols());
  for (int y = first; y < model.grid().years(); ++y) {
    sum += yearly_total.row(y) / outcome.deflator(y).array() / discounts[y - first];
  }
  return sum.matrix();
}

} // namespace

Outcome::Outcome(int options, int lines, int periods, int years, int draws, int placements,
                 const std::vector<int>& overlays)
  : m_options(options),
    m_lines(lines),
    m_periods(periods),
    m_placements(placements),
    m_years(years),
    m_cost(Rows::Zero(static_cast<Eigen::Index>(options) * lines * periods, draws)),
    m_ladder(Rows::Zero(3 * static_cast<Eigen::Index>(options) * placements * periods, draws)),
    m_budget(Rows::Zero(years, draws)),
    m_deflator(Rows::Ones(years, draws)),
    m_net_present_cost(Rows::Zero(options, draws))
{
  Eigen::Index count = 0;
  for (const int option_overlays : overlays) {
    m_overlay_first.push_back(count);
    count += option_overlays;
  }
  m_overlay_saving = Rows::Zero(count * years, draws);
}

Eigen::RowVectorXd Outcome::total(int option, int period) const
{
  Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(draws());
  for (int line = 0; line < m_lines; ++line) {
    sum += cost(option, line, period);
  }
  return sum;
}

Outcome Evaluator::evaluate(const Eigen::Ref<const ParameterRows>& parameters, Period period,
                            Figures figures, const std::vector<bool>& wanted) const
{
  const Grid& grid = m_model.grid();
  const int periods = period == Period::month ? grid.months() : grid.years();
  const int options = static_cast<int>(m_model.options().size());
  const int lines = static_cast<int>(m_model.lines().size());
  const int placements =
    figures == Figures::all ? static_cast<int>(m_model.ladder().types.size()) : 0;
  std::vector<int> overlays;
  for (const ModelOption& option : m_model.options()) {
    overlays.push_back(static_cast<int>(option.overlays.size()));
  }
  Outcome outcome(options, lines, periods, grid.years(), static_cast<int>(parameters.cols()),
                  placements, overlays);
  fill_budget(m_model, parameters, outcome);
  const LadderFigures ladder_figures =
    figures == Figures::all ? LadderFigures::by_type : LadderFigures::total;
  const std::vector<int> first_ladder = first_ladder_months(m_model, wanted);
  const std::vector<int> shared_ladder = shared_ladder_months(m_model, first_ladder, wanted);
  Unchanged unchanged(m_model, parameters, ladder_figures, shared_ladder);
  fill_deflator(m_model, unchanged.levels(), outcome);
  const std::vector<Array> discounts = discount_factors(m_model, parameters);
  for (int o = 0; o < options; ++o) {
    if (!wanted.empty() && !wanted[static_cast<std::size_t>(o)]) {
      continue;
    }
    const ModelOption& option = m_model.options()[o];
    const std::vector<bool> changed = changed_indices(m_model, option);
    const IndexLevels levels = index_levels(m_model, option, parameters, &unchanged.levels());
    std::optional<LadderProjection> own_ladder;
    const LadderProjection* ladder = nullptr;
    if (m_model.has_ladder()) {
      if (const int start = first_ladder[o]; start < grid.months()) {
        LadderShare share;
        if (std::find(shared_ladder.begin(), shared_ladder.end(), start) != shared_ladder.end()) {
          share.unchanged = &unchanged.ladder();
          share.start = start;
        }
        own_ladder = project_ladder(m_model, option, levels, parameters, ladder_figures,
                                    unchanged.moves(), share);
        ladder = &*own_ladder;
      } else {
        ladder = &unchanged.ladder();
      }
      if (figures == Figures::all) {
        fill_ladder(*ladder, o, period, outcome);
      }
    }
    const OptionCosts costs(m_model, option,
                            touched_lines(m_model, option, changed, own_ladder.has_value()), levels,
                            ladder, own_ladder ? &*own_ladder : nullptr, parameters, unchanged);
    for (std::size_t i = 0; i < costs.saved().size(); ++i) {
      const Array& saved = costs.saved()[i];
      for (Eigen::Index y = 0; y < saved.rows(); ++y) {
        outcome.overlay_saving(o, static_cast<int>(i), static_cast<int>(y)) = saved.row(y).matrix();
      }
    }
    Array yearly_total = Array::Zero(grid.years(), parameters.cols());
    for (int l = 0; l < lines; ++l) {
      yearly_total += costs.yearly(l);
      const Array& by_period = period == Period::month ? costs.monthly(l) : costs.yearly(l);
      for (int p = 0; p < periods; ++p) {
        outcome.cost(o, l, p) = by_period.row(p).matrix();
      }
    }
    outcome.net_present_cost(o) = net_present_cost(m_model, discounts, outcome, yearly_total);
  }
  return outcome;
}

} // namespace carecast
