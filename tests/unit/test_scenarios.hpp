#pragma once

// Shared by the unit tests: inline scenarios that several test files extend, and the
// text of uncertain inputs.

#include <fmt/format.h>
#include <string>

namespace carecast::test {

// A valid scenario over 2021/22 to 2023/24, so its grid runs from 2021-04 to 2024-03,
// whose parameters include indices.pay.default and lines.staffing.base. It has 14 lines:
// text appended to it starts at line 15.
inline const std::string k_valid = R"([scenario]
name = "Validation"
base_year = "2021/22"
horizon = "2023/24"

[indices.pay]
default = 0.02

[lines.staffing]
base = 10.0
prices = { pay = 1.0 }

[options.baseline]
name = "Baseline"
)";

// Staffing (10.0, its price growing with pay at 2% a year) and care (5.0, not growing)
// over four years, 2021/22 to 2024/25, and an option `stay` that changes neither. It has
// 17 lines: text appended to it starts at line 18.
inline const std::string k_pay_scenario = R"([scenario]
name = "Pay"
base_year = "2021/22"
horizon = "2024/25"

[indices.pay]
default = 0.02

[lines.staffing]
base = 10.0
prices = { pay = 1.0 }

[lines.care]
base = 5.0

[options.stay]
name = "Stay"
)";

// An option `change` whose team adds 0.1 a year to staffing from 2022-10, for
// k_pay_scenario: 10 lines, the first blank.
inline const std::string k_change_option = R"(
[options.change]
name = "Change"

[options.change.overlays.team]
type = "recurring"
name = "Team"
line = "staffing"
amount = 0.1
from = "2022-10"
)";

// A distribution as an [uncertainty.ID] table states it after its parameter, one setting
// a line. Numbers are written as the tests would write them by hand: the shortest
// decimal that reads back as the same double, with a point ({:#}: 5.0, not 5).
inline std::string uniform(double low, double high)
{
  return fmt::format("distribution = \"uniform\"\nlow = {:#}\nhigh = {:#}\n", low, high);
}

inline std::string triangular(double low, double mode, double high)
{
  return fmt::format("distribution = \"triangular\"\nlow = {:#}\nmode = {:#}\nhigh = {:#}\n", low,
                     mode, high);
}

inline std::string pert(double low, double mode, double high)
{
  return fmt::format("distribution = \"pert\"\nlow = {:#}\nmode = {:#}\nhigh = {:#}\n", low, mode,
                     high);
}

inline std::string normal(double mean, double sd)
{
  return fmt::format("distribution = \"normal\"\nmean = {:#}\nsd = {:#}\n", mean, sd);
}

inline std::string lognormal(double median, double sigma)
{
  return fmt::format("distribution = \"lognormal\"\nmedian = {:#}\nsigma = {:#}\n", median, sigma);
}

// The table of the uncertain input `id` of `parameter`, after a blank line: `distribution`
// is one of the above.
inline std::string uncertain(const std::string& id, const std::string& parameter,
                             const std::string& distribution)
{
  return fmt::format("\n[uncertainty.{}]\nparameter = \"{}\"\n{}", id, parameter, distribution);
}

} // namespace carecast::test
