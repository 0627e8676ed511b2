#include "carecast/sensitivity.hpp"

#include "carecast/blocks.hpp"
#include "carecast/draw_rules.hpp"
#include "carecast/evaluator.hpp"
#include "carecast/non_finite.hpp"
#include "carecast/sampling.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace carecast {
namespace {

// Points searched on each side of a parameter's value before bisecting a crossing.
constexpr int k_grid_points = 24;
constexpr int k_bisections = 48;
// The range searched for a switching value: a distribution's P0.1 to P99.9.
constexpr double k_search_tail = 0.001;
constexpr double k_infinity = std::numeric_limits<double>::infinity();

// The values validation accepts for a parameter, which the ranges carecast makes up
// (+/- the swing, 0 to twice the value) must not leave: the evaluator checks nothing.
struct Bounds
{
  double low = -k_infinity;
  double high = k_infinity;
};

Eigen::RowVectorXd metric_of(const Outcome& outcome, int option, const Metric& metric)
{
  if (metric.kind == MetricKind::npc) {
    return outcome.net_present_cost(option);
  }
  if (metric.kind == MetricKind::year) {
    return outcome.total(option, metric.year);
  }
  Eigen::RowVectorXd sum = outcome.total(option, 0);
  for (int y = 1; y < outcome.periods(); ++y) {
    sum += outcome.total(option, y);
  }
  return sum;
}

// Thrown when a column's figures are not all finite: the search stops there.
struct Overflow
{
  Diagnostic problem;
};

// The metric of every option in every column of `parameters` (options x columns), or
// of the options `wanted` marks (the others' rows are 0).
Eigen::MatrixXd metrics(const Model& model, const Metric& metric, const Eigen::MatrixXd& parameters,
                        int threads, const std::vector<bool>& wanted = {})
{
  const int options = static_cast<int>(model.options().size());
  Eigen::MatrixXd result(options, parameters.cols());
  const Evaluator evaluator(model);
  DrawWatch watch(model);
  for_each_block(parameters.cols(), threads, [&](std::int64_t first, std::int64_t count) {
    const ParameterRows block = parameters.middleCols(first, count);
    if (!watch.check_rules(block, first)) {
      return;
    }
    const Outcome outcome = evaluator.evaluate(block, Period::year, Figures::costs, wanted);
    watch.check(outcome, block, first);
    for (int o = 0; o < options; ++o) {
      result.row(o).segment(first, count) = metric_of(outcome, o, metric);
    }
  });
  if (std::optional<Diagnostic> problem = watch.problem("evaluation")) {
    throw Overflow{std::move(*problem)};
  }
  return result;
}

double subject_of(const Eigen::MatrixXd& metric, Eigen::Index column,
                  const SensitivitySettings& settings)
{
  const double value = metric(settings.option, column);
  return settings.versus ? value - metric(*settings.versus, column) : value;
}

struct Margin
{
  double value = 0.0; // the preferred option's metric less the best other's
  int rival = 0;      // that best other option
};

// How far the preferred option is from losing: negative while it is the cheapest.
Margin margin(const Eigen::MatrixXd& metric, Eigen::Index column, int preferred)
{
  double best = k_infinity;
  int rival = 0;
  for (Eigen::Index o = 0; o < metric.rows(); ++o) {
    if (o != preferred && metric(o, column) < best) {
      best = metric(o, column);
      rival = static_cast<int>(o);
    }
  }
  return {metric(preferred, column) - best, rival};
}

// Each parameter's domain, and for the rates of a joint rule (a placement type's
// moves and exit rate) the room the others leave.
std::vector<Bounds> validated_bounds(const Model& model, const Eigen::VectorXd& values)
{
  std::vector<Bounds> bounds;
  for (const Parameter& parameter : model.parameters()) {
    bounds.push_back({parameter.domain.nearest(-k_infinity), parameter.domain.nearest(k_infinity)});
  }
  for (const JointRule& rule : joint_rules(model)) {
    double sum = 0.0;
    for (const int p : rule.parameters) {
      sum += values[p];
    }
    for (const int p : rule.parameters) {
      bounds[p].high = std::min(bounds[p].high, 1.0 - (sum - values[p]));
    }
  }
  return bounds;
}

// Every parameter with a distribution, and every other that is not 0 (a share of
// nothing does not move), not a tied share and not derived (worked out from others,
// so moving it alone moves nothing).
std::vector<int> movable_parameters(const Model& model, const Eigen::VectorXd& values)
{
  const std::vector<bool> tied = tied_shares(model);
  std::vector<int> movable;
  for (int p = 0; p < static_cast<int>(values.size()); ++p) {
    const bool derived = model.parameters()[p].derived;
    if (input_of(model, p) || (values[p] != 0.0 && !tied[p] && !derived)) {
      movable.push_back(p);
    }
  }
  return movable;
}

// The tornado's parameters: only the uncertain inputs unless every movable one is asked
// for, or the scenario has no uncertain inputs.
std::vector<int> tornado_parameters(const Model& model, std::vector<int> movable,
                                    TornadoScope scope)
{
  if (scope == TornadoScope::uncertain) {
    std::erase_if(movable, [&](int p) { return input_of(model, p) == nullptr; });
  }
  return movable;
}

TornadoBar bar_of(const Model& model, int p, double value, double swing, Bounds bounds)
{
  TornadoBar bar;
  bar.parameter = p;
  bar.base_value = value;
  if (const ModelInput* input = input_of(model, p)) {
    bar.input = input->id;
    bar.low_value = quantile(input->distribution, 0.10);
    bar.high_value = quantile(input->distribution, 0.90);
  } else {
    // |value|, so that low stays below high for a negative amount such as a grant.
    bar.low_value = std::max(bounds.low, value - std::abs(value) * swing);
    bar.high_value = std::min(bounds.high, value + std::abs(value) * swing);
  }
  return bar;
}

// The options the subject reads: the option and the one it is compared with.
std::vector<bool> subject_options(const Model& model, const SensitivitySettings& settings)
{
  std::vector<bool> read(model.options().size(), false);
  read[static_cast<std::size_t>(settings.option)] = true;
  if (settings.versus) {
    read[static_cast<std::size_t>(*settings.versus)] = true;
  }
  return read;
}

// The bars, largest swing first, and (in `metric`) every option's metric at the base
// and the subject's options' at each bar's low and high.
std::vector<TornadoBar> tornado(const Model& model, const SensitivitySettings& settings,
                                const std::vector<int>& chosen, Eigen::MatrixXd& metric)
{
  const Eigen::VectorXd values = model.values();
  const std::vector<Bounds> bounds = validated_bounds(model, values);
  // Column 0 is the base, where every option is evaluated to find the preferred one;
  // then each parameter's low and high, where only the subject is read.
  Eigen::MatrixXd columns = values.replicate(1, 1 + 2 * static_cast<Eigen::Index>(chosen.size()));
  std::vector<TornadoBar> bars;
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const int p = chosen[i];
    bars.push_back(bar_of(model, p, values[p], settings.swing, bounds[p]));
    columns(p, static_cast<Eigen::Index>(1 + 2 * i)) = bars.back().low_value;
    columns(p, static_cast<Eigen::Index>(2 + 2 * i)) = bars.back().high_value;
  }
  const Eigen::Index ends = columns.cols() - 1;
  metric.resize(static_cast<Eigen::Index>(model.options().size()), columns.cols());
  metric.col(0) = metrics(model, settings.metric, columns.col(0), settings.threads);
  if (ends > 0) {
    metric.rightCols(ends) = metrics(model, settings.metric, columns.rightCols(ends),
                                     settings.threads, subject_options(model, settings));
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    bars[i].metric_low = subject_of(metric, static_cast<Eigen::Index>(1 + 2 * i), settings);
    bars[i].metric_high = subject_of(metric, static_cast<Eigen::Index>(2 + 2 * i), settings);
    bars[i].swing = std::abs(bars[i].metric_high - bars[i].metric_low);
  }
  std::stable_sort(bars.begin(), bars.end(),
                   [](const TornadoBar& a, const TornadoBar& b) { return a.swing > b.swing; });
  return bars;
}

