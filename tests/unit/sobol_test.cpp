#include "carecast/sobol.hpp"

#include "carecast/random_numbers.hpp"
#include "carecast/sobol_sequence.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <doctest/doctest.h>
#include <functional>
#include <limits>
#include <numbers>
#include <random>

using carecast::Interval;
using carecast::mix;
using carecast::sobol_indices;
using carecast::sobol_indices_replicated;
using carecast::SobolOutputs;
using carecast::SobolResult;
using carecast::student_t_quantile;

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::RowVectorXd;

// A model: one output per column of a dimensions x N design matrix.
using Function = std::function<RowVectorXd(const MatrixXd&)>;

constexpr double k_pi = std::numbers::pi;

// Uniform on [low, high) from the top 53 bits of a draw.
MatrixXd uniform_matrix(Index rows, Index cols, double low, double high, std::mt19937_64& generator)
{
  MatrixXd x(rows, cols);
  for (Index j = 0; j < cols; ++j) {
    for (Index i = 0; i < rows; ++i) {
      const double u = static_cast<double>(generator() >> 11) * 0x1.0p-53;
      x(i, j) = low + (high - low) * u;
    }
  }
  return x;
}

// The Saltelli design A, B, AB_i with independent inputs uniform on [low, high),
// evaluated by each function (one output each).
SobolOutputs saltelli(const std::vector<Function>& functions, Index dimensions, Index samples,
                      double low, double high, std::uint64_t seed)
{
  std::mt19937_64 generator(seed);
  const MatrixXd a = uniform_matrix(dimensions, samples, low, high, generator);
  const MatrixXd b = uniform_matrix(dimensions, samples, low, high, generator);
  const auto evaluate = [&](const MatrixXd& x) {
    MatrixXd y(static_cast<Index>(functions.size()), samples);
    for (std::size_t k = 0; k < functions.size(); ++k) {
      y.row(static_cast<Index>(k)) = functions[k](x);
    }
    return y;
  };
  SobolOutputs outputs{evaluate(a), evaluate(b), {}};
  for (Index i = 0; i < dimensions; ++i) {
    outputs.ab.push_back(evaluate(mix(a, b, i)));
  }
  return outputs;
}

Function linear(std::vector<double> coefficients)
{
  return [coefficients](const MatrixXd& x) {
    RowVectorXd y = RowVectorXd::Zero(x.cols());
    for (std::size_t i = 0; i < coefficients.size(); ++i) {
      y += coefficients[i] * x.row(static_cast<Index>(i));
    }
    return y;
  };
}

// Ishigami & Homma (1990): sin X1 + a sin^2 X2 + b X3^4 sin X1, with a = 7, b = 0.1.
RowVectorXd ishigami(const MatrixXd& x)
{
  const auto x1 = x.row(0).array();
  const auto x2 = x.row(1).array();
  const auto x3 = x.row(2).array();
  return x1.sin() + 7.0 * x2.sin().square() + 0.1 * x3.pow(4) * x1.sin();
}

SobolOutputs ishigami_design(Index samples, std::uint64_t seed)
{
  return saltelli({ishigami}, 3, samples, -k_pi, k_pi, seed);
}

// The Saltelli design of `replicates` digitally shifted copies of the first
// samples / replicates points of a 2d-dimensional Sobol' sequence (A its first d
// coordinates, B the next d), replicate r in columns r n .. (r + 1) n - 1, evaluated by
// `function` with inputs uniform on [0, 1): the sobol design of sobol_analysis.
SobolOutputs shifted_saltelli(const Function& function, Index dimensions, Index samples,
                              int replicates, std::uint64_t seed)
{
  const Index points = samples / replicates;
  const auto coordinates = static_cast<int>(2 * dimensions);
  const carecast::SobolPoints sequence = carecast::SobolSequence(coordinates).points(0, points);
  const carecast::SobolPoints shifts = carecast::digital_shifts(coordinates, replicates, seed);
  MatrixXd ab(coordinates, samples);
  for (Index j = 0; j < samples; ++j) {
    for (Index c = 0; c < coordinates; ++c) {
      ab(c, j) = carecast::sobol_uniform(sequence(c, j % points) ^ shifts(c, j / points));
    }
  }
  const MatrixXd a = ab.topRows(dimensions);
  const MatrixXd b = ab.bottomRows(dimensions);
  SobolOutputs outputs{function(a), function(b), {}};
  for (Index i = 0; i < dimensions; ++i) {
    outputs.ab.push_back(function(mix(a, b, i)));
  }
  return outputs;
}

