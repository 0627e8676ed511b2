#include "carecast/sampling.hpp"

#include "carecast/correlation.hpp"
#include "carecast/random_numbers.hpp"

#include <algorithm>
#include <cassert>

namespace carecast {
namespace {

using Matrix = Eigen::MatrixXd;
using Index = Eigen::Index;

// sample() works through this many draws at a time, so one block stays in cache.
constexpr Index k_block = 256;

} // namespace

Sampler::Sampler(const std::vector<Distribution>& marginals, const Matrix& correlation,
                 std::uint64_t seed)
  : m_factor(copula_factor(correlation)),
    m_seed(seed)
{
  for (const Distribution& marginal : marginals) {
    m_quantiles.push_back(quantile_function(marginal, QuantileUse::many));
  }
  assert((correlation.size() == 0
          || (correlation.rows() == dimensions() && correlation.cols() == dimensions()))
         && "one row and column of correlations per marginal");
  assert(!correlation_problem(correlation) && "a valid correlation matrix");
}

Index Sampler::dimensions() const
{
  return static_cast<Index>(m_quantiles.size());
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
    carecast::correlate(m_factor, result);
  }
  return result;
}

Matrix Sampler::values(const Matrix& uniforms) const
{
  assert(uniforms.rows() == dimensions());
  Matrix result = uniforms;
  values_block(result);
  return result;
}

void Sampler::values_block(Eigen::Ref<Matrix> block) const
{
  for (Index column = 0; column < block.cols(); ++column) {
    for (Index row = 0; row < block.rows(); ++row) {
      block(row, column) = m_quantiles[static_cast<std::size_t>(row)](block(row, column));
    }
  }
}

Matrix Sampler::sample(std::int64_t first, Index count) const
{
  assert(first >= 0 && count >= 0);
  Matrix result(dimensions(), count);
  for (Index start = 0; start < count; start += k_block) {
    auto block = result.middleCols(start, std::min(k_block, count - start));
    fill_uniforms(m_seed, 0, first + start, block);
    if (m_factor.size() > 0) {
      carecast::correlate(m_factor, block);
    }
    values_block(block);
  }
  return result;
}

} // namespace carecast
