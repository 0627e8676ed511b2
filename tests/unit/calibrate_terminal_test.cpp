#include "carecast/calibrate_writer.hpp"
#include "carecast/text_table.hpp"

#include <doctest/doctest.h>

using namespace carecast;

namespace {

bool contains(const std::string& text, std::string_view part)
{
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("A trend is shown with its growth, fit statistics and residuals")
{
  // By hand: counts e, e^2, e^4 fit ln N = 5/6 + 1.5 t, so growth e^1.5 - 1 = 3.4817
  // (348.17%, as a rate reads) and R² = 27/28 = 0.9643; the fitted count at 2020-03 is
  // e^(7/3) = 10.31.
  const CalibrationResult result = calibrate_text(
    "date,n\n2019-03,2.718281828459045\n2020-03,7.38905609893065\n2021-03,54.598150033144236\n",
    "hand.csv", "");
  REQUIRE(result.calibration.has_value());
  const std::string text = write_terminal(*result.calibration, carecast::k_default_width);
  CHECK(text.starts_with("Trend of n in hand.csv\n"));
  CHECK(contains(text, "annual growth  348.17%"));
  CHECK(contains(text, "R²              0.9643"));
  CHECK(contains(text, "2020-03      7.39   10.31     -2.92\n"));
}
