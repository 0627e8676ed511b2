#pragma once

// Shared by the unit tests: a Model from inline TOML, the shipped DCST scenario, and the
// diagnostics of inline TOML that validation is expected to accept or refuse.

#include "carecast/model.hpp"
#include "carecast/validate.hpp"

#include "test_scenarios.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <string>

namespace carecast::test {

// Reads, validates and compiles a scenario written inline, through read_model_text, which
// also checks the uncertain inputs' addresses; fails the test unless it is valid.
inline Model model_from(const std::string& toml)
{
  ModelLoad loaded = read_model_text(toml, "test.toml");
  for (const Diagnostic& diagnostic : loaded.diagnostics) {
    FAIL_CHECK(render(diagnostic, loaded.sources));
  }
  REQUIRE(loaded.model);
  return std::move(*loaded.model);
}

// A file shipped under data/.
inline std::filesystem::path data_file(const std::string& name)
{
  return std::filesystem::path(__FILE__).parent_path() / "../../data" / name;
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

// Reads and validates a scenario written inline, as test.toml.
inline LoadResult check(const std::string& text)
{
  return read_scenario_text(text, "test.toml");
}

// k_valid with more tables after it.
inline LoadResult check_with(const std::string& extra)
{
  return check(k_valid + extra);
}

// Every diagnostic rendered with its source line and a caret, for INFO.
inline std::string rendered(const LoadResult& result)
{
  std::string text;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    text += render(diagnostic, result.sources);
  }
  return text;
}

// The one problem of a scenario, which is therefore not given back.
inline Diagnostic only_problem(const LoadResult& result)
{
  INFO(rendered(result));
  REQUIRE(result.diagnostics.size() == 1);
  CHECK_FALSE(result.scenario);
  return result.diagnostics.front();
}

// The problem whose message is `message`, among others.
inline Diagnostic problem_with(const LoadResult& result, const std::string& message)
{
  INFO(rendered(result));
  CHECK_FALSE(result.scenario);
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.message == message) {
      return diagnostic;
    }
  }
  FAIL("no problem with the message: ", message);
  return {};
}

// A scenario without problems, which is therefore given back.
inline void check_valid(const LoadResult& result)
{
  INFO(rendered(result));
  CHECK(result.diagnostics.empty());
  CHECK(result.scenario);
}

// Whether a problem's message says `text` somewhere; the message is shown when it does not.
inline bool mentions(const Diagnostic& diagnostic, const std::string& text)
{
  INFO(diagnostic.message);
  return diagnostic.message.find(text) != std::string::npos;
}

} // namespace carecast::test
