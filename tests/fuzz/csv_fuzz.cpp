// libFuzzer target: arbitrary bytes read as a history to calibrate and as actuals to
// back-test against, and whatever reads written out as the commands write it (a ledger
// has its own target, ledger_fuzz.cpp, as its outturn costs far more a run). Besides a
// crash, a hang or a sanitizer report, a finding is a broken promise of the readers
// (csv_fuzz.hpp): a figure read that is not finite, a fragment that is not TOML, or a
// message that is not UTF-8 or carries a control character to the terminal.

#include "csv_fuzz.hpp"

#include "carecast/actuals.hpp"
#include "carecast/calibrate.hpp"
#include "carecast/calibrate_writer.hpp"
#include "carecast/text_table.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <toml++/toml.h>

namespace {

using namespace carecast::fuzz;

bool is_toml(const std::string& text)
{
  try {
    static_cast<void>(toml::parse(text));
    return true;
  } catch (const toml::parse_error&) {
    return false;
  }
}

void fuzz_history(const std::string& text)
{
  const carecast::CalibrationResult result = carecast::calibrate_text(text, k_file, "");
  require_rendered(result.diagnostics, result.warnings, result.sources);
  if (!result.calibration) {
    return;
  }
  const carecast::Calibration& calibration = *result.calibration;
  require_rendered(calibration.refusals, calibration.warnings, result.sources);
  const carecast::CalibrationReport report{calibration, "", ""};
  carecast::write_terminal(report, carecast::k_default_width);
  carecast::write_csv(report);
  carecast::write_json(report);
  if (calibration.refusals.empty()) {
    require(is_toml(carecast::write_fragment(calibration, "")),
            "a calibration without refusals writes a fragment that is TOML");
  }
}

void fuzz_actuals(const std::string& text)
{
  const carecast::ActualsResult result = carecast::read_actuals_text(text, k_file);
  require_rendered(result.diagnostics, result.warnings, result.sources);
  for (const carecast::Actual& actual : result.actuals) {
    // Its percent error, 100 x error / actual, is a number.
    require(std::isfinite(100.0 / std::abs(actual.value)) && std::isfinite(100.0 * actual.value),
            "an actual read gives a finite percent error");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz_history(text);
  fuzz_actuals(text);
  return 0;
}