double widest(const SobolResult& result)
{
  double width = 0.0;
  for (const carecast::SobolIndex& index : result.indices[0]) {
    width = std::max({width, index.first.width(), index.total.width()});
  }
  return width;
}

void check_same_intervals(const carecast::SobolIndex& a, const carecast::SobolIndex& b)
{
  CHECK(a.first.low == b.first.low);
  CHECK(a.first.high == b.first.high);
  CHECK(a.total.low == b.total.low);
  CHECK(a.total.high == b.total.high);
}

// The bootstrap as carecast first computed it, kept here only as a reference: a
// samples x (resamples + 1) weight matrix (column 0 all ones, column r how often
// resample r drew each sample, drawn by rejection from a std::mt19937_64 of the
// resample's own), every output's per-sample terms multiplied by it, and percentile
// intervals of the resamples' indices.
SobolResult weight_matrix_bootstrap(const SobolOutputs& outputs, int resamples, std::uint64_t seed,
                                    double confidence)
{
  const Index n = outputs.a.cols();
  const auto d = static_cast<Index>(outputs.ab.size());
  MatrixXd weights = MatrixXd::Zero(n, resamples + 1);
  weights.col(0).setOnes();
  const std::uint64_t k_max = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t limit = k_max - k_max % static_cast<std::uint64_t>(n);
  for (Index r = 1; r <= resamples; ++r) {
    std::mt19937_64 generator(carecast::random_bits(seed, carecast::k_bootstrap_stream,
                                                    static_cast<std::uint64_t>(r - 1), 0));
    for (Index draw = 0; draw < n; ++draw) {
      std::uint64_t x = generator();
      while (x >= limit) {
        x = generator();
      }
      weights(static_cast<Index>(x % static_cast<std::uint64_t>(n)), r) += 1.0;
    }
  }
  SobolResult result;
  const auto samples = static_cast<double>(n);
  for (Index output = 0; output < outputs.a.rows(); ++output) {
    const double centre =
      (outputs.a.row(output).sum() + outputs.b.row(output).sum()) / (2.0 * samples);
    const RowVectorXd a = outputs.a.row(output).array() - centre;
    const RowVectorXd b = outputs.b.row(output).array() - centre;
    MatrixXd terms(2 + 2 * d, n);
    terms.row(0) = a + b;
    terms.row(1) = a.array().square() + b.array().square();
    for (Index i = 0; i < d; ++i) {
      const RowVectorXd step = outputs.ab[i].row(output) - outputs.a.row(output);
      terms.row(2 + i) = b.array() * step.array();
      terms.row(2 + d + i) = step.array().square();
    }
    const MatrixXd sums = terms * weights;
    const RowVectorXd mean = sums.row(0) / (2.0 * samples);
    const RowVectorXd variance = sums.row(1) / (2.0 * samples) - mean.cwiseProduct(mean);
    std::vector<carecast::SobolIndex> indices;
    for (Index i = 0; i < d; ++i) {
      const auto interval = [&](Index row, double divisor) {
        std::vector<double> values;
        for (Index r = 1; r <= resamples; ++r) {
          values.push_back(sums(row, r) / (divisor * samples * variance(r)));
        }
        std::sort(values.begin(), values.end());
        const auto at = [&](double p) {
          const double position = p * static_cast<double>(values.size() - 1);
          const auto below = static_cast<std::size_t>(std::floor(position));
          const std::size_t above = std::min(below + 1, values.size() - 1);
          return values[below]
                 + (position - static_cast<double>(below)) * (values[above] - values[below]);
        };
        return Interval{sums(row, 0) / (divisor * samples * variance(0)), at((1.0 - confidence) / 2.0),
                        at((1.0 + confidence) / 2.0)};
      };
      indices.push_back({interval(2 + i, 1.0), interval(2 + d + i, 2.0)});
    }
    result.indices.push_back(indices);
    result.variance.push_back(variance(0));
  }
  return result;
}

bool contains(const Interval& interval, double value)
{
  return interval.low <= value && value <= interval.high;
}

} // namespace

TEST_CASE("mix takes exactly one row from B and the rest from A")
{
  std::mt19937_64 generator(1);
  const MatrixXd a = uniform_matrix(4, 6, 0.0, 1.0, generator);
  const MatrixXd b = uniform_matrix(4, 6, 2.0, 3.0, generator); // never equal to a's
  const MatrixXd mixed = mix(a, b, 2);
  REQUIRE(mixed.rows() == 4);
  REQUIRE(mixed.cols() == 6);
  for (Index i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(mixed.row(i) == (i == 2 ? b.row(i) : a.row(i)));
  }
}

