#include "carecast/calibrate.hpp"
#include "carecast/calibrate_writer.hpp"
#include "carecast/csv_table.hpp"
#include "carecast/validate.hpp"

#include <atomic>
#include <chrono>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <variant>
#include <vector>

using namespace carecast;

namespace {

// A base scenario with the care ladder of the shipped example history's types. Its
// `[ladder.moves]` has a `source` and its entries a `growth`, so that a variant may set
// them.
const std::string k_base = R"([scenario]
name = "Base"
base_year = "2023/24"
horizon = "2025/26"
unit = "£m"

[indices.demand]
default = 0.03

[lines.placements]
name = "Placements"

[ladder]
line = "placements"
order = ["in_house_fostering", "ifa", "external_residential"]

[ladder.entries]
per_year = 240
growth = 0.03

[ladder.types.in_house_fostering]
weekly_cost = 420
children = 250
entry_share = 0.45
exit_rate = 0.20

[ladder.types.ifa]
weekly_cost = 850
children = 190
entry_share = 0.40
exit_rate = 0.15

[ladder.types.external_residential]
weekly_cost = 5000
children = 55
entry_share = 0.15
exit_rate = 0.25

[ladder.moves]
source = "Base rates"
in_house_fostering = [0.00, 0.02, 0.01]
ifa = [0.04, 0.00, 0.02]
external_residential = [0.02, 0.05, 0.00]

[options.base]
name = "Base"
)";

