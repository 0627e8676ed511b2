#pragma once

// Sobol' indices of a scenario's uncertain inputs: a Saltelli design drawn from the
// inputs' distributions, the model evaluated on it in parallel blocks, and the indices
// of one option's cost in each financial year and over the horizon (docs/sobol.md,
// "The sobol command"). The inputs are drawn independently of one another: a
// scenario's [correlation] is not used, as the indices assume independent inputs.

#include "carecast/diagnostic.hpp"
#include "carecast/model.hpp"
#include "carecast/sobol.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace carecast {

// Samples beyond this are refused: the outputs kept grow with samples x inputs.
inline constexpr std::int64_t k_max_sobol_samples = 1'000'000;
// The bootstrap keeps samples x (resamples + 1) weights of 8 bytes; more are refused.
inline constexpr std::int64_t k_max_sobol_weights = 250'000'000;

// The random streams of the design's two independent matrices (a Monte Carlo run
// uses stream 0).
inline constexpr std::uint64_t k_sobol_stream_a = 1;
inline constexpr std::uint64_t k_sobol_stream_b = 2;

struct SobolSettings
{
  std::int64_t samples = 4096; // N, 2 <= N <= k_max_sobol_samples
  int resamples = 200;         // bootstrap resamples, >= 1 (see k_max_sobol_weights)
  std::uint64_t seed = 1;      // of the design and of the bootstrap
  int threads = 1;             // results do not depend on it
  double confidence = 0.95;    // of the intervals, strictly between 0 and 1
  // Called now and then with the number of model evaluations done, out of
  // samples x (inputs + 2).
  std::function<void(std::int64_t done)> progress;
};

struct SobolAnalysis
{
  int option = 0;
  std::int64_t samples = 0;
  int resamples = 0;
  std::uint64_t seed = 0;
  double confidence = 0.0;
  std::int64_t evaluations = 0; // samples x (inputs + 2)
  // The scenario has a [correlation], which the design leaves out.
  bool correlation_ignored = false;
  // Outputs (rows) in the order of the model's financial years, then the horizon
  // total (the sum of the years); dimensions in the order of Model::inputs().
  SobolResult result;
};

struct SobolRun
{
  std::optional<SobolAnalysis> analysis;
  // Why there is no analysis: no uncertain inputs or a setting out of range, or
  // (located at the parameter behind it) a cost that is not finite in an evaluation.
  std::string problem;
  std::optional<Diagnostic> overflow;
};

// The indices of option `option`'s total cost per year and over the horizon.
// Evaluates the model samples x (inputs + 2) times.
SobolRun sobol_analysis(const Model& model, int option, const SobolSettings& settings);

} // namespace carecast
