#include "carecast/correlation.hpp"

#include "carecast/quantiles.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cassert>
#include <cmath>
#include <fmt/format.h>
#include <vector>

namespace carecast {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using Index = Eigen::Index;

// What correlation_problem tolerates of rounding.
constexpr double k_symmetry_tolerance = 1e-12;
constexpr double k_diagonal_tolerance = 1e-12;
constexpr double k_eigenvalue_tolerance = -1e-10;

// Higham's alternating projections stop when an iteration changes X and Y, and X and Y
// differ, by less than this relative to their size.
constexpr double k_repair_tolerance = 1e-13;
constexpr int k_repair_iterations = 100000;

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

} // namespace

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

// Column by column with the products summed in a fixed order, so that a draw's
// result does not depend on how many draws share the block (a matrix product may
// change its order of summation with the number of columns). Each row's sum starts at
// 0 and adds factor(row, k) x z(k) in the order of k, leaving out the entries that are
// 0 (an input correlated with no other has a row of them but one): 0 x z(k) is +0 or
// -0 for a finite z(k), and adding either to a sum leaves it the same bits, +0 included.
void correlate(const Matrix& factor, Eigen::Ref<Matrix> block)
{
  struct Term
  {
    Index k;
    double entry;
  };
  std::vector<std::vector<Term>> rows(static_cast<std::size_t>(factor.rows()));
  for (Index row = 0; row < factor.rows(); ++row) {
    for (Index k = 0; k < factor.cols(); ++k) {
      if (factor(row, k) != 0.0) {
        rows[static_cast<std::size_t>(row)].push_back({k, factor(row, k)});
      }
    }
  }
  Vector z(block.rows());
  for (Index column = 0; column < block.cols(); ++column) {
    for (Index row = 0; row < block.rows(); ++row) {
      z(row) = normal_quantile(block(row, column));
    }
    for (Index row = 0; row < block.rows(); ++row) {
      double correlated = 0.0;
      for (const Term& term : rows[static_cast<std::size_t>(row)]) {
        correlated += term.entry * z(term.k);
      }
      block(row, column) = std::clamp(normal_cdf(correlated), k_smallest_u, k_largest_u);
    }
  }
}

} // namespace carecast
