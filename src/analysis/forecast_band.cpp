#include "carecast/forecast_band.hpp"

#include "carecast/blocks.hpp"
#include "carecast/evaluator.hpp"
#include "carecast/non_finite.hpp"

#include <array>

namespace carecast {
namespace {

// The run report's names for the care ladder's counts and for all placement types
// together, so that a back-test finds a band under the name its actual gives.
constexpr std::string_view k_all_types = "total";
constexpr std::array<std::string_view, 2> k_count_measures{"children_avg", "children_end"};

// [row][year][draw]: each of the model's lines, then the total; with a care ladder,
// then per count measure each placement type and all of them. Exact quantiles need
// every draw's value.
using DrawnFigures = std::vector<std::vector<std::vector<double>>>;

int placements_of(const Model& model)
{
  return model.has_ladder() ? static_cast<int>(model.ladder().types.size()) : 0;
}

// The rows DrawnFigures has: the lines and the total, then the counts.
int rows_of(const Model& model)
{
  const int counts = model.has_ladder() ? (placements_of(model) + 1) * 2 : 0;
  return static_cast<int>(model.lines().size()) + 1 + counts;
}

void store(std::vector<double>& into, std::int64_t first, const Eigen::RowVectorXd& draws)
{
  for (Eigen::Index d = 0; d < draws.size(); ++d) {
    into[static_cast<std::size_t>(first + d)] = draws[d];
  }
}

// One count measure of every placement type in a year, then their sum, added up in the
// ladder's order as the run report adds them, so that a band without spread is the
// report's figure to the bit.
void store_counts(DrawnFigures& figures, int row, std::int64_t first, const Outcome& outcome,
                  int option, int measure, int year)
{
  Eigen::RowVectorXd all = Eigen::RowVectorXd::Zero(outcome.draws());
  for (int type = 0; type < outcome.placements(); ++type) {
    const Eigen::RowVectorXd count = measure == 0 ? outcome.children_avg(option, type, year)
                                                  : outcome.children_end(option, type, year);
    store(figures[row + type][year], first, count);
    all += count;
  }
  store(figures[row + outcome.placements()][year], first, all);
}

void store_block(DrawnFigures& figures, std::int64_t first, const Outcome& outcome, int option,
                 int years)
{
  const int lines = outcome.lines();
  for (int y = 0; y < years; ++y) {
    for (int l = 0; l < lines; ++l) {
      store(figures[l][y], first, outcome.cost(option, l, y));
    }
    store(figures[lines][y], first, outcome.total(option, y));
    if (outcome.placements() == 0) {
      continue;
    }
    for (int m = 0; m < 2; ++m) {
      store_counts(figures, lines + 1 + m * (outcome.placements() + 1), first, outcome, option, m,
                   y);
    }
  }
}

// Each block writes only the slots of its own draws, so threads never share a value
// and the order in which blocks finish changes nothing. The care ladder's counts need
// every figure; without a ladder the costs are all there is.
DrawnFigures draw_figures(const Model& model, int option, const Sampler& sampler,
                          const SimulationSettings& settings, DrawWatch& watch)
{
  const int years = model.grid().years();
  DrawnFigures figures(rows_of(model),
                       std::vector<std::vector<double>>(
                         years, std::vector<double>(static_cast<std::size_t>(settings.draws))));
  const Figures wanted = model.has_ladder() ? Figures::all : Figures::costs;
  const Evaluator evaluator(model);
  for_each_block(
    settings.draws, settings.threads,
    [&](std::int64_t first, std::int64_t count) {
      const ParameterRows parameters = parameter_block(model, sampler, first, count);
      if (!watch.check_rules(parameters, first)) {
        return;
      }
      const Outcome outcome = evaluator.evaluate(parameters, Period::year, wanted);
      watch.check(outcome, parameters, first);
      store_block(figures, first, outcome, option, years);
    },
    settings.progress);
  return figures;
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

// The count rows of `figures`, from the first after the total, named as the run report
// names them.
std::vector<CountBands> count_bands(const Model& model, DrawnFigures& figures)
{
  std::vector<CountBands> counts;
  std::size_t row = model.lines().size() + 1;
  for (const std::string_view measure : k_count_measures) {
    for (const ModelPlacement& type : model.ladder().types) {
      counts.push_back({type.id, std::string(measure), bands_of(figures[row++])});
    }
    counts.push_back({std::string(k_all_types), std::string(measure), bands_of(figures[row++])});
  }
  return counts;
}

} // namespace

std::int64_t band_values_per_draw(const Model& model)
{
  return static_cast<std::int64_t>(rows_of(model)) * model.grid().years();
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
  DrawWatch watch(model);
  DrawnFigures figures = draw_figures(model, option, *inputs.sampler, settings, watch);
  if (std::optional<Diagnostic> problem = watch.problem("draw")) {
    result.diagnostics.push_back(std::move(*problem));
    return result;
  }
  const std::size_t lines = model.lines().size();
  ForecastBands bands{
    settings.draws, settings.seed, inputs.repair_distance, {}, bands_of(figures[lines]), {}};
  for (std::size_t l = 0; l < lines; ++l) {
    bands.lines.push_back({model.lines()[l].id, bands_of(figures[l])});
  }
  if (model.has_ladder()) {
    bands.counts = count_bands(model, figures);
  }
  result.bands = std::move(bands);
  return result;
}

} // namespace carecast
