#include "common.hpp"

#include "carecast/ledger.hpp"
#include "carecast/outturn.hpp"
#include "carecast/outturn_writer.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <iostream>

namespace carecast::cli {
namespace {

struct OutturnOptions
{
  std::string scenario;
  std::string actuals;
  std::optional<int> period;
  std::string option;
  std::string previous;
  SamplingOptions sampling;
  const CLI::Option* draws = nullptr; // --draws, to tell whether it was given
  OutputOptions output;
};

bool names_fragment(const std::string& path)
{
  std::string extension = file_path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".toml";
}

// The outturn of one ledger file; nothing after printing every problem with it.
// An outturn with the ledger entries it was worked out from, which its band draws from.
struct LedgerOutturn
{
  Outturn outturn;
  std::vector<LedgerEntry> entries;
};

std::optional<LedgerOutturn> outturn_of(const LoadedScenario& loaded, const std::string& file,
                                        const OutturnSettings& settings,
                                        RunProvenance& provenance)
{
  LedgerResult ledger = read_ledger_file(file_path(file));
  provenance.add_inputs(ledger.sources);
  if (!ledger.diagnostics.empty()) {
    print_problems(std::move(ledger.diagnostics), ledger.sources);
    return std::nullopt;
  }
  OutturnSettings with_file = settings;
  with_file.actuals_file = file;
  OutturnResult result = outturn(*loaded.model, ledger.entries, with_file);
  if (!result.diagnostics.empty()) {
    SourceFiles sources = ledger.sources;
    for (const auto& [name, text] : loaded.sources.texts()) {
      sources.add(name, text);
    }
    print_problems(std::move(result.diagnostics), sources);
    return std::nullopt;
  }
  print_warnings(ledger.warnings); // only once all is good, so that errors come first
  return LedgerOutturn{std::move(*result.outturn), std::move(ledger.entries)};
}

// The earlier forecast: an outturn's CSV, or an earlier extract of the ledger, whose
// outturn is worked out to its own last period.
std::optional<Outturn> previous_outturn(const LoadedScenario& loaded,
                                        const OutturnOptions& options,
                                        const OutturnSettings& settings,
                                        RunProvenance& provenance)
{
  const CsvResult csv = read_csv_file(file_path(options.previous));
  if (!is_outturn_csv(csv)) {
    OutturnSettings earlier = settings;
    earlier.period.reset();
    std::optional<LedgerOutturn> previous = outturn_of(loaded, options.previous, earlier, provenance);
    if (!previous) {
      return std::nullopt;
    }
    return std::move(previous->outturn);
  }
  provenance.add_inputs(csv.sources);
  OutturnResult result = read_outturn_csv(csv);
  if (!result.diagnostics.empty()) {
    print_problems(std::move(result.diagnostics), csv.sources);
    return std::nullopt;
  }
  print_warnings(csv.warnings);
  return std::move(result.outturn);
}

// The earlier forecast, which must be of the same option and year, to an earlier period.
bool add_previous(Outturn& now, const LoadedScenario& loaded, const OutturnOptions& options,
                  const OutturnSettings& settings, RunProvenance& provenance)
{
  const std::optional<Outturn> previous = previous_outturn(loaded, options, settings, provenance);
  if (!previous) {
    return false;
  }
  if (previous->option != now.option) {
    throw UsageError(fmt::format("--previous {}: it forecasts option {}, not {}; give --option {} "
                                 "or an earlier forecast of {}",
                                 options.previous, previous->option, now.option, previous->option,
                                 now.option));
  }
  if (previous->year != now.year || previous->period > now.period) {
    throw UsageError(fmt::format(
      "--previous {}: its actuals run to period {} of {}, not to an earlier period of {}, so it "
      "is not an earlier forecast of this outturn (period {})",
      options.previous, previous->period, to_string(previous->year), to_string(now.year),
      now.period));
  }
  add_movement(now, *previous, options.previous);
  return true;
}

ExitCode run_outturn(OutturnOptions options, RunProvenance& provenance)
{
  std::string fragment;
  if (names_fragment(options.output.path)) {
    fragment = std::exchange(options.output.path, {});
  }
  if (options.output.format == Format::xlsx) {
    require_workbook_path(options.output);
  }
  const auto loaded = load(options.scenario, provenance);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const Model& model = *loaded->model;
  if (model.ledger().lines.empty()) {
    throw UsageError(fmt::format("{} has no [ledger] section mapping the ledger's cost codes to "
                                 "its lines, so it cannot read actuals (docs/outturn.md)",
                                 options.scenario));
  }
  refuse_draws_without_inputs(model, *options.draws, options.scenario, "outturn has no band");
  const int option = options.option.empty() ? 0 : option_index(model, options.option, "--option");
  const OutturnSettings settings{option, options.period, options.actuals, loaded->id};
  std::optional<LedgerOutturn> read = outturn_of(*loaded, options.actuals, settings, provenance);
  if (!read) {
    return ExitCode::invalid_input;
  }
  Outturn& result = read->outturn;
  if (!options.previous.empty() && !add_previous(result, *loaded, options, settings, provenance)) {
    return ExitCode::invalid_input;
  }
  if (options.draws->count() > 0) {
    const SimulationSettings simulation =
      simulation_settings(options.sampling, "outturn",
                          static_cast<std::int64_t>(result.lines.size()) + 1, provenance);
    if (!report_problems(add_bands(result, model, read->entries, simulation), *loaded)) {
      return ExitCode::invalid_input;
    }
  }
  if (!fragment.empty()) {
    refuse_input(fragment, provenance);
    write_file_atomically(fragment, write_fragment(result));
  }
  emit(&result, options.output, provenance);
  return ExitCode::success;
}

} // namespace

Command register_outturn(CLI::App& app)
{
  auto options = std::make_shared<OutturnOptions>();
  CLI::App* command = app.add_subcommand(
    "outturn", "Forecast the year's outturn from the ledger's actuals to a period: budget, "
               "actual, forecast, variance, RAG and movement per line");
  command->footer(
    "Examples:\n"
    "  carecast outturn scenarios/dcst_2022.toml --actuals data/dcst_ledger_2021_22.csv "
    "--period 9\n"
    "  carecast outturn scenarios/dcst_2022.toml --actuals data/dcst_ledger_2021_22.csv "
    "--previous data/dcst_ledger_2021_22_p06.csv -o outturn.xlsx\n"
    "  carecast outturn scenarios/dcst_2022.toml --actuals data/dcst_ledger_2021_22.csv "
    "-o base_year.toml");
  command->add_option("scenario", options->scenario, "Scenario file (TOML) with a [ledger] section")
    ->required();
  command
    ->add_option("--actuals", options->actuals,
                 "Ledger file (CSV: year and period or month, code, amount; docs/outturn.md)")
    ->required()
    ->type_name("FILE");
  add_number_option(*command, "--period", options->period,
                    "The last period of actuals used, 1 (April) to 12 (March) (default: the "
                    "file's last)",
                    WholeRange<int>{1, k_periods_per_year, "1 is April, 12 is March"});
  add_option_id_flag(*command, options->option);
  command
    ->add_option("--previous", options->previous,
                 "An earlier forecast, as outturn's CSV or an earlier extract of the ledger: "
                 "each line's movement since")
    ->type_name("FILE");
  options->draws = add_sampling_options(*command, options->sampling, 2000);
  add_output_options(*command, options->output, true);
  return {command,
          [options](RunProvenance& provenance) { return run_outturn(*options, provenance); }};
}

} // namespace carecast::cli
