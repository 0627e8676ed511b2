#pragma once

// Charts for the terminal, drawn with Unicode block characters (or ASCII), to a given
// width, in colour only when asked: the options' cost trajectories, a tornado and a
// Monte Carlo fan. Each chart starts with a blank line and a title and ends with a
// newline; an empty string when there is nothing to draw.

#include "carecast/report.hpp"
#include "carecast/sensitivity_writer.hpp"
#include "carecast/simulation_writer.hpp"
#include "carecast/text_table.hpp"

#include <string>

namespace carecast {

struct ChartStyle
{
  int width = static_cast<int>(k_default_width); // columns the tables and charts may use
  bool unicode = true; // block characters; false: ASCII only
  bool colour = false; // ANSI colours, one per option
};

// The width text is laid out to: `columns` (the environment's COLUMNS, null when unset)
// when it is a number, else `terminal_width` (the terminal's, 0 when unknown), else 80;
// clamped to 40-400.
std::size_t output_width(int terminal_width, const char* columns);

// The style for an output: `terminal` when it goes to one, `terminal_width` its width
// (0 when unknown), `columns` and `no_color` the environment's COLUMNS and NO_COLOR
// (null when unset), `color` auto, always or never. The width is output_width's (the
// terminal's only when the output goes to it); colour is on when asked always, or on a
// terminal for auto unless NO_COLOR is set and not empty.
ChartStyle chart_style(bool terminal, int terminal_width, const char* columns, const char* no_color,
                       bool ascii, const std::string& color);

// A compare report's total cost per option and year: a bar per option within each year,
// on one scale from zero, with its value.
std::string trajectory_chart(const Report& compare, const ChartStyle& style);

// The tornado: one bar per parameter from the change of the metric at its low value to
// the change at its high value, falls left of the base and rises right, largest swing
// first (the bars the table shows), each labelled, a long label wrapped beside it.
std::string tornado_chart(const SensitivityReport& report, const ChartStyle& style);

// Each option's fan: per year, P5 to P95 lightly shaded, P10 to P90 darker and the
// median marked, on one scale for all options.
std::string fan_chart(const SimulationReport& report, const ChartStyle& style);

} // namespace carecast
