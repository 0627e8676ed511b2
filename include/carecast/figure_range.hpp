#pragma once

// The ranges a scenario accepts for its figures, declared once: validation checks a
// scenario's figures against them, and calibrate the figures it has fitted before it
// writes them into a fragment, so that it never writes one validation refuses.

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
  // The range in words: "between -1 and 1", or "0 or more".
  std::string text() const;
};

// A rate a year (growth, inflation, discount), 3.5% written 0.035: above -1 (a fall of
// everything) and below 1 (a doubling), which catches a percentage written as such.
inline constexpr FigureRange k_annual_rate{-1.0, 1.0, false, false};
// A share, or a care ladder's annual move or exit rate.
inline constexpr FigureRange k_fraction{0.0, 1.0, true, true};
// An amount, a number of children, or of entries a year.
inline constexpr FigureRange k_non_negative{};

// A care ladder's entry shares must add up to 1, and a placement type's annual moves
// and exit rate must not pass 1, to within this much: people write them to a few
// decimals.
inline constexpr double k_ladder_tolerance = 1e-6;

} // namespace carecast
