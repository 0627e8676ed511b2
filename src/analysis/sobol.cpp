#include "carecast/sobol.hpp"

#include "carecast/blocks.hpp"
#include "carecast/kernels.hpp"
#include "carecast/random_numbers.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <random>

namespace carecast {
namespace {

using Matrix = Eigen::MatrixXd;
using RowVector = Eigen::RowVectorXd;
using Vector = Eigen::VectorXd;
using Index = Eigen::Index;
// A sample's counts in each resample of a batch side by side, as weighted_sums reads them.
using Counts = Eigen::Matrix<std::uint32_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
// Computed in double throughout: long double differs between machines.
using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

// What rounding leaves of a constant output's spread, relative to its largest value.
constexpr double k_rounding = 1e-12;

// The rows of an output's per-sample terms: f(A) + f(B), f(A)^2 + f(B)^2, then one
// first-order term per input, then one total term per input.
constexpr Index k_sum_row = 0;
constexpr Index k_square_row = 1;
constexpr Index k_first_row = 2;

// Bootstrap resamples drawn and summed together: their counts take samples x k_batch
// integers, and each sample's terms are read once for all of them.
constexpr Index k_batch = 64;

[[maybe_unused]] bool same_shape(const Matrix& x, const Matrix& y)
{
  return x.rows() == y.rows() && x.cols() == y.cols();
}

void check([[maybe_unused]] const SobolOutputs& outputs, [[maybe_unused]] double confidence)
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
  assert(confidence > 0.0 && confidence < 1.0);
}

Index dimensions_of(const SobolOutputs& outputs)
{
  return static_cast<Index>(outputs.ab.size());
}

Index rows_per_output(const SobolOutputs& outputs)
{
  return k_first_row + 2 * dimensions_of(outputs);
}

// An output's variance at most this is what rounding leaves of a constant.
double negligible_variance(const SobolOutputs& outputs, Index output)
{
  const double scale = std::max(outputs.a.row(output).cwiseAbs().maxCoeff(),
                                outputs.b.row(output).cwiseAbs().maxCoeff());
  return (k_rounding * scale) * (k_rounding * scale);
}

// What the estimators average, per sample (column), for every output: the rows of
// output o start at o x rows_per_output. Each output's f is centred on the mean of its
// f(A) and f(B). The difference f(AB_i) - f(A) is taken before centring, so an input
// the output does not depend on gives terms of exactly 0.
Matrix sample_terms(const SobolOutputs& outputs)
{
  const Index dimensions = dimensions_of(outputs);
  const Index rows = rows_per_output(outputs);
  Matrix terms(outputs.a.rows() * rows, outputs.a.cols());
  for (Index output = 0; output < outputs.a.rows(); ++output) {
    const double centre = (outputs.a.row(output).sum() + outputs.b.row(output).sum())
                          / (2.0 * static_cast<double>(outputs.a.cols()));
    const RowVector a = outputs.a.row(output).array() - centre;
    const RowVector b = outputs.b.row(output).array() - centre;
    auto block = terms.middleRows(output * rows, rows);
    block.row(k_sum_row) = a + b;
    block.row(k_square_row) = a.array().square() + b.array().square();
    for (Index i = 0; i < dimensions; ++i) {
      const RowVector step = outputs.ab[i].row(output) - outputs.a.row(output);
      block.row(k_first_row + i) = b.array() * step.array();
      block.row(k_first_row + dimensions + i) = step.array().square();
    }
  }
  return terms;
}

// The terms of samples first .. first + count - 1 summed, a sample at a time: each
// row's sum runs in sample order on every machine, which a matrix product's need not.
Vector column_sums(const Matrix& terms, Index first, Index count)
{
  Vector sums = Vector::Zero(terms.rows());
  for (Index k = first; k < first + count; ++k) {
    sums += terms.col(k);
  }
  return sums;
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

// Adds to column `column` of `counts` how often resample `resample` draws each sample,
// from a generator of its own seeded from (seed, resample): resamples can be drawn in
// any order, on any thread.
void draw_counts(std::uint64_t seed, Index resample, Counts& counts, Index column)
{
  std::mt19937_64 generator(
    random_bits(seed, k_bootstrap_stream, static_cast<std::uint64_t>(resample), 0));
  const auto samples = static_cast<std::uint64_t>(counts.rows());
  for (std::uint64_t draw = 0; draw < samples; ++draw) {
    ++counts(uniform_below(generator, samples), column);
  }
}

// The rows of the terms that are not 0 in every sample (an input an output does not
// depend on gives terms of exactly 0), moved up to the top of each column, in order: a
// resample's sums of the other rows are 0 whatever it draws.
std::vector<Index> pack_varying_rows(Matrix& terms)
{
  std::vector<Index> varying;
  for (Index i = 0; i < terms.rows(); ++i) {
    if ((terms.row(i).array() != 0.0).any()) {
      varying.push_back(i);
    }
  }
  for (Index k = 0; k < terms.cols(); ++k) {
    double* column = terms.col(k).data();
    for (std::size_t j = 0; j < varying.size(); ++j) {
      column[j] = column[varying[j]];
    }
  }
  return varying;
}

// The sums of resamples first .. first + count - 1, a column each: the terms (packed by
// pack_varying_rows) weighted by how often the resample drew each sample, summed in
// sample order by the vector kernels (the same bits as one at a time); the rows that do
// not vary sum to 0. Each thread draws a share of the resamples and reads the terms
// once for all of them.
Matrix resample_sums(const Matrix& terms, const std::vector<Index>& varying, std::uint64_t seed,
                     Index first, Index count, int threads)
{
  const auto packed = static_cast<Index>(varying.size());
  Matrix sums = Matrix::Zero(packed, count);
  const Index parts = std::min<Index>(threads, count);
  const kernels::Table& loops = kernels::active();
  for_each_item(parts, threads, [&](std::int64_t part) {
    const Index begin = count * part / parts;
    const Index end = count * (part + 1) / parts;
    Counts counts = Counts::Zero(terms.cols(), end - begin);
    for (Index r = begin; r < end; ++r) {
      draw_counts(seed, first + r, counts, r - begin);
    }
    for (Index k = 0; k < terms.cols(); ++k) {
      for (Index r = begin; r < end; ++r) {
        if (const std::uint32_t drawn = counts(k, r - begin); drawn != 0) {
          loops.add_scaled(terms.col(k).data(), static_cast<double>(drawn), sums.col(r).data(),
                           packed);
        }
      }
    }
  });
  Matrix all = Matrix::Zero(terms.rows(), count);
  for (Index j = 0; j < packed; ++j) {
    all.row(varying[static_cast<std::size_t>(j)]) = sums.row(j);
  }
  return all;
}

// An output's indices: dimensions x one column per set of sums.
struct Estimates
{
  Matrix first;
  Matrix total;
  RowVector variance;
};

// `sums` are one output's terms summed over `samples` samples (counted with their
// weights), a column per sum. A variance at most `negligible` gives indices of 0.
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

// The full sample's estimate, between quantiles of the resamples' estimates.
Interval percentile_interval(double estimate, const RowVector& resampled, double confidence)
{
  std::vector<double> sorted(resampled.begin(), resampled.end());
  std::sort(sorted.begin(), sorted.end());
  return {estimate, quantile(sorted, (1.0 - confidence) / 2.0),
          quantile(sorted, (1.0 + confidence) / 2.0)};
}

// The mean of the replicates' estimates, give or take t standard errors.
Interval t_interval(const RowVector& replicated, double t)
{
  const auto count = static_cast<double>(replicated.size());
  const double mean = replicated.sum() / count;
  const double deviations = (replicated.array() - mean).square().sum();
  const double error = std::sqrt(deviations / (count - 1.0) / count);
  return {mean, mean - t * error, mean + t * error};
}

bool too_wide(const std::vector<SobolIndex>& indices)
{
  return std::any_of(indices.begin(), indices.end(), [](const SobolIndex& index) {
    return index.first.width() > k_sobol_max_width || index.total.width() > k_sobol_max_width;
  });
}

// Adds one output's indices, the variance of all its samples and its flags.
void add_output(SobolResult& result, std::vector<SobolIndex> indices, double variance,
                double negligible)
{
  const bool constant = variance <= negligible;
  result.variance.push_back(constant ? 0.0 : variance);
  result.constant.push_back(constant);
  result.too_wide.push_back(!constant && too_wide(indices));
  result.indices.push_back(std::move(indices));
}

// Each output's estimates from all N samples.
std::vector<Estimates> full_sample_estimates(const SobolOutputs& outputs, const Matrix& terms)
{
  const Index rows = rows_per_output(outputs);
  const Vector sums = column_sums(terms, 0, terms.cols());
  std::vector<Estimates> result;
  for (Index output = 0; output < outputs.a.rows(); ++output) {
    result.push_back(estimates(sums.segment(output * rows, rows), terms.cols(),
                               negligible_variance(outputs, output)));
  }
  return result;
}

} // namespace

Eigen::MatrixXd mix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, Eigen::Index dimension)
{
  assert(same_shape(a, b) && dimension >= 0 && dimension < a.rows());
  Matrix mixed = a;
  mixed.row(dimension) = b.row(dimension);
  return mixed;
}

