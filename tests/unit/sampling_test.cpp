// Marginal quantiles, correlation matrices and their repair, counter-based uniforms and
// the Gaussian copula (docs/uncertainty.md, "Distributions and correlations").
//
// Statistical checks draw n = 100,000 and allow 5 standard errors: the mean's standard
// error is sd / sqrt(n) with the closed-form sd; the sample variance's is
// sqrt((m4 - s^4) / n), m4 the sample's fourth central moment (the delta method). A
// correct sampler fails one such check about once in 1.7 million.

#include "carecast/correlation.hpp"
#include "carecast/random_numbers.hpp"
#include "carecast/sampling.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <optional>
#include <set>
#include <vector>

using namespace carecast;

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr double k_inf = std::numeric_limits<double>::infinity();
constexpr Eigen::Index k_draws = 100000;
constexpr double k_standard_errors = 5.0;

Distribution uniform_on(double low, double high)
{
  return {.kind = DistributionKind::uniform, .low = low, .high = high, .truncation = {}};
}

Distribution triangular(double low, double mode, double high)
{
  return {
    .kind = DistributionKind::triangular, .low = low, .mode = mode, .high = high, .truncation = {}};
}

Distribution pert(double low, double mode, double high)
{
  return {.kind = DistributionKind::pert, .low = low, .mode = mode, .high = high, .truncation = {}};
}

Distribution normal(double mean, double sd, double low = -k_inf, double high = k_inf)
{
  return {.kind = DistributionKind::normal,
          .low = low,
          .high = high,
          .mean = mean,
          .sd = sd,
          .truncation = {}};
}

Distribution lognormal(double median, double sigma)
{
  return {.kind = DistributionKind::lognormal, .median = median, .sigma = sigma, .truncation = {}};
}

double phi(double z)
{
  return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

double density(double z)
{
  return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
}

struct Moments
{
  double mean = 0.0;
  double variance = 0.0;       // with divisor n - 1
  double variance_error = 0.0; // sqrt((m4 - s^4) / n)
};

Moments moments(const Eigen::RowVectorXd& values)
{
  const auto n = static_cast<double>(values.size());
  Moments result;
  result.mean = values.mean();
  const Eigen::ArrayXd centred = values.transpose().array() - result.mean;
  result.variance = centred.square().sum() / (n - 1.0);
  const double m4 = centred.square().square().sum() / n;
  result.variance_error = std::sqrt((m4 - result.variance * result.variance) / n);
  return result;
}

void check_moments(const Eigen::RowVectorXd& values, double mean, double variance)
{
  const Moments sample = moments(values);
  const double mean_error = std::sqrt(variance / static_cast<double>(values.size()));
  CHECK(std::abs(sample.mean - mean) < k_standard_errors * mean_error);
  CHECK(std::abs(sample.variance - variance) < k_standard_errors * sample.variance_error);
}

double pearson(const Eigen::RowVectorXd& x, const Eigen::RowVectorXd& y)
{
  const Eigen::ArrayXd dx = x.transpose().array() - x.mean();
  const Eigen::ArrayXd dy = y.transpose().array() - y.mean();
  return (dx * dy).sum() / std::sqrt(dx.square().sum() * dy.square().sum());
}

Eigen::RowVectorXd ranks(const Eigen::RowVectorXd& values)
{
  std::vector<Eigen::Index> order(static_cast<std::size_t>(values.size()));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](Eigen::Index a, Eigen::Index b) { return values(a) < values(b); });
  Eigen::RowVectorXd result(values.size());
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    result(order[rank]) = static_cast<double>(rank);
  }
  return result;
}

MatrixXd correlation_2(double rho)
{
  MatrixXd matrix(2, 2);
  matrix << 1.0, rho, rho, 1.0;
  return matrix;
}

// 1e-12 .. 1 - 1e-12, denser towards the tails. 0.01 and 0.99 come from the middle
// loop only: a C library's pow(10, -2) may be 0.01 give or take a bit.
std::vector<double> probability_grid()
{
  std::vector<double> grid;
  for (int power = 12; power >= 3; --power) {
    grid.push_back(std::pow(10.0, -power));
  }
  for (int i = 1; i < 100; ++i) {
    grid.push_back(i / 100.0);
  }
  for (int power = 3; power <= 12; ++power) {
    grid.push_back(1.0 - std::pow(10.0, -power));
  }
  return grid;
}

} // namespace

