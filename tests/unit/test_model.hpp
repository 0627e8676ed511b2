#pragma once

// Shared by the unit tests: a Model from inline TOML, and the shipped DCST scenario.

#include "carecast/model.hpp"
#include "carecast/validate.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <string>

namespace carecast::test {

// Reads and validates a scenario written inline; fails the test unless it is valid.
inline Model model_from(const std::string& toml)
{
  LoadResult result = read_scenario_text(toml, "test.toml");
  for (const Diagnostic& diagnostic : result.diagnostics) {
    FAIL_CHECK(render(diagnostic, result.sources));
  }
  REQUIRE(result.scenario.has_value());
  return Model(*result.scenario);
}

inline std::filesystem::path dcst_path()
{
  return std::filesystem::path(__FILE__).parent_path() / "../../scenarios/dcst_2022.toml";
}

inline Model dcst_model()
{
  LoadResult result = read_scenario(dcst_path());
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.scenario.has_value());
  return Model(*result.scenario);
}

} // namespace carecast::test
