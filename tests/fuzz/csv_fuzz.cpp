// libFuzzer target: arbitrary bytes read as each CSV file carecast takes, a history to
// calibrate, actuals to back-test against and a ledger, and whatever reads written out
// as the commands write it; a ledger's entries also go through the outturn of the
// shipped scenario's [ledger]. Besides a crash, a hang or a sanitizer report, a finding
// is a broken promise of the readers: a figure read that is not finite, a fragment that
// is not TOML, or a message that is not UTF-8 or carries a control character to the
// terminal. The fuzzer runs from the repository root, where the scenario is.

#include "carecast/actuals.hpp"
#include "carecast/calibrate.hpp"
#include "carecast/calibrate_writer.hpp"
#include "carecast/ledger.hpp"
#include "carecast/model.hpp"
#include "carecast/outturn.hpp"
#include "carecast/outturn_writer.hpp"
#include "carecast/windows_1252.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <toml++/toml.h>

namespace {

const std::string k_file = "fuzz_input.csv";

// A broken promise stops the run as a crash does, so libFuzzer keeps the input.
void require(bool holds, const char* promise)
{
  if (!holds) {
    std::fprintf(stderr, "csv_fuzz: broken promise: %s\n", promise);
    std::abort();
  }
}

// What carecast prints is UTF-8, and no control character but a line end or a tab
// reaches the terminal from an input.
void require_shown(const std::string& text)
{
  require(!carecast::first_invalid_utf8(text), "a message is UTF-8");
  require(std::none_of(
            text.begin(), text.end(),
            [](char c) { return c != '\n' && c != '\t' && carecast::is_control_character(c); }),
          "a message has no control characters");
}

void require_rendered(const std::vector<carecast::Diagnostic>& diagnostics,
                      const std::vector<carecast::Diagnostic>& warnings,
                      const carecast::SourceFiles& sources)
{
  for (const carecast::Diagnostic& diagnostic : diagnostics) {
    require_shown(carecast::render(diagnostic, sources));
  }
  for (const carecast::Diagnostic& warning : warnings) {
    require_shown(carecast::render_warning(warning));
  }
}

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
  carecast::write_terminal(report);
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

void fuzz_ledger(const std::string& text)
{
  static const carecast::ModelLoad scenario = carecast::read_model("scenarios/dcst_2022.toml");
  require(scenario.model != nullptr, "the fuzzer runs from the repository root");
  carecast::LedgerResult ledger = carecast::read_ledger_text(text, k_file);
  require_rendered(ledger.diagnostics, ledger.warnings, ledger.sources);
  for (const carecast::LedgerEntry& entry : ledger.entries) {
    require(std::isfinite(entry.amount) && std::isfinite(entry.committed)
              && std::isfinite(entry.children),
            "a ledger's figures read are finite");
    require(entry.period >= 1 && entry.period <= 12, "a ledger's period is from 1 to 12");
  }
  if (!ledger.diagnostics.empty() || ledger.entries.empty()) {
    return;
  }
  const carecast::OutturnResult result =
    carecast::outturn(*scenario.model, ledger.entries, {0, std::nullopt, k_file, "dcst_2022"});
  carecast::SourceFiles sources = ledger.sources;
  for (const auto& [name, source] : scenario.sources.texts()) {
    sources.add(name, source);
  }
  require_rendered(result.diagnostics, {}, sources);
  if (!result.outturn) {
    return;
  }
  const carecast::Outturn& outturn = *result.outturn;
  require(std::isfinite(outturn.total.forecast_outturn) && std::isfinite(outturn.total.variance)
            && std::isfinite(outturn.reconciliation.ledger_total),
          "an outturn's figures are finite");
  carecast::write_terminal(outturn);
  carecast::write_csv(outturn);
  carecast::write_json(outturn);
  carecast::write_fragment(outturn);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz_history(text);
  fuzz_actuals(text);
  fuzz_ledger(text);
  return 0;
}
