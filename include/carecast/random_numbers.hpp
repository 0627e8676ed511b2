#pragma once

// Counter-based random numbers: the value for (seed, stream, draw, dimension) depends on
// nothing else, so any split of draws into blocks or threads gives the same numbers.
// The four keys are mixed by chained splitmix64 finalisers into 53 random bits, a
// uniform strictly inside (0, 1).

#include <Eigen/Core>
#include <cstdint>

namespace carecast {

double uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t draw,
               std::uint64_t dimension);

// The 64 random bits `uniform` makes its number from.
std::uint64_t random_bits(std::uint64_t seed, std::uint64_t stream, std::uint64_t draw,
                          std::uint64_t dimension);

// Draws first .. first + block.cols() - 1 of `stream`: one row per dimension, one
// column per draw.
void fill_uniforms(std::uint64_t seed, std::uint64_t stream, std::int64_t first,
                   Eigen::Ref<Eigen::MatrixXd> block);

} // namespace carecast
