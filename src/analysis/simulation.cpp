#include "carecast/simulation.hpp"

#include "carecast/blocks.hpp"
#include "carecast/correlation.hpp"
#include "carecast/evaluator.hpp"
#include "carecast/non_finite.hpp"
#include "carecast/savings.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <fmt/format.h>

namespace carecast {

SampledInputs input_sampler(const Model& model, std::uint64_t seed, bool repair)
{
  SampledInputs result;
  std::vector<Distribution> marginals;
  for (const ModelInput& input : model.inputs()) {
    marginals.push_back(input.distribution);
  }
  Eigen::MatrixXd correlation = model.correlation();
  if (correlation.size() > 0) {
    if (const auto problem = correlation_problem(correlation)) {
      if (!repair) {
        result.diagnostics.push_back(
          {model.correlation_pos(),
           fmt::format("the correlation matrix is not valid: {} (--repair-correlations uses the "
                       "nearest valid one and reports how far it moved)",
                       *problem)});
        return result;
      }
      RepairedCorrelation repaired = nearest_correlation(correlation);
      correlation = std::move(repaired.matrix);
      result.repair_distance = repaired.distance;
    }
  }
  result.sampler.emplace(std::move(marginals), std::move(correlation), seed);
  return result;
}

ParameterRows parameter_block(const Model& model, const Sampler& sampler, std::int64_t first,
                              Eigen::Index count)
{
  ParameterRows block = model.values().replicate(1, count);
  if (sampler.dimensions() == 0) {
    return block;
  }
  const Eigen::MatrixXd sampled = sampler.sample(first, count);
  for (std::size_t i = 0; i < model.inputs().size(); ++i) {
    block.row(model.inputs()[i].parameter) = sampled.row(static_cast<Eigen::Index>(i));
  }
  return block;
}

Statistics statistics_of(std::vector<double>& values)
{
  Statistics result;
  if (values.empty()) {
    return result;
  }
  // The first value plus the mean deviation from it: exact when every value is the same,
  // so zero variance gives the deterministic figure, where a plain sum would round.
  const double origin = values.front();
  double deviations = 0.0;
  for (const double value : values) {
    deviations += value - origin;
  }
  result.mean = origin + deviations / static_cast<double>(values.size());
  // Linear interpolation between the order statistics at floor(h) and floor(h) + 1, with
  // h = (n - 1) p. Each is placed by a partial sort of the positions [first, last) alone,
  // which hold exactly those order statistics once the median is placed: P5 and P10
  // are searched below it, P90 and P95 above.
  const std::size_t n = values.size();
  const auto at = [&](std::size_t i) { return values.begin() + static_cast<std::ptrdiff_t>(i); };
  const auto rank = [&](double p) {
    return static_cast<std::size_t>(std::floor((static_cast<double>(n) - 1.0) * p));
  };
  const auto quantile = [&](double p, std::size_t first, std::size_t last) {
    const double h = (static_cast<double>(n) - 1.0) * p;
    const std::size_t low = rank(p);
    std::nth_element(at(first), at(low), at(last));
    const double at_low = values[low];
    if (low + 1 >= n) {
      return at_low;
    }
    // The next order statistic: the least after `low` within [first, last), whose last
    // element is the greatest, or past `last` when `low` is that element.
    const double at_high = *std::min_element(at(low + 1), at(low + 1 < last ? last : n));
    return at_low + (h - std::floor(h)) * (at_high - at_low);
  };
  result.p50 = quantile(0.50, 0, n);
  result.p10 = quantile(0.10, 0, rank(0.50) + 1);
  result.p5 = quantile(0.05, 0, rank(0.10) + 1);
  result.p90 = quantile(0.90, rank(0.50), n);
  result.p95 = quantile(0.95, rank(0.90), n);
  return result;
}

std::int64_t simulation_values_per_draw(const Model& model)
{
  return static_cast<std::int64_t>(model.options().size()) * (model.grid().years() + 1);
}

namespace {

// The means of several series over the draws, each kept as the sum of its draws'
// deviations from an origin (the central figure), per block of draws, and added up in
// block order: the same whatever thread ran each block, and exact when every draw is
// the origin, as statistics_of's mean is.
class BlockMeans
{
public:
  BlockMeans(std::int64_t draws, std::vector<double> origins)
    : m_draws(draws), m_origins(std::move(origins)),
      m_sums(static_cast<std::size_t>((draws + k_block_draws - 1) / k_block_draws)
               * m_origins.size(),
             0.0)
  {
  }
  void add(std::int64_t draw, std::size_t series, double value)
  {
    m_sums[static_cast<std::size_t>(draw / k_block_draws) * m_origins.size() + series] +=
      value - m_origins[series];
  }
  double mean(std::size_t series) const
  {
    double sum = 0.0;
    for (std::size_t i = series; i < m_sums.size(); i += m_origins.size()) {
      sum += m_sums[i];
    }
    return m_origins[series] + sum / static_cast<double>(m_draws);
  }

private:
  std::int64_t m_draws;
  std::vector<double> m_origins;
  std::vector<double> m_sums;
};

// The pairs simulate reports: those asked for, or each other option against the first.
std::vector<OptionPair> pairs_of(const Model& model, const SimulationSettings& settings)
{
  if (!settings.pairs.empty()) {
    return settings.pairs;
  }
  std::vector<OptionPair> pairs;
  for (int o = 1; o < static_cast<int>(model.options().size()); ++o) {
    pairs.push_back({o, 0});
  }
  return pairs;
}

// The statistics of option - reference over the draws, with the share of draws below 0
// counted, then divided.
DifferenceSeries difference_of(const std::vector<double>& option,
                               const std::vector<double>& reference, double central)
{
  std::vector<double> difference(option.size());
  std::int64_t cheaper = 0;
  bool equal = true;
  for (std::size_t d = 0; d < option.size(); ++d) {
    difference[d] = option[d] - reference[d];
    cheaper += difference[d] < 0.0 ? 1 : 0;
    equal = equal && option[d] == reference[d];
  }
  DifferenceSeries series;
  series.statistics = statistics_of(difference);
  series.statistics.central = central;
  if (!equal) {
    series.cheaper = static_cast<double>(cheaper) / static_cast<double>(option.size());
  }
  return series;
}

} // namespace

SimulationResult simulate(const Model& model, const SimulationSettings& settings)
{
  SimulationResult result;
  SampledInputs inputs = input_sampler(model, settings.seed, settings.repair_correlations);
  if (!inputs.sampler) {
    result.diagnostics = std::move(inputs.diagnostics);
    return result;
  }
  const int options = static_cast<int>(model.options().size());
  const int years = model.grid().years();
  const auto draws = static_cast<std::size_t>(settings.draws);
  const auto series = static_cast<std::size_t>(options * years);
  // Per draw, each option's cost per year and net present cost: what exact quantiles
  // need, and all the memory that grows with the number of draws.
  std::vector<std::vector<std::vector<double>>> cost(
    options, std::vector<std::vector<double>>(years, std::vector<double>(draws)));
  std::vector<std::vector<double>> npc(options, std::vector<double>(draws));
  const Evaluator evaluator(model);
  const Eigen::VectorXd values = model.values();
  const Outcome central = evaluator.evaluate(values, Period::year);
  // The central run's overspend and savings shortfall: the origins of their means. The
  // probabilities count their draws from 0, so that they are counted, then divided.
  std::vector<double> overspend_origin(series, 0.0);
  std::vector<double> shortfall_origin(series, 0.0);
  std::vector<SavingsTrack> central_savings; // by option
  bool savings = false; // whether any option has a savings target to track per draw
  for (int o = 0; o < options; ++o) {
    for (int y = 0; y < years; ++y) {
      overspend_origin[static_cast<std::size_t>(o * years + y)] =
        std::max(central.total(o, y)[0] - central.budget(y)[0], 0.0);
    }
    central_savings.push_back(track_savings(model, values, o));
    for (const SavingsYear& year : central_savings.back().years) {
      savings = true;
      const auto at = static_cast<std::size_t>(o * years + year.year);
      shortfall_origin[at] = year.shortfall();
    }
  }
  BlockMeans over(settings.draws, std::vector<double>(series, 0.0));
  BlockMeans overspend(settings.draws, std::move(overspend_origin));
  BlockMeans shortfall(settings.draws, std::move(shortfall_origin));
  BlockMeans beyond(settings.draws, std::vector<double>(series, 0.0));
  DrawWatch watch(model);
  for_each_block(
    settings.draws, settings.threads,
    [&](std::int64_t first, std::int64_t count) {
      const ParameterRows parameters = parameter_block(model, *inputs.sampler, first, count);
      if (!watch.check_rules(parameters, first)) {
        return;
      }
      const Outcome outcome = evaluator.evaluate(parameters, Period::year, Figures::costs);
      watch.check(outcome, parameters, first);
      for (int o = 0; o < options; ++o) {
        for (int y = 0; y < years; ++y) {
          const Eigen::RowVectorXd total = outcome.total(o, y);
          const Eigen::RowVectorXd budget = outcome.budget(y);
          const auto at = static_cast<std::size_t>(o * years + y);
          for (std::int64_t d = 0; d < count; ++d) {
            cost[o][y][static_cast<std::size_t>(first + d)] = total[d];
            over.add(first + d, at, total[d] > budget[d] ? 1.0 : 0.0);
            overspend.add(first + d, at, std::max(total[d] - budget[d], 0.0));
          }
        }
        for (std::int64_t d = 0; d < count; ++d) {
          npc[o][static_cast<std::size_t>(first + d)] = outcome.net_present_cost(o)[d];
        }
      }
      if (!savings) {
        return;
      }
      for (std::int64_t d = 0; d < count; ++d) {
        const DrawValues column = parameters.col(d);
        for (int o = 0; o < options; ++o) {
          const auto delivered = [&](int overlay, int year) {
            return outcome.overlay_saving(o, overlay, year)[d];
          };
          for (const SavingsYear& year : track_savings(model, column, o, delivered).years) {
            const auto at = static_cast<std::size_t>(o * years + year.year);
            shortfall.add(first + d, at, year.shortfall());
            beyond.add(first + d, at, year.shortfall() > settings.shortfall_threshold ? 1.0 : 0.0);
          }
        }
      }
    },
    settings.progress);
  if (std::optional<Diagnostic> problem = watch.problem("draw")) {
    result.diagnostics.push_back(std::move(*problem));
    return result;
  }

  const double n = static_cast<double>(draws);
  Simulation simulation;
  simulation.draws = settings.draws;
  simulation.seed = settings.seed;
  simulation.repair_distance = inputs.repair_distance;
  simulation.shortfall_threshold = settings.shortfall_threshold;
  std::vector<std::int64_t> cheapest(options, 0);
  for (std::size_t d = 0; d < draws; ++d) {
    int best = 0;
    for (int o = 1; o < options; ++o) {
      best = npc[o][d] < npc[best][d] ? o : best;
    }
    ++cheapest[best];
  }
  for (const std::int64_t count : cheapest) {
    simulation.cheapest.push_back(static_cast<double>(count) / n);
  }
  // The differences first, while every series still holds its draws in order: each is
  // worked out in a vector of its own and summarised; a pair's year by year, over the
  // horizon and in net present cost are shared out between the threads.
  for (const OptionPair& pair : pairs_of(model, settings)) {
    std::vector<std::vector<double>> horizon(2, std::vector<double>(draws, 0.0));
    std::vector<double> central_difference;
    std::array<double, 2> horizon_central{0.0, 0.0};
    for (int y = 0; y < years; ++y) {
      const double option_cost = central.total(pair.option, y)[0];
      const double reference_cost = central.total(pair.reference, y)[0];
      central_difference.push_back(option_cost - reference_cost);
      horizon_central[0] += option_cost;
      horizon_central[1] += reference_cost;
      for (std::size_t d = 0; d < draws; ++d) {
        horizon[0][d] += cost[pair.option][y][d];
        horizon[1][d] += cost[pair.reference][y][d];
      }
    }
    // Series i of the pair: year i, then the horizon, then the net present cost.
    const auto series_at = [&](std::size_t i) {
      if (i < central_difference.size()) {
        return difference_of(cost[pair.option][i], cost[pair.reference][i], central_difference[i]);
      }
      if (i == central_difference.size()) {
        return difference_of(horizon[0], horizon[1], horizon_central[0] - horizon_central[1]);
      }
      return difference_of(npc[pair.option], npc[pair.reference],
                           central.net_present_cost(pair.option)[0]
                             - central.net_present_cost(pair.reference)[0]);
    };
    std::vector<DifferenceSeries> series_of_pair(static_cast<std::size_t>(years) + 2);
    for_each_item(
      static_cast<std::int64_t>(series_of_pair.size()), settings.threads, [&](std::int64_t i) {
        series_of_pair[static_cast<std::size_t>(i)] = series_at(static_cast<std::size_t>(i));
      });
    Difference difference{pair, {}, {}, {}};
    difference.cost.assign(series_of_pair.begin(), series_of_pair.begin() + years);
    difference.total = series_of_pair[static_cast<std::size_t>(years)];
    difference.npc = series_of_pair.back();
    simulation.differences.push_back(std::move(difference));
  }
  // Each series is summarised on its own (statistics_of reorders only its values), so
  // the series are shared out between the threads.
  std::vector<Statistics> summaries(series + static_cast<std::size_t>(options));
  for_each_item(static_cast<std::int64_t>(summaries.size()), settings.threads, [&](std::int64_t i) {
    const auto at = static_cast<std::size_t>(i);
    summaries[at] = at < series ? statistics_of(cost[at / years][at % years])
                                : statistics_of(npc[at - series]);
  });
  for (int o = 0; o < options; ++o) {
    simulation.cost.emplace_back();
    simulation.budget.emplace_back();
    simulation.shortfall.emplace_back(years);
    for (int y = 0; y < years; ++y) {
      const auto at = static_cast<std::size_t>(o * years + y);
      Statistics statistics = summaries[at];
      statistics.central = central.total(o, y)[0];
      simulation.cost[o].push_back(statistics);
      if (std::isnan(central.budget(y)[0])) {
        simulation.budget[o].emplace_back();
      } else {
        simulation.budget[o].push_back(BudgetRisk{over.mean(at), overspend.mean(at)});
      }
    }
    for (const SavingsYear& year : central_savings[static_cast<std::size_t>(o)].years) {
      const auto at = static_cast<std::size_t>(o * years + year.year);
      simulation.shortfall[o][year.year] = ShortfallRisk{shortfall.mean(at), beyond.mean(at)};
    }
    Statistics statistics = summaries[series + static_cast<std::size_t>(o)];
    statistics.central = central.net_present_cost(o)[0];
    simulation.npc.push_back(statistics);
  }
  result.simulation = std::move(simulation);
  return result;
}

} // namespace carecast