TEST_CASE("a linear model's indices are its terms' shares of the variance, first equal to total")
{
  // Y = sum a_i X_i with X_i ~ U(0, 1) independent: Var(a_i X_i) = a_i^2 / 12, so
  // S_i = ST_i = a_i^2 / sum a_j^2 (no interactions). The second output weighs the
  // inputs the other way round, to check outputs are kept apart.
  const std::vector<double> forward{1.0, 2.0, 3.0, 0.0};
  const std::vector<double> backward{3.0, 2.0, 1.0, 0.0};
  const Index n = 1 << 14;
  const SobolResult result =
    sobol_indices(saltelli({linear(forward), linear(backward)}, 4, n, 0.0, 1.0, 7), 200, 11);
  REQUIRE(result.indices.size() == 2);
  // Jansen's ST_i averages a_i^2 D^2 with D = X_i^A - X_i^B, whose relative standard
  // deviation is sqrt(E[D^4] - E[D^2]^2) / E[D^2] = sqrt(1/15 - 1/36) / (1/6) = 1.18, so
  // ST_3 = 9/14 has a standard error of 9/14 x 1.18 / sqrt(2^14) = 0.006. Saltelli's S_i
  // also carries the other inputs' variance as noise: its 95% intervals at this N are
  // about 0.028 wide, a standard error of 0.007. 0.025 allows over three of them.
  const double tolerance = 0.025;
  for (std::size_t k = 0; k < 2; ++k) {
    const std::vector<double>& coefficients = k == 0 ? forward : backward;
    CHECK_FALSE(result.constant[k]);
    CHECK_FALSE(result.too_wide[k]);
    // 14/12: the sum of a_j^2 Var(X_j), with Var(U(0, 1)) = 1/12.
    CHECK(result.variance[k] == doctest::Approx(14.0 / 12.0).epsilon(0.05));
    for (std::size_t i = 0; i < 4; ++i) {
      CAPTURE(k);
      CAPTURE(i);
      const double share = coefficients[i] * coefficients[i] / 14.0;
      const carecast::SobolIndex& index = result.indices[k][i];
      CHECK(std::abs(index.first.estimate - share) < tolerance);
      CHECK(std::abs(index.total.estimate - share) < tolerance);
      CHECK(std::abs(index.first.estimate - index.total.estimate) < tolerance);
      CHECK(contains(index.first, share));
      CHECK(contains(index.total, share));
    }
  }
}

TEST_CASE("an input the output does not depend on has indices and intervals of exactly 0")
{
  // The fourth coefficient is 0, so f(AB_4) equals f(A) bit for bit.
  const SobolResult result =
    sobol_indices(saltelli({linear({1.0, 2.0, 3.0, 0.0})}, 4, 256, 0.0, 1.0, 3), 50, 5);
  const carecast::SobolIndex& dummy = result.indices[0][3];
  for (const Interval& interval : {dummy.first, dummy.total}) {
    CHECK(interval.estimate == 0.0);
    CHECK(interval.low == 0.0);
    CHECK(interval.high == 0.0);
  }
}

TEST_CASE("the Ishigami function's indices match their analytic values")
{
  // Analytic values for a = 7, b = 0.1, X_i ~ U(-pi, pi): Ishigami & Homma (1990),
  // Sobol' & Levitan (1999).
  const std::array<double, 3> first{0.3139, 0.4424, 0.0};
  const std::array<double, 3> total{0.5576, 0.4424, 0.2437};
  const SobolResult result = sobol_indices(ishigami_design(1 << 14, 2024), 200, 42);
  // At N = 2^14 the widest 95% interval (S_1's, the noisiest estimator) is about 0.045
  // wide, a standard error of about 0.011; 0.03 allows over two and a half of them.
  const double tolerance = 0.03;
  int contained = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    const carecast::SobolIndex& index = result.indices[0][i];
    CHECK(std::abs(index.first.estimate - first[i]) < tolerance);
    CHECK(std::abs(index.total.estimate - total[i]) < tolerance);
    contained += contains(index.first, first[i]) + contains(index.total, total[i]);
  }
  // Six 95% intervals: all six contain their value with probability 0.95^6 = 0.74, at
  // least five with probability 0.97.
  CHECK(contained >= 5);
  CHECK_FALSE(result.too_wide[0]);
}

