#pragma once

// Where things go on a workbook's sheets for reading and printing: a chart's value
// axis that starts near its data, and the page breaks that keep a table's block or a
// chart whole on a printed page.

#include <string_view>
#include <vector>

namespace carecast {

// A value axis from `min` to `max` with gridlines every `step`.
struct AxisRange
{
  double min = 0.0;
  double max = 0.0;
  double step = 0.0;
  int decimals = 0; // the decimals its labels need: none for a step of 5, one for 0.2
};

// The axis for data from `low` to `high`: the least step of 1, 2 or 5 times a power of
// ten that covers the data in at most six steps, with `min` and `max` the multiples of
// the step at or below `low` and at or above `high`, so that the data fill the chart
// rather than sitting in a band far from 0.
AxisRange axis_range(double low, double high);

// Characters of prose a column holds for each digit of its width: letters and spaces
// are narrower than the digits a column's width counts, by about a fifth in the
// default font; a little less is assumed, so that a row is never too short.
inline constexpr double k_prose_per_digit = 1.15;

// The lines `text` takes wrapped at its spaces in a column `width` digits wide, each
// line holding `width` × k_prose_per_digit characters; a word longer than a line takes
// the lines it fills. At least 1.
int wrapped_lines(std::string_view text, double width);

// Rows of the default height (15 points) a printed page holds below the header row
// repeated on it, in landscape on A4 at full size with margins of 0.75 inch above and
// below: 487 points hold 32 rows, the header and 31 more, less one to spare. A sheet
// printed one page wide is only ever shrunk, so its pages hold at least this many.
inline constexpr int k_page_rows = 30;

// The page breaks of a sheet whose header is row 0, printed with that row repeated on
// every page.
class PagePlan
{
public:
  explicit PagePlan(int page_rows = k_page_rows);

  // Keeps the `rows` rows from `row` on one page: a break before `row` when they
  // would run past the end of the page they start on. A block taller than a page
  // starts a page and spills over; the block after it starts another.
  void keep_together(int row, int rows);
  // A break before `row`, unless the page starts there already.
  void break_before(int row);
  // The rows that start a page, in order.
  const std::vector<int>& breaks() const { return m_breaks; }

private:
  int m_page_rows;
  int m_page_start = 1; // the first row of the current page; -1 when unknown
  std::vector<int> m_breaks;
};

} // namespace carecast
