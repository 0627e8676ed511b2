#pragma once

// Sobol' indices of a scenario's uncertain inputs: a Saltelli design drawn from the
// inputs' distributions (quasi-random or random), the model evaluated on it in
// parallel blocks, and the indices
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
// Bootstrap resamples beyond this are refused: the time grows with samples x resamples.
inline constexpr int k_max_sobol_resamples = 100'000;

// The random streams of the random design's two independent matrices (a Monte Carlo
// run uses stream 0).
inline constexpr std::uint64_t k_sobol_stream_a = 1;
inline constexpr std::uint64_t k_sobol_stream_b = 2;

// How A and B are drawn (docs/sobol.md, "The design").
enum class SobolDesign {
  // From one Sobol' sequence of 2d dimensions (A its first d, B the next d), in
  // `scramblings` randomly shifted replicates; Student t intervals over them.
  sobol,
  // From independent pseudo-random streams; percentile bootstrap intervals.
  random,
};

// "sobol" or "random".
std::string to_string(SobolDesign design);

// How the design's intervals are made: "student_t" (sobol) or "percentile_bootstrap"
// (random).
std::string interval_method(SobolDesign design);

struct SobolSettings
{
  // N, 2 <= N <= k_max_sobol_samples; with the sobol design a power of two, at least
  // 2 x scramblings.
  std::int64_t samples = 4096;
  SobolDesign design = SobolDesign::sobol;
  int scramblings = 16;        // sobol design: replicates, a power of two >= 2
  int resamples = 200;         // random design: bootstrap resamples, 1 .. k_max_sobol_resamples
  std::uint64_t seed = 1;      // of the design, and of the bootstrap or the shifts
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
  SobolDesign design = SobolDesign::sobol;
  int scramblings = 0; // sobol design; 0 with the random design
  int resamples = 0;   // random design; 0 with the sobol design
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
