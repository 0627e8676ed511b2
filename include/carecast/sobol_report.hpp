#pragma once

// Sobol' indices as a report: one option's indices per output (each year and the
// horizon), with the inputs' ids and the parameters they vary.

#include "carecast/report.hpp"
#include "carecast/sobol_analysis.hpp"

#include <string>
#include <vector>

namespace carecast {

struct SobolInput
{
  std::string id;        // the [uncertainty] entry's id
  std::string parameter; // the address of the parameter it varies
};

struct SobolReport
{
  std::string scenario;
  std::string title;
  std::string unit;
  Label option;
  std::vector<SobolInput> inputs;   // in the order of the result's dimensions
  std::vector<std::string> outputs; // each financial year, then k_all_years
  SobolAnalysis analysis;
};

SobolReport sobol_report(const Model& model, const std::string& scenario, SobolAnalysis analysis);

// The outputs (a year, or k_all_years) whose intervals are too wide to rank the inputs.
std::vector<std::string> too_wide_outputs(const SobolReport& report);

} // namespace carecast
