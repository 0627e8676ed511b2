// Where things go on a workbook's sheets: chart axes near their data, wrapped text's
// lines and the page breaks that keep blocks whole.

#include "carecast/sheet_layout.hpp"

#include <doctest/doctest.h>
#include <vector>

using carecast::axis_range;
using carecast::AxisRange;
using carecast::PagePlan;
using carecast::wrapped_lines;

TEST_CASE("the DCST Summary's axis runs from 55 to 85 in steps of 5")
{
  // By hand: the budget's 58.17 (2021/22) to contract management's 82.55 (2026/27) is a
  // span of 24.38; a sixth of it is 4.06, so the step is 5 (1 and 2 are too small); 55
  // and 85 are the multiples of 5 just outside the data.
  const AxisRange axis = axis_range(58.17, 82.55);
  CHECK(axis.min == 55.0);
  CHECK(axis.max == 85.0);
  CHECK(axis.step == 5.0);
  CHECK(axis.decimals == 0);
}

TEST_CASE("a small span gets a decimal step, and its bounds come out as written")
{
  // By hand: 0.012 to 0.047 spans 0.035; a sixth is 0.0058, above 0.005, so the step is
  // 0.01, from 0.01 to 0.05, with two decimals on the labels.
  const AxisRange axis = axis_range(0.012, 0.047);
  CHECK(axis.min == 0.01);
  CHECK(axis.max == 0.05);
  CHECK(axis.step == 0.01);
  CHECK(axis.decimals == 2);
  // 0.6 is three steps of 0.2, not 0.6000000000000001.
  CHECK(axis_range(0.61, 1.59).min == 0.6);
}

TEST_CASE("a flat series gets a step either side, and the bounds' order does not matter")
{
  const AxisRange flat = axis_range(5.0, 5.0);
  CHECK(flat.min == 4.0);
  CHECK(flat.max == 6.0);
  const AxisRange swapped = axis_range(82.55, 58.17);
  CHECK(swapped.min == 55.0);
  CHECK(swapped.max == 85.0);
}

TEST_CASE("an axis holds its data in at most eight steps, its bounds multiples of the step")
{
  const std::vector<std::pair<double, double>> cases{
    {58.17, 82.55}, {0.0, 1.0}, {-3.2, 4.1}, {307.95, 352.92}, {1e-4, 3e-4}, {1200.0, 1201.0}};
  for (const auto& [low, high] : cases) {
    CAPTURE(low);
    CAPTURE(high);
    const AxisRange axis = axis_range(low, high);
    CHECK(axis.min <= low);
    CHECK(axis.max >= high);
    const double steps = (axis.max - axis.min) / axis.step;
    CHECK(steps <= 8.0 + 1e-9);
    CHECK(steps >= 2.0 - 1e-9);
  }
}

TEST_CASE("wrapped text fills each line with whole words")
{
  CHECK(wrapped_lines("", 10.0) == 1);
  // A column 20 digits wide holds 23 characters of prose. By hand: "CMA children's
  // social" is 21 characters, and "care" would make 26, so "care market study" (17)
  // starts a second line.
  CHECK(wrapped_lines("CMA children's social care market study", 20.0) == 2);
  // A word longer than a line fills lines of its own: 27 characters at 11 a line.
  CHECK(wrapped_lines("scenarios/dcst_2022.toml:24", 10.0) == 3);
  // Characters, not bytes: four pound signs are four characters, 8 bytes.
  CHECK(wrapped_lines("££££", 3.0) == 2);
}

TEST_CASE("a block that would run past a page's end starts the next page")
{
  PagePlan pages(28);
  pages.keep_together(1, 10);  // rows 1 to 10
  pages.keep_together(12, 10); // to 21
  pages.keep_together(23, 10); // to 32: past row 28, the first page's last
  pages.keep_together(34, 5);  // 23 to 38 is 16 rows, on the second page
  CHECK(pages.breaks() == std::vector<int>{23});
}

TEST_CASE("a block taller than a page starts one, and the block after it starts another")
{
  PagePlan pages(28);
  pages.keep_together(1, 40);
  pages.keep_together(42, 3);
  CHECK(pages.breaks() == std::vector<int>{42});
  pages.break_before(42); // already a page's first row
  pages.break_before(50);
  CHECK(pages.breaks() == std::vector<int>{42, 50});
}
