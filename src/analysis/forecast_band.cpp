#include "carecast/forecast_band.hpp"

#include "carecast/blocks.hpp"
#include "carecast/evaluator.hpp"
#include "carecast/non_finite.hpp"

namespace carecast {
namespace {

// [row][year][draw]: each of the model's lines, then the total. Exact quantiles need
// every draw's value.
using DrawnCosts = std::vector<std::vector<std::vector<double>>>;

void store(std::vector<double>& into, std::int64_t first, const Eigen::RowVectorXd& draws)
{
  for (Eigen::Index d = 0; d < draws.size(); ++d) {
    into[static_cast<std::size_t>(first + d)] = draws[d];
  }
}

// Each block writes only the slots of its own draws, so threads never share a value
// and the order in which blocks finish changes nothing.
DrawnCosts draw_costs(const Model& model, int option, const Sampler& sampler,
                      const SimulationSettings& settings, NonFiniteWatch& watch)
{
  const int lines = static_cast<int>(model.lines().size());
  const int years = model.grid().years();
  DrawnCosts costs(lines + 1,
                   std::vector<std::vector<double>>(
                     years, std::vector<double>(static_cast<std::size_t>(settings.draws))));
  const Evaluator evaluator(model);
  for_each_block(
    settings.draws, settings.threads,
    [&](std::int64_t first, std::int64_t count) {
      const ParameterRows parameters = parameter_block(model, sampler, first, count);
      const Outcome outcome = evaluator.evaluate(parameters, Period::year, Figures::costs);
      watch.check(outcome, parameters, first);
      for (int y = 0; y < years; ++y) {
        for (int l = 0; l < lines; ++l) {
          store(costs[l][y], first, outcome.cost(option, l, y));
        }
        store(costs[lines][y], first, outcome.total(option, y));
      }
    },
    settings.progress);
  return costs;
}

std::vector<Band> bands_of(std::vector<std::vector<double>>& by_year)
{
  std::vector<Band> bands;
  for (std::vector<double>& draws : by_year) {
    const Statistics statistics = statistics_of(draws);
    bands.push_back({statistics.p10, statistics.p90});
  }
  return bands;
}

} // namespace

std::int64_t band_values_per_draw(const Model& model)
{
  return static_cast<std::int64_t>(model.lines().size() + 1) * model.grid().years();
}

ForecastBandsResult forecast_bands(const Model& model, int option,
                                   const SimulationSettings& settings)
{
  ForecastBandsResult result;
  SampledInputs inputs = input_sampler(model, settings.seed, settings.repair_correlations);
  if (!inputs.sampler) {
    result.diagnostics = std::move(inputs.diagnostics);
    return result;
  }
  NonFiniteWatch watch;
  DrawnCosts costs = draw_costs(model, option, *inputs.sampler, settings, watch);
  if (std::optional<Diagnostic> problem = watch.problem(model, "draw")) {
    result.diagnostics.push_back(std::move(*problem));
    return result;
  }
  ForecastBands bands{
    settings.draws, settings.seed, inputs.repair_distance, {}, bands_of(costs.back())};
  for (std::size_t l = 0; l < model.lines().size(); ++l) {
    bands.lines.push_back({model.lines()[l].id, bands_of(costs[l])});
  }
  result.bands = std::move(bands);
  return result;
}

} // namespace carecast
