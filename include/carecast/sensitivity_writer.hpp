#pragma once

// A sensitivity analysis as text: the tornado and the switching values.

#include "carecast/sensitivity_report.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace carecast {

// CSV header: scenario,metric,subject,kind,parameter,label,unit,input,range,base_value,
// low_value,high_value,metric_low,metric_high,swing,preferred,switching_value,
// becomes_cheapest,range_low,range_high; `kind` is `tornado` (range to swing filled) or
// `switching` (preferred to range_high filled; switching_value and becomes_cheapest
// empty when there is none within range); `input` names the parameter's uncertain
// input, if any, and `range` is the bar's: "P10–P90" or "±10%". Values are unrounded,
// in the parameter's unit.
std::string write_csv(const SensitivityReport& report);
std::string write_json(const SensitivityReport& report);
// The bars that move the metric, largest first, and the parameters that switch the
// ranking, each by its label, wrapped so that the tables fit in 80 columns; values in
// their unit (unit_format.hpp), amounts to 2 decimals.
std::string write_terminal(const SensitivityReport& report, std::size_t width);

// A bar's range: "P10–P90" for an uncertain input, else the swing, such as "±10%".
std::string range_text(const TornadoBar& bar, double swing_share);

// What a tornado of a scenario without uncertain inputs says about it; empty otherwise.
std::string tornado_note(const Sensitivity& sensitivity);

// A label in lines of at most `width` columns, broken between words (a word longer than
// a line after its last dot that fits, or within it), the lines after the first
// indented by 2.
std::vector<std::string> label_lines(const std::string& label, std::size_t width);

} // namespace carecast
