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

struct SimulationSettings
{
  std::int64_t draws = 10'000;
  std::uint64_t seed = 1;
  int threads = 1;
  bool repair_correlations = false;
  std::function<void(std::int64_t done)> progress;
};

struct Simulation
{
  std::int64_t draws = 0;
  std::uint64_t seed = 0;
  std::optional<double> repair_distance;
  std::vector<std::vector<Statistics>> cost; // [option][year]: total cost
  std::vector<Statistics> npc;               // [option]: net present cost
  std::vector<double> cheapest;              // [option]: P(lowest net present cost)
  // [option][year]: P(cost above the budget); absent in years without a budget.
  std::vector<std::vector<std::optional<double>>> over_budget;
};

struct SimulationResult
{
  std::optional<Simulation> simulation;
  std::vector<Diagnostic> diagnostics;
};

SimulationResult simulate(const Model& model, const SimulationSettings& settings);

} // namespace carecast
