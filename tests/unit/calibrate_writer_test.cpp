#include "carecast/calibrate_writer.hpp"

#include "carecast/writers.hpp"

#include <doctest/doctest.h>

using namespace carecast;

namespace {

// By hand: counts e, e^2, e^4 at 2019-03, 2020-03, 2021-03 fit ln N = 5/6 + 1.5 t.
Calibration hand_trend()
{
  const CalibrationResult result =
    calibrate_text("date,n,note\n2019-03,2.718281828459045,a\n2020-03,7.38905609893065,\n"
                   "2021-03,54.598150033144236,\n",
                   "history/hand.csv", "");
  REQUIRE(result.calibration.has_value());
  return *result.calibration;
}

bool contains(const std::string& text, std::string_view part)
{
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("Calibration CSV is tidy: parameters by address, statistics, then each date")
{
  const std::string csv = write_csv(hand_trend(), "");
  CHECK(csv.starts_with(std::string(k_csv_header) + "\n"));
  // e^1.5 - 1 = 3.48168907034 to 12 significant digits.
  CHECK(contains(csv, "\nhand,,all,ladder.entries.growth,value,3.48168907034\n"));
  CHECK(contains(csv, "\nhand,,all,n,slope,1.5\n"));
  CHECK(contains(csv, "\nhand,,all,n,points,3\n"));
  CHECK(contains(csv, "\nhand,,2020-03,n,observed,7.38905609893\n"));
  CHECK(contains(csv, "\nhand,,2021-03,n,residual,"));
  CHECK(contains(write_csv(hand_trend(), "demand"), "\nhand,,all,indices.demand.default,value,"));
}

TEST_CASE("Calibration JSON starts with the history, then its kind, rows and fragment")
{
  const std::string json = write_json(hand_trend(), "", "[ladder.entries]\n");
  CHECK(json.starts_with("{\n  \"history\": \"history/hand.csv\",\n"));
  CHECK_FALSE(contains(json, "\"scenario\""));
  CHECK(contains(json, "\"kind\": \"trend\""));
  CHECK(contains(json, "\"step_months\": null"));
  CHECK(contains(json, "{\"year\": \"all\", \"line\": \"n\", \"measure\": \"slope\", "
                       "\"value\": 1.5}"));
  CHECK(contains(json, "\"warnings\": []"));
  CHECK(contains(json, "\"fragment\": \"[ladder.entries]\\n\""));
}

TEST_CASE("The growth address names the care ladder's entries or an index")
{
  CHECK(growth_address("") == "ladder.entries.growth");
  CHECK(growth_address("demand") == "indices.demand.default");
}
