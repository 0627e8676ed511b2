#include "carecast/validate_report.hpp"

#include "test_scenarios.hpp"

#include <doctest/doctest.h>

using namespace carecast;

TEST_CASE("a valid scenario's check has its span and size, and no errors")
{
  // k_valid: 2021/22 to 2023/24, the line staffing and the option baseline.
  const ScenarioCheck check =
    scenario_check("test.toml", read_model_text(test::k_valid, "test.toml"));
  CHECK(check.valid);
  CHECK(check.file == "test.toml");
  CHECK(check.first_year == "2021/22");
  CHECK(check.last_year == "2023/24");
  CHECK(check.lines == 1);
  CHECK(check.options == 1);
  CHECK(check.errors.empty());
}

TEST_CASE("an invalid scenario's check has every problem, and no span or size")
{
  const ModelLoad loaded = read_model_text("[scenario]\nname = 1\n", "bad.toml");
  REQUIRE_FALSE(loaded.diagnostics.empty());
  const ScenarioCheck check = scenario_check("bad.toml", loaded);
  CHECK_FALSE(check.valid);
  CHECK(check.first_year.empty());
  CHECK(check.lines == 0);
  REQUIRE(check.errors.size() == loaded.diagnostics.size());
  CHECK(check.errors.front().message == loaded.diagnostics.front().message);
}
