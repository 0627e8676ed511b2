#include "carecast/sensitivity.hpp"

#include "carecast/blocks.hpp"
#include "carecast/evaluator.hpp"

#include <algorithm>
#include <cmath>

namespace carecast {
namespace {

// Points searched on each side of a parameter's value before bisecting a crossing.
constexpr int k_grid_points = 24;
constexpr int k_bisections = 48;
// The range searched for a switching value: a distribution's P0.1 to P99.9.
constexpr double k_search_tail = 0.001;

// The metric of every option in every column of `parameters` (options x columns).
Eigen::MatrixXd metrics(const Model& model, const Metric& metric, const Eigen::MatrixXd& parameters,
                        int threads)
{
  const int options = static_cast<int>(model.options().size());
  Eigen::MatrixXd result(options, parameters.cols());
  const Evaluator evaluator(model);
  for_each_block(parameters.cols(), threads, [&](std::int64_t first, std::int64_t count) {
    const Outcome outcome = evaluator.evaluate(parameters.middleCols(first, count), Period::year);
    for (int o = 0; o < options; ++o) {
      Eigen::RowVectorXd value;
      switch (metric.kind) {
      case MetricKind::npc:
        value = outcome.net_present_cost(o);
        break;
      case MetricKind::total:
        value = Eigen::RowVectorXd::Zero(count);
        for (int y = 0; y < outcome.periods(); ++y) {
          value += outcome.total(o, y);
        }
        break;
      case MetricKind::year:
        value = outcome.total(o, metric.year);
        break;
      }
      result.row(o).segment(first, count) = value;
    }
  });
  return result;
}

double subject_of(const Eigen::MatrixXd& metric, Eigen::Index column,
                  const SensitivitySettings& settings)
{
  const double value = metric(settings.option, column);
  return settings.versus ? value - metric(*settings.versus, column) : value;
}

// How far the preferred option is from losing: its metric less the best other's
// (negative while it is the cheapest).
double margin(const Eigen::MatrixXd& metric, Eigen::Index column, int preferred, int* rival)
{
  double best = std::numeric_limits<double>::infinity();
  for (Eigen::Index o = 0; o < metric.rows(); ++o) {
    if (o != preferred && metric(o, column) < best) {
      best = metric(o, column);
      *rival = static_cast<int>(o);
    }
  }
  return metric(preferred, column) - best;
}

const ModelInput* input_of(const Model& model, int parameter)
{
  for (const ModelInput& input : model.inputs()) {
    if (input.parameter == parameter) {
      return &input;
    }
  }
  return nullptr;
}

// Shares that must add up to 1 with others (a line's price shares, the ladder's entry
// shares): moving one alone describes no scenario.
std::vector<bool> tied_shares(const Model& model)
{
  std::vector<bool> tied(model.parameters().size(), false);
  for (const ModelLine& line : model.lines()) {
    for (const auto& [index, share] : line.prices) {
      tied[share] = true;
    }
  }
  for (const ModelPlacement& type : model.ladder().types) {
    tied[type.entry_share] = true;
  }
  return tied;
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
  const Eigen::VectorXd values = model.values();
  Sensitivity result;
  result.metric = settings.metric;
  result.swing_share = settings.swing;
  result.subject = model.options()[settings.option].id;
  if (settings.versus) {
    result.subject += " - " + model.options()[*settings.versus].id;
  }
  const std::vector<bool> tied = tied_shares(model);
  std::vector<int> chosen;
  for (int p = 0; p < static_cast<int>(values.size()); ++p) {
    if (input_of(model, p) || (values[p] != 0.0 && !tied[p])) {
      chosen.push_back(p);
    }
  }
  // Column 0 is the base; then each parameter's low and high.
  Eigen::MatrixXd tornado = values.replicate(1, 1 + 2 * static_cast<Eigen::Index>(chosen.size()));
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const int p = chosen[i];
    TornadoBar bar;
    bar.parameter = p;
    bar.base_value = values[p];
    if (const ModelInput* input = input_of(model, p)) {
      bar.input = input->id;
      bar.low_value = quantile(input->distribution, 0.10);
      bar.high_value = quantile(input->distribution, 0.90);
    } else {
      bar.low_value = values[p] * (1.0 - settings.swing);
      bar.high_value = values[p] * (1.0 + settings.swing);
    }
    tornado(p, static_cast<Eigen::Index>(1 + 2 * i)) = bar.low_value;
    tornado(p, static_cast<Eigen::Index>(2 + 2 * i)) = bar.high_value;
    result.tornado.push_back(bar);
  }
  const Eigen::MatrixXd metric = metrics(model, settings.metric, tornado, settings.threads);
  result.base = subject_of(metric, 0, settings);
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    TornadoBar& bar = result.tornado[i];
    bar.metric_low = subject_of(metric, static_cast<Eigen::Index>(1 + 2 * i), settings);
    bar.metric_high = subject_of(metric, static_cast<Eigen::Index>(2 + 2 * i), settings);
    bar.swing = std::abs(bar.metric_high - bar.metric_low);
  }
  std::stable_sort(result.tornado.begin(), result.tornado.end(),
                   [](const TornadoBar& a, const TornadoBar& b) { return a.swing > b.swing; });

