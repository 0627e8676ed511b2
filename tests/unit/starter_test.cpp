#include "carecast/starter.hpp"

#include "carecast/model.hpp"
#include "carecast/validate.hpp"
#include "carecast/output.hpp"

#include "temp_dir.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace carecast;

namespace {

LoadResult read_starter()
{
  return read_scenario_text(std::string(starter_scenario()), "starter.toml");
}

std::string read(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("the starter validates with no diagnostics")
{
  const LoadResult result = read_starter();
  for (const Diagnostic& diagnostic : result.diagnostics) {
    FAIL_CHECK(render(diagnostic, result.sources));
  }
  CHECK(result.diagnostics.empty());
  CHECK(result.scenario.has_value());
}

TEST_CASE("the starter shows every overlay type")
{
  const LoadResult result = read_starter();
  REQUIRE(result.scenario.has_value());
  std::set<OverlayKind> kinds;
  for (const Option& option : result.scenario->options) {
    for (const Overlay& overlay : option.overlays) {
      kinds.insert(overlay.kind);
    }
  }
  CHECK(kinds.count(OverlayKind::recurring) == 1);
  CHECK(kinds.count(OverlayKind::one_off) == 1);
  CHECK(kinds.count(OverlayKind::saving) == 1);
  CHECK(kinds.count(OverlayKind::stop_line) == 1);
  CHECK(kinds.count(OverlayKind::index_rate) == 1);
}

TEST_CASE("the starter has a baseline without overlays and an option that extends another")
{
  const LoadResult result = read_starter();
  REQUIRE(result.scenario.has_value());
  const std::vector<Option>& options = result.scenario->options;
  REQUIRE(!options.empty());
  CHECK(options.front().overlays.empty());
  CHECK(std::any_of(options.begin(), options.end(),
                    [](const Option& option) { return option.extends.has_value(); }));
}

// The starter labels every number with `assumption` rather than leaving a comment to
// replace it, so the model can check them all.
TEST_CASE("every number in the starter has a source or an assumption")
{
  const LoadResult result = read_starter();
  REQUIRE(result.scenario.has_value());
  const Model model(*result.scenario);
  REQUIRE(!model.parameters().empty());
  for (const Parameter& parameter : model.parameters()) {
    CAPTURE(parameter.path);
    CHECK((!parameter.provenance.source.empty() || !parameter.provenance.assumption.empty()));
  }
}

TEST_CASE("the starter is the same text when written to a file and read back from it")
{
  const TempDir dir;
  const std::filesystem::path path = dir.path() / "starter.toml";
  write_file_atomically(path, std::string(starter_scenario()));
  CHECK(read(path) == starter_scenario());
  const LoadResult result = read_scenario(path);
  CHECK(result.diagnostics.empty());
  CHECK(result.scenario.has_value());
}
