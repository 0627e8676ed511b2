#include "carecast/sampling.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cassert>
#include <cmath>
#include <fmt/format.h>
#include <numbers>

namespace carecast {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using Index = Eigen::Index;

// Boost evaluates double functions in long double by default; double is accurate to a
// few ulp here and about ten times faster.
using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

// What correlation_problem tolerates of rounding.
constexpr double k_symmetry_tolerance = 1e-12;
constexpr double k_diagonal_tolerance = 1e-12;
constexpr double k_eigenvalue_tolerance = -1e-10;

// Higham's alternating projections stop when an iteration changes X and Y, and X and Y
// differ, by less than this relative to their size.
constexpr double k_repair_tolerance = 1e-13;
constexpr int k_repair_iterations = 100000;

// Copula uniforms are kept where the quantiles are finite: Phi rounds to 0 below about
// -38 and to 1 above about 8.3.
constexpr double k_smallest_u = std::numeric_limits<double>::min();
constexpr double k_largest_u = 1.0 - 0x1.0p-53;

// sample() works through this many draws at a time, so one block stays in cache.
constexpr Index k_block = 256;

template <std::size_t n>
double polynomial(const std::array<double, n>& coefficients, double x)
{
  double sum = coefficients[n - 1];
  for (std::size_t i = n - 1; i-- > 0;) {
    sum = sum * x + coefficients[i];
  }
  return sum;
}

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

// splitmix64's output function (Steele, Lea and Flood 2014; Stafford's mix 13).
std::uint64_t mix(std::uint64_t z)
{
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

// The key-th output of splitmix64 started at `state`: a bijection of the key for a
// given state, so no two draws (or dimensions) of one stream share their bits.
std::uint64_t hash_step(std::uint64_t state, std::uint64_t key)
{
  constexpr std::uint64_t k_golden_gamma = 0x9e3779b97f4a7c15;
  return mix(state + (key + 1) * k_golden_gamma);
}

// The top 53 bits as a multiple of 2^-53; the one zero among them becomes 2^-54.
double unit_interval(std::uint64_t bits)
{
  const std::uint64_t numerator = bits >> 11;
  return numerator == 0 ? 0x1.0p-54 : static_cast<double>(numerator) * 0x1.0p-53;
}

// PERT's quantile, Boost's inverse incomplete beta, costs about 2 µs, some hundred times
// a normal quantile. A Sampler therefore tabulates it once per input at the knots
// u = k / k_pert_knots, with its slope 1 / pdf, and a draw in an inner interval starts
// from the cubic Hermite interpolant of the two knots. Where that interpolant is within
// k_hermite_tolerance of the exact value at the interval's midpoint (its error peaks
// there), it is the value; elsewhere, towards the tails, Newton steps on the beta CDF
// refine it. Either way the value is within 1e-12 of Boost's (sampling_test.cpp). The
// two outer intervals, where the slope is unbounded, use Boost itself.
constexpr std::size_t k_pert_knots = 4096;
constexpr double k_hermite_tolerance = 1e-14;
constexpr int k_newton_steps = 3;

// Three numbers a knot in a PERT table: the quantile, its slope, and whether the
// interpolant of the interval that starts there is accurate without Newton steps.
constexpr std::size_t k_pert_stride = 3;

// The cubic Hermite interpolant at s in [0, 1] of the interval whose first knot's
// numbers start at `knots`.
double hermite(const double* knots, double s)
{
  const double h = 1.0 / static_cast<double>(k_pert_knots);
  const double s2 = s * s;
  const double s3 = s2 * s;
  return (2.0 * s3 - 3.0 * s2 + 1.0) * knots[0] + (s3 - 2.0 * s2 + s) * h * knots[1]
         + (3.0 * s2 - 2.0 * s3) * knots[k_pert_stride] + (s3 - s2) * h * knots[k_pert_stride + 1];
}

// A marginal with the constants of its quantile worked out once for many draws.
class Marginal
{
public:
  // `pert_table`, from pert_table(), speeds up a PERT quantile; without it the quantile
  // is Boost's.
  explicit Marginal(const Distribution& distribution,
                    const std::vector<double>* pert_table = nullptr);
  double quantile(double u) const;
  // PERT's table at the inner knots, k_pert_stride numbers a knot; empty for another
  // distribution.
  std::vector<double> pert_table() const;

private:
  void prepare_normal();
  double uniform(double u) const { return m_d.low + u * (m_d.high - m_d.low); }
  double triangular(double u) const;
  double pert(double u) const;
  double beta_quantile(double u) const;
  double beta_density(double x) const;
  double normal(double u) const;
  double lognormal(double u) const;

  Distribution m_d;
  std::optional<double> m_point; // the value of a degenerate distribution
  // PERT's beta shape parameters.
  double m_alpha = 1.0;
  double m_beta = 1.0;
  double m_log_beta_function = 0.0; // ln B(alpha, beta)
  const std::vector<double>* m_pert_table = nullptr;
  // A normal truncated to standard units [a, b] has z = Phi^-1(Phi(a) + u (Phi(b) -
  // Phi(a))). Above the mean the same is done with upper-tail probabilities
  // Q = 1 - Phi, z = -Q^-1(Q(a) + u (Q(b) - Q(a))), which keep their precision where
  // Phi rounds to 1. So z = m_sign Phi^-1(m_start + u m_step).
  double m_start = 0.0;
  double m_step = 1.0;
  double m_sign = 1.0;
};

Marginal::Marginal(const Distribution& distribution, const std::vector<double>* pert_table)
  : m_d(distribution),
    m_pert_table(pert_table)
{
  switch (m_d.kind) {
  case DistributionKind::uniform:
  case DistributionKind::triangular:
  case DistributionKind::pert:
    if (m_d.low == m_d.high) {
      m_point = m_d.low;
      break;
    }
    m_alpha = 1.0 + 4.0 * (m_d.mode - m_d.low) / (m_d.high - m_d.low);
    m_beta = 1.0 + 4.0 * (m_d.high - m_d.mode) / (m_d.high - m_d.low);
    m_log_beta_function =
      std::lgamma(m_alpha) + std::lgamma(m_beta) - std::lgamma(m_alpha + m_beta);
    break;
  case DistributionKind::normal:
    if (m_d.sd == 0.0 || m_d.low == m_d.high) {
      m_point = std::clamp(m_d.mean, m_d.low, m_d.high);
      break;
    }
    prepare_normal();
    break;
  case DistributionKind::lognormal:
    if (m_d.sigma == 0.0) {
      m_point = m_d.median;
    }
    break;
  }
}

void Marginal::prepare_normal()
{
  const double a = (m_d.low - m_d.mean) / m_d.sd;
  const double b = (m_d.high - m_d.mean) / m_d.sd;
  m_sign = a > 0.0 ? -1.0 : 1.0;
  m_start = normal_cdf(m_sign * a);
  m_step = normal_cdf(m_sign * b) - m_start;
}

double Marginal::quantile(double u) const
{
  if (m_point) {
    return *m_point;
  }
  switch (m_d.kind) {
  case DistributionKind::uniform:
    return uniform(u);
  case DistributionKind::triangular:
    return triangular(u);
  case DistributionKind::pert:
    return pert(u);
  case DistributionKind::normal:
    return normal(u);
  case DistributionKind::lognormal:
    return lognormal(u);
  }
  return 0.0;
}

double Marginal::triangular(double u) const
{
  const double width = m_d.high - m_d.low;
  const double left = m_d.mode - m_d.low;
  if (u * width < left) {
    return m_d.low + std::sqrt(u * width * left);
  }
  return m_d.high - std::sqrt((1.0 - u) * width * (m_d.high - m_d.mode));
}

double Marginal::pert(double u) const
{
  return m_d.low + (m_d.high - m_d.low) * beta_quantile(u);
}

double Marginal::beta_quantile(double u) const
{
  const double scaled = u * static_cast<double>(k_pert_knots);
  const auto k = static_cast<std::size_t>(scaled);
  if (!m_pert_table || k < 1 || k + 1 >= k_pert_knots) {
    return boost::math::ibeta_inv(m_alpha, m_beta, u, Policy());
  }
  const double* knots = m_pert_table->data() + k_pert_stride * (k - 1);
  const double low = knots[0];
  const double high = knots[k_pert_stride];
  double x = std::clamp(hermite(knots, scaled - static_cast<double>(k)), low, high);
  if (knots[2] != 0.0) {
    return x;
  }
  // Newton's error squares at each step: once the step is below 1e-9, what is left is
  // rounding. Near the outer intervals the guess is rougher and a second step is taken.
  for (int step = 0; step < k_newton_steps; ++step) {
    const double change = (boost::math::ibeta(m_alpha, m_beta, x, Policy()) - u) / beta_density(x);
    x = std::clamp(x - change, low, high);
    if (std::abs(change) < 1e-9) {
      break;
    }
  }
  return x;
}

double Marginal::beta_density(double x) const
{
  return std::exp((m_alpha - 1.0) * std::log(x) + (m_beta - 1.0) * std::log1p(-x)
                  - m_log_beta_function);
}

std::vector<double> Marginal::pert_table() const
{
  std::vector<double> table;
  if (m_d.kind != DistributionKind::pert || m_point) {
    return table;
  }
  const auto knots = static_cast<double>(k_pert_knots);
  for (std::size_t k = 1; k < k_pert_knots; ++k) {
    const double x =
      boost::math::ibeta_inv(m_alpha, m_beta, static_cast<double>(k) / knots, Policy());
    table.insert(table.end(), {x, 1.0 / beta_density(x), 0.0});
  }
  for (std::size_t k = 1; k + 1 < k_pert_knots; ++k) {
    double* interval = table.data() + k_pert_stride * (k - 1);
    const double exact =
      boost::math::ibeta_inv(m_alpha, m_beta, (static_cast<double>(k) + 0.5) / knots, Policy());
    interval[2] = std::abs(hermite(interval, 0.5) - exact) < k_hermite_tolerance ? 1.0 : 0.0;
  }
  return table;
}

double Marginal::normal(double u) const
{
  const double p = std::clamp(m_start + u * m_step, k_smallest_u, k_largest_u);
  const double z = m_sign * normal_quantile(p);
  return std::clamp(m_d.mean + m_d.sd * z, m_d.low, m_d.high);
}

double Marginal::lognormal(double u) const
{
  return m_d.median * std::exp(m_d.sigma * normal_quantile(u));
}

std::vector<Marginal> prepare(const std::vector<Distribution>& distributions,
                              const std::vector<std::vector<double>>& pert_tables)
{
  std::vector<Marginal> marginals;
  for (std::size_t i = 0; i < distributions.size(); ++i) {
    marginals.emplace_back(distributions[i], &pert_tables[i]);
  }
  return marginals;
}

std::string entry(Index row, Index column)
{
  return fmt::format("({}, {})", row + 1, column + 1);
}

std::optional<std::string> asymmetry(const Matrix& matrix)
{
  for (Index i = 0; i < matrix.rows(); ++i) {
    for (Index j = i + 1; j < matrix.cols(); ++j) {
      if (std::abs(matrix(i, j) - matrix(j, i)) > k_symmetry_tolerance) {
        return fmt::format("entry {} is {:.15g} but entry {} is {:.15g}; the matrix must be "
                           "symmetric",
                           entry(i, j), matrix(i, j), entry(j, i), matrix(j, i));
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> bad_diagonal(const Matrix& matrix)
{
  for (Index i = 0; i < matrix.rows(); ++i) {
    if (std::abs(matrix(i, i) - 1.0) > k_diagonal_tolerance) {
      return fmt::format("diagonal entry {} is {:.15g}; it must be 1", entry(i, i), matrix(i, i));
    }
  }
  return std::nullopt;
}

std::optional<std::string> out_of_range(const Matrix& matrix)
{
  for (Index i = 0; i < matrix.rows(); ++i) {
    for (Index j = 0; j < matrix.cols(); ++j) {
      if (!(std::abs(matrix(i, j)) <= 1.0)) {
        return fmt::format("entry {} is {:.15g}, outside [-1, 1]", entry(i, j), matrix(i, j));
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> indefinite(const Matrix& matrix)
{
  const Eigen::SelfAdjointEigenSolver<Matrix> solver(matrix, Eigen::EigenvaluesOnly);
  const double smallest = solver.eigenvalues()(0);
  if (smallest < k_eigenvalue_tolerance) {
    return fmt::format("the matrix is not positive semi-definite: its smallest eigenvalue is "
                       "{:.6g}, so the correlations contradict one another",
                       smallest);
  }
  return std::nullopt;
}

// The nearest positive semi-definite matrix: negative eigenvalues set to 0.
Matrix semidefinite(const Matrix& symmetric)
{
  const Eigen::SelfAdjointEigenSolver<Matrix> solver(symmetric);
  const Matrix& vectors = solver.eigenvectors();
  return vectors * solver.eigenvalues().cwiseMax(0.0).asDiagonal() * vectors.transpose();
}

// D^-1/2 X D^-1/2 with D = diag(X): a unit diagonal, and still semi-definite, for the
// last rounding of the projections.
Matrix unit_diagonal(const Matrix& semidefinite)
{
  const Vector scale = semidefinite.diagonal().cwiseMax(k_smallest_u).cwiseSqrt().cwiseInverse();
  Matrix scaled = scale.asDiagonal() * semidefinite * scale.asDiagonal();
  scaled = (0.5 * (scaled + scaled.transpose())).cwiseMax(-1.0).cwiseMin(1.0);
  scaled.diagonal().setOnes();
  return scaled;
}

double relative_change(const Matrix& before, const Matrix& after)
{
  return (after - before).norm() / std::max(after.norm(), 1.0);
}

// Higham (2002), algorithm 3.3 with unit weights: project alternately onto the
// semi-definite matrices and the unit-diagonal ones, removing from each semi-definite
// projection the correction the previous one made (Dykstra), so that the iterates
// converge to the nearest matrix in both sets, not merely to some matrix in both.
Matrix alternating_projections(const Matrix& symmetric)
{
  Matrix y = symmetric;
  Matrix x = symmetric;
  Matrix correction = Matrix::Zero(symmetric.rows(), symmetric.cols());
  for (int iteration = 0; iteration < k_repair_iterations; ++iteration) {
    const Matrix r = y - correction;
    const Matrix x_next = semidefinite(r);
    correction = x_next - r;
    Matrix y_next = x_next;
    y_next.diagonal().setOnes();
    const double change = std::max(
      {relative_change(x, x_next), relative_change(y, y_next), relative_change(x_next, y_next)});
    x = x_next;
    y = y_next;
    if (change <= k_repair_tolerance) {
      break;
    }
  }
  return y;
}

Matrix copula_factor(const Matrix& correlation)
{
  if (correlation.size() == 0) {
    return {};
  }
  const Eigen::LLT<Matrix> cholesky(correlation);
  if (cholesky.info() == Eigen::Success) {
    return cholesky.matrixL();
  }
  const Eigen::SelfAdjointEigenSolver<Matrix> solver(correlation);
  return solver.eigenvectors() * solver.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal();
}

void fill_uniforms(std::uint64_t seed, std::uint64_t stream, std::int64_t first,
                   Eigen::Ref<Matrix> block)
{
  const std::uint64_t stream_state = hash_step(hash_step(0, seed), stream);
  for (Index column = 0; column < block.cols(); ++column) {
    const auto draw = static_cast<std::uint64_t>(first + column);
    const std::uint64_t draw_state = hash_step(stream_state, draw);
    for (Index row = 0; row < block.rows(); ++row) {
      block(row, column) = unit_interval(hash_step(draw_state, static_cast<std::uint64_t>(row)));
    }
  }
}

// Column by column with the products summed in a fixed order, so that a draw's
// result does not depend on how many draws share the block (a matrix product may
// change its order of summation with the number of columns).
void correlate_block(const Matrix& factor, Eigen::Ref<Matrix> block)
{
  Vector z(block.rows());
  Vector correlated(block.rows());
  for (Index column = 0; column < block.cols(); ++column) {
    for (Index row = 0; row < block.rows(); ++row) {
      z(row) = normal_quantile(block(row, column));
    }
    correlated.setZero();
    for (Index k = 0; k < factor.cols(); ++k) {
      correlated += factor.col(k) * z(k);
    }
    for (Index row = 0; row < block.rows(); ++row) {
      block(row, column) = std::clamp(normal_cdf(correlated(row)), k_smallest_u, k_largest_u);
    }
  }
}

void values_block(const std::vector<Marginal>& marginals, Eigen::Ref<Matrix> block)
{
  for (Index column = 0; column < block.cols(); ++column) {
    for (Index row = 0; row < block.rows(); ++row) {
      block(row, column) = marginals[static_cast<std::size_t>(row)].quantile(block(row, column));
    }
  }
}

} // namespace

double quantile(const Distribution& distribution, double u)
{
  return Marginal(distribution).quantile(u);
}

std::optional<std::string> correlation_problem(const Matrix& matrix)
{
  if (matrix.rows() != matrix.cols()) {
    return fmt::format("the matrix has {} rows and {} columns; it must be square", matrix.rows(),
                       matrix.cols());
  }
  if (auto problem = asymmetry(matrix)) {
    return problem;
  }
  if (auto problem = bad_diagonal(matrix)) {
    return problem;
  }
  if (auto problem = out_of_range(matrix)) {
    return problem;
  }
  if (matrix.size() == 0) {
    return std::nullopt;
  }
  return indefinite(matrix);
}

RepairedCorrelation nearest_correlation(const Matrix& matrix)
{
  assert(matrix.rows() == matrix.cols() && "a correlation matrix is square");
  if (!correlation_problem(matrix)) {
    return {matrix, 0.0};
  }
  // For symmetric C, ||A - C||^2 = ||S - C||^2 + ||K||^2 with S and K the symmetric and
  // skew-symmetric parts of A, so A and S have the same nearest correlation matrix.
  const Matrix symmetric = 0.5 * (matrix + matrix.transpose());
  const Matrix repaired = unit_diagonal(semidefinite(alternating_projections(symmetric)));
  return {repaired, (repaired - matrix).norm()};
}

double uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t draw,
               std::uint64_t dimension)
{
  const std::uint64_t stream_state = hash_step(hash_step(0, seed), stream);
  return unit_interval(hash_step(hash_step(stream_state, draw), dimension));
}

Sampler::Sampler(std::vector<Distribution> marginals, Matrix correlation, std::uint64_t seed)
  : m_marginals(std::move(marginals)),
    m_factor(copula_factor(correlation)),
    m_seed(seed)
{
  for (const Distribution& marginal : m_marginals) {
    m_pert_tables.push_back(Marginal(marginal).pert_table());
  }
  assert((correlation.size() == 0
          || (correlation.rows() == dimensions() && correlation.cols() == dimensions()))
         && "one row and column of correlations per marginal");
  assert(!correlation_problem(correlation) && "a valid correlation matrix");
}

Index Sampler::dimensions() const
{
  return static_cast<Index>(m_marginals.size());
}

Matrix Sampler::uniforms(std::uint64_t stream, std::int64_t first, Index count) const
{
  assert(first >= 0 && count >= 0);
  Matrix result(dimensions(), count);
  fill_uniforms(m_seed, stream, first, result);
  return result;
}

Matrix Sampler::correlate(const Matrix& uniforms) const
{
  assert(uniforms.rows() == dimensions());
  Matrix result = uniforms;
  if (m_factor.size() > 0) {
    correlate_block(m_factor, result);
  }
  return result;
}

Matrix Sampler::values(const Matrix& uniforms) const
{
  assert(uniforms.rows() == dimensions());
  Matrix result = uniforms;
  values_block(prepare(m_marginals, m_pert_tables), result);
  return result;
}

Matrix Sampler::sample(std::int64_t first, Index count) const
{
  assert(first >= 0 && count >= 0);
  const std::vector<Marginal> marginals = prepare(m_marginals, m_pert_tables);
  Matrix result(dimensions(), count);
  for (Index start = 0; start < count; start += k_block) {
    auto block = result.middleCols(start, std::min(k_block, count - start));
    fill_uniforms(m_seed, 0, first + start, block);
    if (m_factor.size() > 0) {
      correlate_block(m_factor, block);
    }
    values_block(marginals, block);
  }
  return result;
}

} // namespace carecast
