#pragma once

// Drawing uncertain inputs for Monte Carlo: each input has a marginal distribution
// (distribution.hpp), the inputs are tied together by a Gaussian copula with a
// correlation matrix (correlation.hpp), and the random numbers are counter-based
// (random_numbers.hpp), so a draw depends only on its seed, stream, draw number and
// dimension (docs/uncertainty.md, "Distributions and correlations").

#include "carecast/distribution.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <vector>

namespace carecast {

// Correlated draws of several inputs. Matrices hold one row per dimension (input) and
// one column per draw; every step works column by column, so a column's values depend
// only on its draw number. A Sampler holds no mutable state: threads may share one.
class Sampler
{
public:
  // `correlation` is empty (independent inputs) or a valid correlation matrix of size
  // marginals.size() (asserted).
  Sampler(const std::vector<Distribution>& marginals, const Eigen::MatrixXd& correlation,
          std::uint64_t seed);

  Eigen::Index dimensions() const;

  // Uniforms of draws first .. first + count - 1 of `stream`: one row per dimension, one
  // column per draw.
  Eigen::MatrixXd uniforms(std::uint64_t stream, std::int64_t first, Eigen::Index count) const;

  // The Gaussian copula: z = Phi^-1(u), z' = L z with L L^T = correlation, u' = Phi(z').
  // Identity without a correlation.
  Eigen::MatrixXd correlate(const Eigen::MatrixXd& uniforms) const;

  // Each row through its marginal's quantile.
  Eigen::MatrixXd values(const Eigen::MatrixXd& uniforms) const;

  // values(correlate(uniforms(0, first, count))), computed a block of draws at a time.
  Eigen::MatrixXd sample(std::int64_t first, Eigen::Index count) const;

private:
  void values_block(Eigen::Ref<Eigen::MatrixXd> block) const;

  // Each marginal's quantile function, prepared for many draws.
  std::vector<std::function<double(double)>> m_quantiles;
  Eigen::MatrixXd m_factor; // L; empty for independent inputs
  std::uint64_t m_seed;
};

} // namespace carecast