double student_t_quantile(double probability, int degrees_of_freedom)
{
  assert(probability > 0.0 && probability < 1.0 && degrees_of_freedom >= 1);
  const boost::math::students_t_distribution<double, Policy> t(degrees_of_freedom);
  return boost::math::quantile(t, probability);
}

SobolResult sobol_indices(const SobolOutputs& outputs, int resamples, std::uint64_t seed,
                          double confidence, int threads)
{
  check(outputs, confidence);
  assert(resamples >= 1);
  const Index samples = outputs.a.cols();
  const Index rows = rows_per_output(outputs);
  Matrix terms = sample_terms(outputs);
  const std::vector<Estimates> full = full_sample_estimates(outputs, terms);
  const std::vector<Index> varying = pack_varying_rows(terms);
  const Matrix empty = Matrix::Zero(dimensions_of(outputs), resamples);
  std::vector<Estimates> resampled(static_cast<std::size_t>(outputs.a.rows()),
                                   Estimates{empty, empty, RowVector()});
  for (Index first = 0; first < resamples; first += k_batch) {
    const Index batch = std::min(k_batch, resamples - first);
    const Matrix sums = resample_sums(terms, varying, seed, first, batch, threads);
    for (Index output = 0; output < outputs.a.rows(); ++output) {
      const Estimates e = estimates(sums.middleRows(output * rows, rows), samples,
                                    negligible_variance(outputs, output));
      auto& kept = resampled[static_cast<std::size_t>(output)];
      kept.first.middleCols(first, batch) = e.first;
      kept.total.middleCols(first, batch) = e.total;
    }
  }
  SobolResult result;
  for (std::size_t output = 0; output < full.size(); ++output) {
    std::vector<SobolIndex> indices(outputs.ab.size());
    for (Index i = 0; i < dimensions_of(outputs); ++i) {
      indices[static_cast<std::size_t>(i)] = {
        percentile_interval(full[output].first(i, 0), resampled[output].first.row(i), confidence),
        percentile_interval(full[output].total(i, 0), resampled[output].total.row(i), confidence)};
    }
    add_output(result, std::move(indices), full[output].variance(0),
               negligible_variance(outputs, static_cast<Index>(output)));
  }
  return result;
}

