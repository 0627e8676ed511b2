#pragma once

// Monte Carlo: the scenario's uncertain inputs sampled (with their correlations) and
// the model evaluated for every draw, summarised per option and financial year.

#include "carecast/diagnostic.hpp"
#include "carecast/evaluator.hpp"
#include "carecast/model.hpp"
#include "carecast/sampling.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace carecast {

// Draws beyond this are refused: memory grows with draws by what the quantiles keep.
inline constexpr std::int64_t k_max_draws = 10'000'000;

// Exact quantiles keep every draw's figures. A run that would keep more values than
// this over all its draws (2 GB of doubles) is refused, naming the draws it may have.
inline constexpr std::int64_t k_max_kept_values = 250'000'000;

// The values simulate() keeps a draw: each option's cost per year and net present cost.
std::int64_t simulation_values_per_draw(const Model& model);

struct SampledInputs
{
  std::optional<Sampler> sampler;
  std::optional<double> repair_distance; // how far --repair-correlations moved the matrix
  std::vector<Diagnostic> diagnostics;   // a correlation matrix that is not valid, say why
};

// The sampler of a model's inputs with seed `seed`. A correlation matrix that is not
// valid is a diagnostic at the matrix, unless `repair` asks for the nearest valid one.
SampledInputs input_sampler(const Model& model, std::uint64_t seed, bool repair);

// A block of parameter columns: the model's values with the inputs of draws
// first .. first + count - 1 in place.
ParameterRows parameter_block(const Model& model, const Sampler& sampler, std::int64_t first,
                              Eigen::Index count);

struct Statistics
{
  double central = 0.0; // the figure with every input at its value (set by simulate)
  double mean = 0.0;
  double p5 = 0.0;
  double p10 = 0.0;
  double p50 = 0.0;
  double p90 = 0.0;
  double p95 = 0.0;
};

// Mean and quantiles of `values`, which it reorders. Quantiles are exact: linear
// interpolation between order statistics (Hyndman and Fan's type 7).
Statistics statistics_of(std::vector<double>& values);

// The options compared draw by draw: `option` minus `reference`.
struct OptionPair
{
  int option = 0;
  int reference = 0;
};

struct SimulationSettings
{
  std::int64_t draws = 10'000;
  std::uint64_t seed = 1;
  int threads = 1;
  bool repair_correlations = false;
  // The differences to report; empty: each other option against the first.
  std::vector<OptionPair> pairs;
  // A savings shortfall above this (in the scenario's unit) counts as one.
  double shortfall_threshold = 0.05;
  std::function<void(std::int64_t done)> progress;
};

// One series of per-draw differences: its statistics (central: the difference of the
// central figures), and the share of draws in which the option costs less than its
// reference; absent when the two are equal in every draw.
struct DifferenceSeries
{
  Statistics statistics;
  std::optional<double> cheaper;
};

// An option against a reference, draw by draw: option minus reference, so negative is
// cheaper, as in compare.
struct Difference
{
  OptionPair pair;
  std::vector<DifferenceSeries> cost; // [year]
  DifferenceSeries total;             // the cost summed over the horizon
  DifferenceSeries npc;
};

// A year's budget risk for an option: the share of draws over budget and the mean
// overspend (draws under budget count as 0).
struct BudgetRisk
{
  double over = 0.0;
  double expected_overspend = 0.0;
};

// A year's savings risk for an option with a savings target: the mean shortfall (draws
// that meet the target count as 0) and the share of draws short by more than the
// threshold.
struct ShortfallRisk
{
  double expected = 0.0;
  double beyond_threshold = 0.0;
};

struct Simulation
{
  std::int64_t draws = 0;
  std::uint64_t seed = 0;
  std::optional<double> repair_distance;
  double shortfall_threshold = 0.0;
  std::vector<std::vector<Statistics>> cost; // [option][year]: total cost
  std::vector<Statistics> npc;               // [option]: net present cost
  std::vector<double> cheapest;              // [option]: P(lowest net present cost)
  // [option][year]: absent in years without a budget.
  std::vector<std::vector<std::optional<BudgetRisk>>> budget;
  // [option][year]: absent in years without a savings target.
  std::vector<std::vector<std::optional<ShortfallRisk>>> shortfall;
  std::vector<Difference> differences;
};

struct SimulationResult
{
  std::optional<Simulation> simulation;
  std::vector<Diagnostic> diagnostics;
};

SimulationResult simulate(const Model& model, const SimulationSettings& settings);

} // namespace carecast
