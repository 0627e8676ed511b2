#pragma once

// Budget gates: rules a report's figures must keep, for a CI job to fail on. A gate that
// fails names the rule, the option, the year and the figure.

#include "carecast/report.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carecast {

struct Gates
{
  // Each option's variance (cost minus budget) must be at most this, in the report's
  // unit, in every year of `years` (every year with a budget when empty).
  std::optional<double> max_variance;
  std::vector<std::string> years;
  // This option must have the lowest net present cost (ties pass).
  std::optional<std::string> cheapest;

  bool empty() const { return !max_variance && !cheapest; }
};

// What is wrong with the gates for this report: a year it does not have or that has
// no budget, an option it does not have; empty when they can be checked.
std::vector<std::string> gate_problems(const Report& report, const Gates& gates);

// One message for each option and year that breaks a gate, in the report's order;
// empty when every gate holds. Figures are compared unrounded. `gate_problems` must
// be empty.
std::vector<std::string> failed_gates(const Report& report, const Gates& gates);

} // namespace carecast
