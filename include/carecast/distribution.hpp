#pragma once

// The distribution of an uncertain input, as a scenario states it: its kind and
// settings. The scenario layer reads it, the model keeps it beside each parameter and
// the analyses draw from it (sampling.hpp).

#include <limits>

namespace carecast {

enum class DistributionKind { uniform, triangular, pert, normal, lognormal };

// One input's marginal distribution; each kind reads only its own fields.
struct Distribution
{
  DistributionKind kind = DistributionKind::uniform;
  // uniform: low, high. triangular, pert: low, mode, high (PERT with the usual shape 4:
  // alpha = 1 + 4 (mode - low) / (high - low), beta = 1 + 4 (high - mode) / (high - low)).
  // normal: mean, sd, truncated to [low, high] when either is finite.
  // lognormal: median and sigma (the standard deviation of its natural logarithm).
  double low = -std::numeric_limits<double>::infinity();
  double mode = 0.0;
  double high = std::numeric_limits<double>::infinity();
  double mean = 0.0;
  double sd = 0.0;
  double median = 0.0;
  double sigma = 0.0;
};

} // namespace carecast
