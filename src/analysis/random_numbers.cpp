#include "carecast/random_numbers.hpp"

namespace carecast {
namespace {

// splitmix64's output function (Steele, Lea and Flood 2014; Stafford's mix 13).
std::uint64_t mix(std::uint64_t z)
{
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

// The key-th output of splitmix64 started at `state`: a bijection of the key for a
// given state, so no two draws (or dimensions) of one stream share their bits.
std::uint64_t hash_step(std::uint64_t state, std::uint64_t key)
{
  constexpr std::uint64_t k_golden_gamma = 0x9e3779b97f4a7c15;
  return mix(state + (key + 1) * k_golden_gamma);
}

// The top 53 bits as a multiple of 2^-53; the one zero among them becomes 2^-54.
double unit_interval(std::uint64_t bits)
{
  const std::uint64_t numerator = bits >> 11;
  return numerator == 0 ? 0x1.0p-54 : static_cast<double>(numerator) * 0x1.0p-53;
}

} // namespace

std::uint64_t random_bits(std::uint64_t seed, std::uint64_t stream, std::uint64_t draw,
                          std::uint64_t dimension)
{
  const std::uint64_t stream_state = hash_step(hash_step(0, seed), stream);
  return hash_step(hash_step(stream_state, draw), dimension);
}

double uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t draw,
               std::uint64_t dimension)
{
  return unit_interval(random_bits(seed, stream, draw, dimension));
}

void fill_uniforms(std::uint64_t seed, std::uint64_t stream, std::int64_t first,
                   Eigen::Ref<Eigen::MatrixXd> block)
{
  const std::uint64_t stream_state = hash_step(hash_step(0, seed), stream);
  for (Eigen::Index column = 0; column < block.cols(); ++column) {
    const auto draw = static_cast<std::uint64_t>(first + column);
    const std::uint64_t draw_state = hash_step(stream_state, draw);
    for (Eigen::Index row = 0; row < block.rows(); ++row) {
      block(row, column) = unit_interval(hash_step(draw_state, static_cast<std::uint64_t>(row)));
    }
  }
}

} // namespace carecast