SobolResult sobol_indices_replicated(const SobolOutputs& outputs, int replicates, double confidence)
{
  check(outputs, confidence);
  assert(replicates >= 2 && outputs.a.cols() % replicates == 0
         && outputs.a.cols() / replicates >= 2);
  const Index points = outputs.a.cols() / replicates;
  const Index rows = rows_per_output(outputs);
  const Matrix terms = sample_terms(outputs);
  Matrix sums(terms.rows(), replicates);
  for (Index r = 0; r < replicates; ++r) {
    sums.col(r) = column_sums(terms, r * points, points);
  }
  const double t = student_t_quantile((1.0 + confidence) / 2.0, replicates - 1);
  const std::vector<Estimates> full = full_sample_estimates(outputs, terms);
  SobolResult result;
  for (Index output = 0; output < outputs.a.rows(); ++output) {
    const double negligible = negligible_variance(outputs, output);
    const Estimates e = estimates(sums.middleRows(output * rows, rows), points, negligible);
    std::vector<SobolIndex> indices(outputs.ab.size());
    for (Index i = 0; i < dimensions_of(outputs); ++i) {
      indices[static_cast<std::size_t>(i)] = {t_interval(e.first.row(i), t),
                                              t_interval(e.total.row(i), t)};
    }
    add_output(result, std::move(indices), full[static_cast<std::size_t>(output)].variance(0),
               negligible);
  }
  return result;
}

} // namespace carecast