  Eigen::Index preferred = 0;
  metric.col(0).minCoeff(&preferred);
  result.preferred = model.options()[preferred].id;
  if (metric.rows() < 2) {
    return result;
  }
  // A grid on each side of every parameter's value, one batch; then bisection of the
  // crossing nearest the value, all parameters' steps in one batch each.
  const Eigen::Index per_parameter = 2 * k_grid_points;
  Eigen::MatrixXd grid =
    values.replicate(1, per_parameter * static_cast<Eigen::Index>(chosen.size()));
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const int p = chosen[i];
    SwitchingValue sv;
    sv.parameter = p;
    sv.base_value = values[p];
    if (const ModelInput* input = input_of(model, p)) {
      sv.range_low = std::min(values[p], quantile(input->distribution, k_search_tail));
      sv.range_high = std::max(values[p], quantile(input->distribution, 1.0 - k_search_tail));
    } else {
      sv.range_low = std::min(0.0, 2.0 * values[p]);
      sv.range_high = std::max(0.0, 2.0 * values[p]);
    }
    for (int g = 0; g < k_grid_points; ++g) {
      const double step = static_cast<double>(g + 1) / k_grid_points;
      const Eigen::Index column = static_cast<Eigen::Index>(i) * per_parameter + 2 * g;
      grid(p, column) = values[p] + step * (sv.range_low - values[p]);
      grid(p, column + 1) = values[p] + step * (sv.range_high - values[p]);
    }
    result.switching.push_back(sv);
  }
  const Eigen::MatrixXd searched = metrics(model, settings.metric, grid, settings.threads);
  struct Bracket
  {
    std::size_t item;
    double inside;  // still preferred
    double outside; // no longer
  };
  std::vector<Bracket> brackets;
  int rival = 0;
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const SwitchingValue& sv = result.switching[i];
    std::optional<Bracket> nearest;
    double nearest_distance = std::numeric_limits<double>::infinity();
    for (int side = 0; side < 2; ++side) {
      double previous = sv.base_value;
      for (int g = 0; g < k_grid_points; ++g) {
        const Eigen::Index column = static_cast<Eigen::Index>(i) * per_parameter + 2 * g + side;
        const double at = grid(sv.parameter, column);
        if (margin(searched, column, static_cast<int>(preferred), &rival) > 0.0) {
          const double distance = std::abs(at - sv.base_value);
          if (distance < nearest_distance) {
            nearest = Bracket{i, previous, at};
            nearest_distance = distance;
          }
          break;
        }
        previous = at;
      }
    }
    if (nearest) {
      brackets.push_back(*nearest);
    }
  }
  for (int step = 0; step < k_bisections && !brackets.empty(); ++step) {
    Eigen::MatrixXd probe = values.replicate(1, static_cast<Eigen::Index>(brackets.size()));
    for (std::size_t b = 0; b < brackets.size(); ++b) {
      probe(result.switching[brackets[b].item].parameter, static_cast<Eigen::Index>(b)) =
        (brackets[b].inside + brackets[b].outside) / 2.0;
    }
    const Eigen::MatrixXd probed = metrics(model, settings.metric, probe, settings.threads);
    for (std::size_t b = 0; b < brackets.size(); ++b) {
      const double middle = (brackets[b].inside + brackets[b].outside) / 2.0;
      if (margin(probed, static_cast<Eigen::Index>(b), static_cast<int>(preferred), &rival) > 0.0) {
        brackets[b].outside = middle;
      } else {
        brackets[b].inside = middle;
      }
    }
  }
  if (!brackets.empty()) {
    Eigen::MatrixXd beyond = values.replicate(1, static_cast<Eigen::Index>(brackets.size()));
    for (std::size_t b = 0; b < brackets.size(); ++b) {
      beyond(result.switching[brackets[b].item].parameter, static_cast<Eigen::Index>(b)) =
        brackets[b].outside;
    }
    const Eigen::MatrixXd at = metrics(model, settings.metric, beyond, settings.threads);
    for (std::size_t b = 0; b < brackets.size(); ++b) {
      SwitchingValue& sv = result.switching[brackets[b].item];
      sv.value = brackets[b].outside;
      margin(at, static_cast<Eigen::Index>(b), static_cast<int>(preferred), &rival);
      sv.becomes_cheapest = model.options()[rival].id;
    }
  }
  return result;
}

} // namespace carecast
