#include "carecast/sobol_sequence.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <doctest/doctest.h>
#include <vector>

using carecast::digital_shifts;
using carecast::sobol_uniform;
using carecast::SobolPoints;
using carecast::SobolSequence;

namespace {

constexpr double k_two_to_32 = 4294967296.0;

} // namespace

TEST_CASE("the sequence's first points are the textbook Sobol' points")
{
  // Unscrambled two-dimensional Sobol' points 0 to 7 in Gray-code order, with Joe and
  // Kuo's direction numbers (the first dimension is the van der Corput sequence in base
  // 2, the second has m_1 = 1 and polynomial x + 1): Joe, S. and Kuo, F. Y. (2008),
  // "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci.
  // Comput. 30, 2635-2654; the same points are listed by scipy.stats.qmc.Sobol with
  // scramble=False.
  const std::array<std::array<double, 2>, 8> expected{{{0.0, 0.0},
                                                       {0.5, 0.5},
                                                       {0.75, 0.25},
                                                       {0.25, 0.75},
                                                       {0.375, 0.375},
                                                       {0.875, 0.875},
                                                       {0.625, 0.125},
                                                       {0.125, 0.625}}};
  const SobolPoints points = SobolSequence(2).points(0, 8);
  REQUIRE(points.rows() == 2);
  REQUIRE(points.cols() == 8);
  for (Eigen::Index j = 0; j < 8; ++j) {
    for (Eigen::Index i = 0; i < 2; ++i) {
      CAPTURE(j);
      CAPTURE(i);
      // Each value is a multiple of 1/8, exactly an integer once scaled by 2^32.
      CHECK(static_cast<double>(points(i, j)) == expected[j][i] * k_two_to_32);
    }
  }
}

TEST_CASE("points read from the middle of the sequence are the same as read from its start")
{
  // Reading from point 5 restarts Boost's engine there; it must not change the points.
  const SobolSequence sequence(7);
  const SobolPoints all = sequence.points(0, 40);
  CHECK(sequence.points(5, 35) == all.rightCols(35));
  CHECK(sequence.points(1, 1) == all.col(1));
}

TEST_CASE("a digital shift keeps one point of each replicate in each stratum of each coordinate")
{
  // An invariant of (t, m, s)-nets in base 2: the first 2^m points of each coordinate
  // take each of the 2^m values of their top m bits once. XOR with a shift permutes
  // those values, so each of the intervals [k / 2^m, (k + 1) / 2^m) holds exactly one
  // shifted point, in every replicate.
  const int dimensions = 10;
  const int m = 6;
  const SobolPoints points = SobolSequence(dimensions).points(0, 1 << m);
  const SobolPoints shifts = digital_shifts(dimensions, 4, 20220330);
  for (Eigen::Index r = 0; r < shifts.cols(); ++r) {
    for (Eigen::Index i = 0; i < dimensions; ++i) {
      std::vector<int> in_stratum(1 << m, 0);
      for (Eigen::Index j = 0; j < points.cols(); ++j) {
        const double u = sobol_uniform(points(i, j) ^ shifts(i, r));
        ++in_stratum[static_cast<std::size_t>(u * (1 << m))];
      }
      CAPTURE(r);
      CAPTURE(i);
      CHECK(std::all_of(in_stratum.begin(), in_stratum.end(), [](int n) { return n == 1; }));
    }
  }
}

TEST_CASE("shifts depend on the seed alone, and differ between replicates")
{
  CHECK(digital_shifts(5, 8, 7) == digital_shifts(5, 8, 7));
  CHECK(digital_shifts(5, 8, 7) != digital_shifts(5, 8, 8));
  const SobolPoints shifts = digital_shifts(5, 2, 7);
  CHECK(shifts.col(0) != shifts.col(1));
}

TEST_CASE("a coordinate stands for the middle of its interval, strictly inside (0, 1)")
{
  // (k + 0.5) / 2^32, exact in a double: the quantile functions never see 0 or 1.
  CHECK(sobol_uniform(0) == 0.5 / k_two_to_32);
  CHECK(sobol_uniform(0x80000000U) == 0.5 + 0.5 / k_two_to_32);
  CHECK(sobol_uniform(0xFFFFFFFFU) == 1.0 - 0.5 / k_two_to_32);
  CHECK(sobol_uniform(0xFFFFFFFFU) < 1.0);
}
