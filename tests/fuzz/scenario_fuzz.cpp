// libFuzzer target: arbitrary text read as a scenario, and whatever loads evaluated
// deterministically, written out, and simulated with a few draws. A crash, a hang, a
// sanitizer report or an exception other than a diagnostic is a finding.
//
// The text is named as if it were a file in scenarios/, so that an `extends` in it
// reaches the shipped scenarios when the fuzzer runs from the repository root.

#include "carecast/evaluator.hpp"
#include "carecast/model.hpp"
#include "carecast/report.hpp"
#include "carecast/simulation.hpp"
#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string text(reinterpret_cast<const char*>(data), size);
  const carecast::ModelLoad loaded = carecast::read_model_text(text, "scenarios/fuzz_input.toml");
  for (const carecast::Diagnostic& diagnostic : loaded.diagnostics) {
    carecast::render(diagnostic, loaded.sources);
  }
  if (!loaded.model) {
    return 0;
  }
  const carecast::Model& model = *loaded.model;
  const carecast::Evaluator evaluator(model);
  evaluator.evaluate(model.values(), carecast::Period::month);
  const carecast::Outcome yearly = evaluator.evaluate(model.values());
  const carecast::Report report = carecast::compare_report(model, yearly, "fuzz_input");
  carecast::write_terminal(report, carecast::k_default_width);
  carecast::write_csv(report);
  carecast::write_json(report);

  carecast::SimulationSettings settings;
  settings.draws = 8;
  carecast::simulate(model, settings);
  return 0;
}
