#include "carecast/sobol_sequence.hpp"

#include <boost/random/sobol.hpp>

#include <cassert>
#include <random>

namespace carecast {
namespace {

using Engine = boost::random::sobol_engine<std::uint32_t, 32>;

} // namespace

int sobol_max_dimensions()
{
  return static_cast<int>(boost::random::default_sobol_table::max_dimension);
}

SobolSequence::SobolSequence(int dimensions)
  : m_dimensions(dimensions)
{
  assert(dimensions >= 1 && dimensions <= sobol_max_dimensions());
}

int SobolSequence::dimensions() const
{
  return m_dimensions;
}

// Boost's engine starts at point 1 (it leaves out the origin), and seed(k) moves it to
// point k + 1.
SobolPoints SobolSequence::points(std::uint32_t first, Eigen::Index count) const
{
  assert(count >= 0);
  SobolPoints result = SobolPoints::Zero(m_dimensions, count);
  if (count == 0) {
    return result;
  }
  Engine engine(static_cast<std::size_t>(m_dimensions));
  Eigen::Index column = 0;
  if (first == 0) {
    column = 1; // the origin
  } else {
    engine.seed(first - 1);
  }
  for (; column < count; ++column) {
    for (Eigen::Index row = 0; row < m_dimensions; ++row) {
      result(row, column) = engine();
    }
  }
  return result;
}

SobolPoints digital_shifts(int dimensions, int replicates, std::uint64_t seed)
{
  SobolPoints shifts(dimensions, replicates);
  std::mt19937_64 generator(seed);
  for (Eigen::Index r = 0; r < replicates; ++r) {
    for (Eigen::Index i = 0; i < dimensions; ++i) {
      shifts(i, r) = static_cast<std::uint32_t>(generator() >> 32);
    }
  }
  return shifts;
}

double sobol_uniform(std::uint32_t coordinate)
{
  return (static_cast<double>(coordinate) + 0.5) * 0x1.0p-32;
}

} // namespace carecast
