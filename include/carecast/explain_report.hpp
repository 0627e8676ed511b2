#pragma once

// An explanation resolved for people: each term with the key, place and source of
// the parameter behind it, ready for the writers.

#include "carecast/explain.hpp"
#include "carecast/model.hpp"

#include <string>
#include <vector>

namespace carecast {

struct ExplainRow
{
  std::string term;
  double value = 0.0;
  std::string key;      // the parameter's address, empty for a derived term
  std::string location; // FILE:LINE of the parameter
  std::string note;     // "source: ..." or "assumption: ..."
};

// The terms of one line (or of the budget, with an empty line).
struct ExplainPart
{
  std::string line;
  double total = 0.0;
  std::vector<ExplainRow> rows;
};

struct ExplainReport
{
  std::string scenario;
  std::string heading;
  std::string unit;
  std::string option; // as written in CSV: an option id, or "A..B" for a bridge
  std::string year;   // a financial year, or "FROM..TO" for a bridge
  std::string measure;
  std::vector<ExplainPart> parts;
  double total = 0.0;
};

ExplainReport explain_report(const Model& model, const std::vector<Explanation>& parts,
                             ExplainReport header);

} // namespace carecast