TEST_CASE("uniform and triangular quantiles are their closed forms")
{
  // Uniform on [2, 10]: 2 + 8u.
  CHECK(quantile(uniform_on(2.0, 10.0), 0.25) == doctest::Approx(4.0).epsilon(1e-15));
  CHECK(quantile(uniform_on(2.0, 10.0), 0.5) == doctest::Approx(6.0).epsilon(1e-15));
  // Triangular (0, 2, 10): the CDF is x^2 / 20 below the mode, whose CDF is 0.2, and
  // 1 - (10 - x)^2 / 80 above it.
  const Distribution triangle = triangular(0.0, 2.0, 10.0);
  CHECK(quantile(triangle, 0.1) == doctest::Approx(std::sqrt(2.0)).epsilon(1e-14));
  CHECK(quantile(triangle, 0.2) == doctest::Approx(2.0).epsilon(1e-14));
  CHECK(quantile(triangle, 0.6) == doctest::Approx(10.0 - std::sqrt(32.0)).epsilon(1e-14));
}

TEST_CASE("PERT quantiles follow the beta distribution of shape 4")
{
  // Symmetric (alpha = beta = 3): the median is the mode.
  CHECK(quantile(pert(0.0, 5.0, 10.0), 0.5) == doctest::Approx(5.0).epsilon(1e-12));
  // Mode at low: alpha = 1, beta = 5, CDF 1 - (1 - x)^5, quantile 1 - (1 - u)^(1/5).
  CHECK(quantile(pert(0.0, 0.0, 1.0), 0.5)
        == doctest::Approx(1.0 - std::pow(0.5, 0.2)).epsilon(1e-12));
  // Mode at high: alpha = 5, beta = 1, CDF x^5, scaled to [10, 20].
  CHECK(quantile(pert(10.0, 20.0, 20.0), 0.3)
        == doctest::Approx(10.0 + 10.0 * std::pow(0.3, 0.2)).epsilon(1e-12));
}

TEST_CASE("normal quantiles match the table and truncation keeps them inside the bounds")
{
  // Phi^-1(0.975) = 1.959963984540054 (standard normal table).
  CHECK(quantile(normal(100.0, 15.0), 0.975)
        == doctest::Approx(100.0 + 15.0 * 1.959963984540054).epsilon(1e-13));
  CHECK(quantile(normal(100.0, 15.0), 0.5) == doctest::Approx(100.0).epsilon(1e-15));
  // Standard normal table values in each region of the rational approximation: the
  // middle (|p - 1/2| <= 0.425), the near tails and the far tails (p < e^-25).
  CHECK(quantile(normal(0.0, 1.0), 0.3) == doctest::Approx(-0.5244005127080407).epsilon(1e-14));
  CHECK(quantile(normal(0.0, 1.0), 0.01) == doctest::Approx(-2.326347874040841).epsilon(1e-14));
  CHECK(quantile(normal(0.0, 1.0), 0.99) == doctest::Approx(2.326347874040841).epsilon(1e-13));
  CHECK(quantile(normal(0.0, 1.0), 1e-10) == doctest::Approx(-6.361340902404056).epsilon(1e-14));
  CHECK(quantile(normal(0.0, 1.0), 1e-20) == doctest::Approx(-9.262340089798408).epsilon(1e-14));

  // A symmetric truncation keeps the median at the mean.
  CHECK(quantile(normal(100.0, 15.0, 70.0, 130.0), 0.5) == doctest::Approx(100.0).epsilon(1e-13));

  // Truncated below the mean, one-sided above it, and far in the upper tail (where
  // Phi(a) rounds towards 1): inside the bounds, and the truncated CDF
  // (Phi(z) - Phi(a)) / (Phi(b) - Phi(a)) at the quantile gives back u. For a > 0 the CDF
  // is written (Q(a) - Q(z)) / (Q(a) - Q(b)) with Q(x) = Phi(-x), free of cancellation.
  // Rounding of x and of the differences stays below 1e-15; the check allows 1e-9
  // relative (1e-12 absolute near u = 0).
  for (const Distribution& truncated :
       {normal(100.0, 15.0, 90.0, 140.0), normal(0.0, 1.0, -k_inf, 0.5),
        normal(0.0, 1.0, 6.0, 9.0)}) {
    const double a = (truncated.low - truncated.mean) / truncated.sd;
    const double b = (truncated.high - truncated.mean) / truncated.sd;
    const double qa = phi(-a);
    const double qb = phi(-b);
    for (double u : probability_grid()) {
      const double x = quantile(truncated, u);
      CHECK(x >= truncated.low);
      CHECK(x <= truncated.high);
      const double z = (x - truncated.mean) / truncated.sd;
      const double cdf =
        a > 0.0 ? (qa - phi(-z)) / (qa - qb) : (phi(z) - phi(a)) / (phi(b) - phi(a));
      CHECK(cdf == doctest::Approx(u).epsilon(1e-9).scale(1e-3));
    }
  }
}

