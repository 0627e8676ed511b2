#include "common.hpp"

#include "carecast/explain.hpp"

#include <fmt/format.h>

namespace carecast::cli {
namespace {

struct ExplainOptions
{
  std::string scenario;
  std::string year;
  std::string from;
  std::string to;
  std::string option;
  std::string vs;
  std::string line;
  std::string measure = "cost";
  OutputOptions output;
};

int year_index(const Model& model, const std::string& text, std::string_view flag)
{
  const std::optional<FinancialYear> year = parse_financial_year(text);
  const std::optional<int> index = year ? model.grid().year_index(*year) : std::nullopt;
  if (!index) {
    throw UsageError(fmt::format("{} {}: not a financial year of the scenario ({} to {})", flag,
                                 text, to_string(model.grid().year(0)),
                                 to_string(model.grid().year(model.grid().years() - 1))));
  }
  return *index;
}

int line_index(const Model& model, const std::string& id)
{
  for (std::size_t i = 0; i < model.lines().size(); ++i) {
    if (model.lines()[i].id == id) {
      return static_cast<int>(i);
    }
  }
  throw UsageError(fmt::format("--line {}: the scenario has no such line", id));
}

// The explanations of one option's figure in one year: the budget, one line, or
// every line.
std::vector<Explanation> parts_of(const Model& model, const ExplainOptions& options, int option,
                                  int year)
{
  const Eigen::VectorXd values = model.values();
  if (options.measure == "budget") {
    return {explain_budget(model, values, year)};
  }
  if (!options.line.empty()) {
    return {explain_cost(model, values, option, line_index(model, options.line), year)};
  }
  std::vector<Explanation> parts;
  for (int line = 0; line < static_cast<int>(model.lines().size()); ++line) {
    parts.push_back(explain_cost(model, values, option, line, year));
  }
  return parts;
}

std::vector<Explanation> bridges(const std::vector<Explanation>& from,
                                 const std::vector<Explanation>& to)
{
  // Terms and lines that do not move are left out: a bridge shows what changes.
  std::vector<Explanation> result;
  for (std::size_t i = 0; i < from.size(); ++i) {
    Explanation moved = bridge(from[i], to[i]);
    std::erase_if(moved.terms, [](const Term& term) { return term.value == 0.0; });
    if (!moved.terms.empty() || from.size() == 1) {
      result.push_back(std::move(moved));
    }
  }
  return result;
}

// What is explained, e.g. "cost of placements", "cost" or "budget".
std::string figure(const ExplainOptions& options)
{
  if (options.measure == "budget") {
    return "budget";
  }
  return options.line.empty() ? "cost" : "cost of " + options.line;
}

// " of OPTION" for a cost; a budget belongs to no option.
std::string owner(const ExplainOptions& options, const ModelOption& option)
{
  return options.measure == "budget" ? "" : " of " + option.id;
}

ExplainReport explain(const Model& model, const std::string& id, const ExplainOptions& options)
{
  const int option = options.option.empty() ? 0 : option_index(model, options.option, "--option");
  const ModelOption& chosen = model.options()[option];
  ExplainReport header{id, {}, {}, chosen.id, options.year, options.measure, {}, 0.0};
  if (!options.vs.empty()) {
    const int other = option_index(model, options.vs, "--vs");
    const int year = year_index(model, options.year, "--year");
    header.option = fmt::format("{}..{}", model.options()[other].id, chosen.id);
    header.measure += "_change";
    header.heading = fmt::format("What moves the {} from {} to {} in {}", figure(options),
                                 model.options()[other].id, chosen.id, options.year);
    return explain_report(
      model, bridges(parts_of(model, options, other, year), parts_of(model, options, option, year)),
      header);
  }
  if (!options.from.empty()) {
    const int from = year_index(model, options.from, "--from");
    const int to = year_index(model, options.to, "--to");
    header.year = fmt::format("{}..{}", options.from, options.to);
    header.measure += "_change";
    header.heading = fmt::format("What moves the {}{} from {} to {}", figure(options),
                                 owner(options, chosen), options.from, options.to);
    return explain_report(
      model, bridges(parts_of(model, options, option, from), parts_of(model, options, option, to)),
      header);
  }
  header.heading = fmt::format("How the {}{} in {} is built", figure(options),
                               owner(options, chosen), options.year);
  return explain_report(
    model, parts_of(model, options, option, year_index(model, options.year, "--year")), header);
}

ExitCode run_explain(const ExplainOptions& options, RunProvenance& provenance)
{
  const bool bridge_years = !options.from.empty() || !options.to.empty();
  if (bridge_years == !options.year.empty() || options.from.empty() != options.to.empty()) {
    throw UsageError("give either --year, or --from and --to");
  }
  if (!options.vs.empty() && bridge_years) {
    throw UsageError("--vs compares two options in one --year; it does not take --from/--to");
  }
  const auto loaded = load(options.scenario, provenance);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const ExplainReport explanation = explain(*loaded->model, loaded->id, options);
  emit(&explanation, options.output, provenance);
  return ExitCode::success;
}

} // namespace

Command register_explain(CLI::App& app)
{
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* command =
    app.add_subcommand("explain", "Show how a figure is built, term by term, with its sources");
  command->footer("Example:\n  carecast explain scenarios/dcst_2022.toml --year 2022/23 "
                  "--measure budget");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  command->add_option("--year", options->year, "Financial year, e.g. 2022/23");
  command->add_option("--from", options->from, "Bridge from this financial year (with --to)");
  command->add_option("--to", options->to, "Bridge to this financial year (with --from)");
  command->add_option("--option", options->option, "Option id (default: the first option)");
  command->add_option("--vs", options->vs, "Bridge from this option to --option in --year");
  command->add_option("--line", options->line, "One cost line (default: every line)");
  command->add_option("--measure", options->measure, "What to explain")
    ->check(CLI::IsMember({"cost", "budget"}))
    ->capture_default_str();
  add_output_options(*command, options->output);
  return {command,
          [options](RunProvenance& provenance) { return run_explain(*options, provenance); }};
}

} // namespace carecast::cli
