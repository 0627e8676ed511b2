#include "carecast/figure_range.hpp"

#include <cmath>
#include <fmt/format.h>

namespace carecast {

bool FigureRange::holds(double value) const
{
  return std::isfinite(value) && (low_included ? value >= low : value > low)
         && (high_included ? value <= high : value < high);
}

std::string FigureRange::text() const
{
  if (std::isinf(high)) {
    return fmt::format("{:g} or more", low);
  }
  return fmt::format("between {:g} and {:g}", low, high);
}

} // namespace carecast
