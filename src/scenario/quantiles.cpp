#include "carecast/quantiles.hpp"

#include <algorithm>
#include <array>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <numbers>

namespace carecast {
namespace {

// Boost evaluates double functions in long double by default; double is accurate to a
// few ulp here and about ten times faster.
using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

template <std::size_t n>
double polynomial(const std::array<double, n>& coefficients, double x)
{
  double sum = coefficients[n - 1];
  for (std::size_t i = n - 1; i-- > 0;) {
    sum = sum * x + coefficients[i];
  }
  return sum;
}

// A beta quantile, Boost's inverse incomplete beta, costs about 2 µs, some hundred times
// a normal quantile. A table for many draws holds it at the knots u = k / k_knots, with
// its slope 1 / pdf, and a draw in an inner interval starts from the cubic Hermite
// interpolant of the two knots. Where that interpolant is within k_hermite_tolerance of
// the exact value at the interval's midpoint (its error peaks there), it is the value;
// elsewhere, towards the tails, Newton steps on the beta CDF refine it. Either way the
// value is within 1e-12 of Boost's (sampling_test.cpp). The two outer intervals, where
// the slope is unbounded, use Boost itself.
constexpr std::size_t k_knots = 4096;
constexpr double k_hermite_tolerance = 1e-14;
constexpr int k_newton_steps = 3;
constexpr std::size_t k_stride = 3;

// The cubic Hermite interpolant at s in [0, 1] of the interval whose first knot's
// numbers start at `knots`.
double hermite(const double* knots, double s)
{
  const double h = 1.0 / static_cast<double>(k_knots);
  const double s2 = s * s;
  const double s3 = s2 * s;
  return (2.0 * s3 - 3.0 * s2 + 1.0) * knots[0] + (s3 - 2.0 * s2 + s) * h * knots[1]
         + (3.0 * s2 - 2.0 * s3) * knots[k_stride] + (s3 - s2) * h * knots[k_stride + 1];
}

} // namespace

// Phi^-1 by Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), accurate
// to about 1e-16: rational functions of p - 1/2 in the middle, of sqrt(-ln(tail)) in the
// tails. It takes about 20 ns for random p, two thirds of Boost's erfc_inv, whose many
// branches are mispredicted; the copula and the normal marginals call it for every
// value. Coefficients are lowest order first.
double normal_quantile(double p)
{
  constexpr std::array<double, 8> k_central_numerator = {
    3.3871328727963666080, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
    45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727};
  constexpr std::array<double, 8> k_central_denominator = {1.0,
                                                           42.313330701600911252,
                                                           687.18700749205790830,
                                                           5394.1960214247511077,
                                                           21213.794301586595867,
                                                           39307.895800092710610,
                                                           28729.085735721942674,
                                                           5226.4952788528545610};
  constexpr std::array<double, 8> k_near_numerator = {
    1.42343711074968357734,   4.63033784615654529590,   5.76949722146069140550,
    3.64784832476320460504,   1.27045825245236838258,   0.241780725177450611770,
    0.0227238449892691845833, 7.74545014278341407640e-4};
  constexpr std::array<double, 8> k_near_denominator = {1.0,
                                                        2.05319162663775882187,
                                                        1.67638483018380384940,
                                                        0.689767334985100004550,
                                                        0.148103976427480074590,
                                                        0.0151986665636164571966,
                                                        5.47593808499534494600e-4,
                                                        1.05075007164441684324e-9};
  constexpr std::array<double, 8> k_far_numerator = {
    6.65790464350110377720,    5.46378491116411436990,   1.78482653991729133580,
    0.296560571828504891230,   0.0265321895265761230930, 1.24266094738807843860e-3,
    2.71155556874348757815e-5, 2.01033439929228813265e-7};
  constexpr std::array<double, 8> k_far_denominator = {1.0,
                                                       0.599832206555887937690,
                                                       0.136929880922735805310,
                                                       0.0148753612908506148525,
                                                       7.86869131145613259100e-4,
                                                       1.84631831751005468180e-5,
                                                       1.42151175831644588870e-7,
                                                       2.04426310338993978564e-15};

  const double q = p - 0.5;
  if (std::abs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * polynomial(k_central_numerator, r) / polynomial(k_central_denominator, r);
  }
  double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
  double value = 0.0;
  if (r <= 5.0) {
    r -= 1.6;
    value = polynomial(k_near_numerator, r) / polynomial(k_near_denominator, r);
  } else {
    r -= 5.0;
    value = polynomial(k_far_numerator, r) / polynomial(k_far_denominator, r);
  }
  return q < 0.0 ? -value : value;
}

double normal_cdf(double z)
{
  return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

BetaQuantile::BetaQuantile(double alpha, double beta, bool tabulate)
  : m_alpha(alpha),
    m_beta(beta),
    m_log_beta_function(std::lgamma(alpha) + std::lgamma(beta) - std::lgamma(alpha + beta))
{
  if (!tabulate) {
    return;
  }
  const auto knots = static_cast<double>(k_knots);
  for (std::size_t k = 1; k < k_knots; ++k) {
    const double x =
      boost::math::ibeta_inv(m_alpha, m_beta, static_cast<double>(k) / knots, Policy());
    m_table.insert(m_table.end(), {x, 1.0 / density(x), 0.0});
  }
  for (std::size_t k = 1; k + 1 < k_knots; ++k) {
    double* interval = m_table.data() + k_stride * (k - 1);
    const double exact =
      boost::math::ibeta_inv(m_alpha, m_beta, (static_cast<double>(k) + 0.5) / knots, Policy());
    interval[2] = std::abs(hermite(interval, 0.5) - exact) < k_hermite_tolerance ? 1.0 : 0.0;
  }
}

double BetaQuantile::operator()(double u) const
{
  const double scaled = u * static_cast<double>(k_knots);
  const auto k = static_cast<std::size_t>(scaled);
  if (m_table.empty() || k < 1 || k + 1 >= k_knots) {
    return boost::math::ibeta_inv(m_alpha, m_beta, u, Policy());
  }
  const double* knots = m_table.data() + k_stride * (k - 1);
  const double low = knots[0];
  const double high = knots[k_stride];
  double x = std::clamp(hermite(knots, scaled - static_cast<double>(k)), low, high);
  if (knots[2] != 0.0) {
    return x;
  }
  // Newton's error squares at each step: once the step is below 1e-9, what is left is
  // rounding. Near the outer intervals the guess is rougher and a second step is taken.
  for (int step = 0; step < k_newton_steps; ++step) {
    const double change = (cdf(x) - u) / density(x);
    x = std::clamp(x - change, low, high);
    if (std::abs(change) < 1e-9) {
      break;
    }
  }
  return x;
}

double BetaQuantile::cdf(double x) const
{
  return boost::math::ibeta(m_alpha, m_beta, std::clamp(x, 0.0, 1.0), Policy());
}

double BetaQuantile::density(double x) const
{
  return std::exp((m_alpha - 1.0) * std::log(x) + (m_beta - 1.0) * std::log1p(-x)
                  - m_log_beta_function);
}

} // namespace carecast