TEST_CASE("lognormal quantiles are the median times e to the sigma z")
{
  CHECK(quantile(lognormal(250.0, 0.3), 0.5) == doctest::Approx(250.0).epsilon(1e-15));
  // z(0.975) = 1.959963984540054 (standard normal table).
  CHECK(quantile(lognormal(250.0, 0.3), 0.975)
        == doctest::Approx(250.0 * std::exp(0.3 * 1.959963984540054)).epsilon(1e-13));
}

TEST_CASE("a sampler's tabulated PERT quantiles agree with the exact ones to 1e-12")
{
  // Invariant: the sampler interpolates and refines the quantile that quantile()
  // computes exactly, so the two agree to rounding, in the tails and between knots.
  const std::vector<Distribution> shapes = {pert(0.0, 5.0, 10.0), pert(0.0, 0.0, 1.0),
                                            pert(10.0, 20.0, 20.0), pert(220.0, 259.0, 300.0),
                                            pert(760.0, 820.0, 950.0)};
  const Sampler sampler(shapes, MatrixXd(), 1);
  constexpr int k_points = 20011; // not a multiple of the knots' spacing
  MatrixXd u(static_cast<Eigen::Index>(shapes.size()), k_points);
  for (int i = 0; i < k_points; ++i) {
    u.col(i).setConstant((i + 0.5) / k_points);
  }
  const MatrixXd values = sampler.values(u);
  double worst = 0.0;
  for (Eigen::Index d = 0; d < u.rows(); ++d) {
    const Distribution& shape = shapes[static_cast<std::size_t>(d)];
    for (Eigen::Index i = 0; i < k_points; ++i) {
      const double exact = quantile(shape, u(d, i));
      worst = std::max(worst, std::abs(values(d, i) - exact) / (shape.high - shape.low));
    }
  }
  CHECK(worst < 1e-12);
}

TEST_CASE("degenerate distributions give their point value")
{
  CHECK(quantile(uniform_on(3.0, 3.0), 0.7) == 3.0);
  CHECK(quantile(triangular(3.0, 3.0, 3.0), 0.7) == 3.0);
  CHECK(quantile(pert(3.0, 3.0, 3.0), 0.7) == 3.0);
  CHECK(quantile(normal(5.0, 0.0), 0.7) == 5.0);
  CHECK(quantile(normal(5.0, 2.0, 4.0, 4.0), 0.7) == 4.0);
  CHECK(quantile(lognormal(8.0, 0.0), 0.7) == 8.0);
}

TEST_CASE("quantiles do not decrease with u")
{
  const std::vector<Distribution> distributions = {
    uniform_on(-1.0, 4.0),        triangular(0.0, 1.0, 5.0), pert(0.0, 1.3, 5.0),
    pert(0.0, 0.0, 5.0),          normal(2.0, 3.0),          normal(2.0, 3.0, 0.0, 4.0),
    normal(0.0, 1.0, 5.0, k_inf), lognormal(10.0, 0.8)};
  const std::vector<double> grid = probability_grid();
  for (const Distribution& distribution : distributions) {
    for (std::size_t i = 1; i < grid.size(); ++i) {
      CHECK(quantile(distribution, grid[i - 1]) <= quantile(distribution, grid[i]));
    }
  }
}

