#pragma once

// Fitted figures a scenario does not accept (figure_range.hpp), as the fragment would
// write them: calibrate writes no fragment that validation would refuse. Each is
// located at the header cell of the column it was fitted to.

#include "carecast/calibrate.hpp"
#include "carecast/csv_table.hpp"

#include <vector>

namespace carecast {

// A trend's annual growth, fitted to `column` of `table`.
std::vector<Diagnostic> trend_refusals(const CsvTable& table, int column, const TrendFit& fit);

// A ladder's rates and entries, fitted to the placement types' `columns` of `table`
// and its entries.
std::vector<Diagnostic> ladder_refusals(const CsvTable& table, const std::vector<int>& columns,
                                        const LadderCalibration& ladder);

} // namespace carecast
