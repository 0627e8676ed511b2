#pragma once

// Drawing uncertain inputs for Monte Carlo: each input has a marginal distribution,
// the inputs are tied together by a Gaussian copula with a correlation matrix, and the
// random numbers are counter-based, so a draw depends only on its seed, stream, draw
// number and dimension (docs/uncertainty.md, "Distributions and correlations").

#include "carecast/distribution.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace carecast {

// The inverse CDF at u in (0, 1). Degenerate cases (low == high, sd == 0, sigma == 0)
// give the point value. Every kind is a closed form or a normal quantile except PERT,
// whose inverse incomplete beta costs about a microsecond or two.
double quantile(const Distribution& distribution, double u);

// Why `matrix` is not a valid correlation matrix: not square; not symmetric (within
// 1e-12); a diagonal entry not 1 (within 1e-12); an entry outside [-1, 1]; not positive
// semi-definite (smallest eigenvalue below -1e-10, giving its value). Entries are named
// (row, column), counting from 1. nullopt when valid.
std::optional<std::string> correlation_problem(const Eigen::MatrixXd& matrix);

struct RepairedCorrelation
{
  Eigen::MatrixXd matrix;
  double distance = 0.0; // Frobenius norm of repaired - original
};

// The nearest valid correlation matrix in the Frobenius norm (Higham 2002, alternating
// projections with Dykstra's correction), for a square matrix of finite entries, usually
// symmetric with entries in [-1, 1] (of any other, the nearest to its symmetric part).
// A valid matrix comes back unchanged, at distance 0.
RepairedCorrelation nearest_correlation(const Eigen::MatrixXd& matrix);

// Counter-based random numbers: the value for (seed, stream, draw, dimension) depends on
// nothing else, so any split of draws into blocks or threads gives the same numbers.
// The four keys are mixed by chained splitmix64 finalisers into 53 random bits, a
// uniform strictly inside (0, 1).
double uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t draw,
               std::uint64_t dimension);

// Correlated draws of several inputs. Matrices hold one row per dimension (input) and
// one column per draw; every step works column by column, so a column's values depend
// only on its draw number. A Sampler holds no mutable state: threads may share one.
class Sampler
{
public:
  // `correlation` is empty (independent inputs) or a valid correlation matrix of size
  // marginals.size() (asserted).
  Sampler(std::vector<Distribution> marginals, Eigen::MatrixXd correlation, std::uint64_t seed);

  Eigen::Index dimensions() const;

  // Uniforms of draws first .. first + count - 1 of `stream`: one row per dimension, one
  // column per draw.
  Eigen::MatrixXd uniforms(std::uint64_t stream, std::int64_t first, Eigen::Index count) const;

  // The Gaussian copula: z = Phi^-1(u), z' = L z with L L^T = correlation, u' = Phi(z').
  // L is the Cholesky factor when the correlation is positive definite, else V D^1/2
  // from its eigendecomposition. Identity without a correlation.
  Eigen::MatrixXd correlate(const Eigen::MatrixXd& uniforms) const;

  // Each row through its marginal's quantile.
  Eigen::MatrixXd values(const Eigen::MatrixXd& uniforms) const;

  // values(correlate(uniforms(0, first, count))), computed a block of draws at a time.
  Eigen::MatrixXd sample(std::int64_t first, Eigen::Index count) const;

private:
  std::vector<Distribution> m_marginals;
  // Per marginal, a PERT quantile's table (empty for other distributions).
  std::vector<std::vector<double>> m_pert_tables;
  Eigen::MatrixXd m_factor; // L; empty for independent inputs
  std::uint64_t m_seed;
};

} // namespace carecast
