#pragma once

// The numerical quantile functions the distributions (distribution.cpp) and the Gaussian
// copula (correlation.cpp) are built from: the standard normal's, and the beta
// distribution's that PERT scales.

#include <cstddef>
#include <limits>
#include <vector>

namespace carecast {

// Probabilities are kept where the normal quantile is finite: Phi rounds to 0 below
// about -38 and to 1 above about 8.3.
inline constexpr double k_smallest_u = std::numeric_limits<double>::min();
inline constexpr double k_largest_u = 1.0 - 0x1.0p-53;

// Phi^-1(p) for p in (0, 1), accurate to about 1e-16.
double normal_quantile(double p);
// Phi(z).
double normal_cdf(double z);

// The quantile of a beta(alpha, beta) distribution on [0, 1].
class BetaQuantile
{
public:
  // `tabulate`: work out a table once, for many draws, that gives each quantile to
  // within 1e-12 of the exact (Boost's) value at a fraction of its cost.
  BetaQuantile(double alpha, double beta, bool tabulate);
  double operator()(double u) const;
  double cdf(double x) const;

private:
  double density(double x) const;

  double m_alpha;
  double m_beta;
  double m_log_beta_function; // ln B(alpha, beta)
  // At each inner knot, k_stride numbers: the quantile, its slope, and whether the
  // interpolant of the interval that starts there needs no Newton steps.
  std::vector<double> m_table;
};

} // namespace carecast