TEST_CASE("uniform numbers are strictly inside (0, 1), repeatable and depend on every key")
{
  const double reference = uniform(7, 1, 100, 3);
  CHECK(reference > 0.0);
  CHECK(reference < 1.0);
  CHECK(uniform(7, 1, 100, 3) == reference);
  CHECK(uniform(8, 1, 100, 3) != reference);
  CHECK(uniform(7, 2, 100, 3) != reference);
  CHECK(uniform(7, 1, 101, 3) != reference);
  CHECK(uniform(7, 1, 100, 4) != reference);

  // 100,000 consecutive draws: inside (0, 1), all distinct (two equal 53-bit values
  // among them would have probability below 1e-6), and with mean 1/2 within 5 standard
  // errors of sqrt(1/12 / n).
  std::set<double> seen;
  double sum = 0.0;
  const std::uint64_t largest = std::numeric_limits<std::uint64_t>::max();
  for (std::uint64_t draw = 0; draw < static_cast<std::uint64_t>(k_draws); ++draw) {
    const double u = uniform(largest, largest - 1, draw, 0);
    CHECK_MESSAGE((u > 0.0 && u < 1.0), "draw ", draw);
    seen.insert(u);
    sum += u;
  }
  CHECK(seen.size() == static_cast<std::size_t>(k_draws));
  const double n = static_cast<double>(k_draws);
  CHECK(std::abs(sum / n - 0.5) < k_standard_errors * std::sqrt(1.0 / 12.0 / n));
}

TEST_CASE("a sampler's uniforms are the counter-based numbers of its seed")
{
  const Sampler sampler({uniform_on(0.0, 1.0), normal(0.0, 1.0)}, MatrixXd(), 42);
  CHECK(sampler.dimensions() == 2);
  const MatrixXd block = sampler.uniforms(3, 10, 4);
  REQUIRE(block.rows() == 2);
  REQUIRE(block.cols() == 4);
  for (Eigen::Index draw = 0; draw < 4; ++draw) {
    for (Eigen::Index dimension = 0; dimension < 2; ++dimension) {
      CHECK(block(dimension, draw)
            == uniform(42, 3, 10 + static_cast<std::uint64_t>(draw),
                       static_cast<std::uint64_t>(dimension)));
    }
  }
}

TEST_CASE("samples drawn in blocks equal the same draws taken at once")
{
  MatrixXd correlation(3, 3);
  correlation << 1.0, 0.5, -0.3, 0.5, 1.0, 0.2, -0.3, 0.2, 1.0;
  const Sampler sampler({pert(0.0, 2.0, 9.0), normal(5.0, 1.0, 3.0, k_inf), lognormal(1.0, 0.4)},
                        correlation, 2024);
  const MatrixXd whole = sampler.sample(0, 1000);
  const MatrixXd pieces[] = {sampler.sample(0, 300), sampler.sample(300, 1),
                             sampler.sample(301, 699)};
  CHECK(pieces[0] == whole.leftCols(300));
  CHECK(pieces[1] == whole.middleCols(300, 1));
  CHECK(pieces[2] == whole.rightCols(699));
  CHECK(sampler.values(sampler.correlate(sampler.uniforms(0, 0, 1000))) == whole);
}

TEST_CASE("without a correlation, correlate leaves the uniforms as they are")
{
  const Sampler sampler({normal(0.0, 1.0), normal(0.0, 1.0)}, MatrixXd(), 5);
  const MatrixXd uniforms = sampler.uniforms(0, 0, 50);
  CHECK(sampler.correlate(uniforms) == uniforms);
}

