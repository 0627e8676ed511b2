#pragma once

// The points of a Sobol' sequence (Joe and Kuo's 2008 direction numbers, as Boost
// ships them) as 32-bit integers, and their random digital shifts: the quasi-random
// design of docs/sobol.md, "The sobol design". Integer arithmetic only, so a point is
// the same on every machine.

#include <Eigen/Core>
#include <cstdint>

namespace carecast {

// Each coordinate of a point is an integer k standing for the uniform (k + 0.5) / 2^32.
using SobolPoints = Eigen::Matrix<std::uint32_t, Eigen::Dynamic, Eigen::Dynamic>;

// The most dimensions the direction numbers cover.
int sobol_max_dimensions();

// The first points of a `dimensions`-dimensional Sobol' sequence, point 0 being the
// origin: the first 2^m points then hold exactly one point in each interval
// [k / 2^m, (k + 1) / 2^m) of each coordinate. Holds no mutable state.
class SobolSequence
{
public:
  // 1 <= dimensions <= sobol_max_dimensions() (asserted).
  explicit SobolSequence(int dimensions);

  int dimensions() const;

  // Points first .. first + count - 1: one row per dimension, one column per point.
  SobolPoints points(std::uint32_t first, Eigen::Index count) const;

private:
  int m_dimensions;
};

// `replicates` random digital shifts, one column per replicate and one row per
// dimension: the top 32 bits of successive draws of std::mt19937_64 seeded with `seed`,
// replicate by replicate. XOR-ing every point with a column keeps the sequence's
// stratification and makes each replicate's points uniform.
SobolPoints digital_shifts(int dimensions, int replicates, std::uint64_t seed);

// The uniform a coordinate stands for, strictly inside (0, 1): (k + 0.5) / 2^32.
double sobol_uniform(std::uint32_t coordinate);

} // namespace carecast
