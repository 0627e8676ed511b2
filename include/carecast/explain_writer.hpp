#pragma once

// Writers of an explanation: a readable breakdown, or CSV/JSON rows with the key,
// place and source of every term.

#include "carecast/explain_report.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace carecast {

std::string write_terminal(const ExplainReport& report, std::size_t width);
// The tidy CSV header followed by term,key,location,note.
std::string write_csv(const ExplainReport& report);
std::string write_json(const ExplainReport& report);

// One column of a waterfall chart of an explanation, drawn as stacked columns: a
// movement's bar stands on an unfilled base at the running total before it; an
// opening or closing figure (the total of a figure's own explanation) is a full
// column from zero.
struct WaterfallColumn
{
  std::string label;  // the chart's category: the term's caption, with its line if needed
  double value = 0.0; // the movement, or the full column's figure
  bool full = false;
  // The stacked parts. Above zero a bar spans base to base + bar; below zero base and
  // bar are negative, stacked down from zero. A bar that crosses zero stands on zero,
  // with its part above zero in `bar` and the part below in `below`.
  double base = 0.0;
  double bar = 0.0;
  double below = 0.0;
};

// The columns of `report`: its opening figure (a bridge's), each term in order, and
// the closing figure, or the total. A caption that names two terms is told apart by
// their lines.
std::vector<WaterfallColumn> waterfall(const ExplainReport& report);

} // namespace carecast
