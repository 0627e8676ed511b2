#pragma once

// Sobol' sensitivity indices from the model outputs of a Saltelli design, with
// confidence intervals: a percentile bootstrap for a random design, a Student t
// interval over independent randomisations for a quasi-random one. The library knows
// nothing of scenarios:
// the caller draws the design, evaluates it and passes the outputs in. The design,
// the estimators and the "too wide" rule are described in docs/sobol.md.

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace carecast {

// An interval at most this wide (in shares of the output's variance) is narrow enough
// to rank inputs by; a wider one makes the output's intervals too wide (see
// SobolResult::too_wide).
inline constexpr double k_sobol_max_width = 0.1;

// The random stream of the bootstrap's resamples (random_numbers.hpp).
inline constexpr std::uint64_t k_bootstrap_stream = 3;

// The Saltelli design's third kind of matrix, AB_i: A with row `dimension` taken from
// B. The matrices are dimensions x N, one column per sample (the layout of the
// evaluator's parameter matrix); `a` and `b` must have the same shape and
// 0 <= dimension < a.rows().
Eigen::MatrixXd mix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, Eigen::Index dimension);

// The model outputs of a Saltelli design with d input dimensions and N samples: each
// matrix is outputs x N, one row per output (e.g. each year's cost) and column j the
// output for column j of the design matrix. All must have the same shape, with N >= 2,
// d >= 1 and at least one output, and every value must be finite.
struct SobolOutputs
{
  Eigen::MatrixXd a;               // f(A)
  Eigen::MatrixXd b;               // f(B)
  std::vector<Eigen::MatrixXd> ab; // one per input dimension i: f(AB_i), AB_i = mix(A, B, i)
};

// A point estimate and its confidence interval [low, high]. A bootstrap's point
// estimate comes from the full sample, so it need not be the interval's midpoint.
struct Interval
{
  double estimate = 0.0;
  double low = 0.0;
  double high = 0.0;

  double width() const { return high - low; }
};

// The indices of one input for one output, as shares of the output's variance.
struct SobolIndex
{
  Interval first; // S_i: the share the input explains on its own
  Interval total; // ST_i: the share it explains with all its interactions
};

struct SobolResult
{
  std::vector<std::vector<SobolIndex>> indices; // [output][dimension]
  // [output] the variance of f(A) and f(B) together: the 2N values about their mean,
  // divided by 2N.
  std::vector<double> variance;
  // [output] the output does not vary (its variance is at most (1e-12 x its largest
  // absolute value)^2, what rounding leaves of a constant): all its indices and
  // intervals are 0, and it is not too wide, as there is nothing to rank.
  std::vector<bool> constant;
  // [output] some input's first-order or total interval is wider than
  // k_sobol_max_width: sampling noise could then reorder inputs whose shares differ by
  // that much, so the ranking needs a larger N.
  std::vector<bool> too_wide;
};

// First-order indices by Saltelli et al. (2010), S_i = mean(f(B) (f(AB_i) - f(A))) / V;
// total indices by Jansen (1999), ST_i = mean((f(A) - f(AB_i))^2) / 2 / V; V the
// variance of f(A) and f(B) together. Each output is first centred on the mean of its
// f(A) and f(B), which leaves V and ST_i unchanged and keeps S_i's estimator from
// carrying the output's mean as noise. Intervals by the percentile bootstrap:
// `resamples` (>= 1) resamples of the N columns with replacement, shared by every
// output and input, resample r drawn from a std::mt19937_64 of its own seeded with
// random_bits(seed, k_bootstrap_stream, r, 0), at `confidence` (0 < confidence < 1,
// e.g. 0.95). A resample whose variance vanishes gives indices of 0. Results depend
// only on the outputs, `resamples`, `seed` and `confidence`, not on `threads` (>= 1),
// which share out the resamples. Memory grows with outputs x inputs x N, not with
// `resamples`.
SobolResult sobol_indices(const SobolOutputs& outputs, int resamples, std::uint64_t seed,
                          double confidence = 0.95, int threads = 1);

// The same indices from `replicates` independent randomisations of a quasi-random
// design, replicate r in columns r n .. (r + 1) n - 1 (n = N / replicates, at least 2;
// replicates >= 2 and divides N). Points of one replicate are not independent, so no
// bootstrap: each replicate gives its own estimates, the estimate is their mean and
// the interval mean +- t x sd / sqrt(replicates), t the (1 + confidence) / 2 quantile
// of Student's t with replicates - 1 degrees of freedom. The variance, and whether
// the output is constant, are those of all N samples.
SobolResult sobol_indices_replicated(const SobolOutputs& outputs, int replicates,
                                     double confidence = 0.95);

// The `probability` quantile of Student's t distribution with `degrees_of_freedom`
// (>= 1), 0 < probability < 1.
double student_t_quantile(double probability, int degrees_of_freedom);

} // namespace carecast
