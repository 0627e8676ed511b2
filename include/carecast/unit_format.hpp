#pragma once

// How a parameter's value reads in its unit, as text and as a spreadsheet's number
// format: rates, shares and fractions as percentages to 1 decimal, money a week in whole
// pounds a week, children in whole numbers, and amounts in the scenario's unit (£m, £k,
// £, with or without /yr) to 2 decimals; thousands separated by commas.

#include <string>

namespace carecast {

// "2.4%", "£4,459/week", "171", "£0.96m", "-£0.77m"; an amount in a unit that is not
// pounds puts the unit after it: "12.50 €m". Never a minus sign on a figure that rounds
// to 0.
std::string unit_text(double value, const std::string& unit);

// The same to six significant figures, so that a list of parameters shows 3.25% and 3.3%
// apart: "3.25%", "£4,459.5/week", "1,234", "£0.9625m".
std::string unit_text_in_full(double value, const std::string& unit);

// The same as an Excel number format: "0.0%", "\"£\"#,##0\"/week\"", "#,##0",
// "\"£\"#,##0.00\"m\"".
std::string unit_number_format(const std::string& unit);

} // namespace carecast
