#include "carecast/sobol.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <random>

namespace carecast {
namespace {

using Matrix = Eigen::MatrixXd;
using RowVector = Eigen::RowVectorXd;
using Index = Eigen::Index;

// What rounding leaves of a constant output's spread, relative to its largest value.
constexpr double k_rounding = 1e-12;

// The rows of an output's per-sample terms: f(A) + f(B), f(A)^2 + f(B)^2, then one
// first-order term per input, then one total term per input.
constexpr Index k_sum_row = 0;
constexpr Index k_square_row = 1;
constexpr Index k_first_row = 2;

[[maybe_unused]] bool same_shape(const Matrix& x, const Matrix& y)
{
  return x.rows() == y.rows() && x.cols() == y.cols();
}

void check([[maybe_unused]] const SobolOutputs& outputs, [[maybe_unused]] int resamples,
           [[maybe_unused]] double confidence)
{
  assert(outputs.a.rows() >= 1 && outputs.a.cols() >= 2 && "at least one output, two samples");
  assert(same_shape(outputs.a, outputs.b) && "f(A) and f(B) have the same shape");
  assert(!outputs.ab.empty() && "at least one input dimension");
  assert(std::all_of(outputs.ab.begin(), outputs.ab.end(),
                     [&](const Matrix& ab) { return same_shape(outputs.a, ab); })
         && "every f(AB_i) has the shape of f(A)");
  assert(outputs.a.allFinite() && outputs.b.allFinite()
         && std::all_of(outputs.ab.begin(), outputs.ab.end(),
                        [](const Matrix& ab) { return ab.allFinite(); })
         && "every output is finite");
  assert(resamples >= 1 && confidence > 0.0 && confidence < 1.0);
}

// A uniform integer in [0, n) from whole draws of the generator, rejecting the few
// draws at the top that would favour small values: the standard library's
// distributions differ between implementations, and results must not.
Index uniform_below(std::mt19937_64& generator, std::uint64_t n)
{
  constexpr std::uint64_t k_max = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t limit = k_max - k_max % n; // a multiple of n
  std::uint64_t draw = generator();
  while (draw >= limit) {
    draw = generator();
  }
  return static_cast<Index>(draw % n);
}

// samples x (resamples + 1): column 0 weighs every sample once (the point estimate),
// column r how often resample r drew each sample.
Matrix sample_weights(Index samples, int resamples, std::uint64_t seed)
{
  Matrix weights = Matrix::Zero(samples, resamples + 1);
  weights.col(0).setOnes();
  std::mt19937_64 generator(seed);
  for (Index r = 1; r <= resamples; ++r) {
    for (Index draw = 0; draw < samples; ++draw) {
      weights(uniform_below(generator, static_cast<std::uint64_t>(samples)), r) += 1.0;
    }
  }
  return weights;
}

// What the estimators average, per sample (column) of one output, with f centred on
// `centre`. The difference f(AB_i) - f(A) is taken before centring, so an input the
// output does not depend on gives terms of exactly 0.
Matrix sample_terms(const SobolOutputs& outputs, Index output, double centre)
{
  const auto dimensions = static_cast<Index>(outputs.ab.size());
  const RowVector a = outputs.a.row(output).array() - centre;
  const RowVector b = outputs.b.row(output).array() - centre;
  Matrix terms(k_first_row + 2 * dimensions, a.size());
  terms.row(k_sum_row) = a + b;
  terms.row(k_square_row) = a.array().square() + b.array().square();
  for (Index i = 0; i < dimensions; ++i) {
    const RowVector step = outputs.ab[i].row(output) - outputs.a.row(output);
    terms.row(k_first_row + i) = b.array() * step.array();
    terms.row(k_first_row + dimensions + i) = step.array().square();
  }
  return terms;
}

// dimensions x (resamples + 1), column 0 from the full sample.
struct Estimates
{
  Matrix first;
  Matrix total;
  RowVector variance;
};

// `sums` are the terms summed with each column of weights; every column of weights
// adds up to `samples`. A variance at most `negligible` gives indices of 0.
Estimates estimates(const Matrix& sums, Index samples, double negligible)
{
  const Index dimensions = (sums.rows() - k_first_row) / 2;
  const auto n = static_cast<double>(samples);
  const RowVector mean = sums.row(k_sum_row) / (2.0 * n);
  Estimates result{Matrix::Zero(dimensions, sums.cols()), Matrix::Zero(dimensions, sums.cols()),
                   sums.row(k_square_row) / (2.0 * n) - mean.cwiseProduct(mean)};
  for (Index r = 0; r < sums.cols(); ++r) {
    const double variance = result.variance(r);
    if (variance > negligible) {
      result.first.col(r) = sums.col(r).segment(k_first_row, dimensions) / (n * variance);
      result.total.col(r) =
        sums.col(r).segment(k_first_row + dimensions, dimensions) / (2.0 * n * variance);
    }
  }
  return result;
}

// The p-quantile of sorted values, interpolating linearly between order statistics
// (Hyndman and Fan's type 7, numpy's and R's default).
double quantile(const std::vector<double>& sorted, double p)
{
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

// `values` holds the full sample's estimate, then each resample's.
Interval interval(const RowVector& values, double confidence)
{
  std::vector<double> resampled(values.begin() + 1, values.end());
  std::sort(resampled.begin(), resampled.end());
  return {values(0), quantile(resampled, (1.0 - confidence) / 2.0),
          quantile(resampled, (1.0 + confidence) / 2.0)};
}

bool too_wide(const std::vector<SobolIndex>& indices)
{
  return std::any_of(indices.begin(), indices.end(), [](const SobolIndex& index) {
    return index.first.width() > k_sobol_max_width || index.total.width() > k_sobol_max_width;
  });
}

// Adds one output's indices, variance and flags to `result`.
void add_output(SobolResult& result, const SobolOutputs& outputs, Index output,
                const Matrix& weights, double confidence)
{
  const Index samples = outputs.a.cols();
  const double centre = (outputs.a.row(output).sum() + outputs.b.row(output).sum())
                        / (2.0 * static_cast<double>(samples));
  const double scale = std::max(outputs.a.row(output).cwiseAbs().maxCoeff(),
                                outputs.b.row(output).cwiseAbs().maxCoeff());
  const double negligible = (k_rounding * scale) * (k_rounding * scale);
  const Matrix sums = sample_terms(outputs, output, centre) * weights;
  const Estimates estimated = estimates(sums, samples, negligible);
  std::vector<SobolIndex> indices(outputs.ab.size());
  for (std::size_t i = 0; i < indices.size(); ++i) {
    const auto row = static_cast<Index>(i);
    indices[i] = {interval(estimated.first.row(row), confidence),
                  interval(estimated.total.row(row), confidence)};
  }
  const bool constant = estimated.variance(0) <= negligible;
  result.variance.push_back(constant ? 0.0 : estimated.variance(0));
  result.constant.push_back(constant);
  result.too_wide.push_back(!constant && too_wide(indices));
  result.indices.push_back(std::move(indices));
}

} // namespace

Eigen::MatrixXd mix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, Eigen::Index dimension)
{
  assert(same_shape(a, b) && dimension >= 0 && dimension < a.rows());
  Matrix mixed = a;
  mixed.row(dimension) = b.row(dimension);
  return mixed;
}

SobolResult sobol_indices(const SobolOutputs& outputs, int resamples, std::uint64_t seed,
                          double confidence)
{
  check(outputs, resamples, confidence);
  const Matrix weights = sample_weights(outputs.a.cols(), resamples, seed);
  SobolResult result;
  for (Index output = 0; output < outputs.a.rows(); ++output) {
    add_output(result, outputs, output, weights, confidence);
  }
  return result;
}

} // namespace carecast
