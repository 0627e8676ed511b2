#include "carecast/simulation.hpp"

#include "carecast/blocks.hpp"
#include "carecast/evaluator.hpp"
#include "carecast/non_finite.hpp"

#include <algorithm>
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
  // Per draw, each option's cost per year and net present cost: what exact quantiles
  // need, and all the memory that grows with the number of draws.
  std::vector<std::vector<std::vector<double>>> cost(
    options, std::vector<std::vector<double>>(years, std::vector<double>(draws)));
  std::vector<std::vector<double>> npc(options, std::vector<double>(draws));
  std::vector<std::int8_t> over(static_cast<std::size_t>(options) * years * draws);
  const Evaluator evaluator(model);
  NonFiniteWatch watch;
  for_each_block(
    settings.draws, settings.threads,
    [&](std::int64_t first, std::int64_t count) {
      const ParameterRows parameters = parameter_block(model, *inputs.sampler, first, count);
      const Outcome outcome = evaluator.evaluate(parameters, Period::year, Figures::costs);
      watch.check(outcome, parameters, first);
      for (int o = 0; o < options; ++o) {
        for (int y = 0; y < years; ++y) {
          const Eigen::RowVectorXd total = outcome.total(o, y);
          for (std::int64_t d = 0; d < count; ++d) {
            const auto draw = static_cast<std::size_t>(first + d);
            cost[o][y][draw] = total[d];
            over[(static_cast<std::size_t>(o) * years + y) * draws + draw] =
              total[d] > outcome.budget(y)[d] ? 1 : 0;
          }
        }
        for (std::int64_t d = 0; d < count; ++d) {
          npc[o][static_cast<std::size_t>(first + d)] = outcome.net_present_cost(o)[d];
        }
      }
    },
    settings.progress);
  if (std::optional<Diagnostic> problem = watch.problem(model, "draw")) {
    result.diagnostics.push_back(std::move(*problem));
    return result;
  }

  Simulation simulation;
  simulation.draws = settings.draws;
  simulation.seed = settings.seed;
  simulation.repair_distance = inputs.repair_distance;
  simulation.cheapest.assign(options, 0.0);
  for (std::size_t d = 0; d < draws; ++d) {
    int best = 0;
    for (int o = 1; o < options; ++o) {
      best = npc[o][d] < npc[best][d] ? o : best;
    }
    simulation.cheapest[best] += 1.0 / static_cast<double>(draws);
  }
  // Each series is summarised on its own (statistics_of reorders only its values), so
  // the series are shared out between the threads.
  const int series = options * years;
  std::vector<Statistics> summaries(static_cast<std::size_t>(series + options));
  for_each_item(series + options, settings.threads, [&](std::int64_t i) {
    summaries[static_cast<std::size_t>(i)] =
      i < series ? statistics_of(cost[i / years][i % years]) : statistics_of(npc[i - series]);
  });
  const Eigen::VectorXd values = model.values();
  const Outcome deterministic = evaluator.evaluate(values, Period::year);
  for (int o = 0; o < options; ++o) {
    simulation.cost.emplace_back();
    simulation.over_budget.emplace_back();
    for (int y = 0; y < years; ++y) {
      simulation.cost[o].push_back(summaries[static_cast<std::size_t>(o * years + y)]);
      if (std::isnan(deterministic.budget(y)[0])) {
        simulation.over_budget[o].emplace_back();
        continue;
      }
      const auto first = over.begin() + static_cast<std::ptrdiff_t>((o * years + y) * draws);
      const auto count = std::count(first, first + static_cast<std::ptrdiff_t>(draws), 1);
      simulation.over_budget[o].push_back(static_cast<double>(count) / static_cast<double>(draws));
    }
    simulation.npc.push_back(summaries[static_cast<std::size_t>(series + o)]);
  }
  result.simulation = std::move(simulation);
  return result;
}

} // namespace carecast
