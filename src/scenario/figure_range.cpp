#include "carecast/figure_range.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace carecast {

bool FigureRange::holds(double value) const
{
  return std::isfinite(value) && (low_included ? value >= low : value > low)
         && (high_included ? value <= high : value < high);
}

double FigureRange::nearest(double value) const
{
  const double from = low_included ? low : std::nextafter(low, high);
  const double to = high_included ? high : std::nextafter(high, low);
  return std::clamp(value, from, to);
}

std::string FigureRange::text() const
{
  if (std::isinf(low) && std::isinf(high)) {
    return "any number";
  }
  if (std::isinf(low)) {
    return fmt::format("{:g} or less", high);
  }
  if (std::isinf(high)) {
    return fmt::format("{:g} or more", low);
  }
  return fmt::format("between {:g} and {:g}", low, high);
}

bool within(const Limits& range, const FigureRange& domain)
{
  return range.low >= domain.nearest(-k_unbounded) && range.high <= domain.nearest(k_unbounded);
}

FigureRange overlay_range(OverlayKind kind, bool delivers_saving)
{
  switch (kind) {
  case OverlayKind::index_rate:
    return k_annual_rate;
  case OverlayKind::stop_line:
  case OverlayKind::shift_entries:
  case OverlayKind::shift_moves:
    return k_fraction;
  case OverlayKind::saving:
  case OverlayKind::unit_cost:
  case OverlayKind::capacity:
    return k_non_negative;
  case OverlayKind::entries:
    return k_entries_change;
  case OverlayKind::recurring:
  case OverlayKind::one_off:
    break;
  }
  return delivers_saving ? k_non_positive : k_any_amount;
}

} // namespace carecast