TEST_CASE("sample means and variances match each distribution's closed forms")
{
  const double a = (90.0 - 100.0) / 15.0;
  const double b = (140.0 - 100.0) / 15.0;
  const double z = phi(b) - phi(a);
  const double shift = (density(a) - density(b)) / z;
  const Sampler sampler({uniform_on(2.0, 10.0), triangular(0.0, 2.0, 10.0), pert(0.0, 2.0, 10.0),
                         normal(100.0, 15.0), normal(100.0, 15.0, 90.0, 140.0),
                         lognormal(250.0, 0.3)},
                        MatrixXd(), 11);
  const MatrixXd draws = sampler.sample(0, k_draws);
  // Uniform: (a + b) / 2 and (b - a)^2 / 12.
  check_moments(draws.row(0), 6.0, 64.0 / 12.0);
  // Triangular: (a + c + b) / 3 and (a^2 + b^2 + c^2 - ab - ac - bc) / 18.
  check_moments(draws.row(1), 4.0, (0.0 + 100.0 + 4.0 - 0.0 - 0.0 - 20.0) / 18.0);
  // PERT: (a + 4 m + b) / 6; alpha = 1.8, beta = 4.2, variance alpha beta (b - a)^2 /
  // ((alpha + beta)^2 (alpha + beta + 1)).
  check_moments(draws.row(2), 18.0 / 6.0, 1.8 * 4.2 * 100.0 / (36.0 * 7.0));
  check_moments(draws.row(3), 100.0, 225.0);
  // Truncated normal: mu + sigma (phi(a) - phi(b)) / Z and
  // sigma^2 (1 + (a phi(a) - b phi(b)) / Z - ((phi(a) - phi(b)) / Z)^2).
  check_moments(draws.row(4), 100.0 + 15.0 * shift,
                225.0 * (1.0 + (a * density(a) - b * density(b)) / z - shift * shift));
  // Lognormal: median e^(sigma^2 / 2) and median^2 e^(sigma^2) (e^(sigma^2) - 1).
  check_moments(draws.row(5), 250.0 * std::exp(0.045),
                250.0 * 250.0 * std::exp(0.09) * std::expm1(0.09));
}

TEST_CASE("the copula gives normal inputs the requested correlation")
{
  // For normal marginals the values are the copula's normal scores rescaled, so their
  // Pearson correlation is the requested 0.6; its standard error is (1 - rho^2) / sqrt(n).
  const double rho = 0.6;
  const double n = static_cast<double>(k_draws);
  const Sampler sampler({normal(10.0, 2.0), normal(-3.0, 0.5)}, correlation_2(rho), 99);
  const MatrixXd draws = sampler.sample(0, k_draws);
  CHECK(std::abs(pearson(draws.row(0), draws.row(1)) - rho)
        < k_standard_errors * (1.0 - rho * rho) / std::sqrt(n));
}

TEST_CASE("the copula gives any marginals the rank correlation of the normal scores")
{
  // Quantiles keep the order of the copula's uniforms, so the Spearman correlation of the
  // values is that of a bivariate normal: (6 / pi) asin(rho / 2). Its standard error is
  // about 1.03 (1 - rho_s^2) / sqrt(n) (Fieller, Hartley and Pearson 1957: the variance
  // of atanh r_s is 1.06 / (n - 3)).
  const double rho = 0.6;
  const double spearman = 6.0 / std::numbers::pi * std::asin(rho / 2.0);
  const double n = static_cast<double>(k_draws);
  const Sampler sampler({uniform_on(0.0, 1.0), pert(0.0, 1.0, 8.0)}, correlation_2(rho), 7);
  const MatrixXd draws = sampler.sample(0, k_draws);
  CHECK(std::abs(pearson(ranks(draws.row(0)), ranks(draws.row(1))) - spearman)
        < k_standard_errors * 1.03 * (1.0 - spearman * spearman) / std::sqrt(n));
}

TEST_CASE("perfect correlations, which are only semi-definite, tie the inputs together")
{
  const Sampler together({normal(0.0, 1.0), normal(0.0, 1.0)}, correlation_2(1.0), 3);
  const Sampler opposed({normal(0.0, 1.0), normal(0.0, 1.0)}, correlation_2(-1.0), 3);
  const MatrixXd same = together.sample(0, 1000);
  const MatrixXd mirrored = opposed.sample(0, 1000);
  CHECK((same.row(0) - same.row(1)).cwiseAbs().maxCoeff() < 1e-9);
  CHECK((mirrored.row(0) + mirrored.row(1)).cwiseAbs().maxCoeff() < 1e-9);
}