// A distribution's P0.1 to P99.9, or 0 to twice the value; either way with the value.
SwitchingValue search_range(const Model& model, int p, double value, Bounds bounds)
{
  SwitchingValue sv;
  sv.parameter = p;
  sv.base_value = value;
  if (const ModelInput* input = input_of(model, p)) {
    sv.input = input->id;
    sv.range_low = std::min(value, quantile(input->distribution, k_search_tail));
    sv.range_high = std::max(value, quantile(input->distribution, 1.0 - k_search_tail));
  } else {
    sv.range_low = std::max(bounds.low, std::min(0.0, 2.0 * value));
    sv.range_high = std::min(bounds.high, std::max(0.0, 2.0 * value));
  }
  return sv;
}

// The points searched for item i: column i * 2 k + 2 g steps g + 1 of k towards
// range_low, column i * 2 k + 2 g + 1 as far towards range_high.
Eigen::Index grid_column(std::size_t item, int point, int side)
{
  return static_cast<Eigen::Index>(item) * 2 * k_grid_points + 2 * point + side;
}

Eigen::MatrixXd search_grid(const Eigen::VectorXd& values, const std::vector<SwitchingValue>& svs)
{
  Eigen::MatrixXd grid = values.replicate(1, grid_column(svs.size(), 0, 0));
  for (std::size_t i = 0; i < svs.size(); ++i) {
    const SwitchingValue& sv = svs[i];
    for (int g = 0; g < k_grid_points; ++g) {
      const double step = static_cast<double>(g + 1) / k_grid_points;
      grid(sv.parameter, grid_column(i, g, 0)) =
        sv.base_value + step * (sv.range_low - sv.base_value);
      grid(sv.parameter, grid_column(i, g, 1)) =
        sv.base_value + step * (sv.range_high - sv.base_value);
    }
  }
  return grid;
}