TEST_CASE("the same seed gives the same intervals, another seed other intervals")
{
  const SobolOutputs outputs = ishigami_design(512, 9);
  const SobolResult once = sobol_indices(outputs, 100, 1);
  const SobolResult again = sobol_indices(outputs, 100, 1);
  const SobolResult other = sobol_indices(outputs, 100, 2);
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    const carecast::SobolIndex& a = once.indices[0][i];
    const carecast::SobolIndex& c = other.indices[0][i];
    check_same_intervals(a, again.indices[0][i]);
    // The point estimates use the full sample, whatever the bootstrap's seed.
    CHECK(a.first.estimate == c.first.estimate);
    CHECK(a.total.estimate == c.total.estimate);
    CHECK(a.first.low != c.first.low);
    CHECK(a.total.high != c.total.high);
  }
}

TEST_CASE("the bootstrap's intervals are the same on any number of threads")
{
  // 37 resamples: a batch of 16 shared unevenly, and a short last batch.
  const SobolOutputs outputs = ishigami_design(512, 9);
  const SobolResult one = sobol_indices(outputs, 37, 1, 0.95, 1);
  for (const int threads : {2, 3}) {
    const SobolResult more = sobol_indices(outputs, 37, 1, 0.95, threads);
    for (std::size_t i = 0; i < 3; ++i) {
      CAPTURE(threads);
      CAPTURE(i);
      check_same_intervals(one.indices[0][i], more.indices[0][i]);
    }
  }
}

TEST_CASE("intervals are too wide to rank the inputs for a small N, not for a large one")
{
  // At N = 64 Ishigami's widest interval is 0.5 to 0.8 wide; at N = 2^14 under 0.05
  // (k_sobol_max_width is 0.1).
  CHECK(sobol_indices(ishigami_design(64, 5), 200, 6).too_wide[0]);
  CHECK_FALSE(sobol_indices(ishigami_design(1 << 14, 5), 200, 6).too_wide[0]);
}

TEST_CASE("a constant output has zero variance and indices of 0, and is not too wide")
{
  const Function constant = [](const MatrixXd& x) {
    return RowVectorXd::Constant(x.cols(), 1.7e6);
  };
  const SobolResult result = sobol_indices(saltelli({constant}, 3, 128, 0.0, 1.0, 8), 50, 4);
  CHECK(result.constant[0]);
  CHECK_FALSE(result.too_wide[0]);
  CHECK(result.variance[0] == 0.0);
  for (const carecast::SobolIndex& index : result.indices[0]) {
    CHECK(index.first.estimate == 0.0);
    CHECK(index.total.high == 0.0);
  }
}

TEST_CASE("a shifted output has the same indices")
{
  // Centring makes the indices independent of the output's mean, as Sobol' indices are.
  const Function shifted = [](const MatrixXd& x) -> RowVectorXd {
    return ishigami(x).array() + 1e6;
  };
  const SobolResult plain = sobol_indices(saltelli({ishigami}, 3, 1024, -k_pi, k_pi, 3), 50, 1);
  const SobolResult moved = sobol_indices(saltelli({shifted}, 3, 1024, -k_pi, k_pi, 3), 50, 1);
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(moved.indices[0][i].first.estimate
          == doctest::Approx(plain.indices[0][i].first.estimate).epsilon(1e-6));
    CHECK(moved.indices[0][i].total.estimate
          == doctest::Approx(plain.indices[0][i].total.estimate).epsilon(1e-6));
  }
}

TEST_CASE("Student's t quantiles match the published table")
{
  // Two-sided 95% and 99% critical values, to the table's three decimals: e.g. NIST/
  // SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2.
  CHECK(std::abs(student_t_quantile(0.975, 15) - 2.131) < 5e-4);
  CHECK(std::abs(student_t_quantile(0.975, 1) - 12.706) < 5e-4);
  CHECK(std::abs(student_t_quantile(0.975, 7) - 2.365) < 5e-4);
  CHECK(std::abs(student_t_quantile(0.995, 31) - 2.744) < 5e-4);
  // Symmetry about 0: an invariant of the distribution.
  CHECK(student_t_quantile(0.025, 15) == doctest::Approx(-student_t_quantile(0.975, 15)));
}

