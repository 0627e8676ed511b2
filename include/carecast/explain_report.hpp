#pragma once

// An explanation resolved for people: each term with the key, place and source of
// the parameter behind it, ready for the writers.

#include "carecast/explain.hpp"
#include "carecast/model.hpp"

#include <optional>
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
  std::string caption;  // a short name for a chart's axis
};

// The terms of one line (or of the budget, with an empty line).
struct ExplainPart
{
  std::string line;
  double total = 0.0;
  std::vector<ExplainRow> rows;
};

// A bridge's opening or closing figure: what its movements start from, or come to.
struct ExplainEnd
{
  std::string term;    // "Cost of transfer in 2022/23"
  std::string caption; // "2022/23", or "transfer" between options
  std::string option;  // as CSV writes it: the option whose figure it is
  std::string year;
  std::string line;    // the line explained, "total" for every line, empty for the budget
  std::string measure; // "cost" or "budget"
  double value = 0.0;
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
  double total = 0.0; // the sum of the parts: a bridge's change
  // A bridge's figures before and after its movements; a figure's own explanation has
  // neither.
  std::optional<ExplainEnd> opening;
  std::optional<ExplainEnd> closing;
};

ExplainReport explain_report(const Model& model, const std::vector<Explanation>& parts,
                             ExplainReport header);

} // namespace carecast