struct Bracket
{
  std::size_t item;
  double inside;  // still preferred
  double outside; // no longer
};

// The first point on either side where the preferred option is no longer the cheapest,
// with the point before it; of the two sides, the one nearer the value.
std::optional<Bracket> nearest_crossing(const Eigen::MatrixXd& grid,
                                        const Eigen::MatrixXd& searched, std::size_t item,
                                        const SwitchingValue& sv, int preferred)
{
  std::optional<Bracket> nearest;
  for (int side = 0; side < 2; ++side) {
    double previous = sv.base_value;
    for (int g = 0; g < k_grid_points; ++g) {
      const double at = grid(sv.parameter, grid_column(item, g, side));
      if (margin(searched, grid_column(item, g, side), preferred).value > 0.0) {
        if (!nearest || std::abs(at - sv.base_value) < std::abs(nearest->outside - sv.base_value)) {
          nearest = Bracket{item, previous, at};
        }
        break;
      }
      previous = at;
    }
  }
  return nearest;
}

// The model's values with each bracket's parameter at the value `at` picks from it.
template <typename Pick>
Eigen::MatrixXd bracket_columns(const Eigen::VectorXd& values, const std::vector<Bracket>& brackets,
                                const std::vector<SwitchingValue>& svs, Pick at)
{
  Eigen::MatrixXd columns = values.replicate(1, static_cast<Eigen::Index>(brackets.size()));
  for (std::size_t b = 0; b < brackets.size(); ++b) {
    columns(svs[brackets[b].item].parameter, static_cast<Eigen::Index>(b)) = at(brackets[b]);
  }
  return columns;
}

