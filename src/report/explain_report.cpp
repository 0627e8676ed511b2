#include "carecast/explain_report.hpp"

#include <fmt/format.h>

namespace carecast {
namespace {

std::string note_of(const Provenance& provenance)
{
  if (!provenance.source.empty()) {
    return "source: " + provenance.source;
  }
  if (!provenance.assumption.empty()) {
    return "assumption: " + provenance.assumption;
  }
  return {};
}

} // namespace

ExplainReport explain_report(const Model& model, const std::vector<Explanation>& parts,
                             ExplainReport header)
{
  ExplainReport report = std::move(header);
  report.unit = model.unit();
  for (const Explanation& part : parts) {
    ExplainPart resolved{part.line, part.total, {}};
    for (const Term& term : part.terms) {
      ExplainRow row{term.label, term.value, {}, {}, {}, term.caption};
      if (term.parameter != k_none) {
        const Parameter& parameter = model.parameters()[term.parameter];
        row.key = parameter.path;
        row.location = fmt::format("{}:{}", parameter.pos.file, parameter.pos.line);
        row.note = note_of(parameter.provenance);
      }
      resolved.rows.push_back(std::move(row));
    }
    report.parts.push_back(std::move(resolved));
    report.total += part.total;
  }
  return report;
}

} // namespace carecast
