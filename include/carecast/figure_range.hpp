#pragma once

// The ranges a scenario accepts for its figures, declared once: validation checks a
// scenario's figures against them, and calibrate the figures it has fitted before it
// writes them into a fragment, so that it never writes one validation refuses.

#include "carecast/distribution.hpp"
#include "carecast/scenario.hpp"

#include <limits>
#include <string>

namespace carecast {

struct FigureRange
{
  double low = 0.0;
  double high = std::numeric_limits<double>::infinity();
  bool low_included = true;
  bool high_included = true;

  // Whether `value` is a finite number in the range.
  bool holds(double value) const;
  // The value in the range nearest to `value`: an open end gives the next number
  // inside it; an infinite one gives itself.
  double nearest(double value) const;
  // The range in words: "between -1 and 1", "0 or more", "0 or less" or "any number".
  std::string text() const;
};

inline constexpr double k_unbounded = std::numeric_limits<double>::infinity();

// A rate a year (growth, inflation, discount), 3.5% written 0.035: above -1 (a fall of
// everything) and below 1 (a doubling), which catches a percentage written as such.
inline constexpr FigureRange k_annual_rate{-1.0, 1.0, false, false};
// A share, or a care ladder's annual move or exit rate.
inline constexpr FigureRange k_fraction{0.0, 1.0, true, true};
// An amount, a number of children, or of entries a year.
inline constexpr FigureRange k_non_negative{};
// An amount that can only come off: a budget's saving step, or an overlay that
// delivers a saving.
inline constexpr FigureRange k_non_positive{-k_unbounded, 0.0};
// A line's base amount, a budget's other steps, an overlay's amount: any finite number.
inline constexpr FigureRange k_any_amount{-k_unbounded, k_unbounded};
// A discount rate: an annual rate, and not negative.
inline constexpr FigureRange k_discount_rate{0.0, 1.0, true, false};
// An optimism bias uplift, a share of the cost: Green Book uplifts reach 200% for the
// riskiest projects; more is surely a typo.
inline constexpr FigureRange k_optimism_bias{0.0, 2.0};
// A change in the care ladder's entries, 10% fewer written -0.1: above -1 (none at
// all); entries may grow tenfold under an option, and more is surely a typo.
inline constexpr FigureRange k_entries_change{-1.0, 10.0, false, true};

// Whether every value from range.low to range.high is in `domain` (infinite ends
// included where the domain is unbounded).
bool within(const Limits& range, const FigureRange& domain);

// The values an overlay's `value` may take, by its kind.
FigureRange overlay_range(OverlayKind kind, bool delivers_saving);

// A care ladder's entry shares must add up to 1, and a placement type's annual moves
// and exit rate must not pass 1, to within this much: people write them to a few
// decimals.
inline constexpr double k_ladder_tolerance = 1e-6;

} // namespace carecast