// Halves every bracket k_bisections times, all brackets' midpoints in one batch a step.
void bisect(const Model& model, const SensitivitySettings& settings, const Eigen::VectorXd& values,
            const std::vector<SwitchingValue>& svs, int preferred, std::vector<Bracket>& brackets)
{
  const auto middle = [](const Bracket& b) { return (b.inside + b.outside) / 2.0; };
  for (int step = 0; step < k_bisections; ++step) {
    const Eigen::MatrixXd probed = metrics(
      model, settings.metric, bracket_columns(values, brackets, svs, middle), settings.threads);
    for (std::size_t b = 0; b < brackets.size(); ++b) {
      const bool lost = margin(probed, static_cast<Eigen::Index>(b), preferred).value > 0.0;
      (lost ? brackets[b].outside : brackets[b].inside) = middle(brackets[b]);
    }
  }
}

// Each parameter's switching value: the outer end of its bisected bracket, where the
// preferred option is no longer the cheapest, and the option that is cheapest there.
std::vector<SwitchingValue> switching_values(const Model& model,
                                             const SensitivitySettings& settings,
                                             const std::vector<int>& chosen, int preferred)
{
  const Eigen::VectorXd values = model.values();
  const std::vector<Bounds> bounds = validated_bounds(model, values);
  std::vector<SwitchingValue> svs;
  for (const int p : chosen) {
    svs.push_back(search_range(model, p, values[p], bounds[p]));
  }
  const Eigen::MatrixXd grid = search_grid(values, svs);
  const Eigen::MatrixXd searched = metrics(model, settings.metric, grid, settings.threads);
  std::vector<Bracket> brackets;
  for (std::size_t i = 0; i < svs.size(); ++i) {
    if (const auto crossing = nearest_crossing(grid, searched, i, svs[i], preferred)) {
      brackets.push_back(*crossing);
    }
  }
  if (brackets.empty()) {
    return svs;
  }
  bisect(model, settings, values, svs, preferred, brackets);
  const auto outside = [](const Bracket& b) { return b.outside; };
  const Eigen::MatrixXd at = metrics(
    model, settings.metric, bracket_columns(values, brackets, svs, outside), settings.threads);
  for (std::size_t b = 0; b < brackets.size(); ++b) {
    SwitchingValue& sv = svs[brackets[b].item];
    sv.value = brackets[b].outside;
    sv.becomes_cheapest =
      model.options()[margin(at, static_cast<Eigen::Index>(b), preferred).rival].id;
  }
  return svs;
}

} // namespace

std::optional<Metric> parse_metric(const Model& model, const std::string& text)
{
  if (text == "npc") {
    return Metric{MetricKind::npc, 0, "net present cost"};
  }
  if (text == "total") {
    return Metric{MetricKind::total, 0, "cost over the horizon"};
  }
  if (const auto year = parse_financial_year(text)) {
    if (const auto index = model.grid().year_index(*year)) {
      return Metric{MetricKind::year, *index, "cost in " + text};
    }
  }
  return std::nullopt;
}

Sensitivity sensitivity(const Model& model, const SensitivitySettings& settings)
{
  Sensitivity result;
  result.metric = settings.metric;
  result.swing_share = settings.swing;
  result.subject = model.options()[settings.option].id;
  if (settings.versus) {
    result.subject += " - " + model.options()[*settings.versus].id;
  }
  result.scope = model.inputs().empty() ? TornadoScope::no_uncertainty
                 : settings.all         ? TornadoScope::all
                                        : TornadoScope::uncertain;
  const std::vector<int> movable = movable_parameters(model, model.values());
  try {
    Eigen::MatrixXd metric;
    result.tornado =
      tornado(model, settings, tornado_parameters(model, movable, result.scope), metric);
    result.base = subject_of(metric, 0, settings);
    Eigen::Index preferred = 0;
    metric.col(0).minCoeff(&preferred);
    result.preferred = model.options()[preferred].id;
    if (metric.rows() > 1) {
      result.switching = switching_values(model, settings, movable, static_cast<int>(preferred));
    }
  } catch (const Overflow& overflow) {
    result = Sensitivity{};
    result.overflow = overflow.problem;
  }
  return result;
}

} // namespace carecast
