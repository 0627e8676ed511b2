#include "carecast/draw_rules.hpp"
#include "carecast/model.hpp"
#include "carecast/non_finite.hpp"
#include "carecast/validate.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace carecast {
namespace {

// An uncertain input whose draws a scenario would not accept: a share tied to others,
// a distribution reaching outside its parameter's domain, or a truncation that keeps
// nothing.
std::optional<Diagnostic> draw_problem(const Model& model, const ModelInput& input,
                                       const std::vector<bool>& tied)
{
  const Parameter& parameter = model.parameters()[input.parameter];
  // Only for a message: a truncated distribution's description works out its mean.
  const auto what = [&] {
    return fmt::format("'uncertainty.{}', {},", input.id, describe(input.distribution));
  };
  if (tied[input.parameter]) {
    const bool entry_share = std::ranges::any_of(
      model.ladder().types, [&](const auto& type) { return type.entry_share == input.parameter; });
    return Diagnostic{
      input.pos,
      fmt::format("{} draws '{}', one of shares that must add up to 1, so a draw cannot move "
                  "it alone{}",
                  what(), parameter.path,
                  entry_share ? "; vary the mix of entries through a 'shift_entries' overlay "
                                "and give its share a distribution instead"
                              : "")};
  }
  const Limits range = draw_range(input.distribution);
  if (!within(range, parameter.domain)) {
    return Diagnostic{input.pos,
                      fmt::format("{} draws '{}' from {:g} to {:g}, but the scenario accepts "
                                  "{} for it: bound the distribution inside that, or write "
                                  "'truncate = true' to draw only there",
                                  what(), parameter.path, range.low, range.high,
                                  parameter.domain.text())};
  }
  if (!(kept_probability(input.distribution) > 0.0)) {
    return Diagnostic{input.pos,
                      fmt::format("{} has no probability where the scenario accepts '{}' ({}), "
                                  "so truncating it leaves nothing to draw",
                                  what(), parameter.path, parameter.domain.text())};
  }
  return std::nullopt;
}

ModelLoad compile(LoadResult loaded)
{
  ModelLoad result{nullptr, std::move(loaded.diagnostics), std::move(loaded.sources)};
  if (!loaded.scenario) {
    return result;
  }
  auto model = std::make_unique<Model>(*loaded.scenario);
  std::vector<std::string> paths;
  for (const Parameter& parameter : model->parameters()) {
    paths.push_back(parameter.path);
  }
  for (const UncertainInput& input : loaded.scenario->uncertainty) {
    const std::optional<int> parameter = model->find_parameter(input.parameter.id);
    if (parameter && model->parameters()[*parameter].derived) {
      result.diagnostics.push_back(
        {input.parameter.pos,
         fmt::format("'uncertainty.{}.parameter' = \"{}\" is derived from other parameters, "
                     "not an input: give the distribution to the figures it is worked out from",
                     input.id, input.parameter.id)});
    } else if (!parameter) {
      result.diagnostics.push_back(
        {input.parameter.pos,
         fmt::format("'uncertainty.{}.parameter' = \"{}\" names no parameter of the scenario "
                     "(carecast params lists them){}",
                     input.id, input.parameter.id, did_you_mean(input.parameter.id, paths))});
    }
  }
  if (!result.diagnostics.empty()) {
    return result;
  }
  const std::vector<bool> tied = tied_shares(*model);
  for (const ModelInput& input : model->inputs()) {
    if (std::optional<Diagnostic> problem = draw_problem(*model, input, tied)) {
      result.diagnostics.push_back(std::move(*problem));
    }
  }
  if (!result.diagnostics.empty()) {
    return result;
  }
  if (std::optional<Diagnostic> overflow =
        check_finite(*model, Evaluator(*model).evaluate(model->values()))) {
    result.diagnostics.push_back(std::move(*overflow));
    return result;
  }
  result.model = std::move(model);
  return result;
}

} // namespace

ModelLoad read_model(const std::filesystem::path& path)
{
  return compile(read_scenario(path));
}

ModelLoad read_model_text(std::string text, const std::string& file_name)
{
  return compile(read_scenario_text(std::move(text), file_name));
}

} // namespace carecast