TEST_CASE("correlation_problem names what makes a matrix invalid")
{
  CHECK(correlation_problem(MatrixXd::Identity(3, 3)) == std::nullopt);
  CHECK(correlation_problem(correlation_2(1.0)) == std::nullopt);
  CHECK(correlation_problem(MatrixXd(0, 0)) == std::nullopt);

  CHECK(correlation_problem(MatrixXd::Identity(2, 3))
        == "the matrix has 2 rows and 3 columns; it must be square");

  MatrixXd asymmetric = MatrixXd::Identity(3, 3);
  asymmetric(1, 2) = 0.5;
  asymmetric(2, 1) = 0.4;
  CHECK(correlation_problem(asymmetric)
        == "entry (2, 3) is 0.5 but entry (3, 2) is 0.4; the matrix must be symmetric");

  MatrixXd diagonal = MatrixXd::Identity(3, 3);
  diagonal(1, 1) = 0.9;
  CHECK(correlation_problem(diagonal) == "diagonal entry (2, 2) is 0.9; it must be 1");

  CHECK(correlation_problem(correlation_2(1.2)) == "entry (1, 2) is 1.2, outside [-1, 1]");

  // Eigenvalues of [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]: 1.9 (twice) and -0.8,
  // from the characteristic polynomial.
  MatrixXd contradictory(3, 3);
  contradictory << 1.0, 0.9, -0.9, 0.9, 1.0, 0.9, -0.9, 0.9, 1.0;
  CHECK(correlation_problem(contradictory)
        == "the matrix is not positive semi-definite: its smallest eigenvalue is -0.8, so the "
           "correlations contradict one another");
}

TEST_CASE("nearest_correlation repairs an invalid matrix and keeps a valid one")
{
  MatrixXd contradictory(3, 3);
  contradictory << 1.0, 0.9, -0.9, 0.9, 1.0, 0.9, -0.9, 0.9, 1.0;
  const RepairedCorrelation repaired = nearest_correlation(contradictory);
  CHECK(correlation_problem(repaired.matrix) == std::nullopt);
  CHECK(repaired.matrix.diagonal() == VectorXd::Ones(3));
  CHECK(repaired.distance > 0.0);
  CHECK(repaired.distance
        == doctest::Approx((repaired.matrix - contradictory).norm()).epsilon(1e-15));
  // Nearest: no closer than the nearest semi-definite matrix, which moves the eigenvalue
  // -0.8 to 0 (distance 0.8), and no further than one valid matrix, I + (5/9)(A - I): the
  // off-diagonal part A - I has eigenvalues 0.9, 0.9 and -1.8, so the smallest eigenvalue
  // is 1 - (5/9) 1.8 = 0, at distance (4/9) ||A - I|| = (4/9) sqrt(6 x 0.81).
  CHECK(repaired.distance >= 0.8 - 1e-9);
  const MatrixXd shrunk =
    MatrixXd::Identity(3, 3) + 5.0 / 9.0 * (contradictory - MatrixXd::Identity(3, 3));
  REQUIRE(correlation_problem(shrunk) == std::nullopt);
  CHECK(repaired.distance <= 4.0 / 9.0 * std::sqrt(6.0 * 0.81) + 1e-9);

  // The published example of NAG's nag_nearest_correlation (g02aac), given to 5 decimals.
  MatrixXd tridiagonal(4, 4);
  tridiagonal << 2.0, -1.0, 0.0, 0.0, -1.0, 2.0, -1.0, 0.0, 0.0, -1.0, 2.0, -1.0, 0.0, 0.0, -1.0,
    2.0;
  MatrixXd published(4, 4);
  published << 1.0, -0.80841, 0.19159, 0.10678, -0.80841, 1.0, -0.65623, 0.19159, 0.19159, -0.65623,
    1.0, -0.80841, 0.10678, 0.19159, -0.80841, 1.0;
  CHECK((nearest_correlation(tridiagonal).matrix - published).cwiseAbs().maxCoeff() < 5e-6);

  MatrixXd valid(3, 3);
  valid << 1.0, 0.3, -0.2, 0.3, 1.0, 0.5, -0.2, 0.5, 1.0;
  const RepairedCorrelation kept = nearest_correlation(valid);
  CHECK((kept.matrix - valid).norm() < 1e-12);
  CHECK(kept.distance < 1e-12);
}
