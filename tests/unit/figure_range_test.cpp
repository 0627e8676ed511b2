#include "carecast/figure_range.hpp"

#include <doctest/doctest.h>
#include <limits>

using namespace carecast;

TEST_CASE("An annual rate is strictly between -1 and 1")
{
  CHECK(k_annual_rate.holds(0.035));
  CHECK(k_annual_rate.holds(-0.999));
  CHECK(!k_annual_rate.holds(1.0));
  CHECK(!k_annual_rate.holds(-1.0));
  CHECK(!k_annual_rate.holds(3.5));
  CHECK(k_annual_rate.text() == "between -1 and 1");
}

TEST_CASE("A fraction is between 0 and 1, both ends included")
{
  CHECK(k_fraction.holds(0.0));
  CHECK(k_fraction.holds(1.0));
  CHECK(!k_fraction.holds(-1e-12));
  CHECK(!k_fraction.holds(1.000001));
  CHECK(k_fraction.text() == "between 0 and 1");
}

TEST_CASE("A count is 0 or more, and finite")
{
  CHECK(k_non_negative.holds(0.0));
  CHECK(k_non_negative.holds(1e300));
  CHECK(!k_non_negative.holds(-1.0));
  CHECK(k_non_negative.text() == "0 or more");
}

TEST_CASE("No range holds a value that is not a finite number")
{
  const double infinity = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const FigureRange& range : {k_annual_rate, k_fraction, k_non_negative}) {
    CHECK(!range.holds(infinity));
    CHECK(!range.holds(-infinity));
    CHECK(!range.holds(nan));
  }
}