// A fresh directory holding the base scenario, removed at the end of the test.
class BaseDir
{
public:
  BaseDir()
  {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    m_path = std::filesystem::temp_directory_path()
             / ("carecast-fragment-test-" + std::to_string(stamp) + "-"
                + std::to_string(std::random_device{}()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(m_path);
    std::ofstream(m_path / "base.toml", std::ios::binary) << k_base;
  }
  ~BaseDir()
  {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  BaseDir(const BaseDir&) = delete;
  BaseDir& operator=(const BaseDir&) = delete;

  // The fragment as a variant of the base, read and validated.
  LoadResult variant(const std::string& fragment) const;
  std::filesystem::path base() const { return m_path / "base.toml"; }

private:
  std::filesystem::path m_path;
};

// The fragment as a variant of `base`, read and validated; every problem fails the test.
LoadResult variant_of(const std::filesystem::path& base, const std::string& fragment)
{
  LoadResult result =
    read_scenario_text("extends = \"" + base.filename().string() + "\"\n" + fragment,
                       (base.parent_path() / "calibrated_variant.toml").string());
  for (const Diagnostic& diagnostic : result.diagnostics) {
    FAIL_CHECK(render(diagnostic, result.sources));
  }
  return result;
}

LoadResult BaseDir::variant(const std::string& fragment) const
{
  return variant_of(base(), fragment);
}

Calibration calibration_of(const std::string& file, const std::string& column = "")
{
  const auto path = std::filesystem::path(__FILE__).parent_path() / "../../data" / file;
  CalibrationResult result = calibrate_file(path, column);
  REQUIRE(result.calibration.has_value());
  return std::move(*result.calibration);
}

bool contains(const std::string& text, std::string_view part)
{
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("A ladder fragment is a valid variant of a scenario with the same placement types")
{
  const Calibration calibration = calibration_of("example_ladder_history.csv");
  const auto& ladder = std::get<LadderCalibration>(calibration.fit);
  const std::string fragment = write_fragment(calibration, "");
  BaseDir base;
  const LoadResult result = base.variant(fragment);
  REQUIRE(result.scenario.has_value());
  const Ladder& loaded = *result.scenario->ladder;
  // Invariant: the values read back are the fitted ones to 6 significant digits.
  CHECK(loaded.entries_per_year.value == doctest::Approx(ladder.per_year).epsilon(1e-5));
  CHECK(loaded.moves[1].rates[0].value == doctest::Approx(ladder.annual.moves(1, 0)).epsilon(1e-5));
  CHECK(loaded.types[2].exit_rate.value == doctest::Approx(ladder.annual.exits(2)).epsilon(1e-5));
  CHECK(contains(loaded.types[0].entry_share.provenance.source, "carecast calibrate"));
  // The types keep the base's figures the history cannot give.
  CHECK(loaded.types[0].children.value == 250.0);
}

TEST_CASE("A trend fragment sets the entries growth, or an index's default rate")
{
  const Calibration calibration = calibration_of("doncaster_children_in_care.csv");
  const double growth = std::get<TrendCalibration>(calibration.fit).fit.growth();
  BaseDir base;
  SUBCASE("the care ladder's entries growth by default")
  {
    const std::string fragment = write_fragment(calibration, "");
    CHECK(contains(fragment, "\n[ladder.entries]\ngrowth = { value = "));
    const LoadResult result = base.variant(fragment);
    REQUIRE(result.scenario.has_value());
    CHECK(result.scenario->ladder->entry_growth->value == doctest::Approx(growth).epsilon(1e-5));
  }
  SUBCASE("an index's default rate with an index id")
  {
    const std::string fragment = write_fragment(calibration, "demand");
    CHECK(contains(fragment, "\n[indices.demand]\ndefault = { value = "));
    CHECK(contains(fragment, "log-linear least squares over 7 counts from 2012-03 to 2019-06"));
    const LoadResult result = base.variant(fragment);
    REQUIRE(result.scenario.has_value());
    CHECK(result.scenario->indices[0].default_rate->value == doctest::Approx(growth).epsilon(1e-5));
  }
}

TEST_CASE("Fragment keys that are not bare TOML keys are quoted")
{
  const Calibration calibration = calibration_of("doncaster_children_in_care.csv");
  CHECK(contains(write_fragment(calibration, "looked after"), "\n[indices.\"looked after\"]\n"));
}

TEST_CASE("Entry shares as written add up to 1 within the format's tolerance")
{
  // By hand: shares of 1/3 each, written to 6 digits as 0.333333, would add up to
  // 0.999999; the largest takes up the rounding and is written 0.333334.
  Calibration calibration = calibration_of("example_ladder_history.csv");
  auto& ladder = std::get<LadderCalibration>(calibration.fit);
  ladder.shares.setConstant(1.0 / 3.0);
  const std::string fragment = write_fragment(calibration, "");
  double sum = 0.0;
  for (std::size_t at = fragment.find("entry_share = { value = "); at != std::string::npos;
       at = fragment.find("entry_share = { value = ", at + 1)) {
    const std::size_t start = at + std::string_view("entry_share = { value = ").size();
    sum += *parse_number(fragment.substr(start, fragment.find(',', start) - start));
  }
  CHECK(std::abs(sum - 1.0) < 1e-9);
}

TEST_CASE("Every fragment calibrate writes for the shipped histories and the fixtures validates")
{
  // calibrate writes only what validation accepts: each history's fit is refused, or
  // its fragment extends a scenario into one that validates. Trends extend the shipped
  // DCST scenario (the entries' growth, or the demand index's default rate); the ladder
  // the base above, which has the example history's placement types.
  const auto root = std::filesystem::path(__FILE__).parent_path() / "../..";
  std::vector<std::filesystem::path> histories{root / "data/doncaster_children_in_care.csv",
                                               root / "data/example_ladder_history.csv"};
  for (const char* folder : {"tests/golden", "tests/broken"}) {
    for (const auto& entry : std::filesystem::directory_iterator(root / folder)) {
      if (entry.path().filename().string().starts_with("history_")) {
        histories.push_back(entry.path());
      }
    }
  }
  const BaseDir base;
  int written = 0;
  int refused = 0;
  for (const auto& history : histories) {
    CAPTURE(history);
    const CalibrationResult result = calibrate_file(history, "");
    if (!result.calibration) {
      continue; // a history with mistakes has no fit at all
    }
    if (!result.calibration->refusals.empty()) {
      ++refused;
      continue;
    }
    if (std::holds_alternative<LadderCalibration>(result.calibration->fit)) {
      ++written;
      CHECK(base.variant(write_fragment(*result.calibration, "")).scenario.has_value());
      continue;
    }
    for (const char* index : {"", "demand"}) {
      ++written;
      const LoadResult variant =
        variant_of(root / "scenarios/dcst_2022.toml", write_fragment(*result.calibration, index));
      CHECK(variant.scenario.has_value());
    }
  }
  CHECK(written == 3);
  CHECK(refused == 3);
}
