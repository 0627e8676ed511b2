// libFuzzer target: arbitrary bytes read as a ledger of actuals, and a ledger that
// reads cleanly taken through the outturn of the shipped scenario's [ledger] and written
// out as `carecast outturn` writes it. Besides a crash, a hang or a sanitizer report, a
// finding is a broken promise (csv_fuzz.hpp): a figure that is not finite, a period
// outside the year, or a message that is not UTF-8 or carries a control character to
// the terminal. The fuzzer runs from the repository root, where the scenario is.

#include "csv_fuzz.hpp"

#include "carecast/ledger.hpp"
#include "carecast/model.hpp"
#include "carecast/outturn.hpp"
#include "carecast/outturn_writer.hpp"
#include "carecast/text_table.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace carecast::fuzz;

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
  carecast::write_terminal(outturn, carecast::k_default_width);
  carecast::write_csv(outturn);
  carecast::write_json(outturn);
  carecast::write_fragment(outturn);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  fuzz_ledger(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