TEST_CASE("the sobol design's intervals hold an additive function's indices, narrower than random")
{
  // Y = X1 + 2 X2 with X_i ~ U(0, 1): Var(X1) = 1/12 and Var(2 X2) = 4/12, so
  // S_1 = ST_1 = 1/5 and S_2 = ST_2 = 4/5 (no interaction), by hand.
  const Function additive = linear({1.0, 2.0});
  const std::array<double, 2> shares{0.2, 0.8};
  const Index n = 1024;
  // A 95% interval holds the truth in 95% of runs, not in every one, so count over 50
  // seeds (200 intervals, 190 expected to hold it): at least 90% must.
  int held = 0;
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    const SobolResult quasi =
      sobol_indices_replicated(shifted_saltelli(additive, 2, n, 16, seed), 16);
    for (std::size_t i = 0; i < 2; ++i) {
      held += contains(quasi.indices[0][i].first, shares[i])
              + contains(quasi.indices[0][i].total, shares[i]);
    }
  }
  CHECK(held >= 180);
  // Quasi-random points cover the square evenly, so at the same N the spread of the
  // estimates, and with it the interval, is smaller.
  const SobolResult quasi = sobol_indices_replicated(shifted_saltelli(additive, 2, n, 16, 5), 16);
  const SobolResult random = sobol_indices(saltelli({additive}, 2, n, 0.0, 1.0, 5), 200, 5);
  CHECK(widest(quasi) < widest(random));
}

TEST_CASE("an input without effect has indices and intervals of exactly 0 with the sobol design")
{
  const SobolResult result =
    sobol_indices_replicated(shifted_saltelli(linear({1.0, 0.0}), 2, 256, 8, 3), 8);
  for (const Interval& interval : {result.indices[0][1].first, result.indices[0][1].total}) {
    CHECK(interval.estimate == 0.0);
    CHECK(interval.low == 0.0);
    CHECK(interval.high == 0.0);
  }
}

TEST_CASE("the sobol design's interval is the replicates' mean give or take t standard errors")
{
  // Two replicates of two samples each, one input, built by hand so each replicate's
  // indices are known: in replicate 1, f(A) = (1, -1), f(B) = (1, -1), f(AB) = f(B);
  // centred on 0, V = 1, S = mean(f(B) (f(AB) - f(A))) = 0 and ST = mean(0) / 2 = 0.
  // In replicate 2, f(A) = (1, -1), f(B) = (-1, 1), f(AB) = f(B): V = 1,
  // S = mean((-1)(-2), (1)(2)) = 2, ST = mean(4, 4) / 2 = 2. Over both replicates the
  // outputs' mean is 0, so centring changes nothing. Mean 1, sd sqrt(2), standard error
  // 1, t_{1, 0.975} = 12.706 (its table value).
  SobolOutputs outputs{MatrixXd(1, 4), MatrixXd(1, 4), {MatrixXd(1, 4)}};
  outputs.a << 1.0, -1.0, 1.0, -1.0;
  outputs.b << 1.0, -1.0, -1.0, 1.0;
  outputs.ab[0] = outputs.b;
  const SobolResult result = sobol_indices_replicated(outputs, 2);
  for (const Interval& interval : {result.indices[0][0].first, result.indices[0][0].total}) {
    CHECK(interval.estimate == doctest::Approx(1.0));
    CHECK(interval.low == doctest::Approx(1.0 - 12.706).epsilon(1e-4));
    CHECK(interval.high == doctest::Approx(1.0 + 12.706).epsilon(1e-4));
  }
  CHECK(result.variance[0] == doctest::Approx(1.0));
}

TEST_CASE("the bootstrap gives the weight matrix's intervals without keeping the matrix")
{
  // Against the weight-matrix form above, with a number of resamples that is not a
  // multiple of the batches the library draws them in, and two outputs sharing them.
  const SobolOutputs outputs =
    saltelli({ishigami, linear({1.0, 2.0, 3.0})}, 3, 300, -k_pi, k_pi, 13);
  const SobolResult light = sobol_indices(outputs, 37, 21, 0.9);
  const SobolResult matrix = weight_matrix_bootstrap(outputs, 37, 21, 0.9);
  REQUIRE(light.indices.size() == 2);
  for (std::size_t output = 0; output < 2; ++output) {
    CHECK(light.variance[output] == matrix.variance[output]);
    for (std::size_t i = 0; i < 3; ++i) {
      CAPTURE(output);
      CAPTURE(i);
      for (const auto& [x, y] :
           {std::pair{light.indices[output][i].first, matrix.indices[output][i].first},
            std::pair{light.indices[output][i].total, matrix.indices[output][i].total}}) {
        CHECK(x.estimate == y.estimate);
        CHECK(x.low == y.low);
        CHECK(x.high == y.high);
      }
    }
  }
}
