#pragma once

// Correlation matrices and the Gaussian copula that ties uncertain inputs together
// (docs/uncertainty.md, "Distributions and correlations").

#include <Eigen/Core>
#include <optional>
#include <string>

namespace carecast {

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

// The copula's factor L, with L L^T = correlation: the Cholesky factor when the
// correlation is positive definite, else V D^1/2 from its eigendecomposition; empty for
// an empty correlation.
Eigen::MatrixXd copula_factor(const Eigen::MatrixXd& correlation);

// The Gaussian copula on a block of uniforms (one row per input, one column per draw):
// z = Phi^-1(u), z' = L z, u' = Phi(z'), column by column.
void correlate(const Eigen::MatrixXd& factor, Eigen::Ref<Eigen::MatrixXd> block);

} // namespace carecast
