#include "carecast/model.hpp"
#include "carecast/non_finite.hpp"
#include "carecast/validate.hpp"

#include <fmt/format.h>

namespace carecast {
namespace {

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
