#include "carecast/params.hpp"


#include <cmath>
#include <fmt/format.h>

namespace carecast {

std::string describe(const Distribution& distribution)
{
  const auto bounds = [&] {
    std::string text;
    if (std::isfinite(distribution.low)) {
      text += fmt::format(", low {:g}", distribution.low);
    }
    if (std::isfinite(distribution.high)) {
      text += fmt::format(", high {:g}", distribution.high);
    }
    return text;
  };
  switch (distribution.kind) {
  case DistributionKind::uniform:
    return fmt::format("uniform(low {:g}, high {:g})", distribution.low, distribution.high);
  case DistributionKind::triangular:
  case DistributionKind::pert:
    return fmt::format("{}(low {:g}, mode {:g}, high {:g})",
                       distribution.kind == DistributionKind::pert ? "pert" : "triangular",
                       distribution.low, distribution.mode, distribution.high);
  case DistributionKind::normal:
    return fmt::format("normal(mean {:g}, sd {:g}{})", distribution.mean, distribution.sd,
                       bounds());
  case DistributionKind::lognormal:
    return fmt::format("lognormal(median {:g}, sigma {:g})", distribution.median,
                       distribution.sigma);
  }
  return {};
}

ParameterList parameter_list(const Model& model, const std::string& scenario)
{
  ParameterList list{scenario, {}};
  for (const Parameter& parameter : model.parameters()) {
    list.entries.push_back({parameter.path, parameter.value, parameter.unit,
                            parameter.pos.file.empty()
                              ? std::string{}
                              : fmt::format("{}:{}", parameter.pos.file, parameter.pos.line),
                            parameter.provenance.source, parameter.provenance.assumption,
                            std::string{}, parameter.derived});
  }
  for (const ModelInput& input : model.inputs()) {
    list.entries[static_cast<std::size_t>(input.parameter)].distribution =
      describe(input.distribution);
  }
  return list;
}

} // namespace carecast
